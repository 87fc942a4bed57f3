using System.Text.Json;

namespace ConflictSim.Analysis.Sensitivity;

/// <summary>How much of an outcome's variance is run-to-run (seed) noise rather than the parameters.</summary>
/// <param name="WithinRuns">Mean over points of the variance across a point's runs: E[Var(Y | x)].</param>
/// <param name="OfMeans">Variance of the points' means, which the indices are computed from.</param>
/// <param name="RunShare">Seed noise as a share of one run's variance: W / (W + max(0, B − W/R)).</param>
/// <param name="MeanShare">Noise left in the R-run means, as a share of their variance: (W/R) / B.</param>
public sealed record SeedNoise(double WithinRuns, double OfMeans, double RunShare, double MeanShare);

/// <summary>One outcome's sensitivity analysis: Morris measures or Sobol indices, and its seed noise.</summary>
public sealed record OutcomeSensitivity(string Outcome, IReadOnlyList<MorrisEffect>? Morris, SobolResult? Sobol, SeedNoise Noise);

/// <summary>
/// The sensitivity analysis of a finished sweep of a <see cref="DesignInfo"/> design. Each point's value is the
/// mean of the outcome over its runs (a probability for yes/no outcomes); the runs of every point share their seeds
/// (common random numbers), so differences between points are not inflated by different draws.
/// </summary>
internal static class SweepSensitivity
{
    /// <summary>
    /// The analysis of every outcome, or the reason there is none: no design, or points that are not the design's
    /// (the check that makes a mismatched sampler and analyser impossible).
    /// </summary>
    public static IReadOnlyList<OutcomeSensitivity>? Of(SweepState state, out string? problem)
    {
        var h = state.Header;
        problem = null;
        if (h.Design is not { } design) { problem = "the sweep has no --morris or --sobol design"; return null; }
        var expected = design.Points();
        if (expected.Length != h.Points.Length || expected.Where((p, i) => !p.SequenceEqual(h.Points[i])).Any())
        {
            problem = "the sweep's points are not those of its recorded design";
            return null;
        }
        var unit = expected.Select(p => p.Select((v, j) => design.Unit(j, v)).ToArray()).ToArray();
        var results = new List<OutcomeSensitivity>();
        for (int o = 0; o < h.Outcomes.Length; o++)
        {
            var means = new double[h.Points.Length];
            double within = 0;
            int withinCount = 0;
            for (int p = 0; p < means.Length; p++)
            {
                var s = OutcomeSummary.Of(state.Points[p].Outcomes[o]);
                means[p] = s.Mean;
                if (double.IsFinite(s.Sd)) { within += s.Sd * s.Sd; withinCount++; }
            }
            results.Add(Analyse(design, h.Outcomes[o].Id, unit, means, withinCount > 0 ? within / withinCount : double.NaN, h.Runs, h.Seed));
        }
        return results;
    }

    /// <summary>
    /// The analysis of one outcome from each point's value: the path a sweep takes and the one the tests take with
    /// a closed-form model in place of the simulation.
    /// </summary>
    public static OutcomeSensitivity Analyse(DesignInfo design, string outcome, double[][] unit, double[] means, double within, int runs, ulong seed)
    {
        var finite = means.Where(double.IsFinite).ToArray();
        double ofMeans = finite.Length > 1 ? Variance(finite) : double.NaN;
        double signal = Math.Max(0, ofMeans - within / runs);
        var noise = new SeedNoise(within, ofMeans, within / (within + signal), within / runs / ofMeans);
        ulong bootSeed = Randomness.Xoshiro256StarStar.DeriveSeed(seed, 0, Randomness.Xoshiro256StarStar.Key("bootstrap:" + outcome));
        return design.Method == DesignInfo.Morris
            ? new OutcomeSensitivity(outcome, MorrisDesign.Analyse(design.Parameters, unit, means, bootSeed), null, noise)
            : new OutcomeSensitivity(outcome, null, SaltelliDesign.Analyse(design.Parameters, means, bootSeed), noise);
    }

