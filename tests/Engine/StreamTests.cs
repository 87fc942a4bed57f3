using ConflictSim.Randomness;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Random streams per (phase, faction): who commands one faction leaves every other faction's draws alone.</summary>
public class StreamTests
{
    private static readonly Lazy<Scenario> Libya = new(() => Scenario.Compile(SeedRuns.Load("libya-2016.yaml")));

    [Fact]
    public void Handing_one_faction_to_a_silent_player_leaves_every_other_factions_orders_and_draws_unchanged()
    {
        var sc = Libya.Value;
        int pc = sc.FactionIndex("gna_pc");
        var ai = new Simulation(sc, 7);
        var played = new Simulation(sc, 7);
        played.Command(pc, OrderSourceKind.Human); // submits nothing: gna_pc holds still
        ai.Step();
        played.Step();

        var aiOrders = OrdersBy(ai);
        var playedOrders = OrdersBy(played);
        Assert.NotEmpty(aiOrders[pc]);
        Assert.Empty(playedOrders[pc]);
        int per = PhaseStreams.PerPhase(sc.FactionCount);
        for (int f = 0; f < sc.FactionCount; f++)
        {
            if (f == pc) continue;
            Assert.Equal(aiOrders[f], playedOrders[f]);
            for (int phase = 0; phase < ai.PhaseNames.Count; phase++)
                Assert.True(ai.State.Streams[phase * per + 1 + f].Equals(played.State.Streams[phase * per + 1 + f]),
                    $"{sc.FactionIds[f]}'s {ai.PhaseNames[phase]} stream moved because gna_pc changed hands");
        }
    }

    private static List<Decisions.Order>[] OrdersBy(Simulation sim)
    {
        var byFaction = new List<Decisions.Order>[sim.Scenario.FactionCount];
        for (int f = 0; f < byFaction.Length; f++) byFaction[f] = new();
        var book = sim.World.Orders;
        for (int i = 0; i < book.Count; i++) byFaction[book[i].Faction].Add(book[i]);
        return byFaction;
    }

    [Fact]
    public void Streams_are_keyed_by_names_so_the_shared_stream_keeps_its_old_derivation()
    {
        var sim = new Simulation(Libya.Value, 11);
        int per = PhaseStreams.PerPhase(sim.Scenario.FactionCount);
        var expected = Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(11, 0, Xoshiro256StarStar.Key(sim.PhaseNames[0])));
        Assert.Equal(expected, sim.State.Streams[0]);
        var distinct = new HashSet<Xoshiro256StarStar>();
        foreach (var stream in sim.State.Streams.AsSpan(0, sim.PhaseNames.Count * per)) distinct.Add(stream);
        Assert.Equal(sim.PhaseNames.Count * per, distinct.Count);
    }

    [Fact]
    public void Replicas_restored_from_one_snapshot_and_reseeded_diverge_from_there()
    {
        var sirte = Scenario.Compile(SeedRuns.Load("sirte-2016.yaml"));
        var sim = new Simulation(sirte, 1);
        for (int d = 0; d < 60; d++) sim.Step();
        var day60 = sim.Snapshot();
        int fall = sirte.OutcomeIndex("sirte_fall_day");
        var falls = new HashSet<double?>();
        var replica = new Simulation(sirte, 1);
        for (ulong i = 0; i < 20; i++)
        {
            replica.Restore(day60);
            replica.Reseed(1000 + i);
            Assert.Equal(60, replica.View.Day);
            replica.Run();
            falls.Add(replica.Outcome(fall));
        }
        Assert.True(falls.Count > 1, "20 reseeded replicas gave one fall day: the streams were not reseeded");

        // Reseeding is deterministic: the same seed from the same state gives the same run.
        replica.Restore(day60); replica.Reseed(1003); replica.Run();
        ulong a = replica.State.Fingerprint();
        replica.Restore(day60); replica.Reseed(1003); replica.Run();
        Assert.Equal(a, replica.State.Fingerprint());
    }

    [Fact]
    public void Reseeding_at_day_zero_is_a_reset()
    {
        var sim = new Simulation(Libya.Value, 1);
        sim.Reseed(42);
        Assert.Null(new Simulation(Libya.Value, 42).State.FirstDifference(sim.State));
    }
}
