using System.Globalization;
using System.Text.Json;
using ConflictSim.Analysis.Validation;

namespace ConflictSim.Analysis.Report;

/// <summary>
/// The "Validation against history" part of a report: the check.json that <c>conflictsim check --out DIR</c> wrote,
/// passed to the page as it is (the page draws the table, the interval chart and the PIT histogram from it), either
/// as a page of its own or inside the report of the sweep or comparison in the same directory.
/// </summary>
internal static class CheckSection
{
    public const string FileName = "check.json";

    /// <summary>DIR/check.json if there is one: null and no problem when absent; the problem in one line when it is not check's JSON.</summary>
    public static JsonElement? Read(string dir, out string? problem)
    {
        problem = null;
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) return null;
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone(); }
        catch (JsonException e) { problem = $"'{path}' is not JSON: {e.Message}"; return null; }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String
            || schema.GetString() != CheckReport.Schema || !root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
        {
            problem = $"'{path}' is not the output of 'check --out' (expected schema \"{CheckReport.Schema}\" with a targets list)";
            return null;
        }
        return root;
    }

    /// <summary>The page's title for a directory that holds only a check.</summary>
    public static string Title(JsonElement check) =>
        $"{(check.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : Text(check, "scenario"))}: validation against history";

    /// <summary>The "check" property of a report's data.</summary>
    public static void Write(Utf8JsonWriter json, JsonElement check)
    {
        json.WritePropertyName("check");
        check.WriteTo(json);
    }

    /// <summary>The data of a page that is a check alone: its manifest and the check.</summary>
    public static void WriteData(Utf8JsonWriter json, string title, JsonElement check)
    {
        json.WriteStartObject();
        json.WriteString("kind", "check");
        json.WriteString("title", title);
        json.WriteStartArray("manifest");
        void Row(string k, string v) { json.WriteStartArray(); json.WriteStringValue(k); json.WriteStringValue(v); json.WriteEndArray(); }
        Row("Scenario", $"{Text(check, "title")} ({Text(check, "scenario")})".Replace(" ()", "", StringComparison.Ordinal));
        Row("Scenario file", Text(check, "file"));
        Row("Runs", Text(check, "runs"));
        Row("Seeds", $"master seed {Text(check, "seed")}; run i uses DeriveSeed({Text(check, "seed")}, i, \"sweep-run\"), as a sweep's run i");
        Row("Information", Text(check, "information"));
        if (check.TryGetProperty("start", out _))
            Row("Period", $"{Text(check, "start")}, {Text(check, "days")} days");
        json.WriteEndArray();
        Write(json, check);
        json.WriteEndObject();
    }

    private static string Text(JsonElement e, string key) => !e.TryGetProperty(key, out var v) ? "" : v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.TryGetInt64(out long l) ? l.ToString(CultureInfo.InvariantCulture) : v.GetRawText(),
        _ => v.GetRawText(),
    };
}
