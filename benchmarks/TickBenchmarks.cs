using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>
/// One tick of each article scenario in the thick of its fighting. Each invocation restores a snapshot taken a
/// quarter of the way through the scenario (day 60 of sirte-2016's 240) — an allocation-free array copy — and
/// steps 50 days, so the figure is per tick of a live war, not of a quiet world after it. Combat mode only
/// matters where there is combat, so the deterministic mode is measured on sirte-2016 alone.
/// </summary>
[MemoryDiagnoser]
public class TickBenchmarks
{
    private const int Ticks = 50;
    private Simulation _sim = null!;
    private WorldState _battle = null!;

    [ParamsSource(nameof(Cases))]
    public ScenarioCase Case { get; set; } = null!;

    public static IEnumerable<ScenarioCase> Cases()
    {
        foreach (var file in ScenarioFiles.Articles) yield return new ScenarioCase(file, CombatMode.Stochastic);
        yield return new ScenarioCase("sirte-2016.yaml", CombatMode.Deterministic);
    }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioFiles.Load(Case.File);
        _sim = new Simulation(scenario, seed: 1, new SimulationOptions { Days = 100_000, Mode = Case.Mode });
        for (int i = 0; i < scenario.Spec.Days / 4; i++) _sim.Step();
        _battle = _sim.Snapshot();
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public void Tick()
    {
        _sim.Restore(_battle);
        for (int i = 0; i < Ticks; i++) _sim.Step();
    }
}

/// <summary>A scenario file and a combat mode, shown as "sirte-2016/Stochastic" in the tables.</summary>
public sealed record ScenarioCase(string File, CombatMode Mode)
{
    public override string ToString() => $"{System.IO.Path.GetFileNameWithoutExtension(File)}/{Mode}";
}
