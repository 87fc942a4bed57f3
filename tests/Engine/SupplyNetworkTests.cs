using ConflictSim.Randomness;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The supply phase searches once per class of factions with the same relations; whatever the state, it must
/// mark exactly the forces a plain search per faction marks.
/// </summary>
public class SupplyNetworkTests
{
    /// <summary>The rule as SupplyPhase documents it, one breadth-first search per faction.</summary>
    private static bool[] Reference(World world)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount, nf = s.FactionCount;
        var supplied = new bool[nf * nr];
        for (int f = 0; f < nf; f++)
        {
            var reached = new bool[nr];
            var queue = new Queue<int>();
            for (int r = 0; r < nr; r++)
                if (sc.IsSupplySource[f * nr + r] && Passable(world, f, r)) { reached[r] = true; queue.Enqueue(r); }
            while (queue.Count > 0)
            {
                int r = queue.Dequeue();
                for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
                {
                    int n = sc.AdjRegion[i];
                    if (reached[n] || !world.LinkOpenFor(sc.AdjLink[i], f) || !Passable(world, f, n)) continue;
                    reached[n] = true;
                    queue.Enqueue(n);
                }
            }
            for (int r = 0; r < nr; r++)
            {
                bool ok = reached[r];
                for (int i = sc.AdjStart[r]; !ok && i < sc.AdjStart[r + 1]; i++)
                    ok = reached[sc.AdjRegion[i]] && world.LinkOpenFor(sc.AdjLink[i], f);
                supplied[f * nr + r] = ok;
            }
        }
        return supplied;
    }

    private static bool Passable(World world, int f, int r)
    {
        var s = world.State;
        int holder = s.Controller[r];
        if (holder >= 0 && !world.Allied(f, holder)) return false;
        double friends = 0, enemies = 0;
        for (int g = 0; g < s.FactionCount; g++)
        {
            double x = s.Fighters[g * s.RegionCount + r];
            if (x <= 0) continue;
            if (world.Allied(f, g)) friends += x;
            else if (world.Hostile(f, g)) enemies += x;
        }
        return friends >= enemies;
    }

    [Fact]
    public void Supplied_forces_match_a_search_per_faction_on_random_libya_states()
    {
        var scenario = Scenario.Compile(ScenarioLoader.LoadFile(Repository.Scenario("libya-2016.yaml")).Spec!);
        var sim = new Simulation(scenario, 1);
        var supply = PhaseCatalog.Create("supply", scenario);
        var s = sim.State;
        int nf = s.FactionCount, nr = s.RegionCount;
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = Xoshiro256StarStar.FromSeed((ulong)seed);
            // Three coalitions with exact ties inside, so classes of several members occur, plus noise for some pairs.
            var coalition = new int[nf];
            for (int f = 0; f < nf; f++) coalition[f] = (int)(rng.NextDouble() * 3);
            for (int a = 0; a < nf; a++)
                for (int b = a + 1; b < nf; b++)
                    s.SetTrust(a, b, rng.NextDouble() < 0.1 ? rng.NextDouble() * 2 - 1 : coalition[a] == coalition[b] ? 0.8 : -0.8);
            for (int i = 0; i < s.Fighters.Length; i++) s.Fighters[i] = rng.NextDouble() < 0.15 ? Math.Floor(rng.NextDouble() * 200) : 0;
            for (int r = 0; r < nr; r++) s.Controller[r] = rng.NextDouble() < 0.2 ? -1 : (int)(rng.NextDouble() * nf);
            for (int l = 0; l < s.Blockade.Length; l++) s.Blockade[l] = rng.NextDouble() < 0.15 ? (int)(rng.NextDouble() * nf) : -1;
            var expected = Reference(sim.World);
            supply.Execute(sim.World, new PhaseStreams(s.Streams.AsSpan(0, s.FactionCount + 1)));
            Assert.Equal(expected, s.Supplied);
        }).QuickCheckThrowOnFailure();
    }
}
