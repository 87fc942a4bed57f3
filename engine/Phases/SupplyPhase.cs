using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// Phase 6: supply and encirclement. A force is supplied when it stands on, or next to, ground that a path
/// of friendly or unheld, unfought-over ground joins to one of its faction's supply sources along links open
/// to it — so attackers are fed from the ground behind them, and a pocket whose exits are taken is cut off; a naval blockade closes sea lanes to
/// the blockader's enemies (002: "GNA naval boats are blockading the port"). Supplied forces refill what
/// they carry from the faction's stock; every force uses one day of supply per day; a force with nothing
/// left fights at reduced effect and loses morale (see MoralePhase).
/// </summary>
public sealed class SupplyPhase(Scenario scenario) : IPhase
{
    private readonly int[] _queue = new int[scenario.RegionCount];
    private readonly bool[] _reached = new bool[scenario.RegionCount];

    public string Name => "supply";

    public void Execute(World world, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        for (int p = 0; p < sc.PatronCount; p++) s.Stock[sc.PatronClient[p]] += s.PatronSupply[p];
        world.Presence.Take(s); // supply moves no fighters
        for (int f = 0; f < sc.FactionCount; f++)
        {
            s.Stock[f] += s.Income[f];
            Reach(world, f);
            Distribute(world, f);
        }
    }

    /// <summary>Breadth-first search from the faction's usable sources, then marks every region on or next to the reach.</summary>
    private void Reach(World world, int f)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount, offset = f * nr;
        int head = 0, tail = 0;
        Array.Clear(_reached);
        var sources = sc.SupplySourcesOf(f);
        for (int k = 0; k < sources.Length; k++)
        {
            int r = sources[k];
            if (!Passable(world, f, r)) continue;
            _reached[r] = true;
            _queue[tail++] = r;
        }
        while (head < tail)
        {
            int r = _queue[head++];
            for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
            {
                int next = sc.AdjRegion[i];
                if (_reached[next] || !world.LinkOpenFor(sc.AdjLink[i], f) || !Passable(world, f, next)) continue;
                _reached[next] = true;
                _queue[tail++] = next;
            }
        }
        // Supplied = reached, or one open link from a reached region; walking out from the reach costs its size, not the map's.
        Array.Clear(s.Supplied, offset, nr);
        for (int q = 0; q < tail; q++)
        {
            int r = _queue[q];
            s.Supplied[offset + r] = true;
            for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
                if (world.LinkOpenFor(sc.AdjLink[i], f)) s.Supplied[offset + sc.AdjRegion[i]] = true;
        }
    }

    /// <summary>
    /// Ground a supply line can cross: unheld, or held by the faction or an ally, where friendly fighters at
    /// least match hostile ones — a few infiltrators harass a road but do not cut it.
    /// </summary>
    private static bool Passable(World world, int f, int r)
    {
        var s = world.State;
        int holder = s.Controller[r];
        if (holder >= 0 && !world.Allied(f, holder)) return false;
        double friends = 0, enemies = 0;
        foreach (int g in world.Presence.In(r))
        {
            double x = s.Fighters[g * s.RegionCount + r];
            if (world.Allied(f, g)) friends += x;
            else if (world.Hostile(f, g)) enemies += x;
        }
        return friends >= enemies;
    }

    /// <summary>Refills supplied forces pro rata from the stock, then every force consumes a day.</summary>
    private static void Distribute(World world, int f)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount, offset = f * nr;
        double capacity = sc.SupplyCapacity[f];
        double demand = 0;
        for (int r = 0; r < nr; r++)
        {
            int i = offset + r;
            if (s.Fighters[i] > 0 && s.Supplied[i]) demand += (capacity - s.SupplyDays[i] + 1) * s.Fighters[i];
        }
        double share = demand > 0 ? Math.Min(1, s.Stock[f] / demand) : 0;
        s.Stock[f] -= share * demand;
        for (int r = 0; r < nr; r++)
        {
            int i = offset + r;
            if (s.Fighters[i] <= 0) continue;
            if (s.Supplied[i]) s.SupplyDays[i] += share * (capacity - s.SupplyDays[i] + 1);
            s.SupplyDays[i] = Math.Max(0, s.SupplyDays[i] - 1);
        }
    }
}
