namespace ConflictSim.Analysis.Validation;

/// <summary>How one target fares against the model's predictive distribution (its runs).</summary>
internal sealed record TargetResult
{
    public required string Id { get; init; }
    public required TargetUse Use { get; init; }
    public required string Observes { get; init; }
    public required double Low { get; init; }
    public required double High { get; init; }
    /// <summary>Runs with a value (a ledger frozen on a day that never came has none).</summary>
    public required int N { get; init; }
    public required double Median { get; init; }
    public required (double Lo, double Hi) Pi50 { get; init; }
    public required (double Lo, double Hi) Pi90 { get; init; }
    public required bool Inside50 { get; init; }
    public required bool Inside90 { get; init; }
    /// <summary>Probability integral transform of the observation (its midpoint), ties split: F(y−) + ½P(X = y).</summary>
    public required double Pit { get; init; }
    public required double Crps { get; init; }
    /// <summary>Interval score of the 90% PI (Gneiting &amp; Raftery 2007, eq. 43), divided by the target's scale.</summary>
    public required double ScaledIntervalScore { get; init; }
    /// <summary>Set from this target by <c>fitted_from:</c>: met by construction, left out of coverage and score.</summary>
    public required IReadOnlyList<string> FittedBy { get; init; }
    public required string Citation { get; init; }
    /// <summary>The values are days since the start (a first-day outcome, or an observation given as dates).</summary>
    public bool IsDay { get; init; }
    public bool Counted => FittedBy.Count == 0 && N > 0;
}

/// <summary>
/// Predictive checks of targets against a sample of runs: empirical quantiles (Hyndman &amp; Fan type 7), whether
/// the observation lies in the central 50% and 90% predictive intervals, its PIT value (uniform over many targets
/// when the model is calibrated: Dawid 1984), the continuous ranked probability score from the sample,
/// CRPS = E|X − y| − ½E|X − X′| (Gneiting &amp; Raftery 2007, eq. 20), and the 90% interval score. An observed range
/// counts as inside when it overlaps the interval; the scores take its nearest point (interval score) or its
/// midpoint (CRPS, PIT).
/// </summary>
internal static class TargetScore
{
    public const double Alpha = 0.1;

    public static TargetResult Of(HistoricalTarget t, double[] runs)
    {
        var x = runs.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(x);
        int n = x.Length;
        double mid = (t.Low + t.High) / 2;
        if (n == 0)
            return new TargetResult
            {
                Id = t.Id, Use = t.Use, Observes = Observes(t), Low = t.Low, High = t.High, N = 0, Median = double.NaN,
                Pi50 = (double.NaN, double.NaN), Pi90 = (double.NaN, double.NaN), Inside50 = false, Inside90 = false,
                Pit = double.NaN, Crps = double.NaN, ScaledIntervalScore = double.NaN, FittedBy = t.FittedBy, Citation = t.Citation,
            };
        var pi50 = (Quantile(x, 0.25), Quantile(x, 0.75));
        var pi90 = (Quantile(x, Alpha / 2), Quantile(x, 1 - Alpha / 2));
        return new TargetResult
        {
            Id = t.Id, Use = t.Use, Observes = Observes(t), Low = t.Low, High = t.High, N = n,
            Median = Quantile(x, 0.5), Pi50 = pi50, Pi90 = pi90,
            Inside50 = Overlaps(pi50, t.Low, t.High), Inside90 = Overlaps(pi90, t.Low, t.High),
            Pit = Pit(x, mid), Crps = Crps(x, mid),
            ScaledIntervalScore = IntervalScore(pi90, t.Low, t.High) / Math.Max(1, Math.Abs(mid)),
            FittedBy = t.FittedBy, Citation = t.Citation,
        };
    }

    private static string Observes(HistoricalTarget t) => t.Outcome ?? $"{(t.Quantity == TargetQuantity.Fighters ? "fighters" : "regions_held")} of {t.Faction} on day {t.Day}";

    private static bool Overlaps((double Lo, double Hi) pi, double low, double high) => low <= pi.Hi && high >= pi.Lo;

    /// <summary>Linear interpolation between order statistics (R's default, type 7) of a sorted sample.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double Pit(double[] sorted, double y)
    {
        int below = 0, equal = 0;
        foreach (var v in sorted) { if (v < y) below++; else if (v == y) equal++; }
        return (below + 0.5 * equal) / sorted.Length;
    }

    /// <summary>E|X − y| − ½E|X − X′| with E|X − X′| = (2/n²) Σ (2i − n − 1) x₍ᵢ₎ over the sorted sample.</summary>
    public static double Crps(double[] sorted, double y)
    {
        int n = sorted.Length;
        double absDev = 0, spread = 0;
        for (int i = 0; i < n; i++)
        {
            absDev += Math.Abs(sorted[i] - y);
            spread += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return absDev / n - spread / ((double)n * n);
    }

    /// <summary>(u − l) + (2/α)(l − y)⁺ + (2/α)(y − u)⁺, with y the observed range's point nearest the interval.</summary>
    public static double IntervalScore((double Lo, double Hi) pi, double low, double high)
    {
        double penalty = 0;
        if (high < pi.Lo) penalty = 2 / Alpha * (pi.Lo - high);
        else if (low > pi.Hi) penalty = 2 / Alpha * (low - pi.Hi);
        return pi.Hi - pi.Lo + penalty;
    }
}
