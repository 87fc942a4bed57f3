using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Outcome kinds that count days or read alignments.</summary>
public class OutcomeKindsTests
{
    private static ScenarioSpec Terminal(double attackers) => new()
    {
        Id = "terminal", Title = "Terminal", Start = TestScenarios.Start, Days = 10,
        Settings = new Settings { Mode = CombatMode.Deterministic },
        Phases = ["combat", "control", "alliances", "metrics"],
        Regions = [new RegionSpec { Id = "sidra", Name = "Sidra", Controller = "guard", OilTerminal = true }],
        Factions =
        [
            new FactionSpec { Id = "guard", Name = "Guard", AimedFire = 0.05, Forces = new Dictionary<string, double> { ["sidra"] = 1000 } },
            new FactionSpec { Id = "raiders", Name = "Raiders", AimedFire = 0.01, Forces = new Dictionary<string, double> { ["sidra"] = attackers } },
            new FactionSpec { Id = "gov", Name = "Gov" },
        ],
        Relations = [new("guard", "raiders", -1), new("guard", "gov", 0.5)],
        Camps = [new CampSpec { Id = "east", Name = "East", Members = ["guard", "gov"] }],
        Outcomes =
        [
            new OutcomeSpec { Id = "lost", Kind = OutcomeKind.DaysNotHeld, Factions = ["guard"], Region = "sidra" },
            new OutcomeSpec { Id = "together", Kind = OutcomeKind.SameBloc, Factions = ["guard", "gov"] },
            new OutcomeSpec { Id = "joined", Kind = OutcomeKind.FirstDaySameBloc, Factions = ["guard", "raiders"] },
        ],
    };

    private static double Value(Simulation sim, string id) => sim.Outcome(sim.Scenario.OutcomeIndex(id)) ?? double.NaN;

    [Fact]
    public void Days_not_held_counts_the_days_an_enemy_fights_in_the_region()
    {
        var sim = new Simulation(Scenario.Compile(Terminal(150)), 1);
        sim.Run();
        // The raiders are wiped out within a few days; every day they are still there is a day of exports lost.
        double lost = Value(sim, "lost");
        Assert.InRange(lost, 2, 6);
        Assert.Equal(0, sim.State.FightersOf(sim.Scenario.FactionIndex("raiders")), 6);

        var quiet = new Simulation(Scenario.Compile(Terminal(0)), 1);
        quiet.Run();
        Assert.Equal(0, Value(quiet, "lost"));
    }

    [Fact]
    public void Same_bloc_reads_the_alignment_and_first_day_same_bloc_stays_null_when_it_never_happens()
    {
        var sim = new Simulation(Scenario.Compile(Terminal(150)), 1);
        sim.Run();
        Assert.Equal(1, Value(sim, "together"));
        Assert.Null(sim.Outcome(sim.Scenario.OutcomeIndex("joined")));
        Assert.Equal(1, Value(sim, "east_blocs"));
        Assert.Equal(0, Value(sim, "east_fragmented"));
    }
}
