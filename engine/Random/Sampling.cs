namespace ConflictSim.Randomness;

/// <summary>Distribution samplers on a <see cref="Xoshiro256StarStar"/> stream, deterministic on every machine.</summary>
internal static class Sampling
{
    /// <summary>
    /// Binomial(n, p) for a whole n, drawn for q = min(p, 1 − p) and mirrored. A mean n·q below 25 uses inversion
    /// (exact); from 25 on, the normal approximation with continuity correction, clamped to [0, n] — there the
    /// variance n·p·(1−p) is at least 12.5 and its error far below the model's.
    /// </summary>
    public static double Binomial(ref Xoshiro256StarStar rng, double n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        bool flip = p > 0.5;
        double q = flip ? 1 - p : p;
        double mean = n * q;
        double k;
        if (mean < 25)
        {
            // Inversion: walk the pmf from 0 using the ratio recurrence.
            double u = rng.NextDouble();
            double pmf = DetMath.Exp(n * DetMath.Log(1 - q));
            double ratio = q / (1 - q);
            double cdf = pmf;
            k = 0;
            while (u > cdf && k < n)
            {
                pmf *= (n - k) / (k + 1) * ratio;
                k++;
                cdf += pmf;
                if (pmf < 1e-300 && k > mean) break;
            }
        }
        else
        {
            double z = StandardNormal(ref rng);
            k = Math.Floor(mean + Math.Sqrt(mean * (1 - q)) * z + 0.5);
            k = Math.Clamp(k, 0, n);
        }
        return flip ? n - k : k;
    }

    /// <summary>Marsaglia's polar method; uses only Log and Sqrt (both deterministic here).</summary>
    public static double StandardNormal(ref Xoshiro256StarStar rng)
    {
        double u, v, s;
        do
        {
            u = 2 * rng.NextDouble() - 1;
            v = 2 * rng.NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.Sqrt(-2 * DetMath.Log(s) / s);
    }

    public static bool Bernoulli(ref Xoshiro256StarStar rng, double p) => rng.NextDouble() < p;
}
