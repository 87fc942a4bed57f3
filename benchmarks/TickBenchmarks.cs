using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>
/// One tick of sirte-2016 in the thick of the fighting. Each invocation restores a day-60 snapshot (an
/// allocation-free array copy) and steps 50 days, so the figure is per tick of a live battle, not of a quiet
/// world after the war.
/// </summary>
[MemoryDiagnoser]
public class TickBenchmarks
{
    private const int Ticks = 50;
    private Simulation _sim = null!;
    private WorldState _battle = null!;

    [Params(CombatMode.Stochastic, CombatMode.Deterministic)]
    public CombatMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulation(ScenarioFiles.Load("sirte-2016.yaml"), seed: 1, new SimulationOptions { Days = 100_000, Mode = Mode });
        for (int i = 0; i < 60; i++) _sim.Step();
        _battle = _sim.Snapshot();
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public void Tick()
    {
        _sim.Restore(_battle);
        for (int i = 0; i < Ticks; i++) _sim.Step();
    }
}
