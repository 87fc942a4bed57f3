using ConflictSim.Randomness;

namespace ConflictSim.Analysis.Validation;

/// <summary>A calibrated parameter's prior: uniform on [Lo, Hi] (from --lhs), or uniform over listed values (--vary).</summary>
internal sealed record Prior(string Path, double Lo, double Hi, double[]? Values, bool Whole)
{
    public bool Discrete => Values is not null;

    public bool Contains(double v) => Discrete ? Array.IndexOf(Values!, v) >= 0 : v >= Lo && v <= Hi;
}

/// <summary>One parameter set of a generation: its values, its distance to the targets and, if kept, its weight.</summary>
internal sealed record Particle(double[] Values, double Distance, double Weight, bool Accepted);

/// <summary>
/// Approximate Bayesian computation by sequential Monte Carlo: population Monte Carlo with an adaptive tolerance
/// (Beaumont, Cornuet, Marin &amp; Robert 2009, "Adaptive approximate Bayesian computation", Biometrika 96(4);
/// Toni et al. 2009). AbcGeneration 0 is rejection ABC on a Latin hypercube of the prior: the best fraction of the
/// particles, by distance to the calibration targets, is kept. Each later generation resamples the kept particles by
/// weight, moves each by a Gaussian kernel of twice their weighted variance (Beaumont et al.'s choice; a discrete
/// parameter instead jumps to another listed value with probability <see cref="Jump"/>), keeps the best fraction
/// again, and weights each kept particle by prior / Σ previous weight × kernel, so the kept set is a sample of the
/// ABC posterior at the shrinking tolerance. Every draw comes from the master seed and the generation number, so a
/// calibration is a pure function of its arguments, whatever the thread count.
/// </summary>
internal static class AbcSmc
{
    public const double Jump = 0.2;
    private static readonly ulong Purpose = Xoshiro256StarStar.Key("abc-smc");

    /// <summary>AbcGeneration 0: a Latin hypercube over the continuous priors, discrete ones drawn uniformly.</summary>
    public static double[][] Initial(IReadOnlyList<Prior> priors, int count, ulong master)
    {
        var rng = Rng(master, 0);
        var samples = new double[count][];
        for (int k = 0; k < count; k++) samples[k] = new double[priors.Count];
        for (int j = 0; j < priors.Count; j++)
        {
            var p = priors[j];
            var strata = Enumerable.Range(0, count).ToArray();
            for (int s = count - 1; s > 0; s--)
            {
                int t = (int)(rng.NextDouble() * (s + 1));
                (strata[s], strata[t]) = (strata[t], strata[s]);
            }
            for (int k = 0; k < count; k++)
            {
                double u = (strata[k] + rng.NextDouble()) / count;
                samples[k][j] = p.Discrete ? p.Values![Math.Min(p.Values.Length - 1, (int)(u * p.Values.Length))] : Snap(p, p.Lo + u * (p.Hi - p.Lo));
            }
        }
        return samples;
    }

