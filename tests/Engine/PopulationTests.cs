using ConflictSim.Models;
using ConflictSim.Phases;
using ConflictSim.Randomness;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Epstein's civil violence as a regional mean field (PopulationPhase).</summary>
public class PopulationTests
{
    /// <summary>Share of a 2,000 × 2,000 midpoint grid over (H, R) ∈ [0,1]² for which H·(1 − L) − R·P &gt; T.</summary>
    private static double GridShare(double legitimacy, double p)
    {
        const int n = 2000;
        int active = 0;
        for (int i = 0; i < n; i++)
        {
            double h = (i + 0.5) / n;
            for (int j = 0; j < n; j++)
                if (CivilViolence.Activates(CivilViolence.Grievance(h, legitimacy), (j + 0.5) / n, p)) active++;
        }
        return (double)active / ((double)n * n);
    }

    [Theory]
    [InlineData(0.2, 0.0)]
    [InlineData(0.2, 0.9)]
    [InlineData(0.5, 0.3)]
    [InlineData(0.8, 0.05)]
    [InlineData(0.8, 1.0)]
    [InlineData(0.89, 0.5)]
    [InlineData(0.95, 0.0)]
    public void Active_share_matches_a_grid_integration_over_hardship_and_risk_aversion(double legitimacy, double p)
    {
        Assert.Equal(GridShare(legitimacy, p), CivilViolence.ActiveShare(legitimacy, p), 3);
    }

    [Fact]
    public void Active_share_matches_monte_carlo_over_residents()
    {
        var rng = Xoshiro256StarStar.FromSeed(11);
        const int n = 400_000;
        const double legitimacy = 0.4, p = 0.6;
        int active = 0;
        for (int i = 0; i < n; i++)
            if (CivilViolence.Activates(CivilViolence.Grievance(rng.NextDouble(), legitimacy), rng.NextDouble(), p)) active++;
        double share = CivilViolence.ActiveShare(legitimacy, p);
        double sd = Math.Sqrt(share * (1 - share) / n);
        Assert.InRange((double)active / n, share - 4 * sd, share + 4 * sd);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    public void Arrest_probability_through_detmath_matches_epsteins_formula(double ratio)
    {
        Assert.Equal(CivilViolence.ArrestProbability(ratio), PopulationPhase.ArrestProbability(ratio), 14);
    }

    [Fact]
    public void First_day_follows_the_mean_field_rules()
    {
        const double legitimacy = 0.4, enforcers = 300, population = 20000;
        var sim = TestScenarios.Run(TestScenarios.Uprising(legitimacy, enforcers: enforcers, population: population, days: 1, mode: CombatMode.Deterministic), 1);
        var settings = sim.Scenario.Settings;
        double seen = settings.VisionResidents / population;
        double p = PopulationPhase.ArrestProbability(enforcers * seen / 1); // nobody active yet: A_v = 1
        double active = CivilViolence.ActiveShare(legitimacy, p) * population;
        double arrested = Math.Min(active, enforcers * (1 - Math.Exp(-active * seen)));
        double armed = (active - arrested) * settings.ArmRate;
        var s = sim.State;
        Assert.Equal(arrested, s.Jailed[0], 6);
        Assert.Equal(armed, s.Risen[1], 6);
        Assert.Equal(active - arrested - armed, s.ActiveResidents[0], 6);
    }

    [Fact]
    public void Residents_stay_quiet_while_legitimacy_is_high()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Uprising(legitimacy: 0.95)), 1);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            sim.Reset(seed);
            sim.Run();
            Assert.Equal(0, sim.State.Risen[1]);
            Assert.Equal(0, sim.Outcome(1));
        }
    }

    [Fact]
    public void The_uprising_fires_after_a_legitimacy_drop()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Uprising(legitimacy: 0.95, drop: 0.6, dropDay: 10)), 5);
        var s = sim.State;
        for (int d = 0; d < 10; d++) sim.Step();
        Assert.Equal(0, s.ActiveResidents[0] + s.Risen[1]);
        sim.Run();
        Assert.Equal(0.35, s.Legitimacy[0], 12);
        Assert.True(s.Risen[1] > 100, $"only {s.Risen[1]} residents took up arms");
        Assert.True(sim.Outcome(1) > 1000, $"peak active {sim.Outcome(1)}");
    }

    [Fact]
    public void Residents_who_arm_join_the_faction_they_rise_for_in_their_region()
    {
        foreach (bool regionNamesFaction in new[] { true, false })
        {
            var sim = TestScenarios.Run(TestScenarios.Uprising(legitimacy: 0.3, regionNamesFaction: regionNamesFaction), 2);
            var s = sim.State;
            Assert.True(s.Risen[1] > 0);
            Assert.Equal(s.Risen[1], s.Fighters[s.Force(1, 0)]); // dmsc in town: only armed residents (no combat here)
            Assert.Equal(s.Risen[1], s.Recruited[1]);
            Assert.Equal(s.Risen[1], s.Armed[0]);
            Assert.Equal(s.Risen[1], sim.Outcome(0));
        }
    }

    [Fact]
    public void Arrests_need_enforcers()
    {
        var without = TestScenarios.Run(TestScenarios.Uprising(legitimacy: 0.3, enforcers: 0), 3);
        Assert.True(without.State.ActiveResidents[0] > 0);
        Assert.Equal(0, without.State.Jailed[0]);

        var with = TestScenarios.Run(TestScenarios.Uprising(legitimacy: 0.3, enforcers: 300), 3);
        Assert.True(with.State.Jailed[0] > 0);
    }

    [Fact]
    public void Higher_legitimacy_gives_a_smaller_uprising()
    {
        double MeanRisen(double legitimacy)
        {
            var sim = new Simulation(Scenario.Compile(TestScenarios.Uprising(legitimacy: legitimacy, phases: ["events", "population", "combat", "control", "metrics"])), 1);
            double sum = 0;
            for (ulong seed = 1; seed <= 30; seed++)
            {
                sim.Reset(seed);
                sim.Run();
                sum += sim.State.Risen[1];
            }
            return sum / 30;
        }
        double low = MeanRisen(0.2), mid = MeanRisen(0.5), high = MeanRisen(0.8);
        Assert.True(low > mid && mid > high, $"residents risen: {low} at L = 0.2, {mid} at 0.5, {high} at 0.8");
    }

    [Fact]
    public void A_region_taken_by_the_faction_residents_rise_for_goes_quiet()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Uprising(legitimacy: 0.3, phases: ["population"], days: 30)), 4);
        for (int d = 0; d < 10; d++) sim.Step();
        Assert.True(sim.State.ActiveResidents[0] > 0);
        sim.State.Controller[0] = 1; // dmsc holds the town; its legitimacy is 1, so nobody has a grievance
        sim.Step();
        Assert.Equal(0, sim.State.ActiveResidents[0]);
    }
}