    private static double Variance(double[] v)
    {
        double mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
    }

    /// <summary>sensitivity.json: the design and every outcome's measures, with the flags a reader must not miss.</summary>
    public static void WriteJson(Stream stream, DesignInfo design, int runs, IReadOnlyList<OutcomeSensitivity> results)
    {
        using var json = new Utf8JsonWriter(stream, SweepOutputs.JsonOptions);
        json.WriteStartObject();
        json.WriteString("schema", "conflictsim-sensitivity/1");
        json.WriteString("method", design.Method);
        json.WriteString("design", design.Describe());
        json.WriteNumber("runs_per_point", runs);
        json.WriteString("point_value", "mean of the outcome over the point's runs (probability for yes/no outcomes); the same seeds at every point");
        json.WriteString("intervals", "percentile bootstrap 95%, 1000 resamples");
        WriteOutcomes(json, results);
        json.WriteEndObject();
    }

    /// <summary>
    /// The "outcomes" object of sensitivity.json (keyed by outcome id: seed noise, then Morris or Sobol measures with
    /// their flags). The HTML report embeds the same object, so the file and the page cannot disagree.
    /// </summary>
    public static void WriteOutcomes(Utf8JsonWriter json, IReadOnlyList<OutcomeSensitivity> results)
    {
        json.WriteStartObject("outcomes");
        foreach (var r in results)
        {
            json.WriteStartObject(r.Outcome);
            json.WriteStartObject("seed_noise");
            SweepOutputs.Finite(json, "within_point_variance", r.Noise.WithinRuns);
            SweepOutputs.Finite(json, "variance_of_point_means", r.Noise.OfMeans);
            SweepOutputs.Finite(json, "share_of_run_variance", r.Noise.RunShare);
            SweepOutputs.Finite(json, "share_of_mean_variance", r.Noise.MeanShare);
            json.WriteEndObject();
            if (r.Morris is { } morris)
            {
                json.WriteStartArray("morris");
                foreach (var e in morris)
                {
                    json.WriteStartObject();
                    json.WriteString("parameter", e.Parameter);
                    SweepOutputs.Finite(json, "mu", e.Mu);
                    SweepOutputs.Finite(json, "mu_star", e.MuStar);
                    Pair(json, "mu_star_ci95", e.MuStarCi);
                    SweepOutputs.Finite(json, "sigma", e.Sigma);
                    json.WriteNumber("effects", e.Effects);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (r.Sobol is { } sobol)
            {
                json.WriteNumber("rows", sobol.Rows);
                json.WriteNumber("rows_dropped", sobol.RowsDropped);
                SweepOutputs.Finite(json, "variance", sobol.Variance);
                json.WriteStartArray("sobol");
                foreach (var s in sobol.Indices)
                {
                    json.WriteStartObject();
                    json.WriteString("parameter", s.Parameter);
                    SweepOutputs.Finite(json, "s1", s.First);
                    Pair(json, "s1_ci95", s.FirstCi);
                    SweepOutputs.Finite(json, "st", s.Total);
                    Pair(json, "st_ci95", s.TotalCi);
                    SweepOutputs.Finite(json, "s1_half_n", s.FirstHalf);
                    SweepOutputs.Finite(json, "st_half_n", s.TotalHalf);
                    json.WriteStartArray("flags");
                    foreach (var f in s.Flags()) json.WriteStringValue(f);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter json, string name, (double Lo, double Hi) ci)
    {
        json.WriteStartArray(name);
        if (double.IsFinite(ci.Lo)) json.WriteNumberValue(ci.Lo); else json.WriteNullValue();
        if (double.IsFinite(ci.Hi)) json.WriteNumberValue(ci.Hi); else json.WriteNullValue();
        json.WriteEndArray();
    }

}