    /// <summary>AbcGeneration <paramref name="generation"/> ≥ 1: kept particles of the last one, resampled and moved.</summary>
    public static double[][] Propose(IReadOnlyList<Prior> priors, IReadOnlyList<Particle> previous, int count, ulong master, int generation)
    {
        var kept = previous.Where(p => p.Accepted).ToArray();
        var sigma = KernelSd(priors, kept);
        var cumulative = new double[kept.Length];
        double total = 0;
        for (int i = 0; i < kept.Length; i++) cumulative[i] = total += kept[i].Weight;
        var rng = Rng(master, generation);
        var samples = new double[count][];
        for (int k = 0; k < count; k++)
        {
            double[] moved;
            int tries = 0;
            do
            {
                double u = rng.NextDouble() * total;
                int i = Array.BinarySearch(cumulative, u);
                if (i < 0) i = ~i;
                var from = kept[Math.Min(i, kept.Length - 1)].Values;
                moved = new double[priors.Count];
                for (int j = 0; j < priors.Count; j++)
                {
                    var p = priors[j];
                    if (p.Discrete)
                    {
                        moved[j] = from[j];
                        if (p.Values!.Length > 1 && rng.NextDouble() < Jump)
                        {
                            int at = Array.IndexOf(p.Values, from[j]), other = (int)(rng.NextDouble() * (p.Values.Length - 1));
                            moved[j] = p.Values[other >= at ? other + 1 : other];
                        }
                    }
                    else moved[j] = Snap(p, from[j] + sigma[j] * StandardNormal(ref rng));
                }
                // A move outside the prior has prior density 0; draw again (bounded, then clamp so the loop ends).
            } while (!Inside(priors, moved) && ++tries < 1000);
            for (int j = 0; j < priors.Count; j++)
                if (!priors[j].Discrete) moved[j] = Math.Clamp(moved[j], priors[j].Lo, priors[j].Hi);
            samples[k] = moved;
        }
        return samples;
    }

    /// <summary>
    /// Keeps the best <paramref name="keep"/> (at least one) by distance, ties broken by index so the choice is
    /// deterministic, and weights them: equal in generation 0, prior / Σ wⱼ K(θ | θⱼ) after (the prior is uniform, so
    /// its density is a constant that the normalisation removes).
    /// </summary>
    public static Particle[] Select(IReadOnlyList<Prior> priors, double[][] values, double[] distances, int keep, IReadOnlyList<Particle>? previous)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => double.IsNaN(distances[i]) ? double.PositiveInfinity : distances[i]).ThenBy(i => i).ToArray();
        var accepted = new bool[n];
        foreach (var i in order.Take(Math.Max(1, Math.Min(keep, n)))) accepted[i] = true;
        var weights = new double[n];
        var kept = previous?.Where(p => p.Accepted).ToArray();
        var sigma = kept is null ? null : KernelSd(priors, kept);
        for (int i = 0; i < n; i++)
        {
            if (!accepted[i]) continue;
            if (kept is null) { weights[i] = 1; continue; }
            double denominator = 0;
            foreach (var j in kept) denominator += j.Weight * Kernel(priors, sigma!, j.Values, values[i]);
            weights[i] = denominator > 0 ? 1 / denominator : 0;
        }
        double sum = weights.Sum();
        if (!(sum > 0)) { for (int i = 0; i < n; i++) weights[i] = accepted[i] ? 1 : 0; sum = weights.Sum(); }
        return Enumerable.Range(0, n).Select(i => new Particle(values[i], distances[i], weights[i] / sum, accepted[i])).ToArray();
    }

    /// <summary>σⱼ² = 2 × the kept particles' weighted variance (Beaumont et al. 2009); a floor keeps a collapsed one moving.</summary>
    public static double[] KernelSd(IReadOnlyList<Prior> priors, IReadOnlyList<Particle> kept)
    {
        var sd = new double[priors.Count];
        double total = kept.Sum(k => k.Weight);
        for (int j = 0; j < priors.Count; j++)
        {
            if (priors[j].Discrete) continue;
            double mean = kept.Sum(k => k.Weight * k.Values[j]) / total;
            double variance = kept.Sum(k => k.Weight * (k.Values[j] - mean) * (k.Values[j] - mean)) / total;
            sd[j] = Math.Max(Math.Sqrt(2 * variance), 1e-3 * (priors[j].Hi - priors[j].Lo));
        }
        return sd;
    }

    private static double Kernel(IReadOnlyList<Prior> priors, double[] sigma, double[] from, double[] to)
    {
        double density = 1;
        for (int j = 0; j < priors.Count; j++)
        {
            var p = priors[j];
            if (p.Discrete)
                density *= p.Values!.Length == 1 ? 1 : from[j] == to[j] ? 1 - Jump : Jump / (p.Values.Length - 1);
            else
            {
                double z = (to[j] - from[j]) / sigma[j];
                density *= Math.Exp(-0.5 * z * z) / sigma[j];
            }
        }
        return density;
    }

    private static bool Inside(IReadOnlyList<Prior> priors, double[] v)
    {
        for (int j = 0; j < priors.Count; j++) if (!priors[j].Contains(v[j])) return false;
        return true;
    }

    /// <summary>Box–Muller, one of the pair: a few thousand draws per generation, so the spare is not worth keeping.</summary>
    private static double StandardNormal(ref Xoshiro256StarStar rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Snap(Prior p, double v) => p.Whole ? Math.Round(v, MidpointRounding.AwayFromZero) : v;

    private static Xoshiro256StarStar Rng(ulong master, int generation) =>
        Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(master, (ulong)generation, Purpose));

    /// <summary>Weighted mean, sd and quantiles of each parameter over the kept particles: the posterior's summary.</summary>
    public static ParameterSummary[] Summarise(IReadOnlyList<Prior> priors, IReadOnlyList<Particle> generation)
    {
        var kept = generation.Where(p => p.Accepted).ToArray();
        double total = kept.Sum(k => k.Weight);
        return priors.Select((p, j) =>
        {
            double mean = kept.Sum(k => k.Weight * k.Values[j]) / total;
            double sd = Math.Sqrt(kept.Sum(k => k.Weight * (k.Values[j] - mean) * (k.Values[j] - mean)) / total);
            var sorted = kept.OrderBy(k => k.Values[j]).ToArray();
            double Q(double q)
            {
                double acc = 0;
                foreach (var k in sorted) { acc += k.Weight / total; if (acc >= q - 1e-12) return k.Values[j]; }
                return sorted[^1].Values[j];
            }
            return new ParameterSummary(p.Path, p.Lo, p.Hi, mean, sd, Q(0.05), Q(0.5), Q(0.95));
        }).ToArray();
    }

    /// <summary>Kish's effective sample size of the kept particles' weights.</summary>
    public static double EffectiveSize(IReadOnlyList<Particle> generation)
    {
        var w = generation.Where(p => p.Accepted).Select(p => p.Weight).ToArray();
        double s = w.Sum(), s2 = w.Sum(x => x * x);
        return s2 > 0 ? s * s / s2 : 0;
    }
}

