using System.Globalization;
using System.Text.Json;

namespace ConflictSim.Analysis.Discovery;

/// <summary>Which runs are the cases of interest: a yes/no outcome's yes, or an outcome above (or below) a threshold.</summary>
/// <param name="Threshold">Null for a yes/no outcome's yes (= 1).</param>
/// <param name="Below">Cases are values below the threshold rather than above it.</param>
public sealed record CaseRule(double? Threshold, bool Below)
{
    /// <summary>Whether one run's value is a case; a missing value (never happened) is not.</summary>
    public bool IsCase(double v) => !double.IsNaN(v) && (Threshold is not { } t ? v == 1 : Below ? v < t : v > t);

    /// <summary>The rule in words, after the outcome's name.</summary>
    public string Describe() => Threshold is not { } t ? "= 1 (yes)" : $"{(Below ? "<" : ">")} {t.ToString("R", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Scenario discovery over a finished sweep: reads runs.csv as a stream (memory grows with the parameter points,
/// not the runs), counts each point's runs and cases, runs <see cref="Prim"/> and writes the result as JSON.
/// </summary>
internal static class SweepDiscovery
{
    /// <summary>Points drawn in the report's pairs scatter at most; beyond it, every k-th point, as the report says.</summary>
    public const int ScatterPoints = 2000;

    public static string FileName(string outcome) => $"discover-{outcome}.json";

    /// <summary>Per point, runs and cases of <paramref name="outcome"/> from runs.csv (up to the checkpointed length).</summary>
    public static (long[] Runs, long[] Cases) Count(string dir, SweepHeader h, int outcome, CaseRule rule)
    {
        var runs = new long[h.Points.Length];
        var cases = new long[h.Points.Length];
        int column = 3 + h.Parameters.Length + outcome;
        using var stream = new FileStream(Path.Combine(dir, SweepOutputs.Runs), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var span = text.AsSpan();
            int point = -1, cell = 0, start = 0;
            double value = double.NaN;
            for (int i = 0; i <= span.Length; i++)
            {
                if (i < span.Length && span[i] != ',') continue;
                var c = span[start..i];
                if (cell == 2 && !int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out point)) point = -1;
                if (cell == column && c.Length > 0 && !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) point = -1;
                cell++;
                start = i + 1;
            }
            if (point < 0 || point >= runs.Length || cell != 3 + h.Parameters.Length + h.Outcomes.Length)
                throw new InvalidDataException($"'{Path.Combine(dir, SweepOutputs.Runs)}' line {line} is malformed; expected the rows the sweep wrote");
            runs[point]++;
            if (rule.IsCase(value)) cases[point]++;
        }
        return (runs, cases);
    }

    public static void WriteJson(Stream stream, SweepHeader h, string outcome, CaseRule rule, PrimResult r, long[] runs, long[] cases)
    {
        using var json = new Utf8JsonWriter(stream, SweepOutputs.JsonOptions);
        var full = r.Trajectory[0];
        var pick = r.Trajectory[r.Chosen];
        json.WriteStartObject();
        json.WriteString("schema", "conflictsim-discover/1");
        json.WriteString("method", "PRIM (Friedman & Fisher 1999): peeling, then pasting");
        json.WriteString("outcome", outcome);
        json.WriteString("rule", rule.Describe());
        json.WriteNumber("runs", r.Runs);
        json.WriteNumber("cases", r.Cases);
        json.WriteNumber("points", h.Points.Length);
        json.WriteNumber("peel_alpha", Prim.PeelAlpha);
        json.WriteNumber("paste_alpha", Prim.PasteAlpha);
        json.WriteNumber("mass_min", Prim.MassMin);
        json.WriteNumber("chosen", r.Chosen);
        json.WriteNumber("chosen_coverage", pick.Coverage);
        json.WriteNumber("chosen_density", pick.Density);
        json.WriteNumber("chosen_mass", pick.Mass);
        json.WriteStartArray("parameters");
        foreach (var p in h.Parameters) json.WriteStringValue(p);
        json.WriteEndArray();
        json.WriteStartArray("box");
        foreach (var l in r.Limits)
        {
            json.WriteStartObject();
            json.WriteString("parameter", h.Parameters[l.Parameter]);
            json.WriteNumber("index", l.Parameter);
            json.WriteNumber("lo", l.Lo);
            json.WriteNumber("hi", l.Hi);
            json.WriteNumber("range_lo", full.Lo[l.Parameter]);
            json.WriteNumber("range_hi", full.Hi[l.Parameter]);
            if (l.PLo is { } plo) json.WriteNumber("p_lo", plo); else json.WriteNull("p_lo");
            if (l.PHi is { } phi) json.WriteNumber("p_hi", phi); else json.WriteNull("p_hi");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("trajectory");
        foreach (var b in r.Trajectory)
        {
            json.WriteStartObject();
            json.WriteNumber("coverage", b.Coverage);
            json.WriteNumber("density", b.Density);
            json.WriteNumber("mass", b.Mass);
            json.WriteNumber("restricted", b.Restricted(full));
            json.WriteBoolean("pasted", b.Pasted);
            json.WriteStartArray("lo"); foreach (var v in b.Lo) json.WriteNumberValue(v); json.WriteEndArray();
            json.WriteStartArray("hi"); foreach (var v in b.Hi) json.WriteNumberValue(v); json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        int step = Math.Max(1, (h.Points.Length + ScatterPoints - 1) / ScatterPoints);
        json.WriteBoolean("sampled", step > 1);
        json.WriteStartArray("scatter");
        for (int p = 0; p < h.Points.Length; p += step)
        {
            json.WriteStartObject();
            json.WriteStartArray("x"); foreach (var v in h.Points[p]) json.WriteNumberValue(v); json.WriteEndArray();
            json.WriteNumber("share", runs[p] > 0 ? (double)cases[p] / runs[p] : 0);
            json.WriteNumber("runs", runs[p]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
