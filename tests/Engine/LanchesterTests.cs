using ConflictSim.Models;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>The combat phase against Lanchester's closed forms.</summary>
public class LanchesterTests
{
    [Theory]
    [InlineData(1000, 800, 0.05, 0.04)]
    [InlineData(500, 500, 0.02, 0.02)]
    [InlineData(3000, 1200, 0.01, 0.06)]
    public void Deterministic_aimed_fire_reproduces_the_square_law(double a0, double b0, double alpha, double beta)
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Duel(a0, b0, alpha, beta)), seed: 1);
        for (int day = 1; day <= 30; day++)
        {
            sim.Step();
            var (a, b) = Lanchester.SquareLaw(a0, b0, alpha, beta, day);
            if (a <= 0 || b <= 0) break; // the closed form holds until one side is gone
            Assert.Equal(a, sim.State.Fighters[0], a0 * 1e-9);
            Assert.Equal(b, sim.State.Fighters[1], b0 * 1e-9);
        }
    }

    [Fact]
    public void Square_law_invariant_is_conserved_and_the_stronger_side_wins()
    {
        // α·A² = 0.05·1000² = 50,000 > β·B² = 0.04·800² = 25,600: A wins with √((50000−25600)/0.05) ≈ 698.6 left.
        var sim = new Simulation(Scenario.Compile(TestScenarios.Duel(1000, 800, 0.05, 0.04, days: 200)), seed: 1);
        double invariant = Lanchester.SquareLawInvariant(1000, 800, 0.05, 0.04);
        for (int day = 0; day < 20; day++)
        {
            sim.Step();
            Assert.Equal(invariant, Lanchester.SquareLawInvariant(sim.State.Fighters[0], sim.State.Fighters[1], 0.05, 0.04), 1e-4);
        }
        sim.Run();
        Assert.Equal(0, sim.State.Fighters[1], 1e-6);
        Assert.Equal(Math.Sqrt(invariant / 0.05), sim.State.Fighters[0], 1.0);
    }

    [Fact]
    public void Deterministic_area_fire_reproduces_the_linear_law()
    {
        const double a0 = 1000, b0 = 900, alpha = 2e-5, beta = 3e-5;
        var sim = new Simulation(Scenario.Compile(TestScenarios.Duel(a0, b0, 0, 0, areaA: alpha, areaB: beta)), seed: 1);
        for (int day = 1; day <= 30; day++)
        {
            sim.Step();
            var (a, b) = Lanchester.LinearLaw(a0, b0, alpha, beta, day);
            Assert.Equal(a, sim.State.Fighters[0], a0 * 1e-9);
            Assert.Equal(b, sim.State.Fighters[1], b0 * 1e-9);
        }
    }

    [Fact]
    public void Closed_forms_satisfy_their_differential_equations()
    {
        const double h = 1e-5, alpha = 0.03, beta = 0.02;
        var (a1, b1) = Lanchester.SquareLaw(900, 700, alpha, beta, 3 - h);
        var (a2, b2) = Lanchester.SquareLaw(900, 700, alpha, beta, 3 + h);
        var (a, b) = Lanchester.SquareLaw(900, 700, alpha, beta, 3);
        Assert.Equal(-beta * b, (a2 - a1) / (2 * h), 1e-6);
        Assert.Equal(-alpha * a, (b2 - b1) / (2 * h), 1e-6);

        (a1, b1) = Lanchester.LinearLaw(900, 700, alpha * 1e-3, beta * 1e-3, 3 - h);
        (a2, b2) = Lanchester.LinearLaw(900, 700, alpha * 1e-3, beta * 1e-3, 3 + h);
        (a, b) = Lanchester.LinearLaw(900, 700, alpha * 1e-3, beta * 1e-3, 3);
        Assert.Equal(-beta * 1e-3 * a * b, (a2 - a1) / (2 * h), 1e-6);
        Assert.Equal(-alpha * 1e-3 * a * b, (b2 - b1) / (2 * h), 1e-6);
    }

    [Fact]
    public void Stochastic_losses_average_to_the_expected_losses()
    {
        const int seeds = 2000;
        var expected = new Simulation(Scenario.Compile(TestScenarios.Duel(1000, 800, 0.05, 0.04)), 1);
        expected.Step();
        double expectedLossA = 1000 - expected.State.Fighters[0];

        var spec = TestScenarios.Duel(1000, 800, 0.05, 0.04, mode: CombatMode.Stochastic);
        var sim = new Simulation(Scenario.Compile(spec), 1);
        double sum = 0, sumSq = 0;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            sim.Reset(seed);
            sim.Step();
            double loss = 1000 - sim.State.Fighters[0];
            Assert.Equal(Math.Floor(loss), loss); // whole fighters
            sum += loss; sumSq += loss * loss;
        }
        double mean = sum / seeds;
        double sd = Math.Sqrt(sumSq / seeds - mean * mean);
        Assert.InRange(mean, expectedLossA - 4 * sd / Math.Sqrt(seeds), expectedLossA + 4 * sd / Math.Sqrt(seeds));
        // Binomial spread: n·p·(1−p) with p = expected/n.
        double p = expectedLossA / 1000;
        Assert.InRange(sd, 0.8 * Math.Sqrt(1000 * p * (1 - p)), 1.2 * Math.Sqrt(1000 * p * (1 - p)));
    }

    [Fact]
    public void Urban_defence_divides_the_fire_the_holder_takes()
    {
        var open = TestScenarios.Duel(1000, 1000, 0.05, 0.05);
        var urban = open with
        {
            Regions = [open.Regions[0] with { Terrain = Terrain.Urban, Controller = "b" }],
        };
        var o = new Simulation(Scenario.Compile(open), 1); o.Step();
        var u = new Simulation(Scenario.Compile(urban), 1); u.Step();
        double openLossB = 1000 - o.State.Fighters[1];
        double urbanLossB = 1000 - u.State.Fighters[1];
        Assert.Equal(openLossB / Settings.DefaultDefence[Terrain.Urban], urbanLossB, 0.5);
        Assert.True(1000 - u.State.Fighters[0] > urbanLossB, "the attacker loses more than the defender in a city");
    }

    [Fact]
    public void Losses_split_into_killed_and_wounded_by_the_killed_fraction()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Duel(1000, 800, 0.05, 0.04)), 1);
        sim.Step();
        var s = sim.State;
        double lostB = 800 - s.Fighters[1];
        Assert.Equal(lostB * 0.33, s.Killed[1], 1e-9);
        Assert.Equal(lostB * 0.67, s.Wounded[1], 1e-9);
    }
}
