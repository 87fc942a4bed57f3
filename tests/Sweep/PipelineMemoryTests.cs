using ConflictSim.Scenarios;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sweep;

/// <summary>What keeps a sweep's memory from growing with its points, and that outputs do not notice.</summary>
public class PipelineMemoryTests
{
    [Fact]
    public void Many_points_on_one_and_two_threads_write_the_same_bytes()
    {
        // 30 points of 7 runs: the two workers pass each other at point boundaries, so each drops and rebuilds
        // simulations mid-sweep; a rebuilt simulation must run exactly as a reset one.
        string[] args = ["--runs", "7", "--samples", "30", "--lhs", "factions.red.morale=0.2..0.9"];
        using var one = CliHarness.TempDir();
        using var two = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.Sweep(one.Path, [.. args, "--threads", "1"]).Exit);
        Assert.Equal(0, SweepHarness.Sweep(two.Path, [.. args, "--threads", "2"]).Exit);
        SweepHarness.AssertSameOutputs(one.Path, two.Path);
    }

    [Theory]
    [InlineData("sirte-2016.yaml")]
    [InlineData("libya-2016.yaml")]
    public void The_transit_pool_is_sized_from_the_map(string file)
    {
        var sc = Scenario.Compile(ScenarioLoader.LoadFile(Repository.Scenario(file)).Spec!);
        long bound = 2L * sc.FactionCount * sc.RegionCount * sc.LinkDays.Max();
        var sim = new Simulation(sc, 1);
        Assert.Equal(Math.Max(64, Math.Min(bound, Math.Max(4096, 4L * sc.RegionCount))), sim.State.TransitCapacity);
        // A full pool refuses movements and changes the run: a whole run must never come near it.
        int most = 0;
        while (!sim.Finished)
        {
            sim.Step();
            most = Math.Max(most, sim.State.TransitCount);
        }
        Assert.True(most < sim.State.TransitCapacity, $"{most} movements under way, pool {sim.State.TransitCapacity}");
    }

    [Fact]
    public void A_small_map_gets_the_floor()
    {
        var sc = Scenario.Compile(ScenarioLoader.LoadFile(SweepHarness.Duel).Spec!);
        Assert.Equal(64, new Simulation(sc, 1).State.TransitCapacity);
    }
}
