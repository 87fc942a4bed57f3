using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Samples;

/// <summary>Sample: load a scenario file, run it to the end, read its outcomes.</summary>
public class RunAScenario
{
    [Fact]
    public void Run_sirte_2016_once()
    {
        var loaded = ScenarioLoader.LoadFile(Repository.Scenario("sirte-2016.yaml"));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors)); // each error reads FILE:LINE:COL: message

        var scenario = Scenario.Compile(loaded.Spec!);
        var sim = new Simulation(scenario, seed: 1);
        sim.Run();

        for (int i = 0; i < scenario.Outcomes.Length; i++)
        {
            double? value = sim.Outcome(i); // null: a first-day outcome that never happened
            Assert.True(value is null || double.IsFinite(value.Value), scenario.Outcomes[i].Id);
        }
        Assert.Equal(scenario.Spec.Days, sim.View.Day);
    }
}
