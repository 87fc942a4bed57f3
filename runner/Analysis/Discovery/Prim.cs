using MathNet.Numerics.Distributions;

namespace ConflictSim.Analysis.Discovery;

/// <summary>One box of the peeling trajectory: its limits and how well it catches the cases of interest.</summary>
/// <param name="Lo">Lower limit per parameter (inclusive).</param>
/// <param name="Hi">Upper limit per parameter (inclusive).</param>
/// <param name="Coverage">Cases in the box / all cases.</param>
/// <param name="Density">Cases in the box / runs in the box.</param>
/// <param name="Mass">Runs in the box / all runs.</param>
/// <param name="Runs">Runs in the box.</param>
/// <param name="Cases">Cases of interest in the box.</param>
/// <param name="Pasted">The box came from pasting rather than peeling.</param>
public sealed record PrimBox(double[] Lo, double[] Hi, double Coverage, double Density, double Mass, long Runs, long Cases, bool Pasted = false)
{
    /// <summary>Parameters whose limits are narrower than the full range.</summary>
    public int Restricted(PrimBox full) => Lo.Where((v, j) => v > full.Lo[j] || Hi[j] < full.Hi[j]).Count();
}

/// <summary>A box limit with its quasi-p-value.</summary>
/// <param name="Parameter">Index of the parameter.</param>
/// <param name="Lo">The box's lower limit.</param>
/// <param name="Hi">The box's upper limit.</param>
/// <param name="PLo">Quasi-p-value of the lower limit; null when it is not restricted.</param>
/// <param name="PHi">Quasi-p-value of the upper limit; null when it is not restricted.</param>
public sealed record PrimLimit(int Parameter, double Lo, double Hi, double? PLo, double? PHi);

/// <summary>What PRIM found: the trajectory, the chosen box and its limits.</summary>
public sealed record PrimResult(IReadOnlyList<PrimBox> Trajectory, int Chosen, IReadOnlyList<PrimLimit> Limits, long Runs, long Cases);

/// <summary>
/// The Patient Rule Induction Method (J. H. Friedman and N. I. Fisher, "Bump hunting in high-dimensional data",
/// Statistics and Computing 9 (1999) 123–143), as scenario discovery uses it (Bryant &amp; Lempert 2010; the EMA
/// Workbench). Data are the sweep's parameter points, each with its runs and how many of them are cases of interest
/// (every run of a point has the point's parameters, so this is PRIM on the runs, computed per point).
/// Peeling: from the box holding everything, try cutting off the α share of the box's runs with the lowest or
/// the highest value of each parameter (all runs tied at the edge value when the α-quantile is the edge itself,
/// as on a grid) and keep the cut that leaves the highest density, whether or not it beats the box before; stop when the
/// box would hold less than the minimum mass (or is pure). Pasting: from the last box, widen one limit at a time to take in
/// up to α of the box's runs next to it, while that raises the density. The box reported is the one on the
/// trajectory with the highest weighted relative accuracy (<see cref="Balance"/>) unless another is asked for.
/// Quasi-p-value of a limit (the EMA Workbench's): the one-sided binomial probability of at least the box's cases
/// among its runs if the density were that of the box with this limit removed.
/// </summary>
public static class Prim
{
    /// <summary>Share of the box's runs one peel removes.</summary>
    public const double PeelAlpha = 0.05;
    /// <summary>Share of the box's runs one paste adds at most.</summary>
    public const double PasteAlpha = 0.05;
    /// <summary>Smallest box, as a share of all runs.</summary>
    public const double MassMin = 0.05;

    /// <summary>Runs PRIM needs at least: one peel must be able to remove a run and leave the minimum mass.</summary>
    public const long MinRuns = 20;

