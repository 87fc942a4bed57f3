using MathNet.Numerics.Distributions;

namespace ConflictSim.Analysis;

/// <summary>Closed-form intervals and tests used in summaries and comparisons; distributions from MathNet.Numerics.</summary>
internal static class Stats
{
    public const double Level = 0.95;

    /// <summary>Two-sided Student t critical value for <paramref name="df"/> degrees of freedom.</summary>
    public static double TCritical(long df) => StudentT.InvCDF(0, 1, df, 1 - (1 - Level) / 2);

    /// <summary>Mean ± t·sd/√n; null below two values, where there is no spread to speak of.</summary>
    public static (double Lo, double Hi)? MeanInterval(double mean, double sd, long n)
    {
        if (n < 2) return null;
        double half = TCritical(n - 1) * sd / Math.Sqrt(n);
        return (mean - half, mean + half);
    }

    /// <summary>
    /// Wilson score interval for a proportion (Wilson 1927; recommended over the Wald interval by Brown, Cai &amp;
    /// DasGupta 2001 because it keeps its coverage near 0 and 1, where "did Sirte fall" often sits).
    /// </summary>
    public static (double Lo, double Hi) Wilson(long successes, long n)
    {
        if (n == 0) return (0, 1);
        double z = Normal.InvCDF(0, 1, 1 - (1 - Level) / 2);
        double p = (double)successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Two-sided p-value of a Student t statistic.</summary>
    public static double TPValue(double t, long df) => 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));

    /// <summary>Two-sided p-value of a standard normal statistic.</summary>
    public static double ZPValue(double z) => 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));

    /// <summary>Two-sided p-value of a chi-square statistic with one degree of freedom.</summary>
    public static double ChiSquare1PValue(double x) => 1 - ChiSquared.CDF(1, x);
}
