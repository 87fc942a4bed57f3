using ConflictSim.Analysis.Sensitivity;
using ConflictSim.Phases;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConflictSim.Analysis;

/// <summary>An outcome as the statistics need it: whether it can be missing, and whether it is yes/no.</summary>
internal sealed record OutcomeInfo(string Id, bool Nullable, bool YesNo)
{
    /// <summary>Whole numbers by construction (days, counts, yes/no): stored as integers in runs.parquet.</summary>
    public bool Integer { get; init; }

    /// <summary>From a compiled outcome: camp outcomes and other generated ones included.</summary>
    public static OutcomeInfo Of(Outcome o) => new(o.Id, IsNullable(o), IsYesNo(o.Kind)) { Integer = IsInteger(o) };

    /// <summary>
    /// Kinds whose value is a day number, a count of days or blocs, or 0/1. Ledger kinds (killed, …) are not listed:
    /// --deterministic makes them expected, fractional values.
    /// </summary>
    public static bool IsInteger(Outcome o) => o.FirstDay || o.Kind is OutcomeKind.Holds or OutcomeKind.SameBloc
        or OutcomeKind.CampFragmented or OutcomeKind.CampBlocs or OutcomeKind.DaysNotHeld or OutcomeKind.CampInfightingDays
        or OutcomeKind.Attacks;

    /// <summary>First-day outcomes, and ledger outcomes frozen at one, are null in runs where the day never came.</summary>
    public static bool IsNullable(Outcome o) => o.FirstDay || o.At >= 0;

    /// <summary>Outcomes that are 1 or 0: reported as a probability with its Wilson interval.</summary>
    public static bool IsYesNo(OutcomeKind kind) => kind is OutcomeKind.Holds or OutcomeKind.SameBloc or OutcomeKind.CampFragmented;
}

/// <summary>
/// What a sweep is, independent of how far it got: enough to resume it, to refuse resuming a different one, and
/// to write every output of a merge without the scenario file.
/// </summary>
internal sealed record SweepHeader
{
    public required string Scenario { get; init; }
    public required string Title { get; init; }
    public required string ScenarioSha256 { get; init; }
    public required DateOnly Start { get; init; }
    public required ulong Seed { get; init; }
    public required int Runs { get; init; }
    public required int? Days { get; init; }
    public required bool Deterministic { get; init; }
    public required string[] Parameters { get; init; }
    public required double[][] Points { get; init; }
    /// <summary>Days simulated at each point (a point may override the scenario's length).</summary>
    public required int[] PointDays { get; init; }
    public required OutcomeInfo[] Outcomes { get; init; }
    public required string[] Factions { get; init; }
    /// <summary>1-based shard number and shard count; 1/1 for a whole sweep.</summary>
    public required int Shard { get; init; }
    public required int Shards { get; init; }
    /// <summary>The --set, --vary and --lhs arguments as given, and --samples: what a resume must repeat exactly.</summary>
    public string[] Sets { get; init; } = [];
    public string[] Varies { get; init; } = [];
    public string[] Lhs { get; init; } = [];
    public int? Samples { get; init; }
    /// <summary>The sensitivity design the points come from (--morris or --sobol), or null.</summary>
    public DesignInfo? Design { get; init; }
    /// <summary>
    /// Per-day metrics are kept. Off for sensitivity designs and, unless --series on, for sweeps of more than
    /// <see cref="SeriesPointsMax"/> points: each point holds a sketch per (day, metric), about 0.8 MB a point for
    /// sirte-2016 in memory and in every checkpoint (2,000 points: 1.6 GB, a 143 MB checkpoint every 2 s).
    /// </summary>
    public bool Series { get; init; } = true;

    /// <summary>Most parameter points whose per-day metrics are kept by default (--series auto).</summary>
    public const int SeriesPointsMax = 100;
    /// <summary>Region ids, names and coordinates in the scenario's order: what the control map places.</summary>
    public RegionInfo[] Regions { get; init; } = [];

    [JsonIgnore] public int Metrics => Factions.Length * 2;

    /// <summary>Metrics actually kept per day: none when <see cref="Series"/> is off.</summary>
    [JsonIgnore] public int KeptMetrics => Series ? Metrics : 0;

    /// <summary>Cells of the end-of-run control counts at a point: per region, nobody then each faction.</summary>
    [JsonIgnore] public int ControlCells => Regions.Length * (Factions.Length + 1);

