using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConflictSim.Analysis;

/// <summary>
/// The files a sweep leaves in its directory. Every file but runs.csv (appended as runs commit) is written to a
/// temporary name and renamed over the old one, so a reader never sees half a file.
/// </summary>
internal static class SweepOutputs
{
    public const string Runs = "runs.csv", Timeseries = "timeseries.csv", Summary = "summary.json",
        Manifest = "manifest.json", Checkpoint = "checkpoint.bin", Control = "control.csv";

    /// <summary>Quantiles reported in summary.json and timeseries.csv.</summary>
    public static readonly double[] Quantiles = [0.05, 0.25, 0.5, 0.75, 0.95];
    private static readonly string[] QuantileNames = ["p5", "p25", "p50", "p75", "p95"];

    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string RunsHeader(SweepHeader h)
    {
        var sb = new StringBuilder("run,seed,point");
        foreach (var p in h.Parameters) sb.Append(',').Append(p);
        foreach (var o in h.Outcomes) sb.Append(',').Append(o.Id);
        return sb.Append('\n').ToString();
    }

    /// <summary>The run's row into a reused buffer: no string is built per run. Empty cell = never happened.</summary>
    public static int FormatRow(RunSlot slot, string pointCells, int outcomes, char[] buffer)
    {
        var span = buffer.AsSpan();
        int n = 0;
        slot.Run.TryFormat(span, out int w, default, CultureInfo.InvariantCulture); n += w;
        span[n++] = ',';
        slot.Seed.TryFormat(span[n..], out w, default, CultureInfo.InvariantCulture); n += w;
        span[n++] = ',';
        pointCells.AsSpan().CopyTo(span[n..]); n += pointCells.Length;
        for (int i = 0; i < outcomes; i++)
        {
            span[n++] = ',';
            double v = slot.Outcomes[i];
            if (!double.IsNaN(v)) { v.TryFormat(span[n..], out w, "R", CultureInfo.InvariantCulture); n += w; }
        }
        span[n++] = '\n';
        return n;
    }

    /// <summary>"point,param1,param2…" for a point, formatted once.</summary>
    public static string PointCells(SweepHeader h, int point)
    {
        var sb = new StringBuilder(point.ToString(CultureInfo.InvariantCulture));
        foreach (var v in h.Points[point]) sb.Append(',').Append(SweepPlan.Format(v));
        return sb.ToString();
    }

    public static void WriteAll(string dir, SweepState state)
    {
        AtomicWrite(Path.Combine(dir, Summary), s => WriteSummary(state, s));
        AtomicWrite(Path.Combine(dir, Timeseries), s => WriteTimeseries(state, s));
        AtomicWrite(Path.Combine(dir, Control), s => WriteControl(state, s));
        ParquetOutputs.WriteAll(dir, state);
    }

