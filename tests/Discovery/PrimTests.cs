using ConflictSim.Analysis.Discovery;
using ConflictSim.Randomness;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Discovery;

/// <summary>PRIM on synthetic data whose box is known, its quasi-p-values against brute force, and discover's refusals.</summary>
public class PrimTests
{
    /// <summary>
    /// 2,000 uniform points in [0, 1]⁴, 3 runs each; a run is a case with probability 0.9 inside
    /// [0.2, 0.6] × [0.5, 1] on the first two parameters and 0.05 elsewhere; the other two do nothing.
    /// </summary>
    private static (double[][] X, long[] Runs, long[] Cases) Synthetic()
    {
        var rng = Xoshiro256StarStar.FromSeed(42);
        int n = 2000;
        var x = new double[n][];
        var runs = new long[n];
        var cases = new long[n];
        for (int p = 0; p < n; p++)
        {
            x[p] = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
            bool inside = x[p][0] >= 0.2 && x[p][0] <= 0.6 && x[p][1] >= 0.5;
            runs[p] = 3;
            for (int r = 0; r < 3; r++) if (rng.NextDouble() < (inside ? 0.9 : 0.05)) cases[p]++;
        }
        return (x, runs, cases);
    }

    [Fact]
    public void Peeling_and_pasting_find_the_known_box()
    {
        var (x, runs, cases) = Synthetic();

        var result = Prim.Run(x, runs, cases);

        var box = result.Trajectory[result.Chosen];
        Assert.InRange(box.Lo[0], 0.15, 0.25);
        Assert.InRange(box.Hi[0], 0.55, 0.65);
        Assert.InRange(box.Lo[1], 0.45, 0.55);
        Assert.True(box.Hi[1] > 0.95, $"x2's upper limit {box.Hi[1]} should stay open");
        Assert.True(box.Density > 0.8, $"density {box.Density}");
        Assert.True(box.Coverage > 0.7, $"coverage {box.Coverage}");
        // The real limits are significant; a limit on a parameter that does nothing is not, or is not drawn at all.
        var first = result.Limits.Single(l => l.Parameter == 0);
        Assert.True(first.PLo < 1e-6 && first.PHi < 1e-6, $"quasi-p {first.PLo}, {first.PHi}");
        Assert.True(result.Limits.Single(l => l.Parameter == 1).PLo < 1e-6);
        foreach (var l in result.Limits.Where(l => l.Parameter >= 2))
            Assert.True((l.PLo ?? 1) > 0.001 && (l.PHi ?? 1) > 0.001, $"parameter {l.Parameter} has a significant limit");
        // Coverage falls and density rises along the peeling trajectory; every box keeps the minimum mass.
        var peeled = result.Trajectory.Where(b => !b.Pasted).ToList();
        for (int i = 1; i < peeled.Count; i++)
        {
            Assert.True(peeled[i].Coverage <= peeled[i - 1].Coverage);
            Assert.True(peeled[i].Mass >= Prim.MassMin);
        }
        Assert.Equal(1.0, result.Trajectory[0].Coverage);
    }

    [Fact]
    public void The_quasi_p_value_is_the_binomial_upper_tail()
    {
        // P(X ≥ k), X ~ Binomial(n, p), summed term by term.
        foreach (var (k, n, p) in new[] { (7L, 10L, 0.4), (1L, 5L, 0.1), (30L, 40L, 0.55), (0L, 4L, 0.3) })
        {
            double brute = 0;
            for (long i = k; i <= n; i++) brute += MathNet.Numerics.SpecialFunctions.Binomial((int)n, (int)i) * Math.Pow(p, i) * Math.Pow(1 - p, n - i);
            Assert.Equal(brute, Prim.BinomialUpperTail(k, n, p), 10);
        }
    }

    [Fact]
    public void Discover_refuses_what_cannot_support_it_in_one_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"conflictsim-discover-{Guid.NewGuid():N}");
        try
        {
            // Three runs: too few for PRIM, however many points.
            string three = Path.Combine(dir, "three");
            Assert.Equal(0, CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "1", "--days", "5",
                "--vary", "settings.loss_shock=1,2,3", "--out", three).Exit);
            var tooFew = CliHarness.Run("discover", three, "--outcome", "sirte_fall_day");
            Assert.Equal(1, tooFew.Exit);
            Assert.Equal($"conflictsim: discover: '{three}' has 3 runs; PRIM needs at least {Prim.MinRuns} (each peel removes 5% of a box's runs)", tooFew.Err.TrimEnd());

            // One parameter point: nothing to bound.
            string one = Path.Combine(dir, "one");
            Assert.Equal(0, CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "25", "--days", "5", "--out", one).Exit);
            var single = CliHarness.Run("discover", one, "--outcome", "sirte_fall_day");
            Assert.Equal(1, single.Exit);
            Assert.StartsWith($"conflictsim: discover: '{one}' has 1 parameter point; PRIM needs a sweep over parameters", single.Err);
            Assert.Single(single.Err.TrimEnd().Split('\n'));

            var notSweep = CliHarness.Run("discover", dir, "--outcome", "x");
            Assert.Equal(1, notSweep.Exit);
            Assert.Single(notSweep.Err.TrimEnd().Split('\n'));
            Assert.False(File.Exists(Path.Combine(three, "discover-sirte_fall_day.json")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}