    /// <summary>
    /// PRIM over points <paramref name="x"/> (parameter values), each with its runs and cases of interest;
    /// <paramref name="choose"/> picks a box of the trajectory instead of the best balance.
    /// </summary>
    public static PrimResult Run(double[][] x, long[] runs, long[] cases, int? choose = null)
    {
        int points = x.Length, k = x[0].Length;
        long totalRuns = runs.Sum(), totalCases = cases.Sum();
        var full = new double[2][];
        full[0] = Enumerable.Range(0, k).Select(j => x.Min(p => p[j])).ToArray();
        full[1] = Enumerable.Range(0, k).Select(j => x.Max(p => p[j])).ToArray();
        PrimBox Make(double[] lo, double[] hi, bool pasted = false)
        {
            long n = 0, c = 0;
            for (int p = 0; p < points; p++) if (Inside(x[p], lo, hi)) { n += runs[p]; c += cases[p]; }
            return new PrimBox(lo, hi, totalCases > 0 ? (double)c / totalCases : 0, n > 0 ? (double)c / n : 0, (double)n / totalRuns, n, c, pasted);
        }
        var box = Make((double[])full[0].Clone(), (double[])full[1].Clone());
        var trajectory = new List<PrimBox> { box };

        while (true)
        {
            PrimBox? best = null;
            for (int j = 0; j < k; j++)
                foreach (bool low in new[] { true, false })
                {
                    if (Peel(x, runs, box, j, low, PeelAlpha) is not { } limit) continue;
                    var lo = (double[])box.Lo.Clone();
                    var hi = (double[])box.Hi.Clone();
                    if (low) lo[j] = limit; else hi[j] = limit;
                    var candidate = Make(lo, hi);
                    if (candidate.Runs == 0 || candidate.Mass < MassMin) continue;
                    if (best is null || candidate.Density > best.Density || (candidate.Density == best.Density && candidate.Mass > best.Mass))
                        best = candidate;
                }
            if (best is null || box.Density >= 1) break;
            box = best;
            trajectory.Add(box);
        }

        // Pasting, from the last peeled box.
        var pasted = box;
        while (true)
        {
            PrimBox? best = null;
            for (int j = 0; j < k; j++)
                foreach (bool low in new[] { true, false })
                {
                    if (Paste(x, runs, pasted, full, j, low, PasteAlpha) is not { } limit) continue;
                    var lo = (double[])pasted.Lo.Clone();
                    var hi = (double[])pasted.Hi.Clone();
                    if (low) lo[j] = limit; else hi[j] = limit;
                    var candidate = Make(lo, hi, pasted: true);
                    if (candidate.Density > pasted.Density && (best is null || candidate.Density > best.Density)) best = candidate;
                }
            if (best is null) break;
            pasted = best;
        }
        if (!ReferenceEquals(pasted, box)) trajectory.Add(pasted);

        var fullBox = trajectory[0];
        double overall = totalRuns > 0 ? (double)totalCases / totalRuns : 0;
        int chosen = choose ?? Enumerable.Range(0, trajectory.Count).MaxBy(i => Balance(trajectory[i], overall));
        chosen = Math.Clamp(chosen, 0, trajectory.Count - 1);
        var pick = trajectory[chosen];
        var limits = new List<PrimLimit>();
        for (int j = 0; j < k; j++)
        {
            bool lowRestricted = pick.Lo[j] > fullBox.Lo[j], highRestricted = pick.Hi[j] < fullBox.Hi[j];
            if (!lowRestricted && !highRestricted) continue;
            double? QuasiP(bool low)
            {
                var lo = (double[])pick.Lo.Clone();
                var hi = (double[])pick.Hi.Clone();
                if (low) lo[j] = fullBox.Lo[j]; else hi[j] = fullBox.Hi[j];
                var wider = Make(lo, hi);
                return BinomialUpperTail(pick.Cases, pick.Runs, wider.Density);
            }
            limits.Add(new PrimLimit(j, pick.Lo[j], pick.Hi[j], lowRestricted ? QuasiP(true) : null, highRestricted ? QuasiP(false) : null));
        }
        return new PrimResult(trajectory, chosen, limits, totalRuns, totalCases);
    }

    /// <summary>
    /// Weighted relative accuracy, mass × (density − overall density) (N. Lavrač, P. Flach, B. Zupan, "Rule evaluation
    /// measures: a unifying view", ILP 1999): how many more cases the box holds than a box of its size drawn at random.
    /// It trades coverage against density the way the default choice of box does, and peaks at a true box.
    /// </summary>
    public static double Balance(PrimBox b, double overall) => b.Mass * (b.Density - overall);

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double BinomialUpperTail(long k, long n, double p)
    {
        if (k <= 0) return 1;
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        return Math.Clamp(1 - Binomial.CDF(p, (int)Math.Min(n, int.MaxValue), k - 1), 0, 1);
    }

    private static bool Inside(double[] p, double[] lo, double[] hi)
    {
        for (int j = 0; j < p.Length; j++) if (p[j] < lo[j] || p[j] > hi[j]) return false;
        return true;
    }

    /// <summary>The new limit of a peel of parameter j from the low or high side; null when it would remove nothing or everything.</summary>
    private static double? Peel(double[][] x, long[] runs, PrimBox box, int j, bool low, double alpha)
    {
        var inside = new List<(double V, long N)>();
        for (int p = 0; p < x.Length; p++) if (Inside(x[p], box.Lo, box.Hi)) inside.Add((x[p][j], runs[p]));
        if (inside.Count < 2) return null;
        inside.Sort((a, b) => low ? a.V.CompareTo(b.V) : b.V.CompareTo(a.V));
        long target = (long)Math.Ceiling(alpha * box.Runs), removed = 0;
        int i = 0;
        // Remove whole values (ties go together) until at least α of the runs are gone.
        while (i < inside.Count && removed < target)
        {
            double v = inside[i].V;
            while (i < inside.Count && inside[i].V == v) removed += inside[i++].N;
        }
        if (i >= inside.Count) return null;
        return inside[i].V; // the next value in becomes the limit
    }

    /// <summary>The new limit of a paste of parameter j on one side, taking in up to α of the box's runs; null when there is nothing to take.</summary>
    private static double? Paste(double[][] x, long[] runs, PrimBox box, double[][] full, int j, bool low, double alpha)
    {
        var outside = new List<(double V, long N)>();
        for (int p = 0; p < x.Length; p++)
        {
            bool rest = true;
            for (int d = 0; d < x[p].Length && rest; d++) if (d != j && (x[p][d] < box.Lo[d] || x[p][d] > box.Hi[d])) rest = false;
            if (rest && (low ? x[p][j] < box.Lo[j] : x[p][j] > box.Hi[j])) outside.Add((x[p][j], runs[p]));
        }
        if (outside.Count == 0) return null;
        outside.Sort((a, b) => low ? b.V.CompareTo(a.V) : a.V.CompareTo(b.V)); // nearest first
        long target = Math.Max(1, (long)Math.Floor(alpha * box.Runs)), added = 0;
        double limit = outside[0].V;
        int i = 0;
        while (i < outside.Count && added < target)
        {
            double v = outside[i].V;
            while (i < outside.Count && outside[i].V == v) added += outside[i++].N;
            limit = v;
        }
        return limit;
    }
}