    /// <summary>
    /// control.csv: per point and region, who held it when the runs ended (the faction id, or empty for nobody), in how
    /// many runs and as a share of them. Combinations no run ended in are left out.
    /// </summary>
    public static void WriteControl(SweepState state, Stream stream)
    {
        var h = state.Header;
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.Write("point,region,controller,runs,probability\n");
        int stride = h.Factions.Length + 1;
        for (int p = 0; p < state.Points.Length; p++)
        {
            var control = state.Points[p].Control;
            long runs = state.Points[p].Outcomes.Length > 0 ? state.Points[p].Outcomes[0].Runs : 0;
            for (int r = 0; r < h.Regions.Length; r++)
                for (int c = 0; c < stride; c++)
                {
                    long n = control[r * stride + c];
                    if (n == 0) continue;
                    string who = c == 0 ? "" : h.Factions[c - 1];
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"{p},{h.Regions[r].Id},{who},{n},{SweepPlan.Format((double)n / runs)}\n"));
                }
        }
    }

    /// <summary>Every result file goes through <see cref="OutputFile"/>: unique temporary, fsync, rename, directory fsync.</summary>
    public static void AtomicWrite(string path, Action<Stream> write) => OutputFile.Write(path, write);

    /// <summary>
    /// summary.json's format, its first key. The number after the slash changes when a key is renamed, removed or
    /// changes meaning, so a reader can refuse a file it would misread; added keys leave it alone.
    /// </summary>
    public const string SummarySchema = "conflictsim-summary/1";

    public static void WriteSummary(SweepState state, Stream stream)
    {
        var h = state.Header;
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("schema", SummarySchema);
        json.WriteString("scenario", h.Scenario);
        json.WriteString("title", h.Title);
        json.WriteString("scenario_sha256", h.ScenarioSha256);
        json.WriteNumber("seed", h.Seed);
        json.WriteNumber("runs_per_point", h.Runs);
        json.WriteBoolean("deterministic", h.Deterministic);
        json.WriteStartArray("parameters");
        foreach (var p in h.Parameters) json.WriteStringValue(p);
        json.WriteEndArray();
        json.WriteString("quantiles", $"type 1 (inverse empirical CDF); exact when an outcome takes at most {SweepState.OutcomeExactCap} distinct values at a point, otherwise DDSketch with relative error {QuantileSketch.Alpha}");
        json.WriteStartArray("points");
        for (int p = 0; p < state.Points.Length; p++)
        {
            json.WriteStartObject();
            json.WriteNumber("point", p);
            json.WriteStartObject("parameters");
            for (int i = 0; i < h.Parameters.Length; i++) json.WriteNumber(h.Parameters[i], h.Points[p][i]);
            json.WriteEndObject();
            json.WriteNumber("days", h.PointDays[p]);
            json.WriteStartObject("outcomes");
            for (int i = 0; i < h.Outcomes.Length; i++)
            {
                json.WritePropertyName(h.Outcomes[i].Id);
                WriteOutcome(json, h.Outcomes[i], state.Points[p].Outcomes[i]);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOutcome(Utf8JsonWriter json, OutcomeInfo info, OutcomeStats o)
    {
        var s = OutcomeSummary.Of(o);
        json.WriteStartObject();
        json.WriteNumber("runs", o.Runs);
        if (info.Nullable)
        {
            // For "first day X happened" outcomes the statistics below are over the runs where it did.
            json.WriteStartObject("happened");
            Proportion(json, o.Present, o.Runs);
            json.WriteEndObject();
        }
        if (info.YesNo)
        {
            json.WriteStartObject("yes");
            Proportion(json, o.Yes, o.Present);
            json.WriteEndObject();
        }
        json.WriteNumber("n", o.Present);
        Finite(json, "mean", s.Mean);
        Finite(json, "sd", s.Sd);
        json.WriteStartArray("ci95");
        if (s.Ci is { } ci) { json.WriteNumberValue(ci.Lo); json.WriteNumberValue(ci.Hi); }
        json.WriteEndArray();
        Finite(json, "min", o.Present > 0 ? o.Min : double.NaN);
        for (int q = 0; q < QuantileNames.Length; q++) Finite(json, QuantileNames[q], s.Quantiles[q]);
        Finite(json, "max", o.Present > 0 ? o.Max : double.NaN);
        json.WriteBoolean("exact_quantiles", o.Sketch.IsExact);
        json.WriteEndObject();
    }

    private static void Proportion(Utf8JsonWriter json, long k, long n)
    {
        json.WriteNumber("count", k);
        Finite(json, "probability", n > 0 ? (double)k / n : double.NaN);
        var (lo, hi) = Stats.Wilson(k, n);
        json.WriteStartArray("wilson95");
        json.WriteNumberValue(lo);
        json.WriteNumberValue(hi);
        json.WriteEndArray();
    }

    /// <summary>A number, or null where it is NaN or infinite (JSON has neither): how every analysis file writes one.</summary>
    internal static void Finite(Utf8JsonWriter json, string name, double v)
    {
        if (double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    public static void WriteTimeseries(SweepState state, Stream stream)
    {
        var h = state.Header;
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.Write("point,day,date,faction,metric,p5,p25,p50,p75,p95\n");
        // Sensitivity designs keep no per-day metrics (see SweepHeader.Series): the header alone says the columns.
        if (!h.Series) return;
        var sb = new StringBuilder();
        for (int p = 0; p < state.Points.Length; p++)
        {
            var series = state.Points[p].Series;
            for (int day = 0; day <= h.PointDays[p]; day++)
            {
                string date = h.Start.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                for (int m = 0; m < h.Metrics; m++)
                {
                    var q = series[day * h.Metrics + m].Quantiles(Quantiles);
                    sb.Clear();
                    sb.Append(CultureInfo.InvariantCulture, $"{p},{day},{date},{h.Factions[m / 2]},{(m % 2 == 0 ? "fighters" : "regions_held")}");
                    foreach (var v in q) sb.Append(',').Append(SweepPlan.Format(v));
                    sb.Append('\n');
                    w.Write(sb);
                }
            }
        }
    }

    /// <summary><paramref name="tool"/> and <paramref name="version"/> name the program that ran the sweep.</summary>
    public static void WriteManifest(string dir, SweepHeader h, string tool, string version, string file, string[] argv,
        DateTimeOffset started, DateTimeOffset? ended, string status, long completed, int threads)
    {
        AtomicWrite(Path.Combine(dir, Manifest), stream =>
        {
            using var json = new Utf8JsonWriter(stream, JsonOptions);
            json.WriteStartObject();
            json.WriteString("tool", tool);
            json.WriteString("version", version);
            json.WriteString("scenario_file", file);
            json.WriteString("scenario_sha256", h.ScenarioSha256);
            json.WriteString("scenario", h.Scenario);
            json.WriteNumber("seed", h.Seed);
            json.WriteNumber("runs_per_point", h.Runs);
            json.WriteNumber("points", h.Points.Length);
            json.WriteString("shard", $"{h.Shard}/{h.Shards}");
            json.WriteNumber("threads", threads);
            json.WriteStartArray("argv");
            foreach (var a in argv) json.WriteStringValue(a);
            json.WriteEndArray();
            json.WriteString("started", started.ToString("O", CultureInfo.InvariantCulture));
            if (ended is { } e) json.WriteString("ended", e.ToString("O", CultureInfo.InvariantCulture));
            else json.WriteNull("ended");
            json.WriteString("status", status);
            json.WriteNumber("runs_planned", h.PlannedRuns);
            json.WriteNumber("runs_completed", completed);
            json.WriteEndObject();
        });
    }
}

/// <summary>
/// The headline statistics of one outcome over a set of runs: what summary.json, the sweep's table and a
/// forecast report.
/// </summary>
/// <param name="N">Runs counted.</param>
/// <param name="Present">Runs where the outcome has a value (a first-day outcome that happened).</param>
/// <param name="Mean">Mean over the present values; NaN when there are none.</param>
/// <param name="Sd">Sample standard deviation (n − 1); NaN below two values.</param>
/// <param name="Ci">Student t 95% interval of the mean; null below two values.</param>
/// <param name="Quantiles">p5, p25, p50, p75 and p95 (type 1), as <see cref="SweepOutputs"/> reports them.</param>
public sealed record OutcomeSummary(long N, long Present, double Mean, double Sd, (double Lo, double Hi)? Ci, double[] Quantiles)
{
    internal static OutcomeSummary Of(OutcomeStats o)
    {
        double mean = o.Present > 0 ? o.Sum.Value / o.Present : double.NaN;
        double sd = o.Present > 1 ? Math.Sqrt(ExactSum.CentredSquares(o.Present, o.Sum, o.Squares) / ((double)o.Present * (o.Present - 1))) : double.NaN;
        return new OutcomeSummary(o.Runs, o.Present, mean, sd, Stats.MeanInterval(mean, sd, o.Present), o.Sketch.Quantiles(SweepOutputs.Quantiles));
    }
}