    /// <summary>The header of a sweep of <paramref name="plan"/>; a null seed or days means the scenario's own.</summary>
    public static SweepHeader Of(SweepPlan plan, int runs, ulong? seed, int? days, bool deterministic, int shard, int shards, bool? series = null) => new()
    {
        Design = plan.Design,
        Series = plan.Design is null && (series ?? plan.Points.Length <= SeriesPointsMax),
        Regions = plan.Points[0].Scenario.Spec.Regions.Select(r => new RegionInfo(r.Id, r.Name, r.Lat, r.Lon)).ToArray(),
        Sets = plan.Sets,
        Varies = plan.Varies,
        Lhs = plan.Lhs,
        Samples = plan.Samples,
        Scenario = plan.BaseSpec.Id,
        Title = plan.BaseSpec.Title,
        ScenarioSha256 = plan.Sha256,
        Start = plan.BaseSpec.Start,
        Seed = seed ?? plan.BaseSpec.Seed,
        Runs = runs,
        Days = days,
        Deterministic = deterministic,
        Parameters = plan.Parameters,
        Points = plan.Points.Select(p => p.Values).ToArray(),
        PointDays = plan.Points.Select(p => days ?? p.Scenario.Spec.Days).ToArray(),
        Outcomes = plan.Points[0].Scenario.Outcomes.Select(OutcomeInfo.Of).ToArray(),
        Factions = [.. plan.Points[0].Scenario.FactionIds],
        Shard = shard,
        Shards = shards,
    };

    /// <summary>
    /// Sequence number → (point, run): point-major, and within a point this shard's runs in order. Point-major is
    /// what lets a worker drop a point's simulation once it has moved on (see <see cref="RunPipeline"/>).
    /// </summary>
    public (int Point, int Run) RunAt(long seq)
    {
        long perPoint = RunsInShard(0);
        return ((int)(seq / perPoint), (int)(Shard - 1 + seq % perPoint * Shards));
    }

    /// <summary>Runs this shard does at each point: the run indices i with i mod Shards = Shard − 1.</summary>
    public long RunsInShard(int point) => Runs / Shards + (Shard - 1 < Runs % Shards ? 1 : 0);

    public long PlannedRuns => Points.Length * RunsInShard(0);

