namespace ConflictSim.Decisions;

/// <summary>Move <see cref="Fighters"/> of a faction from one region to a neighbouring one.</summary>
public readonly record struct Order(int Faction, int From, int To, double Fighters);

/// <summary>Today's orders, in a buffer sized once. Movement reads them in the order they were issued.</summary>
public sealed class OrderBook
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
public interface IOrderSource
{
    void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders);
}

/// <summary>Orders written in the scenario's <c>orders:</c> list, issued on their day.</summary>
public sealed class ScriptedOrderSource : IOrderSource
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
/// A human player's orders: the host submits them between steps and the decision phase hands each faction its
/// own. One player may command several factions through one source. Submit validates against the map so a
/// player gets an answer at once, not a silent no-op.
/// </summary>
public sealed class HumanOrderSource : IOrderSource
{
    private readonly List<Order> _pending = new();

    public IReadOnlyList<Order> Pending => _pending;

    /// <summary>Queues an order for the next step. Returns an error message, or null when accepted.</summary>
    public string? Submit(World world, Order order)
    {
        var sc = world.Scenario;
        if ((uint)order.Faction >= (uint)sc.FactionCount) return "no such faction";
        if ((uint)order.From >= (uint)sc.RegionCount || (uint)order.To >= (uint)sc.RegionCount) return "no such region";
        if (sc.LinkBetween(order.From, order.To) < 0) return $"{sc.RegionIds[order.From]} and {sc.RegionIds[order.To]} are not linked";
        if (sc.RegionTerrain[order.To] == Terrain.Sea) return $"{sc.RegionIds[order.To]} is open sea";
        if (order.Fighters <= 0) return "an order must move at least one fighter";
        double available = world.State.Fighters[world.State.Force(order.Faction, order.From)];
        if (order.Fighters > available) return $"only {available:0} fighters at {sc.RegionIds[order.From]}";
        _pending.Add(order);
        return null;
    }

    public void Clear() => _pending.Clear();

    public void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders)
    {
        // Hand over this faction's orders and keep the rest, in submission order.
        int kept = 0;
        for (int i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Faction == faction) orders.Add(_pending[i]);
            else _pending[kept++] = _pending[i];
        }
        _pending.RemoveRange(kept, _pending.Count - kept);
    }
}
