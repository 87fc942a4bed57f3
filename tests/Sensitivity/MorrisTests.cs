using ConflictSim.Analysis.Sensitivity;

namespace ConflictSim.Tests.Sensitivity;

/// <summary>Morris' design and its measures against closed forms and against the effects computed by hand.</summary>
public class MorrisTests
{
    private static DesignInfo Design(int k, int r, bool whole = false, double lo = 0, double hi = 1) => new()
    {
        Method = DesignInfo.Morris,
        Parameters = Enumerable.Range(1, k).Select(i => $"x{i}").ToArray(),
        Lo = Enumerable.Repeat(lo, k).ToArray(),
        Hi = Enumerable.Repeat(hi, k).ToArray(),
        Whole = Enumerable.Repeat(whole, k).ToArray(),
        Size = r,
        Seed = 11,
    };

    private static IReadOnlyList<MorrisEffect> Analyse(DesignInfo design, Func<double[], double> model)
    {
        var points = design.Points();
        var unit = points.Select(p => p.Select((v, j) => design.Unit(j, v)).ToArray()).ToArray();
        return SweepSensitivity.Analyse(design, "y", unit, points.Select(model).ToArray(), 0, 1, 3).Morris!;
    }

    [Fact]
    public void Each_trajectory_moves_one_parameter_at_a_time_by_delta_on_the_grid()
    {
        var points = Design(4, 30).UnitPoints();
        Assert.Equal(30 * 5, points.Length);
        for (int r = 0; r < 30; r++)
        {
            var moved = new HashSet<int>();
            for (int s = 1; s <= 4; s++)
            {
                var a = points[r * 5 + s - 1];
                var b = points[r * 5 + s];
                var changed = Enumerable.Range(0, 4).Where(i => a[i] != b[i]).ToList();
                Assert.Single(changed);
                Assert.Equal(2.0 / 3, Math.Abs(b[changed[0]] - a[changed[0]]), 12);
                Assert.True(moved.Add(changed[0]), "a parameter moved twice in one trajectory");
                foreach (var x in b) Assert.Contains(Math.Round(x * 3, 9), new[] { 0.0, 1, 2, 3 });
            }
        }
    }

    [Fact]
    public void A_linear_model_has_its_coefficients_times_the_range_as_mu_star_and_no_spread()
    {
        double[] c = [3, -2, 0, 0.5];
        var effects = Analyse(Design(4, 20, lo: 10, hi: 14), x => c.Select((ci, i) => ci * x[i]).Sum());
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Math.Abs(c[i]) * 4, effects[i].MuStar, 9);
            Assert.Equal(c[i] * 4, effects[i].Mu, 9);
            Assert.Equal(0, effects[i].Sigma, 9);
            Assert.Equal(20, effects[i].Effects);
        }
    }

    [Fact]
    public void Rounded_whole_number_steps_are_measured_as_taken()
    {
        // Levels 0, 10/3, 20/3, 10 round to 0, 3, 7, 10: steps of 7 (and 6 never, since Δ spans two levels), still exact.
        var effects = Analyse(Design(2, 15, whole: true, lo: 0, hi: 10), x => 5 * x[0] + x[1]);
        Assert.Equal(50, effects[0].MuStar, 9);
        Assert.Equal(10, effects[1].MuStar, 9);
    }

    [Fact]
    public void An_interaction_gives_spread_and_mu_star_equal_to_the_hand_computed_effects()
    {
        var design = Design(3, 40);
        var effects = Analyse(design, x => x[0] * x[1] + x[2]);
        // By hand: x1's effect in a trajectory is (f(after) − f(before)) / step, found from the points directly.
        var unit = design.UnitPoints();
        var byHand = new List<double>();
        for (int r = 0; r < 40; r++)
            for (int s = 1; s <= 3; s++)
            {
                var a = unit[r * 4 + s - 1];
                var b = unit[r * 4 + s];
                if (a[0] != b[0]) byHand.Add((b[0] * b[1] + b[2] - (a[0] * a[1] + a[2])) / (b[0] - a[0]));
            }
        Assert.Equal(byHand.Average(Math.Abs), effects[0].MuStar, 9);
        Assert.True(effects[0].Sigma > 0.1);
        Assert.Equal(1, effects[2].MuStar, 9);
        Assert.Equal(0, effects[2].Sigma, 9);
        Assert.InRange(effects[0].MuStar, effects[0].MuStarCi.Lo, effects[0].MuStarCi.Hi);
    }
}
