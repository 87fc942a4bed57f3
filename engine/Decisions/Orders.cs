namespace ConflictSim.Decisions;

/// <summary>Move <see cref="Fighters"/> of a faction from one region to a neighbouring one (ids are the scenario's indices).</summary>
public readonly record struct Order(int Faction, int From, int To, double Fighters);

/// <summary>Today's orders, in a buffer sized once. Movement reads them in the order they were issued.</summary>
internal sealed class OrderBook
{
    private Order[] _orders;

    public OrderBook(int capacity) => _orders = new Order[capacity];

    public int Count { get; private set; }

    public ref readonly Order this[int i] => ref _orders[i];

    public void Add(in Order order)
    {
        // Doubling: the book reaches the busiest day's size early in a run and stays there.
        if (Count == _orders.Length) Array.Resize(ref _orders, _orders.Length * 2);
        _orders[Count++] = order;
    }

    public void Clear() => Count = 0;
}

/// <summary>
/// Where a faction's orders come from each day: the built-in AI, the scenario's script, or a human player.
/// Sources draw randomness only from the stream they are handed, so runs stay reproducible.
/// </summary>
internal interface IOrderSource
{
    void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders);
}

/// <summary>Orders written in the scenario's <c>orders:</c> list, issued on their day.</summary>
internal sealed class ScriptedOrderSource : IOrderSource
{
    public void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders)
    {
        var script = world.Scenario.ScriptedOrders;
        var s = world.State;
        for (int i = 0; i < script.Length; i++)
        {
            ref readonly var o = ref script[i];
            if (o.Day != s.Day || o.Faction != faction) continue;
            double n = world.Whole(s.Fighters[s.Force(faction, o.From)] * o.Fraction);
            if (n > 0) orders.Add(new Order(faction, o.From, o.To, n));
        }
    }
}

/// <summary>
/// A human player's orders: the host submits them between steps, they wait in the state (so a snapshot, a save or
/// a rewind carries them), and the decision phase hands each faction its own. Submit checks an order against
/// everything the movement phase will check, so an accepted order runs and a refused one says why at once.
/// </summary>
internal sealed class HumanOrderSource : IOrderSource
{
    /// <summary>Queues an order for the next step, or says why not.</summary>
    public static OrderResult Submit(World world, in Order order)
    {
        var sc = world.Scenario;
        var s = world.State;
        if ((uint)order.Faction >= (uint)sc.FactionCount) return OrderResult.Refuse(OrderStatus.UnknownFaction, "no such faction");
        string faction = sc.FactionIds[order.Faction];
        if (!s.Active[order.Faction]) return OrderResult.Refuse(OrderStatus.FactionInactive, $"{faction} is not active (a splinter that has not formed)");
        if (s.Commander[order.Faction] != OrderSourceKind.Human)
            return OrderResult.Refuse(OrderStatus.NotCommanded, $"{faction} is not commanded by a player (its orders come from the {Describe(s.Commander[order.Faction])})");
        if ((uint)order.From >= (uint)sc.RegionCount || (uint)order.To >= (uint)sc.RegionCount) return OrderResult.Refuse(OrderStatus.UnknownRegion, "no such region");
        string from = sc.RegionIds[order.From], to = sc.RegionIds[order.To];
        int link = sc.LinkBetween(order.From, order.To);
        if (link < 0) return OrderResult.Refuse(OrderStatus.NotLinked, $"{from} and {to} are not linked");
        if (sc.RegionTerrain[order.To] == Terrain.Sea) return OrderResult.Refuse(OrderStatus.OpenSea, $"{to} is open sea");
        if (!world.LinkOpenFor(link, order.Faction))
            return OrderResult.Refuse(OrderStatus.LinkClosed, $"the link {from}–{to} is blockaded by {sc.FactionIds[s.Blockade[link]]}");
        if (!(order.Fighters >= 1)) return OrderResult.Refuse(OrderStatus.NoFighters, "an order must move at least one fighter");
        double available = s.Fighters[s.Force(order.Faction, order.From)];
        for (int i = 0; i < s.PendingCount; i++)
            if (s.Pending[i].Faction == order.Faction && s.Pending[i].From == order.From) available -= s.Pending[i].Fighters;
        if (order.Fighters > world.Whole(available))
            return OrderResult.Refuse(OrderStatus.TooManyFighters, $"only {Math.Max(0, world.Whole(available)):0} fighters of {faction} at {from} are not already ordered elsewhere");
        if (s.PendingCount == WorldState.PendingCapacity)
            return OrderResult.Refuse(OrderStatus.QueueFull, $"the order queue is full ({WorldState.PendingCapacity} orders); step the simulation first");
        s.Pending[s.PendingCount++] = order with { Fighters = world.Whole(order.Fighters) };
        return OrderResult.Accepted;
    }

    /// <summary>Drops the queued orders of one faction (all factions when -1).</summary>
    public static void Clear(WorldState s, int faction = -1)
    {
        int kept = 0;
        for (int i = 0; i < s.PendingCount; i++)
            if (faction >= 0 && s.Pending[i].Faction != faction) s.Pending[kept++] = s.Pending[i];
        s.PendingCount = kept;
    }

    private static string Describe(OrderSourceKind kind) => kind switch
    {
        OrderSourceKind.Scripted => "scenario's script",
        OrderSourceKind.Human => "player",
        _ => "utility AI",
    };

    public void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders)
    {
        // Hand over this faction's orders and keep the rest, in submission order.
        var s = world.State;
        int kept = 0;
        for (int i = 0; i < s.PendingCount; i++)
        {
            if (s.Pending[i].Faction == faction) orders.Add(s.Pending[i]);
            else s.Pending[kept++] = s.Pending[i];
        }
        s.PendingCount = kept;
    }
}

/// <summary>Why an order was refused, or <see cref="Accepted"/>.</summary>
public enum OrderStatus
{
    /// <summary>The order is queued and will run on the next step.</summary>
    Accepted,
    /// <summary>No faction with that id or index.</summary>
    UnknownFaction,
    /// <summary>The faction's orders come from the AI or the script, not from a player.</summary>
    NotCommanded,
    /// <summary>A splinter slot that has not split off yet.</summary>
    FactionInactive,
    /// <summary>No region with that id or index, for the origin or the destination.</summary>
    UnknownRegion,
    /// <summary>The two regions are not joined by a link.</summary>
    NotLinked,
    /// <summary>The destination is a sea region, which is never entered.</summary>
    OpenSea,
    /// <summary>A blockade closes the link to this faction.</summary>
    LinkClosed,
    /// <summary>The order moves fewer than one fighter (or a count that is not a number).</summary>
    NoFighters,
    /// <summary>More fighters than stand there, counting those already ordered elsewhere.</summary>
    TooManyFighters,
    /// <summary>The queue already holds <see cref="WorldState.PendingCapacity"/> orders; step the simulation first.</summary>
    QueueFull,
    /// <summary>The run has reached its last day.</summary>
    Finished,
}

/// <summary>The answer to an order: a code a program can act on and a sentence a person can read.</summary>
public readonly record struct OrderResult(OrderStatus Status, string Message)
{
    /// <summary>The result of an accepted order (status <see cref="OrderStatus.Accepted"/>, message "accepted").</summary>
    public static readonly OrderResult Accepted = new(OrderStatus.Accepted, "accepted");
    /// <summary>True when the order was queued.</summary>
    public bool IsAccepted => Status == OrderStatus.Accepted;
    internal static OrderResult Refuse(OrderStatus status, string message) => new(status, message);
}
