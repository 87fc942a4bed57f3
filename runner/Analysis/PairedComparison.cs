using System.Text.Json;

namespace ConflictSim.Analysis;

/// <summary>What compare.json records of the run itself, for a report's manifest.</summary>
internal sealed record CompareManifest(string Title, string ShaA, string ShaB, string Tool, string Version, int Threads, double WallSeconds);

/// <summary>McNemar's test on paired yes/no results: b = yes in A only, c = yes in B only.</summary>
internal sealed record McNemarTest(string Of, long OnlyA, long OnlyB, double ChiSquare, double P);

/// <summary>
/// Paired statistics of one outcome over runs with common seeds. The mean difference and its t interval use
/// the pairs where both arms have a value. Wilcoxon signed-rank: zero differences dropped (Wilcoxon's
/// convention), tied |d| given their average rank, normal approximation with the tie-corrected variance and
/// no continuity correction. McNemar with Edwards' continuity correction, on the yes/no value for yes/no
/// outcomes and on "happened" for first-day outcomes. Identical arms give differences of exactly zero and
/// p = 1 everywhere (no evidence of a difference) rather than 0/0.
/// </summary>
internal sealed record PairedComparison(string Id, long Pairs, double MeanA, double MeanB, double MeanDiff, double SdDiff,
    (double Lo, double Hi)? Ci, double T, double TTestP, double WilcoxonZ, double WilcoxonP, McNemarTest? McNemar)
{
    public static PairedComparison Of(string id, bool nullable, bool yesNo, double[] a, double[] b)
    {
        var d = new List<double>(a.Length);
        var sumA = new ExactSum();
        var sumB = new ExactSum();
        var sum = new ExactSum();
        var squares = new ExactSum();
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) continue;
            double x = b[i] - a[i];
            d.Add(x);
            sumA.Add(a[i]); sumB.Add(b[i]); sum.Add(x); squares.AddProduct(x, x);
        }
        long n = d.Count;
        double mean = n > 0 ? sum.Value / n : double.NaN;
        double sd = n > 1 ? Math.Sqrt(ExactSum.CentredSquares(n, sum, squares) / ((double)n * (n - 1))) : double.NaN;
        double t = double.NaN, tp = double.NaN;
        if (n > 1)
        {
            if (sd == 0) (t, tp) = mean == 0 ? (0.0, 1.0) : (Math.CopySign(double.PositiveInfinity, mean), 0.0);
            else { t = mean / (sd / Math.Sqrt(n)); tp = Stats.TPValue(t, n - 1); }
        }
        var (z, wp) = Wilcoxon(d);
        McNemarTest? mc = null;
        if (yesNo) mc = McNemarOf("yes", a, b, v => v == 1);
        else if (nullable) mc = McNemarOf("happened", a, b, v => !double.IsNaN(v));
        return new PairedComparison(id, n, n > 0 ? sumA.Value / n : double.NaN, n > 0 ? sumB.Value / n : double.NaN, mean, sd,
            Stats.MeanInterval(mean, sd, n), t, tp, z, wp, mc);
    }

    private static (double Z, double P) Wilcoxon(List<double> d)
    {
        var nonZero = d.Where(x => x != 0).Select(Math.Abs).ToList();
        var signs = d.Where(x => x != 0).ToList();
        int n = nonZero.Count;
        if (n == 0) return (0, 1);
        var order = Enumerable.Range(0, n).OrderBy(i => nonZero[i]).ToArray();
        var ranks = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && nonZero[order[j + 1]] == nonZero[order[i]]) j++;
            double rank = (i + j + 2) / 2.0; // average of ranks i+1 … j+1
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double wPlus = 0;
        for (int i = 0; i < n; i++) if (signs[i] > 0) wPlus += ranks[i];
        double expected = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48;
        if (variance <= 0) return (0, 1);
        double z = (wPlus - expected) / Math.Sqrt(variance);
        return (z, Stats.ZPValue(z));
    }

    private static McNemarTest McNemarOf(string of, double[] a, double[] b, Func<double, bool> yes)
    {
        long onlyA = 0, onlyB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            bool ya = yes(a[i]), yb = yes(b[i]);
            if (ya && !yb) onlyA++;
            else if (yb && !ya) onlyB++;
        }
        if (onlyA + onlyB == 0) return new McNemarTest(of, 0, 0, 0, 1);
        double diff = Math.Max(0, Math.Abs(onlyA - onlyB) - 1.0);
        double chi = diff * diff / (onlyA + onlyB);
        return new McNemarTest(of, onlyA, onlyB, chi, Stats.ChiSquare1PValue(chi));
    }

    /// <summary>
    /// compare.json. With <paramref name="arms"/> (each outcome's values in A and in B, and whether it is yes/no or
    /// can be missing), each outcome also gets <c>arms</c>: per arm the runs with a value, the mean, the yes
    /// probability with its Wilson interval, and the 101 percentiles 0, 1, …, 100 (type 1) that the report's ECDFs draw.
    /// </summary>
    public static void WriteJson(Stream stream, string scenario, string a, string b, ulong seed, int runs, IReadOnlyList<PairedComparison> results,
        IReadOnlyList<(double[] A, double[] B, bool Nullable, bool YesNo)>? arms = null, CompareManifest? manifest = null)
    {
        using var json = new Utf8JsonWriter(stream, SweepOutputs.JsonOptions);
        json.WriteStartObject();
        json.WriteString("scenario", scenario);
        if (manifest is not null)
        {
            json.WriteString("title", manifest.Title);
            json.WriteString("scenario_a_sha256", manifest.ShaA);
            json.WriteString("scenario_b_sha256", manifest.ShaB);
            json.WriteString("tool", manifest.Tool);
            json.WriteString("version", manifest.Version);
            json.WriteNumber("threads", manifest.Threads);
            json.WriteNumber("wall_seconds", Math.Round(manifest.WallSeconds, 3));
        }
        json.WriteString("a", a);
        json.WriteString("b", b);
        json.WriteNumber("seed", seed);
        json.WriteNumber("runs", runs);
        json.WriteString("difference", "B - A, paired by run (common random numbers)");
        json.WriteStartObject("outcomes");
        foreach (var r in results)
        {
            json.WriteStartObject(r.Id);
            json.WriteNumber("pairs", r.Pairs);
            Num(json, "mean_a", r.MeanA);
            Num(json, "mean_b", r.MeanB);
            Num(json, "mean_difference", r.MeanDiff);
            Num(json, "sd_difference", r.SdDiff);
            json.WriteStartArray("ci95");
            if (r.Ci is { } c) { json.WriteNumberValue(c.Lo); json.WriteNumberValue(c.Hi); }
            json.WriteEndArray();
            json.WriteStartObject("paired_t");
            Num(json, "t", r.T);
            Num(json, "p", r.TTestP);
            json.WriteEndObject();
            json.WriteStartObject("wilcoxon_signed_rank");
            Num(json, "z", r.WilcoxonZ);
            Num(json, "p", r.WilcoxonP);
            json.WriteEndObject();
            if (r.McNemar is { } m)
            {
                json.WriteStartObject("mcnemar");
                json.WriteString("of", m.Of);
                json.WriteNumber("only_a", m.OnlyA);
                json.WriteNumber("only_b", m.OnlyB);
                Num(json, "chi_square", m.ChiSquare);
                Num(json, "p", m.P);
                json.WriteEndObject();
            }
            if (arms is not null)
            {
                int k = results.Count == arms.Count ? IndexOf(results, r) : -1;
                var (va, vb, nullable, yesNo) = arms[k];
                json.WriteBoolean("yes_no", yesNo);
                json.WriteBoolean("nullable", nullable);
                json.WriteStartObject("arms");
                Arm(json, "a", va, yesNo);
                Arm(json, "b", vb, yesNo);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int IndexOf(IReadOnlyList<PairedComparison> results, PairedComparison r)
    {
        for (int i = 0; i < results.Count; i++) if (ReferenceEquals(results[i], r)) return i;
        return -1;
    }

    private static void Arm(Utf8JsonWriter json, string name, double[] values, bool yesNo)
    {
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        json.WriteStartObject(name);
        json.WriteNumber("runs", values.Length);
        json.WriteNumber("n", present.Length);
        Num(json, "mean", present.Length > 0 ? present.Average() : double.NaN);
        if (yesNo)
        {
            long yes = present.Count(v => v == 1);
            Num(json, "probability", present.Length > 0 ? (double)yes / present.Length : double.NaN);
            var (lo, hi) = Stats.Wilson(yes, present.Length);
            json.WriteStartArray("wilson95");
            json.WriteNumberValue(lo);
            json.WriteNumberValue(hi);
            json.WriteEndArray();
        }
        json.WriteStartArray("percentiles");
        if (present.Length > 0)
            for (int q = 0; q <= 100; q++)
                json.WriteNumberValue(present[Math.Max(0, (int)Math.Ceiling(q / 100.0 * present.Length) - 1)]);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter json, string name, double v)
    {
        if (double.IsFinite(v)) json.WriteNumber(name, v);
        else if (double.IsNaN(v)) json.WriteNull(name);
        else json.WriteString(name, v > 0 ? "inf" : "-inf");
    }
}
