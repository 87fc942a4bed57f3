using ConflictSim.Randomness;
using ConflictSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Engine;

/// <summary>The presence picture answers exactly as a scan over every faction would, in the same order.</summary>
public class PresenceTests
{
    /// <summary>Five regions and 70 factions, so a region's factions span two 64-bit words.</summary>
    private static Simulation Crowd()
    {
        var regions = new List<RegionSpec>();
        for (int r = 0; r < 5; r++) regions.Add(new RegionSpec { Id = $"r{r}", Name = $"R{r}", Terrain = Terrain.Open });
        var factions = new List<FactionSpec>();
        for (int f = 0; f < 70; f++)
            factions.Add(new FactionSpec { Id = $"f{f}", Name = $"F{f}", Forces = new Dictionary<string, double> { [$"r{f % 5}"] = 10 } });
        var spec = new ScenarioSpec
        {
            Id = "crowd", Title = "Crowd", Start = TestScenarios.Start, Days = 1,
            Phases = ["combat"], Regions = regions, Factions = factions,
        };
        return new Simulation(Scenario.Compile(spec), 1);
    }

    [Fact]
    public void Picture_matches_a_full_scan_for_random_fighters_and_relations()
    {
        var sim = Crowd();
        var world = sim.World;
        var s = sim.State;
        int nf = s.FactionCount, nr = s.RegionCount;
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = Xoshiro256StarStar.FromSeed((ulong)seed);
            for (int i = 0; i < s.Fighters.Length; i++) s.Fighters[i] = rng.NextDouble() < 0.2 ? Math.Floor(rng.NextDouble() * 50) : 0;
            for (int a = 0; a < nf; a++)
                for (int b = a + 1; b < nf; b++) s.SetTrust(a, b, rng.NextDouble() * 2 - 1);
            world.Presence.Take(s);
            for (int r = 0; r < nr; r++)
            {
                var expected = new List<int>();
                for (int f = 0; f < nf; f++) if (s.Fighters[f * nr + r] > 0) expected.Add(f);
                var seen = new List<int>();
                foreach (int f in world.Presence.In(r)) seen.Add(f);
                Assert.Equal(expected, seen);
                bool contested = false;
                foreach (int a in expected)
                    foreach (int b in expected) contested |= world.Hostile(a, b);
                Assert.Equal(contested, world.Presence.Contested(world, r));
                for (int f = 0; f < nf; f++) Assert.Equal(world.EnemiesIn(r, f), world.Presence.EnemiesIn(world, r, f));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_empty_region_has_nobody_and_no_battle()
    {
        var sim = Crowd();
        Array.Clear(sim.State.Fighters);
        sim.World.Presence.Take(sim.State);
        foreach (int _ in sim.World.Presence.In(3)) Assert.Fail("nobody should be present");
        Assert.False(sim.World.Presence.Contested(sim.World, 3));
    }
}