/// <summary>A parameter's posterior: weighted mean, sd and 5%, 50%, 95% quantiles, with its prior range.</summary>
internal sealed record ParameterSummary(string Path, double PriorLo, double PriorHi, double Mean, double Sd, double P05, double P50, double P95);

/// <summary>
/// How far one particle's runs are from the calibration targets: the root mean square over targets of the gap
/// between the model's central value and the observed range, in units of the target's scale (its range's width, or a
/// tenth of its size when it is a point, at least 1 for counts and days and 0.1 for yes/no outcomes). The central
/// value is the median, or the mean for a yes/no outcome, whose median jumps between 0 and 1.
/// </summary>
internal static class Discrepancy
{
    public static double Of(IReadOnlyList<HistoricalTarget> targets, bool[] yesNo, double[][] runs)
    {
        double sum = 0;
        for (int t = 0; t < targets.Count; t++)
        {
            var x = runs[t].Where(v => !double.IsNaN(v)).ToArray();
            if (x.Length == 0) return double.PositiveInfinity;
            double centre;
            if (yesNo[t]) centre = x.Average();
            else { Array.Sort(x); centre = TargetScore.Quantile(x, 0.5); }
            var target = targets[t];
            double gap = centre < target.Low ? target.Low - centre : centre > target.High ? centre - target.High : 0;
            double mid = Math.Abs((target.Low + target.High) / 2);
            double scale = Math.Max(target.High - target.Low, Math.Max(0.1 * mid, yesNo[t] ? 0.1 : 1));
            sum += gap / scale * (gap / scale);
        }
        return Math.Sqrt(sum / targets.Count);
    }
}
