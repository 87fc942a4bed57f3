using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>The tick loop allocates nothing once running (the benchmarks measure the same with MemoryDiagnoser).</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(CombatMode.Stochastic)]
    [InlineData(CombatMode.Deterministic)]
    public void Steady_state_ticks_allocate_nothing(CombatMode mode)
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front(days: 400)), 1, new SimulationOptions { Mode = mode });
        for (int i = 0; i < 5; i++) sim.Step(); // JIT and first-use paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) sim.Step();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    /// <summary>The same with cells, strikes, cell attacks and uprisings all under way (the phases have work to do).</summary>
    [Theory]
    [InlineData(CombatMode.Stochastic)]
    [InlineData(CombatMode.Deterministic)]
    public void Ticks_with_insurgency_and_population_allocate_nothing(CombatMode mode)
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.FrontUnderground(days: 400)), 1, new SimulationOptions { Mode = mode });
        for (int i = 0; i < 5; i++) sim.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) sim.Step();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.True(sim.State.Risen[0] > 0 || sim.State.CellsOf(1) > 0, "neither phase did anything");
    }

    /// <summary>
    /// libya-2016 through a whole run: realignments, the leak's betrayal, splinters forming and the AI's cached
    /// pulls being recomputed all happen on the way, so after a warm-up run nothing in a run may allocate.
    /// </summary>
    [Fact]
    public void A_whole_libya_run_with_alliance_changes_allocates_nothing()
    {
        var sim = new Simulation(Scenario.Compile(SeedRuns.Load("libya-2016.yaml")), 1);
        sim.Run(); // JIT, first-use paths
        sim.Reset(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    /// <summary>
    /// A generated theater (issue 15) through its whole 90 days: every event kind the generator writes fires
    /// (blockades and their lifting, patron escalations, betrayals, a town changing sides), cells recruit, are
    /// struck and move, residents rise, and supply crosses the sea; after a warm-up run nothing may allocate.
    /// </summary>
    [Theory]
    [InlineData(CombatMode.Stochastic)]
    [InlineData(CombatMode.Deterministic)]
    public void A_whole_generated_theater_run_with_every_phase_at_work_allocates_nothing(CombatMode mode)
    {
        var spec = ConflictSim.Tests.Generation.TheaterGeneratorTests.Spec(1000, 10);
        var sim = new Simulation(Scenario.Compile(spec), 1, new SimulationOptions { Mode = mode });
        sim.Run(); // JIT, first-use paths
        sim.Reset(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.Equal(spec.Days, sim.State.Day);
    }

    [Fact]
    public void Reset_and_restore_allocate_nothing()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front()), 1);
        var snapshot = sim.Snapshot();
        sim.Reset(2); sim.Restore(snapshot);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Reset(3);
        sim.Restore(snapshot);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
