using ConflictSim.Decisions;

namespace ConflictSim;

/// <summary>
/// What a phase sees: the scenario (fixed), the state (changing), and today's orders. The order book is scratch
/// within a tick (decisions fill it, movement empties it), so it is not part of the state.
/// </summary>
internal sealed class World
{
    public Scenario Scenario { get; }
    public WorldState State { get; }
    public OrderBook Orders { get; }
    public CombatMode Mode { get; }
    private readonly UtilityAi _ai;
    private readonly ScriptedOrderSource _script = new();
    private readonly HumanOrderSource _human = new();
    /// <summary>
    /// Who has fighters where, as a phase last pictured it. A phase that reads it takes the picture first
    /// (<see cref="Presence.Take"/>); it stays true until fighters move. Decisions, combat and supply use it.
    /// </summary>
    public Presence Presence { get; }

    // Read on every relation test, so kept next to the trust array instead of behind Scenario.Settings.
    private readonly double _hostileBelow, _alliedAbove;
    private readonly double[] _trust;
    private readonly int _factions;

    internal World(Scenario scenario, WorldState state, CombatMode mode)
    {
        Scenario = scenario;
        _hostileBelow = scenario.Settings.HostileBelow;
        _alliedAbove = scenario.Settings.AlliedAbove;
        _trust = state.Trust;
        _factions = state.FactionCount;
        State = state;
        Mode = mode;
        _ai = new UtilityAi(scenario);
        Presence = new Presence(scenario);
        // One order per force at most; forces are far fewer than faction × region slots on a large map, and the book
        // grows to the largest day seen, after which it never allocates again.
        Orders = new OrderBook(Math.Max(64, 2 * scenario.RegionCount));
    }

    public bool Deterministic => Mode == CombatMode.Deterministic;

    /// <summary>Where the faction's orders come from today, as the state's commander assignment says.</summary>
    public IOrderSource SourceOf(int faction) => State.Commander[faction] switch
    {
        OrderSourceKind.Scripted => _script,
        OrderSourceKind.Human => _human,
        _ => _ai,
    };

    public bool Hostile(int a, int b) =>
        a != b && a >= 0 && b >= 0 && _trust[a * _factions + b] <= _hostileBelow;

    public bool Allied(int a, int b) =>
        a == b || (a >= 0 && b >= 0 && _trust[a * _factions + b] >= _alliedAbove);

    /// <summary>True when the faction may cross the link (a blockade closes it to the blockader's enemies).</summary>
    public bool LinkOpenFor(int link, int faction)
    {
        int blockader = State.Blockade[link];
        return blockader < 0 || !Hostile(faction, blockader);
    }

    /// <summary>Whether faction <paramref name="faction"/> has hostile fighters in the region.</summary>
    public bool EnemiesIn(int region, int faction)
    {
        var s = State;
        int r = s.RegionCount;
        for (int b = 0; b < s.FactionCount; b++)
            if (s.Fighters[b * r + region] > 0 && Hostile(faction, b)) return true;
        return false;
    }

    /// <summary>Share of the city's districts the faction controls.</summary>
    public double CityShare(int city, int faction)
    {
        var sc = Scenario;
        int start = sc.CityStart[city], end = sc.CityStart[city + 1];
        if (end == start) return 0;
        int held = 0;
        for (int i = start; i < end; i++) if (State.Controller[sc.CityRegions[i]] == faction) held++;
        return (double)held / (end - start);
    }

    /// <summary>Whole fighters in stochastic mode; expected (real) fighters in deterministic mode.</summary>
    public double Whole(double fighters) => Deterministic ? fighters : Math.Floor(fighters);
}
