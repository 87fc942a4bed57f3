using ConflictSim.Decisions;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>The utility AI's objectives pull only within its planning horizon.</summary>
public class PlanningHorizonTests
{
    /// <summary>A road of 10-day stages; the column stands at the west end, its one objective <paramref name="stages"/> stages east.</summary>
    private static Simulation Road(int stages)
    {
        var regions = new List<RegionSpec>();
        var links = new List<LinkSpec>();
        for (int i = 0; i <= stages; i++)
        {
            regions.Add(new RegionSpec { Id = $"s{i}", Name = $"S{i}", Terrain = Terrain.Open });
            if (i > 0) links.Add(new LinkSpec { From = $"s{i - 1}", To = $"s{i}", Days = 10, Kind = LinkKind.Road });
        }
        var spec = new ScenarioSpec
        {
            Id = "road", Title = "Road", Start = TestScenarios.Start, Days = 5,
            Settings = new Settings { Mode = CombatMode.Deterministic },
            Phases = ["decisions", "movement"],
            Regions = regions, Links = links,
            Factions =
            [
                new FactionSpec
                {
                    Id = "column", Name = "Column", Forces = new Dictionary<string, double> { ["s0"] = 100 },
                    Objectives = new Dictionary<string, double> { [$"s{stages}"] = 5 },
                },
            ],
        };
        return new Simulation(Scenario.Compile(spec), 1);
    }

    [Fact]
    public void An_objective_within_the_horizon_draws_the_column()
    {
        int stages = UtilityAi.PlanningHorizonDays / 10; // exactly at the horizon
        var sim = Road(stages);
        sim.Step();
        Assert.Equal(1, sim.State.TransitCount);
        Assert.Equal(sim.Scenario.RegionIndex("s1"), sim.State.TransitTo[0]);
    }

    [Fact]
    public void An_objective_beyond_the_horizon_leaves_the_column_in_place()
    {
        // Two stages beyond, so the next stage east is beyond the horizon too: nothing pulls anywhere the column can go.
        var sim = Road(UtilityAi.PlanningHorizonDays / 10 + 2);
        sim.Step();
        Assert.Equal(0, sim.State.TransitCount);
        Assert.Equal(100, sim.State.Fighters[sim.State.Force(0, 0)]);
    }
}
