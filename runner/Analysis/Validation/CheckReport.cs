using System.Text.Json;

namespace ConflictSim.Analysis.Validation;

/// <summary>A warning <c>conflictsim check</c> gives about the model's outcomes, with the outcomes it names.</summary>
internal sealed record CheckWarning(string Kind, string[] Outcomes, string Message);

/// <summary>
/// Everything <c>conflictsim check</c> found for one scenario: each target against the runs, coverage (share of
/// counted targets inside their 90% predictive interval, overall and over the validation targets alone), the mean
/// scaled interval score, and warnings about outcomes that cannot tell a user anything.
/// </summary>
internal sealed record CheckReport
{
    public const string Schema = "conflictsim-check/1";

    public required string Scenario { get; init; }
    public required string Title { get; init; }
    /// <summary>The scenario's first day: a day-valued target's numbers are days since it.</summary>
    public required DateOnly Start { get; init; }
    /// <summary>The scenario's length; a day value past it means "never" (the outcome did not happen in the run).</summary>
    public required int Days { get; init; }
    public required string File { get; init; }
    public required int Runs { get; init; }
    public required ulong Seed { get; init; }
    public required string Information { get; init; }
    public required TargetResult[] Targets { get; init; }
    public required CheckWarning[] Warnings { get; init; }

    public double Coverage => Share(Targets.Where(t => t.Counted));
    public double ValidationCoverage => Share(Targets.Where(t => t.Counted && t.Use == TargetUse.Validate));
    public double CalibrationCoverage => Share(Targets.Where(t => t.Counted && t.Use == TargetUse.Calibrate));
    public double MeanScaledIntervalScore => Targets.Where(t => t.Counted).Select(t => t.ScaledIntervalScore).DefaultIfEmpty(double.NaN).Average();

    private static double Share(IEnumerable<TargetResult> ts)
    {
        var list = ts.ToList();
        return list.Count == 0 ? double.NaN : (double)list.Count(t => t.Inside90) / list.Count;
    }

    public static CheckReport Of(Scenario scenario, string file, int runs, ulong seed, IReadOnlyList<HistoricalTarget> targets,
        double[][] targetRuns, double[][] outcomeRuns) => new()
    {
        Scenario = scenario.Spec.Id,
        Title = scenario.Spec.Title,
        Start = scenario.Spec.Start,
        Days = scenario.Spec.Days,
        File = file,
        Runs = runs,
        Seed = seed,
        Information = scenario.Settings.Information.ToString().ToLowerInvariant(),
        Targets = targets.Select((t, i) => TargetScore.Of(t, targetRuns[i])).ToArray(),
        Warnings = Warn(scenario, targets, outcomeRuns),
    };

    /// <summary>
    /// Outcomes constant over every run, pairs of (non-constant) outcomes equal in every run, and targets met by
    /// construction. NaN equals NaN here: "never happened in any run" is as constant as any number.
    /// </summary>
    public static CheckWarning[] Warn(Scenario scenario, IReadOnlyList<HistoricalTarget> targets, double[][] outcomeRuns)
    {
        var warnings = new List<CheckWarning>();
        var ids = scenario.Outcomes.Select(o => o.Id).ToArray();
        var constant = new bool[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            var v = outcomeRuns[i];
            constant[i] = v.Length > 1 && v.All(x => Same(x, v[0]));
            if (constant[i])
                warnings.Add(new("constant", [ids[i]], $"outcome {ids[i]} is {Show(v[0])} in all {v.Length} runs: its distribution tells nothing"));
        }
        for (int i = 0; i < ids.Length; i++)
            for (int j = i + 1; j < ids.Length; j++)
            {
                if (constant[i] || constant[j]) continue;
                var a = outcomeRuns[i]; var b = outcomeRuns[j];
                bool same = true;
                for (int r = 0; r < a.Length && same; r++) same = Same(a[r], b[r]);
                if (same) warnings.Add(new("identical", [ids[i], ids[j]], $"outcomes {ids[i]} and {ids[j]} are equal in every one of {a.Length} runs"));
            }
        foreach (var t in targets.Where(t => t.FittedBy.Count > 0))
            warnings.Add(new("fitted", [t.Outcome ?? t.Id],
                $"target {t.Id} is met by construction: a number at {string.Join(", ", t.FittedBy)} is fitted_from it; left out of coverage"));
        return [.. warnings];
    }

    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    private static string Show(double v) => double.IsNaN(v) ? "missing" : v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, SweepOutputs.JsonOptions);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("scenario", Scenario);
        json.WriteString("title", Title);
        json.WriteString("file", File);
        json.WriteString("start", Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("days", Days);
        json.WriteNumber("runs", Runs);
        json.WriteNumber("seed", Seed);
        json.WriteString("information", Information);
        Number(json, "coverage", Coverage);
        Number(json, "validation_coverage", ValidationCoverage);
        Number(json, "calibration_coverage", CalibrationCoverage);
        Number(json, "mean_scaled_interval_score", MeanScaledIntervalScore);
        json.WriteNumber("counted", Targets.Count(t => t.Counted));
        json.WriteStartArray("targets");
        foreach (var t in Targets)
        {
            json.WriteStartObject();
            json.WriteString("id", t.Id);
            json.WriteString("use", t.Use == TargetUse.Calibrate ? "calibrate" : "validate");
            json.WriteString("observes", t.Observes);
            json.WriteBoolean("is_day", t.IsDay);
            Number(json, "low", t.Low);
            Number(json, "high", t.High);
            json.WriteNumber("n", t.N);
            Number(json, "median", t.Median);
            Pair(json, "pi50", t.Pi50);
            Pair(json, "pi90", t.Pi90);
            json.WriteBoolean("inside50", t.Inside50);
            json.WriteBoolean("inside90", t.Inside90);
            Number(json, "pit", t.Pit);
            Number(json, "crps", t.Crps);
            Number(json, "scaled_interval_score", t.ScaledIntervalScore);
            json.WriteBoolean("counted", t.Counted);
            json.WriteStartArray("fitted_by");
            foreach (var f in t.FittedBy) json.WriteStringValue(f);
            json.WriteEndArray();
            json.WriteString("citation", t.Citation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var w in Warnings)
        {
            json.WriteStartObject();
            json.WriteString("kind", w.Kind);
            json.WriteStartArray("outcomes");
            foreach (var o in w.Outcomes) json.WriteStringValue(o);
            json.WriteEndArray();
            json.WriteString("message", w.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double v)
    {
        if (double.IsFinite(v)) json.WriteNumber(name, Math.Round(v, 6));
        else json.WriteNull(name);
    }

    private static void Pair(Utf8JsonWriter json, string name, (double Lo, double Hi) p)
    {
        json.WriteStartArray(name);
        foreach (var v in new[] { p.Lo, p.Hi }) { if (double.IsFinite(v)) json.WriteNumberValue(Math.Round(v, 6)); else json.WriteNullValue(); }
        json.WriteEndArray();
    }
}
