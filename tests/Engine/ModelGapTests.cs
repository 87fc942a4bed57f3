using ConflictSim.Models;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The mechanisms added where the scenarios could not produce what happened (issue 13): a fortified region, a
/// killed fraction set by the kind of fighting, and a local force that stands aside. Each against a closed form.
/// </summary>
public class ModelGapTests
{
    private const double A0 = 1000, Alpha = 0.05, Beta = 0.04;

    private static ScenarioSpec Held(double b0, double fortification = 1, double killedScale = 1, double standAside = 0)
    {
        var duel = TestScenarios.Duel(A0, b0, Alpha, Beta);
        return duel with
        {
            Settings = duel.Settings with { Defence = new Dictionary<Terrain, double>(Settings.DefaultDefence) { [Terrain.Open] = 1.0 } },
            Regions = [duel.Regions[0] with { Controller = "b", Fortification = fortification, KilledScale = killedScale }],
            Factions = [duel.Factions[0], duel.Factions[1] with { KilledFraction = 0.4, Doctrine = new Doctrine { StandAside = standAside } }],
        };
    }

    [Fact]
    public void A_fortified_holder_is_a_square_law_duel_with_the_attackers_fire_divided()
    {
        var sim = new Simulation(Scenario.Compile(Held(800, fortification: 2.5)), seed: 1);
        for (int day = 1; day <= 10; day++)
        {
            sim.Step();
            var (a, b) = Lanchester.SquareLaw(A0, 800, Alpha / 2.5, Beta, day);
            Assert.Equal(a, sim.State.Fighters[0], A0 * 1e-9);
            Assert.Equal(b, sim.State.Fighters[1], 800 * 1e-9);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void The_killed_share_of_losses_is_the_factions_fraction_times_the_regions_scale(double scale)
    {
        var sim = new Simulation(Scenario.Compile(Held(800, killedScale: scale)), seed: 1);
        for (int day = 0; day < 5; day++) sim.Step();
        double killed = sim.State.Killed[1], wounded = sim.State.Wounded[1];
        Assert.True(killed + wounded > 100);
        Assert.Equal(Math.Min(1, 0.4 * scale), killed / (killed + wounded), 1e-12);
    }

    [Fact]
    public void An_outnumbered_force_that_stands_aside_goes_home_without_a_shot()
    {
        // 1,000 against 400 is 2.5 to 1, at or above the ratio of 2: B leaves before the first exchange of fire.
        var sim = new Simulation(Scenario.Compile(Held(400, standAside: 2)), seed: 1);
        sim.Step();
        Assert.Equal(0, sim.State.Fighters[1]);
        Assert.Equal(400, sim.State.Dispersed[1]);
        Assert.Equal(A0, sim.State.Fighters[0]);
        Assert.Equal(0, sim.State.Killed[0] + sim.State.Wounded[0] + sim.State.Killed[1] + sim.State.Wounded[1]);
    }

    [Fact]
    public void Below_its_ratio_it_fights_as_any_force_does_until_the_odds_reach_it()
    {
        // 1,000 against 600 is 1.67 to 1: the square law, exactly as without the doctrine, until a morning's odds reach 2.
        var sim = new Simulation(Scenario.Compile(Held(600, standAside: 2)), seed: 1);
        double a = A0, b = 600;
        int day = 0;
        while (a < 2 * b)
        {
            sim.Step();
            day++;
            (a, b) = Lanchester.SquareLaw(A0, 600, Alpha, Beta, day);
            Assert.Equal(a, sim.State.Fighters[0], A0 * 1e-9);
            Assert.Equal(b, sim.State.Fighters[1], 600 * 1e-9);
            Assert.Equal(0, sim.State.Dispersed[1]);
        }
        Assert.True(day >= 2, "the first mornings must be below the ratio");
        sim.Step();
        Assert.Equal(0, sim.State.Fighters[1]);
        Assert.Equal(b, sim.State.Dispersed[1], 600 * 1e-9);
        Assert.Equal(a, sim.State.Fighters[0], A0 * 1e-9);
    }
}

/// <summary>A raid that breaks goes home: routed_go_home turns a rout into dispersal, with nothing left to come back.</summary>
public class RoutedRaidTests
{
    private static Simulation Run(bool goHome)
    {
        var duel = TestScenarios.Duel(1000, 300, 0.05, 0.04, phases: ["combat", "morale"]);
        var spec = duel with
        {
            Factions = [duel.Factions[0], duel.Factions[1] with { Doctrine = new Doctrine { RoutMorale = 0.99, RoutedGoHome = goHome } }],
        };
        var sim = new Simulation(Scenario.Compile(spec), seed: 1);
        sim.Step();
        return sim;
    }

    [Fact]
    public void A_broken_raid_disperses_whole_and_fights_no_more()
    {
        var raid = Run(goHome: true);
        double hit = raid.State.Killed[1] + raid.State.Wounded[1];
        Assert.True(hit > 0);
        Assert.Equal(0, raid.State.Fighters[1]);
        Assert.Equal(300 - hit, raid.State.Dispersed[1], 1e-9); // every survivor went home
    }

    [Fact]
    public void Without_it_a_trapped_routed_force_stays_to_fight()
    {
        // Nowhere to fall back to and no dispersal rate: the routed force stays in the field.
        var stays = Run(goHome: false);
        Assert.True(stays.State.Fighters[1] > 0);
        Assert.Equal(0, stays.State.Dispersed[1]);
    }
}
