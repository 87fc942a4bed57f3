using Xunit.Abstractions;
using ConflictSim.Analysis.Sensitivity;

namespace ConflictSim.Tests.Sensitivity;

/// <summary>
/// Sobol indices through the sweep's own path — the <see cref="DesignInfo"/> that makes a sweep's points, then
/// <c>SweepSensitivity.Analyse</c> on the value at each point — with a closed-form model in place of the simulation,
/// against the published analytical indices of the Ishigami function and the Sobol G-function. The tolerance is the
/// estimator's own bootstrap interval: the true index must lie in it, and the interval must be narrow enough to mean
/// something.
/// </summary>
public class SobolIndicesTests(ITestOutputHelper output)
{
    private static SobolResult Run(int k, double lo, double hi, int n, Func<double[], double> model)
    {
        var design = new DesignInfo
        {
            Method = DesignInfo.Sobol,
            Parameters = Enumerable.Range(1, k).Select(i => $"x{i}").ToArray(),
            Lo = Enumerable.Repeat(lo, k).ToArray(),
            Hi = Enumerable.Repeat(hi, k).ToArray(),
            Whole = new bool[k],
            Size = n,
        };
        var unit = design.UnitPoints();
        var y = design.Points().Select(model).ToArray();
        Assert.Equal(n * (k + 2), y.Length);
        var result = ConflictSim.Analysis.Sensitivity.SweepSensitivity.Analyse(design, "y", unit, y, within: 0, runs: 1, seed: 7);
        return result.Sobol!;
    }

    private void Show(string name, SobolResult result, double[] s1, double[] st)
    {
        for (int i = 0; i < s1.Length; i++)
        {
            var x = result.Indices[i];
            output.WriteLine($"{name} x{i + 1}: S1 {x.First:F4} [{x.FirstCi.Lo:F4}, {x.FirstCi.Hi:F4}] (true {s1[i]:F4}, N/2 {x.FirstHalf:F4}); " +
                $"ST {x.Total:F4} [{x.TotalCi.Lo:F4}, {x.TotalCi.Hi:F4}] (true {st[i]:F4}, N/2 {x.TotalHalf:F4}) {string.Join("; ", x.Flags())}");
        }
    }

    private static void InInterval(double truth, (double Lo, double Hi) ci, double maxWidth, string what)
    {
        Assert.True(ci.Lo <= truth && truth <= ci.Hi, $"{what}: true {truth:F4} outside the bootstrap 95% CI {ci.Lo:F4}..{ci.Hi:F4}");
        Assert.True(ci.Hi - ci.Lo < maxWidth, $"{what}: CI {ci.Lo:F4}..{ci.Hi:F4} wider than {maxWidth}");
    }

    [Fact]
    public void Ishigami_indices_are_the_analytical_ones()
    {
        // Ishigami & Homma (1990), a = 7, b = 0.1 on [−π, π]³; indices as in Saltelli et al. (2008), Global Sensitivity Analysis: The Primer.
        const double a = 7, b = 0.1;
        double pi4 = Math.Pow(Math.PI, 4), pi8 = Math.Pow(Math.PI, 8);
        double v1 = 0.5 * Math.Pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pi8 * 8 / 225;
        double v = v1 + v2 + v13;
        double[] s1 = [v1 / v, v2 / v, 0], st = [(v1 + v13) / v, v2 / v, v13 / v];
        Assert.Equal(0.3139, s1[0], 4);
        Assert.Equal(0.4424, s1[1], 4);
        Assert.Equal(0.5576, st[0], 4);
        Assert.Equal(0.2437, st[2], 4);

        var result = Run(3, -Math.PI, Math.PI, 4096, x => Math.Sin(x[0]) + a * Math.Pow(Math.Sin(x[1]), 2) + b * Math.Pow(x[2], 4) * Math.Sin(x[0]));

        Show("Ishigami", result, s1, st);
        for (int i = 0; i < 3; i++)
        {
            InInterval(s1[i], result.Indices[i].FirstCi, 0.15, $"S{i + 1}");
            InInterval(st[i], result.Indices[i].TotalCi, 0.15, $"ST{i + 1}");
            Assert.True(Math.Abs(result.Indices[i].Total - st[i]) < 0.03, $"ST{i + 1} = {result.Indices[i].Total:F4}, true {st[i]:F4}");
        }
        Assert.Equal(13.845, result.Variance, 1);
        // x3 acts only through its interaction with x1: its first-order interval includes zero, and says so.
        Assert.Contains("S1 CI includes 0", result.Indices[2].Flags());
        Assert.DoesNotContain(result.Indices[1].Flags(), f => f.StartsWith("S1", StringComparison.Ordinal));
        // The N/2 estimates are there and close: the check a reader uses to see N was enough.
        Assert.True(Math.Abs(result.Indices[1].FirstHalf - result.Indices[1].First) < 0.05);
    }

    [Fact]
    public void G_function_indices_are_the_analytical_ones()
    {
        // Sobol's G-function, g = Π (|4x − 2| + a_i) / (1 + a_i) on [0, 1]^k: V_i = 1 / (3 (1 + a_i)²),
        // V = Π (1 + V_i) − 1, S_i = V_i / V, S_Ti = V_i Π_{j≠i} (1 + V_j) / V (Saltelli et al. 2010, section 5).
        double[] a = [0, 1, 4.5, 9, 99, 99];
        var vi = a.Select(ai => 1 / (3 * (1 + ai) * (1 + ai))).ToArray();
        double v = vi.Aggregate(1.0, (p, x) => p * (1 + x)) - 1;

        var result = Run(a.Length, 0, 1, 4096, x =>
        {
            double g = 1;
            for (int i = 0; i < a.Length; i++) g *= (Math.Abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
            return g;
        });

        var trueFirst = vi.Select(x => x / v).ToArray();
        var trueTotal = vi.Select((x, i) => x * vi.Where((_, j) => j != i).Aggregate(1.0, (p, y) => p * (1 + y)) / v).ToArray();
        Show("G", result, trueFirst, trueTotal);
        for (int i = 0; i < a.Length; i++)
        {
            double first = vi[i] / v, total = vi[i] * vi.Where((_, j) => j != i).Aggregate(1.0, (p, x) => p * (1 + x)) / v;
            InInterval(first, result.Indices[i].FirstCi, 0.2, $"S{i + 1}");
            InInterval(total, result.Indices[i].TotalCi, 0.2, $"ST{i + 1}");
        }
        // The nearly inert factors (a = 99) are flagged, not reported as influential.
        Assert.Contains("S1 CI includes 0", result.Indices[5].Flags());
    }

    [Fact]
    public void A_negative_estimate_is_flagged()
    {
        var index = new SobolIndex("x", -0.01, (-0.05, 0.03), 0.2, (0.1, 0.3), -0.02, 0.2);
        Assert.Equal(["S1 negative", "S1 CI includes 0"], index.Flags());
    }
}
