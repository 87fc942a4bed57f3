using ConflictSim.Randomness;

namespace ConflictSim.Analysis.Sensitivity;

/// <summary>First-order and total Sobol indices of one parameter, with bootstrap intervals and the estimates at N/2.</summary>
/// <param name="Parameter">Parameter path.</param>
/// <param name="First">S_i, Saltelli et al. (2010) estimator.</param>
/// <param name="FirstCi">Percentile bootstrap 95% interval of S_i.</param>
/// <param name="Total">S_Ti, Jansen (1999) estimator.</param>
/// <param name="TotalCi">Percentile bootstrap 95% interval of S_Ti.</param>
/// <param name="FirstHalf">S_i from the first N/2 rows (convergence check).</param>
/// <param name="TotalHalf">S_Ti from the first N/2 rows.</param>
public sealed record SobolIndex(string Parameter, double First, (double Lo, double Hi) FirstCi, double Total, (double Lo, double Hi) TotalCi,
    double FirstHalf, double TotalHalf)
{
    /// <summary>Warnings a reader must see: a negative estimate, an interval that includes zero.</summary>
    public IEnumerable<string> Flags()
    {
        if (First < 0) yield return "S1 negative";
        if (Total < 0) yield return "ST negative";
        if (FirstCi.Lo <= 0) yield return "S1 CI includes 0";
        if (TotalCi.Lo <= 0) yield return "ST CI includes 0";
    }
}

/// <summary>The Sobol analysis of one outcome: the indices, the rows used, the output variance.</summary>
public sealed record SobolResult(IReadOnlyList<SobolIndex> Indices, int Rows, int RowsDropped, double Variance, int Resamples);

/// <summary>
/// Variance-based sensitivity (Sobol' 1993) on Saltelli's design (A. Saltelli et al., "Variance based sensitivity
/// analysis of model output. Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181
/// (2010) 259–270). A and B are N × k matrices taken from one 2k-dimensional Sobol' sequence (A the first k
/// coordinates, B the last k); A_B^(i) is A with column i from B. The sweep runs, for each row j, A_j, then
/// A_B^(1)_j … A_B^(k)_j, then B_j: N(k + 2) points. Estimators (Saltelli 2010, table 2): first order
/// V_i = mean(f(B)·(f(A_B^i) − f(A))), Saltelli's (b); total V_Ti = mean((f(A) − f(A_B^i))²)/2, Jansen's (f);
/// both divided by the variance of f over A and B together. Intervals resample the N rows with replacement
/// (1,000 resamples, percentile); estimates on the first N/2 rows show whether N was enough.
/// </summary>
public static class SaltelliDesign
{
    /// <summary>Bootstrap resamples.</summary>
    public const int Resamples = 1000;

    /// <summary>Points per row of the design: A, the k mixed rows, B.</summary>
    public static int PerRow(int k) => k + 2;

    /// <summary>The N(k + 2) points in the unit cube, in sweep order.</summary>
    public static double[][] UnitPoints(int k, int n)
    {
        if (2 * k > SobolSequence.MaxDimensions)
            throw new ArgumentException($"at most {SobolSequence.MaxDimensions / 2} parameters in a Sobol design");
        var sequence = new SobolSequence(2 * k);
        var points = new double[n * PerRow(k)][];
        var x = new double[2 * k];
        for (int j = 0; j < n; j++)
        {
            sequence.Point((uint)j, x);
            int at = j * PerRow(k);
            points[at] = x[..k];
            for (int i = 0; i < k; i++)
            {
                var mixed = x[..k];
                mixed[i] = x[k + i];
                points[at + 1 + i] = mixed;
            }
            points[at + k + 1] = x[k..];
        }
        return points;
    }

    /// <summary>
    /// Indices from the value of the outcome at each point (in sweep order; NaN where it has none, which drops
    /// that point's row). <paramref name="seed"/> draws the bootstrap resamples.
    /// </summary>
    public static SobolResult Analyse(IReadOnlyList<string> parameters, IReadOnlyList<double> y, ulong seed)
    {
        int k = parameters.Count, per = PerRow(k);
        if (y.Count % per != 0) throw new ArgumentException($"{y.Count} values do not make rows of {per}");
        int n = y.Count / per;
        var rows = new List<int>(n);
        for (int j = 0; j < n; j++)
        {
            bool ok = true;
            for (int c = 0; c < per; c++) ok &= double.IsFinite(y[j * per + c]);
            if (ok) rows.Add(j);
        }
        int m = rows.Count;
        var first = new double[k];
        var total = new double[k];
        var firstHalf = new double[k];
        var totalHalf = new double[k];
        double variance = Estimate(y, per, k, rows, m, first, total);
        var halfRows = rows.Where(j => j < n / 2).ToList();
        Estimate(y, per, k, halfRows, halfRows.Count, firstHalf, totalHalf);

        var bootFirst = new double[k][];
        var bootTotal = new double[k][];
        for (int i = 0; i < k; i++) { bootFirst[i] = new double[Resamples]; bootTotal[i] = new double[Resamples]; }
        var rng = Xoshiro256StarStar.FromSeed(seed);
        var sample = new List<int>(m);
        var f = new double[k];
        var t = new double[k];
        for (int b = 0; b < Resamples && m > 1; b++)
        {
            sample.Clear();
            for (int r = 0; r < m; r++) sample.Add(rows[(int)(rng.NextDouble() * m)]);
            Estimate(y, per, k, sample, m, f, t);
            for (int i = 0; i < k; i++) { bootFirst[i][b] = f[i]; bootTotal[i][b] = t[i]; }
        }
        var indices = new SobolIndex[k];
        for (int i = 0; i < k; i++)
            indices[i] = new SobolIndex(parameters[i], first[i], Percentiles(bootFirst[i]), total[i], Percentiles(bootTotal[i]),
                firstHalf[i], totalHalf[i]);
        return new SobolResult(indices, m, n - m, variance, Resamples);
    }

    /// <summary>The estimators over the given rows; returns the variance of f over A and B.</summary>
    private static double Estimate(IReadOnlyList<double> y, int per, int k, IReadOnlyList<int> rows, int m, double[] first, double[] total)
    {
        if (m < 2)
        {
            Array.Fill(first, double.NaN);
            Array.Fill(total, double.NaN);
            return double.NaN;
        }
        double sum = 0, squares = 0;
        // Shifted by the first value so the sums do not cancel catastrophically for outcomes far from zero.
        double shift = y[rows[0] * per];
        foreach (int j in rows)
        {
            double a = y[j * per] - shift, b = y[j * per + k + 1] - shift;
            sum += a + b;
            squares += a * a + b * b;
        }
        double variance = (squares - sum * sum / (2.0 * m)) / (2.0 * m - 1);
        for (int i = 0; i < k; i++)
        {
            double vi = 0, vti = 0;
            foreach (int j in rows)
            {
                double fa = y[j * per], fb = y[j * per + k + 1], fab = y[j * per + 1 + i];
                vi += fb * (fab - fa);
                vti += (fa - fab) * (fa - fab);
            }
            first[i] = variance > 0 ? vi / m / variance : double.NaN;
            total[i] = variance > 0 ? vti / (2.0 * m) / variance : double.NaN;
        }
        return variance;
    }

    internal static (double Lo, double Hi) Percentiles(double[] values)
    {
        var finite = values.Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) return (double.NaN, double.NaN);
        return (Quantile(finite, 0.025), Quantile(finite, 0.975));
    }

    /// <summary>Linear-interpolation quantile of sorted values (type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
