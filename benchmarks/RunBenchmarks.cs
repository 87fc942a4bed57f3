using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>A whole run of each article scenario on a reused simulation, as a sweep worker does it: Reset(seed), Run.</summary>
[MemoryDiagnoser]
public class RunBenchmarks
{
    private Simulation _sim = null!;
    private ulong _seed;

    [ParamsSource(nameof(Files))]
    public string Scenario { get; set; } = null!;

    public static IEnumerable<string> Files() => ScenarioFiles.Articles;

    [GlobalSetup]
    public void Setup() => _sim = new Simulation(ScenarioFiles.Load(Scenario), seed: 1);

    [Benchmark]
    public double FullRun()
    {
        _sim.Reset(++_seed);
        _sim.Run();
        return _sim.State.Killed[0];
    }
}
