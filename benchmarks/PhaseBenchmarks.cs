using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>
/// Where a run's time goes, phase by phase. Setup runs sirte-2016 (the sweep's scenario) with seed 1 and, on every
/// <see cref="Every"/>th day, keeps the state as it stands just before each phase; an invocation restores each kept
/// state of one phase and runs that phase alone. So a phase is timed on the states a real run hands it, across the
/// whole campaign, not on one day's. The <c>(restore)</c> case restores the same states and runs nothing: subtract it
/// to get the phase's own cost. Multiply by the run's days for the phase's share of a run (RunBenchmarks).
/// </summary>
[MemoryDiagnoser]
public class PhaseBenchmarks
{
    /// <summary>Days between kept states: 24 of sirte-2016's 240 days.</summary>
    private const int Every = 10;
    /// <summary>States kept: days 0, 10, …, 230.</summary>
    private const int KeptDays = 24;
    /// <summary>The pseudo-phase that only restores.</summary>
    public const string RestoreOnly = "(restore)";

    private Simulation _sim = null!;
    private WorldState[] _before = null!;
    private int _phase;

    [Params("sirte-2016.yaml")]
    public string File { get; set; } = "sirte-2016.yaml";

    [ParamsSource(nameof(Phases))]
    public string Phase { get; set; } = RestoreOnly;

    public static IEnumerable<string> Phases() => [RestoreOnly, .. ScenarioFiles.Load("sirte-2016.yaml").Spec.Phases];

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioFiles.Load(File);
        _sim = new Simulation(scenario, seed: 1);
        var names = scenario.Spec.Phases;
        // The restore-only case replays the first phase's states, so it copies exactly what that case copies.
        _phase = Phase == RestoreOnly ? 0 : IndexOf(names, Phase);
        var kept = new List<WorldState>();
        while (!_sim.Finished)
        {
            if (_sim.State.Day % Every != 0) { _sim.Step(); continue; }
            var before = _sim.NewState();
            _sim.Step(_phase, before);
            kept.Add(before);
        }
        _before = kept.ToArray();
        if (_before.Length != KeptDays) throw new InvalidOperationException($"kept {_before.Length} states, expected {KeptDays}");
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"no phase '{name}' in the scenario");
    }

    /// <summary>One restore plus one phase, per kept day.</summary>
    [Benchmark(OperationsPerInvoke = KeptDays)]
    public void Run()
    {
        bool execute = Phase != RestoreOnly;
        for (int d = 0; d < _before.Length; d++)
        {
            _sim.Restore(_before[d]);
            if (execute) _sim.ExecutePhase(_phase);
        }
    }
}
