using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Support;

/// <summary>
/// The shipped scenarios run over seeds 1..N, as the calibration and direction tests need them: one reused
/// simulation, reset per seed, so arms that share N share their random numbers.
/// </summary>
internal static class SeedRuns
{
    /// <summary>A file from scenarios/, failing the test with its errors if it does not load.</summary>
    public static ScenarioSpec Load(string file)
    {
        var result = ScenarioLoader.LoadFile(Repository.Scenario(file));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    /// <summary>Each seed's outcome values by outcome id (generated camp outcomes included); null = never happened.</summary>
    public static List<Dictionary<string, double?>> Outcomes(ScenarioSpec spec, int seeds)
    {
        var scenario = Scenario.Compile(spec);
        var sim = new Simulation(scenario, 1);
        var runs = new List<Dictionary<string, double?>>(seeds);
        for (ulong seed = 1; seed <= (ulong)seeds; seed++)
        {
            sim.Reset(seed);
            sim.Run();
            var values = new Dictionary<string, double?>();
            for (int i = 0; i < scenario.Outcomes.Length; i++) values[scenario.Outcomes[i].Id] = sim.Outcome(i);
            runs.Add(values);
        }
        return runs;
    }
}
