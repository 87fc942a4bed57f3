using ConflictSim.Randomness;

namespace ConflictSim.Analysis.Sensitivity;

/// <summary>Morris screening measures of one parameter.</summary>
/// <param name="Parameter">Parameter path.</param>
/// <param name="Mu">Mean elementary effect (signed: effects of opposite sign cancel).</param>
/// <param name="MuStar">Mean absolute elementary effect (Campolongo, Cariboni &amp; Saltelli 2007).</param>
/// <param name="MuStarCi">Percentile bootstrap 95% interval of μ*, resampling trajectories.</param>
/// <param name="Sigma">Standard deviation of the effects (n − 1): non-linearity or interaction.</param>
/// <param name="Effects">Elementary effects counted (a trajectory whose step rounds to nothing has none).</param>
public sealed record MorrisEffect(string Parameter, double Mu, double MuStar, (double Lo, double Hi) MuStarCi, double Sigma, int Effects);

/// <summary>
/// Morris' elementary-effects screening (M. D. Morris, "Factorial sampling plans for preliminary computational
/// experiments", Technometrics 33 (1991) 161–174) with μ* (F. Campolongo, J. Cariboni, A. Saltelli, "An effective
/// screening design for sensitivity analysis of large models", Environ. Model. Softw. 22 (2007) 1509–1518).
/// Each of R trajectories starts at a random point of the p-level grid {0, 1/(p−1), …, 1} and moves one parameter at
/// a time, in a random order, by Δ = p / (2(p − 1)) up or down: k + 1 points. Effects are measured in the unit cube
/// (a step across a parameter's whole range counts as 1), so μ* compares parameters with different units; the step
/// is the one actually taken, which differs from Δ when a whole-number key is rounded.
/// </summary>
public static class MorrisDesign
{
    /// <summary>Grid levels p.</summary>
    public const int DefaultLevels = 4;

    /// <summary>Bootstrap resamples of μ*.</summary>
    public const int Resamples = 1000;

    /// <summary>The R(k + 1) points in the unit cube, trajectory by trajectory.</summary>
    public static double[][] UnitPoints(int k, int trajectories, int levels, ulong seed)
    {
        double delta = levels / (2.0 * (levels - 1));
        var rng = Xoshiro256StarStar.FromSeed(seed);
        var points = new double[trajectories * (k + 1)][];
        var order = new int[k];
        for (int r = 0; r < trajectories; r++)
        {
            var x = new double[k];
            var up = new bool[k];
            for (int i = 0; i < k; i++)
            {
                // Start levels from which a step of Δ stays in the cube: 0 … 1 − Δ, up; or their mirror, down.
                int starts = (int)Math.Round((1 - delta) * (levels - 1)) + 1;
                double level = (int)(rng.NextDouble() * starts) / (double)(levels - 1);
                up[i] = rng.NextDouble() < 0.5;
                x[i] = up[i] ? level : level + delta;
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) // Fisher–Yates
            {
                int t = (int)(rng.NextDouble() * (i + 1));
                (order[i], order[t]) = (order[t], order[i]);
            }
            points[r * (k + 1)] = (double[])x.Clone();
            for (int s = 0; s < k; s++)
            {
                int i = order[s];
                x[i] += up[i] ? delta : -delta;
                points[r * (k + 1) + s + 1] = (double[])x.Clone();
            }
        }
        return points;
    }

    /// <summary>
    /// Measures from the outcome at each point (sweep order) and the unit-cube coordinates actually run (after
    /// rounding). NaN outcomes leave out the effects that need them.
    /// </summary>
    public static IReadOnlyList<MorrisEffect> Analyse(IReadOnlyList<string> parameters, double[][] unit, IReadOnlyList<double> y, ulong seed)
    {
        int k = parameters.Count, trajectories = y.Count / (k + 1);
        // effects[i][r]: parameter i's effect in trajectory r (NaN when none).
        var effects = new double[k][];
        for (int i = 0; i < k; i++) { effects[i] = new double[trajectories]; Array.Fill(effects[i], double.NaN); }
        for (int r = 0; r < trajectories; r++)
            for (int s = 1; s <= k; s++)
            {
                int at = r * (k + 1) + s;
                int moved = -1;
                for (int i = 0; i < k; i++) if (unit[at][i] != unit[at - 1][i]) moved = i;
                double step = moved >= 0 ? unit[at][moved] - unit[at - 1][moved] : 0;
                if (moved < 0 || step == 0 || !double.IsFinite(y[at]) || !double.IsFinite(y[at - 1])) continue;
                effects[moved][r] = (y[at] - y[at - 1]) / step;
            }

        var rng = Xoshiro256StarStar.FromSeed(seed);
        var result = new MorrisEffect[k];
        var boot = new double[Resamples];
        for (int i = 0; i < k; i++)
        {
            var e = effects[i].Where(double.IsFinite).ToArray();
            int n = e.Length;
            double mu = n > 0 ? e.Average() : double.NaN;
            double muStar = n > 0 ? e.Average(Math.Abs) : double.NaN;
            double sigma = n > 1 ? Math.Sqrt(e.Sum(v => (v - mu) * (v - mu)) / (n - 1)) : double.NaN;
            for (int b = 0; b < Resamples; b++)
            {
                double sum = 0;
                for (int t = 0; t < n; t++) sum += Math.Abs(e[(int)(rng.NextDouble() * n)]);
                boot[b] = n > 0 ? sum / n : double.NaN;
            }
            result[i] = new MorrisEffect(parameters[i], mu, muStar, SaltelliDesign.Percentiles(boot), sigma, n);
        }
        return result;
    }
}
