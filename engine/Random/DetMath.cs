using System.Runtime.CompilerServices;

namespace ConflictSim.Randomness;

/// <summary>
/// Exp and Log built only from IEEE-754 +, −, ×, ÷ (each correctly rounded), so results are bit-identical on
/// every machine. System.Math defers to the platform's libm, whose last bit differs between C runtimes.
/// Accuracy is about 1 ulp over the ranges the engine uses.
/// </summary>
public static class DetMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>e^x. Range reduction x = k·ln2 + r, |r| ≤ ln2/2, then a degree-13 Taylor polynomial in Horner form.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.0) return double.PositiveInfinity;
        if (x < -745.0) return 0.0;
        double kd = Math.Round(x * InvLn2, MidpointRounding.ToEven);
        int k = (int)kd;
        double r = (x - kd * Ln2Hi) - kd * Ln2Lo;
        double p = 1.0 / 6227020800.0;
        p = p * r + 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        return Scale(p, k);
    }

    /// <summary>Natural log for x &gt; 0: x = m·2^e with m in [√½, √2), then ln m = 2·atanh(s), s = (m−1)/(m+1), odd series.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF);
        if (e == 0)
        {   // subnormal: normalise first
            x *= 18014398509481984.0; // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            e = (int)((bits >> 52) & 0x7FF) - 54;
        }
        int exponent = e - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951) { m *= 0.5; exponent++; }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        // atanh series to s^23; |s| ≤ 0.1716 so the next term is below 2^-60 relative.
        double p = 1.0 / 23;
        p = p * s2 + 1.0 / 21;
        p = p * s2 + 1.0 / 19;
        p = p * s2 + 1.0 / 17;
        p = p * s2 + 1.0 / 15;
        p = p * s2 + 1.0 / 13;
        p = p * s2 + 1.0 / 11;
        p = p * s2 + 1.0 / 9;
        p = p * s2 + 1.0 / 7;
        p = p * s2 + 1.0 / 5;
        p = p * s2 + 1.0 / 3;
        p = p * s2 + 1.0;
        double lnm = 2.0 * s * p;
        return exponent * Ln2Hi + (exponent * Ln2Lo + lnm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Scale(double v, int k)
    {
        // Two steps keep 2^k representable for k down to -1074 + a margin.
        if (k > 1023) { v *= BitConverter.Int64BitsToDouble((long)(1023 + 1023) << 52); k -= 1023; }
        if (k < -1000) { v *= BitConverter.Int64BitsToDouble((long)(1023 - 1000) << 52); k += 1000; }
        return v * BitConverter.Int64BitsToDouble((long)(1023 + k) << 52);
    }
}
