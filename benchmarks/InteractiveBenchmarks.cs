using BenchmarkDotNet.Attributes;
using ConflictSim.Analysis;
using ConflictSim.Hosting;
using ConflictSim.Decisions;
using ConflictSim.Scenarios;
using ConflictSim.Wargame.Game;

namespace ConflictSim.Benchmarks;

/// <summary>
/// The budgets of someone at a keyboard (issue 15 §3): a forecast of 1,000 runs to the end from mid-game libya-2016
/// (day 60), and one turn's adjudication of 200 replicates of 7 days, both on every core: through the analysis
/// library's forecast, and through the wargame's own adjudicator (issue 11: K = 200 with derived seeds, a standing
/// order re-issued each day, the canonical run, the bands and the nearest-median search).
/// </summary>
[MemoryDiagnoser]
public class InteractiveBenchmarks
{
    private Session _game = null!;
    private WorldState _locked = null!;
    private Order[] _standing = [];

    [GlobalSetup]
    public void Setup()
    {
        _game = new Session(ScenarioFiles.Load("libya-2016.yaml"), seed: 1);
        _game.Command("bunyan_marsus", OrderSourceKind.Human);
        _game.Command("lna", OrderSourceKind.Human);
        _game.Advance(60);
        var sc = _game.Scenario;
        int bm = sc.FactionIndex("bunyan_marsus");
        var v = _game.Simulation.View;
        int from = Enumerable.Range(0, sc.RegionCount).MaxBy(r => v.Fighters[v.Force(bm, r)]);
        int to = Enumerable.Range(0, sc.RegionCount).First(r => sc.LinkBetween(from, r) >= 0 && sc.Spec.Regions[r].Terrain != Terrain.Sea);
        _standing = [new Order(bm, from, to, 50)];
        if (!_game.Simulation.Submit(_standing[0]).IsAccepted) throw new InvalidOperationException("the benchmark's standing order was refused");
        _locked = _game.Simulation.Snapshot();
    }

    [Benchmark]
    public int WargameAdjudicationK200Of7Days() =>
        Adjudicator.Run(_game.Scenario, new SimulationOptions(), 1, _locked, _standing, 7, seed: 11, replicates: 200).NearestMedian;

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