    /// <summary>
    /// The first argument in which <paramref name="now"/> differs from this saved header, with both values as the
    /// user would type them; null when the two are the same sweep.
    /// </summary>
    public (string Argument, string Saved, string Now)? FirstDifference(SweepHeader now)
    {
        static string List(string[] a) => a.Length == 0 ? "(none)" : string.Join(" ", a);
        static string DaysText(int? d) => d is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(the scenario's)";
        var pairs = new (string, string, string)[]
        {
            ("the scenario file (SHA-256)", ScenarioSha256, now.ScenarioSha256),
            ("--set", List(Sets), List(now.Sets)),
            ("--vary", List(Varies), List(now.Varies)),
            ("--lhs", List(Lhs), List(now.Lhs)),
            ("--morris/--sobol", Design?.Describe() ?? "(none)", now.Design?.Describe() ?? "(none)"),
            ("--samples", Samples?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)",
                now.Samples?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"),
            ("--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), now.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("--runs", Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), now.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("--days", DaysText(Days), DaysText(now.Days)),
            ("--deterministic", Deterministic ? "on" : "off", now.Deterministic ? "on" : "off"),
            ("--shard", $"{Shard}/{Shards}", $"{now.Shard}/{now.Shards}"),
            ("--series", Series ? "on" : "off", now.Series ? "on" : "off"),
        };
        foreach (var (argument, saved, current) in pairs)
            if (saved != current) return (argument, saved, current);
        // Same arguments, different plan: the scenario's outcomes or points resolved differently (another version).
        return ToJson() == now.ToJson() ? null : ("the sweep's plan (points, outcomes or factions)", "as saved", "as computed now");
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static SweepHeader FromJson(string json) => JsonSerializer.Deserialize<SweepHeader>(json, JsonOptions)!;

    /// <summary>The identity two shards of one sweep share: everything but the shard number.</summary>
    public string Identity() => (this with { Shard = 1, Shards = 1 }).ToJson();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>A region as the control map needs it: id, display name, coordinates from the scenario.</summary>
internal sealed record RegionInfo(string Id, string Name, double Lat, double Lon);

/// <summary>Streaming statistics of one outcome at one point; every part merges exactly and in any order.</summary>
internal sealed class OutcomeStats
{
    public long Runs;
    /// <summary>Runs where the outcome has a value (a first-day outcome that happened).</summary>
    public long Present;
    public long Yes;
    public double Min = double.PositiveInfinity, Max = double.NegativeInfinity;
    public readonly ExactSum Sum = new(), Squares = new();
    public readonly QuantileSketch Sketch = new(SweepState.OutcomeExactCap);

    public void Add(double v)
    {
        Runs++;
        if (double.IsNaN(v)) return;
        Present++;
        if (v == 1) Yes++;
        if (v < Min) Min = v;
        if (v > Max) Max = v;
        Sum.Add(v);
        Squares.AddProduct(v, v);
        Sketch.Add(v);
    }

    public void Merge(OutcomeStats o)
    {
        Runs += o.Runs; Present += o.Present; Yes += o.Yes;
        Min = Math.Min(Min, o.Min); Max = Math.Max(Max, o.Max);
        Sum.Add(o.Sum); Squares.Add(o.Squares); Sketch.Merge(o.Sketch);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Runs); w.Write(Present); w.Write(Yes); w.Write(Min); w.Write(Max);
        Sum.Write(w); Squares.Write(w); Sketch.Write(w);
    }

    public void Read(BinaryReader r)
    {
        Runs = r.ReadInt64(); Present = r.ReadInt64(); Yes = r.ReadInt64(); Min = r.ReadDouble(); Max = r.ReadDouble();
        Sum.Read(r); Squares.Read(r); Sketch.Read(r);
    }
}

/// <summary>Everything the aggregator knows at one point: outcome statistics and a sketch per (day, metric).</summary>
internal sealed class PointStats
{
    public readonly OutcomeStats[] Outcomes;
    /// <summary>Indexed day × metrics + metric; metric 2f is faction f's fighters, 2f+1 the regions it holds.</summary>
    public readonly QuantileSketch[] Series;
    /// <summary>Runs that ended with each region held by nobody (cell region × (factions + 1)) or by faction f (cell + 1 + f).</summary>
    public readonly long[] Control;

    public PointStats(int outcomes, int days, int metrics, int controlCells = 0)
    {
        Control = new long[controlCells];
        Outcomes = new OutcomeStats[outcomes];
        for (int i = 0; i < outcomes; i++) Outcomes[i] = new OutcomeStats();
        Series = new QuantileSketch[(days + 1) * metrics];
        for (int i = 0; i < Series.Length; i++) Series[i] = new QuantileSketch(SweepState.SeriesExactCap);
    }
}

/// <summary>
/// The aggregator's state: the header, how many of this shard's runs are committed, how long runs.csv was
/// when they were, and the statistics. Saved as the checkpoint; the final one is what merge reads.
/// </summary>
internal sealed class SweepState
{
    public const int OutcomeExactCap = 4096;
    public const int SeriesExactCap = 32;
    private const string Magic = "conflictsim-sweep-state/3";

    public SweepHeader Header { get; }
    public PointStats[] Points { get; }
    public long Committed { get; set; }
    public long CsvLength { get; set; }

    public SweepState(SweepHeader header)
    {
        Header = header;
        Points = new PointStats[header.Points.Length];
        for (int p = 0; p < Points.Length; p++)
            Points[p] = new PointStats(header.Outcomes.Length, header.PointDays[p], header.KeptMetrics, header.ControlCells);
    }

    public bool Complete => Committed == Header.PlannedRuns;

    /// <summary>Adds one finished run. Allocation-free once each sketch has seen its values.</summary>
    public void Add(RunSlot slot)
    {
        var point = Points[slot.Point];
        for (int i = 0; i < point.Outcomes.Length; i++) point.Outcomes[i].Add(slot.Outcomes[i]);
        var series = point.Series;
        for (int i = 0; i < series.Length; i++) series[i].Add(slot.Series[i]);
        if (point.Control.Length > 0)
        {
            int stride = Header.Factions.Length + 1;
            var control = slot.Control;
            for (int r = 0; r < control.Length; r++) point.Control[r * stride + 1 + control[r]]++;
        }
    }

    public void Merge(SweepState other)
    {
        for (int p = 0; p < Points.Length; p++)
        {
            for (int i = 0; i < Points[p].Outcomes.Length; i++) Points[p].Outcomes[i].Merge(other.Points[p].Outcomes[i]);
            for (int i = 0; i < Points[p].Series.Length; i++) Points[p].Series[i].Merge(other.Points[p].Series[i]);
            for (int i = 0; i < Points[p].Control.Length; i++) Points[p].Control[i] += other.Points[p].Control[i];
        }
        Committed += other.Committed;
    }

    public void Write(Stream stream)
    {
        // Hashed in large chunks: the writer's many small writes would each cost a call into the hash.
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using (var buffered = new BufferedStream(new HashingStream(stream, hash), 1 << 16))
        using (var w = new BinaryWriter(buffered, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Header.ToJson());
            w.Write(Committed);
            w.Write(CsvLength);
            foreach (var point in Points)
            {
                foreach (var o in point.Outcomes) o.Write(w);
                foreach (var s in point.Series) s.Write(w);
                foreach (var c in point.Control) w.Write(c);
            }
            w.Write(Magic);
        }
        // A checksum, not just the trailer: a flipped byte in the statistics would otherwise be read as data.
        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reads a state file; null with the problem, worded to follow the file's name ("is damaged: …"), when it is
    /// not one, is damaged or cannot be read.
    /// </summary>
    public static SweepState? Read(string path, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {e.Message}";
            return null;
        }
        const int HashBytes = 32;
        if (bytes.Length < HashBytes + Magic.Length)
        {
            problem = "is damaged: it is cut short";
            return null;
        }
        var content = bytes.AsSpan(0, bytes.Length - HashBytes);
        if (!System.Security.Cryptography.SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashBytes)))
        {
            problem = OldMagics.FirstOrDefault(m => StartsWith(bytes, m)) is { } old
                ? $"was written by an older conflictsim (checkpoint format {old[^1]}); start the sweep again in a new directory"
                : StartsWith(bytes, Magic) ? "is damaged: its checksum does not match its content (changed or cut short)" : "is damaged or not a sweep state file";
            return null;
        }
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, content.Length, writable: false), System.Text.Encoding.UTF8);
            string magic = r.ReadString();
            if (OldMagics.Contains(magic))
            {
                problem = $"was written by an older conflictsim (checkpoint format {magic[^1]}); start the sweep again in a new directory";
                return null;
            }
            if (magic != Magic) { problem = "is not a sweep state file"; return null; }
            var state = new SweepState(SweepHeader.FromJson(r.ReadString()))
            {
                Committed = r.ReadInt64(),
                CsvLength = r.ReadInt64(),
            };
            foreach (var point in state.Points)
            {
                foreach (var o in point.Outcomes) o.Read(r);
                foreach (var s in point.Series) s.Read(r);
                for (int c = 0; c < point.Control.Length; c++) point.Control[c] = r.ReadInt64();
            }
            if (r.ReadString() != Magic || r.BaseStream.Position != content.Length) { problem = "is damaged: its content does not end where it should"; return null; }
            return state;
        }
        // The checksum matched, so only a file written to match it (not by a sweep) gets here.
        catch (Exception e) when (e is IOException or EndOfStreamException or JsonException or FormatException
            or ArgumentException or InvalidOperationException or NullReferenceException or OverflowException)
        {
            problem = $"is damaged: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// The header and committed count of a state file, checked against its checksum as <see cref="Read"/> does but
    /// streamed: what `discover` needs, without the per-day sketches that make a big sweep's state hundreds of MB.
    /// </summary>
    public static (SweepHeader Header, long Committed)? ReadHeader(string path, out string? problem)
    {
        problem = null;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            const int HashBytes = 32;
            if (file.Length < HashBytes + Magic.Length) { problem = "is damaged: it is cut short"; return null; }
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long left = file.Length - HashBytes;
            while (left > 0)
            {
                int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) break;
                hash.AppendData(buffer, 0, n);
                left -= n;
            }
            var stored = new byte[HashBytes];
            file.ReadExactly(stored);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
            {
                problem = "is damaged or was written by an older conflictsim: its checksum does not match its content";
                return null;
            }
            file.Position = 0;
            using var r = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
            string magic = r.ReadString();
            if (OldMagics.Contains(magic))
            {
                problem = $"was written by an older conflictsim (checkpoint format {magic[^1]}); start the sweep again in a new directory";
                return null;
            }
            if (magic != Magic) { problem = "is not a sweep state file"; return null; }
            var header = SweepHeader.FromJson(r.ReadString());
            return (header, r.ReadInt64());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or JsonException)
        {
            problem = $"cannot be read: {e.Message}";
            return null;
        }
    }

    private static readonly string[] OldMagics = ["conflictsim-sweep-state/1", "conflictsim-sweep-state/2"];

    /// <summary>BinaryWriter's string prefix is one length byte for these short magics.</summary>
    private static bool StartsWith(byte[] bytes, string magic) =>
        bytes.Length > magic.Length && bytes[0] == magic.Length && bytes.AsSpan(1, magic.Length).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(magic));

    /// <summary>A write-only pass-through that feeds every byte written to a hash.</summary>
    private sealed class HashingStream(Stream inner, System.Security.Cryptography.IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
