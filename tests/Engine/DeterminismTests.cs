using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>A run is a pure function of (scenario, options, seed).</summary>
public class DeterminismTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    private static ulong RunFingerprint(ulong seed)
    {
        var sim = new Simulation(Front, seed);
        sim.Run();
        return sim.State.Fingerprint();
    }

    [Fact]
    public void Same_seed_gives_bit_identical_state()
    {
        Assert.Equal(RunFingerprint(42), RunFingerprint(42));
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var prints = new HashSet<ulong>();
        for (ulong seed = 1; seed <= 20; seed++) prints.Add(RunFingerprint(seed));
        Assert.True(prints.Count >= 19, $"only {prints.Count} distinct runs out of 20 seeds");
    }

    [Fact]
    public void Results_do_not_depend_on_thread_count()
    {
        const int runs = 32;
        var sequential = new ulong[runs];
        for (int i = 0; i < runs; i++) sequential[i] = RunFingerprint((ulong)i + 100);
        var parallel = new ulong[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = RunFingerprint((ulong)i + 100));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Reset_reproduces_a_fresh_simulation()
    {
        var sim = new Simulation(Front, 5);
        sim.Run();
        sim.Reset(9);
        sim.Run();
        Assert.Equal(RunFingerprint(9), sim.State.Fingerprint());
    }

    [Fact]
    public void Restoring_a_snapshot_replays_the_same_future()
    {
        var sim = new Simulation(Front, 3);
        for (int i = 0; i < 20; i++) sim.Step();
        var snapshot = sim.Snapshot();
        sim.Run();
        ulong first = sim.State.Fingerprint();

        sim.Restore(snapshot);
        Assert.Equal(20, sim.State.Day);
        sim.Run();
        Assert.Equal(first, sim.State.Fingerprint());
        Assert.Equal(RunFingerprint(3), first);
    }

    [Fact]
    public void Deterministic_mode_ignores_the_seed()
    {
        var options = new SimulationOptions { Mode = CombatMode.Deterministic };
        var a = new Simulation(Front, 1, options); a.Run();
        var b = new Simulation(Front, 2, options); b.Run();
        Assert.Null(a.State.FirstDifference(b.State, "streams", "seed"));
    }

    [Fact]
    public void A_phase_draws_only_from_its_own_stream()
    {
        // Dropping the (random) events phase must not change combat's first-day draws.
        var spec = TestScenarios.Duel(1000, 800, 0.05, 0.04, mode: CombatMode.Stochastic, phases: ["events", "combat"]);
        var withEvents = new Simulation(Scenario.Compile(spec), 11); withEvents.Step();
        var without = new Simulation(Scenario.Compile(spec with { Phases = ["combat"] }), 11); without.Step();
        Assert.Equal(withEvents.State.Fighters, without.State.Fighters);
    }
}
