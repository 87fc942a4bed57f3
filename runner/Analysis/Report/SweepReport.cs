using System.Globalization;
using System.Text.Json;
using ConflictSim.Analysis.Assets;
using ConflictSim.Analysis.Maps;
using ConflictSim.Analysis.Sensitivity;

namespace ConflictSim.Analysis.Report;

/// <summary>
/// The data of a sweep's report, read from the sweep's aggregated state (checkpoint.bin: exact sums, counted
/// sketches, end-of-run control counts) and its manifest, never from runs.csv: the report of 10⁶ runs costs what
/// the report of 10³ does. Distributions are drawn from the quantile sketches (exact up to 4,096 distinct values per
/// point, 0.5% relative error beyond), pooled by merging the points' sketches.
/// </summary>
internal static class SweepReport
{
    /// <summary>Points whose ECDFs or probabilities are drawn one by one; beyond it, pooled over the points.</summary>
    public const int PerPointCurves = 6;
    /// <summary>Points whose fan charts are drawn.</summary>
    public const int FanPoints = 4;

    private static readonly double[] Percentiles = Enumerable.Range(0, 101).Select(q => q / 100.0).ToArray();

    public static void WriteData(Utf8JsonWriter json, string dir, SweepState state, JsonElement? manifest, IReadOnlyList<string> discoveries, JsonElement? check = null)
    {
        var h = state.Header;
        json.WriteStartObject();
        json.WriteString("kind", "sweep");
        json.WriteString("title", h.Title);
        json.WriteString("scenario", h.Scenario);
        WriteManifest(json, h, state, manifest);
        json.WriteStartArray("parameters");
        foreach (var p in h.Parameters) json.WriteStringValue(p);
        json.WriteEndArray();
        json.WriteStartArray("points");
        foreach (var p in h.Points) { json.WriteStartArray(); foreach (var v in p) json.WriteNumberValue(v); json.WriteEndArray(); }
        json.WriteEndArray();
        WriteOutcomes(json, state);
        WriteFans(json, state);
        WriteMap(json, state);
        if (h.Design is not null && h.Shards == 1) WriteSensitivity(json, state);
        json.WriteStartArray("discovery");
        foreach (var d in discoveries)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(d));
            doc.RootElement.WriteTo(json);
        }
        json.WriteEndArray();
        if (check is { } c) CheckSection.Write(json, c);
        json.WriteEndObject();
    }

    private static void WriteManifest(Utf8JsonWriter json, SweepHeader h, SweepState state, JsonElement? manifest)
    {
        string? Get(string key) => manifest is { } m && m.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        json.WriteStartArray("manifest");
        void Row(string key, string value) { json.WriteStartArray(); json.WriteStringValue(key); json.WriteStringValue(value); json.WriteEndArray(); }
        Row("Scenario", $"{h.Title} ({h.Scenario})");
        if (Get("scenario_file") is { } file) Row("Scenario file", file);
        Row("Scenario SHA-256", h.ScenarioSha256);
        Row("Tool", $"{Get("tool") ?? "conflictsim"} {Get("version") ?? ""}".Trim());
        Row("Seeds", $"master seed {h.Seed}; run i uses DeriveSeed({h.Seed}, i, \"sweep-run\"), the same at every point (common random numbers)");
        Row("Runs", $"{state.Committed:N0} ({h.Points.Length:N0} parameter point{(h.Points.Length == 1 ? "" : "s")} × {h.RunsInShard(0):N0} runs{(h.Shards > 1 ? $", shard {h.Shard}/{h.Shards}" : "")})");
        string design = h.Design?.Describe()
            ?? string.Join(" ", h.Varies.Select(v => $"--vary {v}").Concat(h.Lhs.Select(l => $"--lhs {l}")).Concat(h.Samples is { } s ? [$"--samples {s}"] : []));
        Row("Parameter points", design.Length > 0 ? design : "one point: the scenario as written");
        if (h.Sets.Length > 0) Row("Set for every point", string.Join(" ", h.Sets.Select(s => $"--set {s}")));
        if (h.Days is { } days) Row("Days", days.ToString(CultureInfo.InvariantCulture));
        if (h.Deterministic) Row("Mode", "--deterministic (expected values)");
        if (DateTimeOffset.TryParse(Get("started"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            && DateTimeOffset.TryParse(Get("ended"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var ended))
        {
            double wall = (ended - started).TotalSeconds;
            Row("Wall time", $"{wall.ToString("0.0", CultureInfo.InvariantCulture)} s, {(wall > 0 ? (state.Committed / wall).ToString("N0", CultureInfo.InvariantCulture) : "—")} runs/s"
                + (Get("scenario_file") is { } f && f.StartsWith("merged", StringComparison.Ordinal) ? " (the merge itself; the shards ran separately)" : ""));
            Row("Started", started.ToString("u", CultureInfo.InvariantCulture));
        }
        if (Get("status") is { } status) Row("Status", status);
        json.WriteEndArray();
    }

    private static void WriteOutcomes(Utf8JsonWriter json, SweepState state)
    {
        var h = state.Header;
        json.WriteStartArray("outcomes");
        for (int o = 0; o < h.Outcomes.Length; o++)
        {
            var info = h.Outcomes[o];
            var pooled = new OutcomeStats();
            foreach (var p in state.Points) pooled.Merge(p.Outcomes[o]);
            json.WriteStartObject();
            json.WriteString("id", info.Id);
            json.WriteBoolean("yes_no", info.YesNo);
            json.WriteBoolean("nullable", info.Nullable);
            json.WriteStartObject("pooled");
            WriteStats(json, info, pooled);
            json.WriteEndObject();
            json.WriteStartArray("per_point");
            for (int p = 0; p < state.Points.Length; p++)
            {
                json.WriteStartObject();
                WriteStats(json, info, state.Points[p].Outcomes[o], curve: state.Points.Length <= PerPointCurves);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStats(Utf8JsonWriter json, OutcomeInfo info, OutcomeStats o, bool curve = true)
    {
        var s = OutcomeSummary.Of(o);
        json.WriteNumber("runs", o.Runs);
        json.WriteNumber("n", o.Present);
        SweepOutputs.Finite(json, "mean", s.Mean);
        if (info.YesNo)
        {
            var (lo, hi) = Stats.Wilson(o.Yes, o.Present);
            SweepOutputs.Finite(json, "lo", o.Present > 0 ? lo : double.NaN);
            SweepOutputs.Finite(json, "hi", o.Present > 0 ? hi : double.NaN);
        }
        else
        {
            SweepOutputs.Finite(json, "lo", s.Ci?.Lo ?? double.NaN);
            SweepOutputs.Finite(json, "hi", s.Ci?.Hi ?? double.NaN);
        }
        if (info.Nullable)
        {
            var (lo, hi) = Stats.Wilson(o.Present, o.Runs);
            SweepOutputs.Finite(json, "happened", o.Runs > 0 ? (double)o.Present / o.Runs : double.NaN);
            SweepOutputs.Finite(json, "happened_lo", lo);
            SweepOutputs.Finite(json, "happened_hi", hi);
        }
        json.WriteBoolean("exact", o.Sketch.IsExact);
        if (curve && !info.YesNo && o.Present > 0)
        {
            json.WriteStartArray("percentiles");
            foreach (var v in o.Sketch.Quantiles(Percentiles)) json.WriteNumberValue(double.IsFinite(v) ? v : 0);
            json.WriteEndArray();
        }
    }

    private static void WriteFans(Utf8JsonWriter json, SweepState state)
    {
        var h = state.Header;
        json.WriteStartObject("fans");
        json.WriteBoolean("kept", h.Series);
        int shown = Math.Min(FanPoints, h.Points.Length);
        json.WriteNumber("shown", h.Series ? shown : 0);
        json.WriteNumber("of", h.Points.Length);
        if (h.Series)
        {
            int days = h.PointDays.Take(shown).Min();
            json.WriteStartArray("dates");
            for (int d = 0; d <= days; d++) json.WriteStringValue(h.Start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteEndArray();
            json.WriteStartArray("series");
            for (int m = 0; m < h.Metrics; m++)
            {
                // A faction that never has a fighter at any shown point (a splinter that never split) gets no chart.
                var bands = new List<double[][]>();
                bool any = false;
                for (int p = 0; p < shown; p++)
                {
                    var q = new double[5][];
                    for (int k = 0; k < 5; k++) q[k] = new double[days + 1];
                    for (int d = 0; d <= days; d++)
                    {
                        var v = state.Points[p].Series[d * h.Metrics + m].Quantiles(SweepOutputs.Quantiles);
                        for (int k = 0; k < 5; k++) { q[k][d] = double.IsFinite(v[k]) ? v[k] : 0; any |= q[k][d] != 0; }
                    }
                    bands.Add(q);
                }
                if (!any) continue;
                json.WriteStartObject();
                json.WriteString("faction", h.Factions[m / 2]);
                json.WriteString("metric", m % 2 == 0 ? "fighters" : "regions held");
                json.WriteStartArray("points");
                foreach (var q in bands)
                {
                    json.WriteStartArray();
                    foreach (var series in q) { json.WriteStartArray(); foreach (var v in series) json.WriteNumberValue(v); json.WriteEndArray(); }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, SweepState state)
    {
        var h = state.Header;
        json.WriteStartObject("map");
        var projection = MapProjection.Libya(800);
        var outline = MapOutline.Libya;
        json.WriteNumber("width", projection.Width);
        json.WriteNumber("height", projection.Height);
        json.WriteString("country", MapOutline.SvgPath(outline.Country, projection));
        json.WriteStartArray("neighbours");
        foreach (var n in outline.Neighbours.Values) json.WriteStringValue(MapOutline.SvgPath(n, projection));
        json.WriteEndArray();
        json.WriteString("attribution", BundledAssets.MapAttribution);
        json.WriteNumber("points", h.Points.Length);
        json.WriteStartArray("regions");
        foreach (var r in h.Regions)
        {
            json.WriteStartObject();
            json.WriteString("id", r.Id);
            json.WriteString("name", r.Name);
            json.WriteNumber("x", Math.Round(projection.X(r.Lon), 1));
            json.WriteNumber("y", Math.Round(projection.Y(r.Lat), 1));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        int stride = h.Factions.Length + 1;
        var totals = new long[h.ControlCells];
        long runs = 0;
        foreach (var p in state.Points)
        {
            for (int i = 0; i < totals.Length; i++) totals[i] += p.Control[i];
            runs += p.Outcomes.Length > 0 ? p.Outcomes[0].Runs : 0;
        }
        json.WriteStartArray("panels");
        for (int c = 0; c < stride; c++)
        {
            bool any = false;
            for (int r = 0; r < h.Regions.Length; r++) any |= totals[r * stride + c] > 0;
            if (!any) continue;
            json.WriteStartObject();
            json.WriteString("faction", c == 0 ? "nobody" : h.Factions[c - 1]);
            json.WriteStartArray("probability");
            for (int r = 0; r < h.Regions.Length; r++) json.WriteNumberValue(runs > 0 ? Math.Round((double)totals[r * stride + c] / runs, 4) : 0);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSensitivity(Utf8JsonWriter json, SweepState state)
    {
        var results = SweepSensitivity.Of(state, out var problem);
        json.WriteStartObject("sensitivity");
        var design = state.Header.Design!;
        json.WriteString("method", design.Method);
        json.WriteString("design", design.Describe());
        json.WriteNumber("runs", state.Header.Runs);
        json.WriteNumber("size", design.Size);
        if (results is null) json.WriteString("problem", problem);
        else SweepSensitivity.WriteOutcomes(json, results);
        json.WriteEndObject();
    }

}
