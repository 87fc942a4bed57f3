using ConflictSim.Analysis.Validation;
using ConflictSim.Randomness;

namespace ConflictSim.Tests.Analysis;

/// <summary>The predictive checks against closed forms and brute force.</summary>
public class TargetScoreTests
{
    private static HistoricalTarget Target(double low, double high, params string[] fittedBy) =>
        new() { Id = "t", Outcome = "o", Low = low, High = high, Use = TargetUse.Validate, FittedBy = fittedBy };

    [Fact]
    public void Crps_of_a_fair_coin_at_zero_is_a_quarter()
    {
        // E|X − 0| = ½ and E|X − X′| = ½, so CRPS = ½ − ¼.
        Assert.Equal(0.25, TargetScore.Crps([0, 1], 0), 12);
    }

    [Fact]
    public void Crps_matches_the_double_sum_on_random_samples()
    {
        var rng = Xoshiro256StarStar.FromSeed(42);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 1 + (int)(rng.NextDouble() * 40);
            var x = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 100, 1)).ToArray();
            double y = rng.NextDouble() * 120 - 10;
            double pairs = 0;
            foreach (var a in x) foreach (var b in x) pairs += Math.Abs(a - b);
            double expected = x.Average(v => Math.Abs(v - y)) - 0.5 * pairs / (n * n);
            Array.Sort(x);
            Assert.Equal(expected, TargetScore.Crps(x, y), 9);
        }
    }

    [Fact]
    public void Quantiles_are_type_seven_and_pit_splits_ties()
    {
        double[] x = [1, 2, 3, 4, 5];
        Assert.Equal(3, TargetScore.Quantile(x, 0.5));
        Assert.Equal(1.2, TargetScore.Quantile(x, 0.05), 12);
        Assert.Equal(4.8, TargetScore.Quantile(x, 0.95), 12);
        Assert.Equal((2 + 0.5) / 5, TargetScore.Pit(x, 3));
        Assert.Equal(0, TargetScore.Pit(x, 0.5));
        Assert.Equal(1, TargetScore.Pit(x, 9));
    }

    [Fact]
    public void Interval_score_is_width_plus_twenty_times_the_miss()
    {
        Assert.Equal(4, TargetScore.IntervalScore((2, 6), 3, 3));
        Assert.Equal(4 + 20 * 3, TargetScore.IntervalScore((2, 6), 9, 9));
        Assert.Equal(4 + 20 * 1, TargetScore.IntervalScore((2, 6), -5, 1)); // nearest point of the range
    }

    [Fact]
    public void A_range_that_overlaps_the_interval_is_inside()
    {
        var runs = Enumerable.Range(0, 101).Select(i => (double)i).ToArray(); // 90% PI 5..95
        Assert.True(TargetScore.Of(Target(90, 120), runs).Inside90);
        Assert.False(TargetScore.Of(Target(96, 120), runs).Inside90);
        Assert.False(TargetScore.Of(Target(90, 120), runs).Inside50);
        var r = TargetScore.Of(Target(50, 50), runs);
        Assert.Equal((50.0, 5.0, 95.0, 0.5), (r.Median, r.Pi90.Lo, r.Pi90.Hi, r.Pit));
    }

    [Fact]
    public void Missing_values_are_left_out_and_a_fitted_target_is_not_counted()
    {
        var r = TargetScore.Of(Target(1, 1), [double.NaN, 1, 1, double.NaN]);
        Assert.Equal(2, r.N);
        Assert.True(r.Counted);
        Assert.False(TargetScore.Of(Target(1, 1, "line 3"), [1, 1]).Counted);
        Assert.False(TargetScore.Of(Target(1, 1), [double.NaN]).Counted);
    }

    [Fact]
    public void Warnings_name_constant_outcomes_identical_pairs_and_fitted_targets()
    {
        var scenario = Scenario.Compile(ConflictSim.Scenarios.ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "data", "sweep", "duel.yaml")).Spec!);
        Assert.Equal(["red_killed", "town_falls", "blue_holds_b"], scenario.Outcomes.Select(o => o.Id));
        double[][] runs = [[1, 2, 3], [double.NaN, double.NaN, double.NaN], [1, 2, 3]];
        var warnings = CheckReport.Warn(scenario, [Target(1, 1, "line 9")], runs);

        Assert.Equal(["constant", "identical", "fitted"], warnings.Select(w => w.Kind));
        Assert.Equal(["town_falls"], warnings[0].Outcomes);
        Assert.Equal(["red_killed", "blue_holds_b"], warnings[1].Outcomes);
        Assert.Contains("line 9", warnings[2].Message);
    }

    [Fact]
    public void The_calibration_distance_is_the_rms_gap_in_units_of_each_targets_scale()
    {
        HistoricalTarget[] targets = [Target(10, 20), Target(100, 100), Target(1, 1)];
        // Medians 15 (inside: 0), 130 (30 past a point of scale 0.1 × 100 = 10: 3), and a yes/no mean of 0.8 (0.2 short
        // of 1 at scale 0.1: 2).
        double[][] runs = [[14, 15, 16], [120, 130, 140], [1, 1, 1, 1, 0]];
        double d = Discrepancy.Of(targets, [false, false, true], runs);
        Assert.Equal(Math.Sqrt((0 + 9 + 4) / 3.0), d, 12);
        Assert.Equal(double.PositiveInfinity, Discrepancy.Of([Target(1, 1)], [false], [[double.NaN]]));
    }

    [Fact]
    public void Abc_keeps_the_nearest_and_moves_them_by_twice_their_variance()
    {
        Prior[] priors = [new("p", 0, 10, null, false)];
        double[][] values = [[1], [2], [3], [4]];
        var kept = AbcSmc.Select(priors, values, [0.4, 0.1, 0.3, 0.2], keep: 2, previous: null);
        Assert.Equal([false, true, false, true], kept.Select(k => k.Accepted));
        Assert.Equal([0, 0.5, 0, 0.5], kept.Select(k => k.Weight));
        // Kept values 2 and 4 at equal weight: variance 1, so the kernel's sd is √2 (Beaumont et al. 2009).
        Assert.Equal(Math.Sqrt(2), AbcSmc.KernelSd(priors, kept.Where(k => k.Accepted).ToList())[0], 12);
        var next = AbcSmc.Propose(priors, kept, 50, master: 9, generation: 1);
        Assert.All(next, v => Assert.InRange(v[0], 0, 10));
        Assert.Equal(next.Select(v => v[0]), AbcSmc.Propose(priors, kept, 50, master: 9, generation: 1).Select(v => v[0]));
    }
}
