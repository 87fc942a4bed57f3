using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>A whole run of sirte-2016 (240 days) on a reused simulation, as a sweep worker would do it.</summary>
[MemoryDiagnoser]
public class RunBenchmarks
{
    private Simulation _sim = null!;
    private ulong _seed;

    [GlobalSetup]
    public void Setup() => _sim = new Simulation(ScenarioFiles.Load("sirte-2016.yaml"), seed: 1);

    [Benchmark]
    public double FullRun()
    {
        _sim.Reset(++_seed);
        _sim.Run();
        return _sim.State.Killed[0];
    }
}
