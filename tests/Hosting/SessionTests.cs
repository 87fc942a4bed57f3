using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Hosting;

/// <summary>A hosted run: commanders, orders, turns, rewind, forks, save and load, all through <see cref="Session"/>.</summary>
public class SessionTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    [Fact]
    public void Orders_by_id_are_checked_logged_and_run()
    {
        var session = new Session(Front, 1);
        Assert.Equal(OrderStatus.NotCommanded, session.Submit("blue", "base", "town", 100).Status);
        session.Command("blue", OrderSourceKind.Human);
        Assert.Equal(OrderStatus.UnknownRegion, session.Submit("blue", "base", "nowhere", 100).Status);
        Assert.Equal(OrderStatus.UnknownFaction, session.Submit("purple", "base", "town", 100).Status);
        Assert.True(session.Submit("blue", "base", "town", 100).IsAccepted);
        Assert.Equal(1, session.PendingOrders.Length);
        session.Advance(1);
        Assert.Equal(1400, session.Simulation.View.Fighters[Front.Force(0, Front.RegionIndex("base"))]);
        Assert.Contains(session.Log, e => e.Kind == "order" && e.Text.Contains("base → town"));
        Assert.Contains(session.Log, e => e.Kind == "order-refused" && e.Text.Contains("nowhere"));
    }

    [Fact]
    public void A_forecast_then_restore_keeps_a_queued_order()
    {
        var session = new Session(Front, 1);
        session.Command("blue", OrderSourceKind.Human);
        Assert.True(session.Submit("blue", "base", "town", 300).IsAccepted);
        var forecast = session.Fork(77);
        forecast.Simulation.Run();
        Assert.Equal(1, session.PendingOrders.Length); // the live game's queue is its own
        var snapshot = session.Simulation.Snapshot();
        session.Simulation.Restore(forecast.Simulation.State);
        session.Simulation.Restore(snapshot);
        Assert.Equal(1, session.PendingOrders.Length);
        Assert.Equal(300, session.PendingOrders[0].Fighters);
    }

    [Fact]
    public void Rewind_returns_to_a_turn_with_its_orders_injects_and_commanders()
    {
        var session = new Session(Front, 4);
        session.Advance(7);
        session.Command("blue", OrderSourceKind.Human);
        double atBase = session.Simulation.View.Fighters[Front.Force(0, Front.RegionIndex("base"))];
        Assert.Equal(OrderStatus.Accepted, session.Submit("blue", "base", "town", Math.Floor(atBase / 2)).Status);
        Assert.Equal(InjectStatus.Accepted, session.Inject(Inject.Reinforce("blue", "base", 50), note: "a test").Status);
        var turn1 = session.Simulation.Snapshot();
        session.Advance(7);
        session.Command("blue", OrderSourceKind.Ai);
        session.Advance(7);
        Assert.Equal(3, session.Turn);

        session.Rewind(1);
        Assert.Equal(1, session.Turn);
        Assert.Equal(7, session.Day);
        Assert.Null(turn1.FirstDifference(session.Simulation.State));
        Assert.Equal(OrderSourceKind.Human, session.CommanderOf("blue"));
        Assert.Equal(1, session.PendingOrders.Length);
        Assert.Equal(1, session.QueuedInjects);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Rewind(2));
    }

    [Fact]
    public void A_copy_plays_on_identically_and_a_fork_with_a_new_seed_does_not()
    {
        var session = new Session(Front, 2);
        session.Advance(10);
        var copy = session.Copy();
        var fork = session.Fork(123);
        session.Advance(40);
        copy.Advance(40);
        fork.Advance(40);
        Assert.Null(session.Simulation.State.FirstDifference(copy.Simulation.State));
        Assert.NotNull(session.Simulation.State.FirstDifference(fork.Simulation.State));
        Assert.Equal(session.TurnsRecorded, copy.TurnsRecorded);
    }

    [Fact]
    public void A_saved_session_loads_and_continues_bit_for_bit()
    {
        var live = new Session(Front, 8);
        live.Command("blue", OrderSourceKind.Human);
        live.Submit("blue", "base", "town", 250);
        live.Advance(5);
        live.Inject(Inject.TrustShift("red", "green", -0.5), day: 9);
        live.Submit("blue", "town", "gate", 100);
        using var file = new MemoryStream();
        live.Save(file);

        file.Position = 0;
        var loaded = Session.Load(Front, file);
        Assert.Equal(live.Turn, loaded.Turn);
        Assert.Equal(live.Log, loaded.Log);
        Assert.Null(live.Simulation.State.FirstDifference(loaded.Simulation.State));
        live.Advance(20);
        loaded.Advance(20);
        Assert.Null(live.Simulation.State.FirstDifference(loaded.Simulation.State));
        loaded.Rewind(0);
        Assert.Equal(0, loaded.Day);

        var bytes = file.ToArray();
        bytes[bytes.Length - 3] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => Session.Load(Front, new MemoryStream(bytes)));
    }

    [Fact]
    public void A_session_sees_what_its_faction_observes()
    {
        var session = new Session(Front, 1);
        var seen = session.Observe("blue");
        Assert.All(seen.Forces, f => Assert.True(f.Faction == 0 ? f.Exact : seen.Observed[f.Region]));
    }
}

/// <summary>What a turn-based game needs from a session: standing orders, and publishing a chosen replicate.</summary>
public class SessionTurnTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    [Fact]
    public void A_standing_order_goes_out_every_day_of_the_turn()
    {
        var session = new Session(Front, 1);
        session.Command("blue", OrderSourceKind.Human);
        int days = 0;
        session.Advance(5, day =>
        {
            days++;
            var result = session.Submit("blue", "base", "town", 10);
            Assert.True(result.IsAccepted, result.Message);
        });
        Assert.Equal(5, days);
        Assert.Equal(5, session.Log.Count(e => e.Kind == "order"));
        Assert.Equal(1, session.Turn);
    }

    [Fact]
    public void The_replicate_nearest_the_median_can_be_published_as_the_turn()
    {
        var session = new Session(Front, 1);
        session.Advance(3);
        int red = Front.FactionIndex("red");
        var replicas = Enumerable.Range(0, 9).Select(i => session.Fork((ulong)(50 + i))).ToList();
        foreach (var r in replicas) r.Advance(7);
        var byRed = replicas.OrderBy(r => r.Simulation.View.FightersOf(red)).ToList();
        var median = byRed[byRed.Count / 2];

        session.Publish(median, "replicate nearest the median of red's fighters");
        Assert.Equal(2, session.Turn);
        Assert.Equal(10, session.Day);
        Assert.Null(median.Simulation.State.FirstDifference(session.Simulation.State));
        Assert.Contains(session.Log, e => e.Kind == "publish");
        session.Rewind(1);
        Assert.Equal(3, session.Day);
    }
}
