using BenchmarkDotNet.Attributes;
using ConflictSim.Analysis;
using ConflictSim.Hosting;
using ConflictSim.Scenarios;

namespace ConflictSim.Benchmarks;

/// <summary>
/// The budgets of someone at a keyboard (issue 15 §3): a forecast of 1,000 runs to the end from mid-game libya-2016
/// (day 60), and one turn's adjudication of 200 replicates of 7 days, both on every core.
/// </summary>
[MemoryDiagnoser]
public class InteractiveBenchmarks
{
    private Session _game = null!;

    [GlobalSetup]
    public void Setup()
    {
        _game = new Session(ScenarioFiles.Load("libya-2016.yaml"), seed: 1);
        _game.Advance(60);
    }

    [Benchmark]
    public int Forecast1000ToTheEnd() => Forecast.From(_game, runs: 1000, seed: 2016).Runs;

    [Benchmark]
    public int Adjudicate200ReplicatesOf7Days() => Forecast.From(_game, runs: 200, seed: 7, toDay: _game.Day + 7).Runs;
}

/// <summary>`validate` of each article scenario in process: reading, the schema, the checks and the quotes' shape.</summary>
[MemoryDiagnoser]
public class ValidateBenchmarks
{
    [ParamsSource(nameof(Files))]
    public string Scenario { get; set; } = null!;

    public static IEnumerable<string> Files() => ScenarioFiles.Articles;

    [Benchmark]
    public bool Validate() => ScenarioLoader.LoadFile(ScenarioFiles.Path(Scenario)).Ok;
}
