using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConflictSim.Analysis.Assets;

namespace ConflictSim.Analysis.Report;

/// <summary>
/// `conflictsim report`'s page: one self-contained HTML file — plotly.js (<see cref="BundledAssets.PlotlyJs"/>), the
/// report's data as JSON and the script that draws it, all inline — that opens from file:// with no network. Charts
/// are plotly's: hover shows values, the mode bar saves PNG, and an added button saves SVG.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page's default name inside the directory.</summary>
    public const string DefaultName = "report.html";

    private static readonly Lazy<string> script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ConflictSim.Analysis.Report.report.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Writes the report of <paramref name="dir"/> (a sweep, a merged sweep, a compare or a check directory) to
    /// <paramref name="output"/>, atomically. A check.json beside a sweep or comparison adds its "Validation against
    /// history" section to their page. Returns null, or the problem in one line (not a sweep, unfinished, damaged)
    /// with nothing written.
    /// </summary>
    public static string? Write(string dir, string output)
    {
        string checkpoint = Path.Combine(dir, SweepOutputs.Checkpoint), compare = Path.Combine(dir, "compare.json");
        if (!Directory.Exists(dir)) return $"'{dir}' is not a directory; expected a sweep, compare or check output directory";
        var check = CheckSection.Read(dir, out var checkProblem);
        if (checkProblem is not null) return checkProblem;
        string title;
        Action<Utf8JsonWriter> data;
        if (File.Exists(checkpoint))
        {
            if (SweepState.Read(checkpoint, out var problem) is not { } state) return $"'{checkpoint}' {problem}";
            if (!state.Complete)
                return $"'{dir}' is unfinished ({state.Committed} of {state.Header.PlannedRuns} runs); finish it with 'sweep … --resume' first";
            JsonElement? manifest = null;
            string manifestPath = Path.Combine(dir, SweepOutputs.Manifest);
            if (File.Exists(manifestPath))
            {
                try { manifest = JsonDocument.Parse(File.ReadAllText(manifestPath)).RootElement.Clone(); }
                catch (JsonException e) { return $"'{manifestPath}' is not JSON: {e.Message}"; }
            }
            var discoveries = Directory.GetFiles(dir, "discover-*.json").Order(StringComparer.Ordinal).ToList();
            title = state.Header.Title;
            data = json => SweepReport.WriteData(json, dir, state, manifest, discoveries, check);
        }
        else if (File.Exists(compare))
        {
            JsonElement root;
            try { root = JsonDocument.Parse(File.ReadAllText(compare)).RootElement.Clone(); }
            catch (JsonException e) { return $"'{compare}' is not JSON: {e.Message}"; }
            if (!root.TryGetProperty("outcomes", out _) || !root.TryGetProperty("a", out _))
                return $"'{compare}' is not the output of 'compare --out'";
            title = root.TryGetProperty("title", out var t) ? $"{t.GetString()}: comparison" : "Comparison";
            data = json => CompareData(json, title, root, check);
        }
        else if (check is { } alone)
        {
            title = CheckSection.Title(alone);
            data = json => CheckSection.WriteData(json, title, alone);
        }
        else return $"'{dir}' holds no sweep, comparison or check ({SweepOutputs.Checkpoint}, compare.json and {CheckSection.FileName} missing); expected the --out directory of 'sweep', 'merge', 'compare' or 'check'";

        SweepOutputs.AtomicWrite(output, stream => Page(stream, title, data));
        return null;
    }

    private static void CompareData(Utf8JsonWriter json, string title, JsonElement c, JsonElement? check)
    {
        string S(string key) => c.TryGetProperty(key, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText() : "";
        json.WriteStartObject();
        json.WriteString("kind", "compare");
        json.WriteString("title", title);
        json.WriteStartArray("manifest");
        void Row(string k, string v) { json.WriteStartArray(); json.WriteStringValue(k); json.WriteStringValue(v); json.WriteEndArray(); }
        Row("Scenario", S("scenario"));
        Row("Arm A", S("a"));
        Row("Arm B", S("b"));
        if (S("scenario_a_sha256") is { Length: > 0 } ha) Row("SHA-256 (A, B)", $"{ha}, {S("scenario_b_sha256")}");
        if (S("tool") is { Length: > 0 } tool) Row("Tool", $"{tool} {S("version")}");
        Row("Seeds", $"master seed {S("seed")}; run i uses the same seed in both arms (common random numbers)");
        Row("Runs", $"{S("runs")} per arm, 2 arms (parameter points)");
        if (c.TryGetProperty("wall_seconds", out var wall) && wall.TryGetDouble(out double w) && c.TryGetProperty("runs", out var r) && r.TryGetInt64(out long runs))
            Row("Wall time", $"{w.ToString("0.0", CultureInfo.InvariantCulture)} s, {(w > 0 ? (2 * runs / w).ToString("N0", CultureInfo.InvariantCulture) : "—")} runs/s");
        json.WriteEndArray();
        json.WritePropertyName("compare");
        c.WriteTo(json);
        if (check is { } k) CheckSection.Write(json, k);
        json.WriteEndObject();
    }

    private static void Page(Stream stream, string title, Action<Utf8JsonWriter> data)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Nothing may leave the page: the report works, and must be seen to work, without a network.
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n");
        w.Write($"<title>{HtmlEncoder.Default.Encode(title)}</title>\n<style>\n{Css}</style>\n");
        w.Write($"<script>/* plotly.js {BundledAssets.PlotlyVersion}, MIT licence */\n");
        w.Write(BundledAssets.PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));
        w.Write("\n</script>\n</head>\n<body>\n");
        w.Write($"<header><h1>{HtmlEncoder.Default.Encode(title)}</h1><p class=\"note\">ConflictSim report. Charts: hover for values; the camera buttons save PNG or SVG.</p></header>\n");
        w.Write("<main id=\"main\"></main>\n<script type=\"application/json\" id=\"report-data\">");
        w.Flush();
        // JavaScriptEncoder.Default escapes <, > and &, so no "</script>" can close the block early.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
            data(json);
        w.Write("</script>\n<script>\n");
        w.Write(script.Value);
        w.Write("</script>\n</body>\n</html>\n");
    }

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fff; }
        header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
        h1 { font-size: 22px; margin: 20px 0 4px; }
        h2 { font-size: 18px; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
        h3 { font-size: 15px; margin: 18px 0 4px; font-family: ui-monospace, monospace; }
        .note { color: #555; font-size: 13px; max-width: 1100px; }
        .flag { color: #a40000; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; }
        .grid { display: flex; flex-wrap: wrap; gap: 8px; }
        .chart { width: 420px; min-height: 300px; border: 1px solid #eee; }
        .chart.wide { width: 100%; }
        .outcome { margin-bottom: 12px; }
        tr.fitted td { color: #777; font-style: italic; }
        td.outside { color: #a40000; font-weight: 600; }
        td.cite { max-width: 420px; font-size: 12px; color: #444; }
        .coverage { font-size: 15px; }

        """;
}
