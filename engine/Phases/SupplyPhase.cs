using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After control in the default order: supply and encirclement. A force is supplied when it stands on, or next to, ground that a path
/// of friendly or unheld, unfought-over ground joins to one of its faction's supply sources along links open
/// to it — so attackers are fed from the ground behind them, and a pocket whose exits are taken is cut off; a naval blockade closes sea lanes to
/// the blockader's enemies (002: "GNA naval boats are blockading the port"). Supplied forces refill what
/// they carry from the faction's stock; every force uses one day of supply per day; a force with nothing
/// left fights at reduced effect and loses morale (see MoralePhase).
/// </summary>
internal sealed class SupplyPhase : IPhase
{
    // Factions with the same relations to everyone (mutual allies who agree on every other faction) see the same
    // passable ground and open links, so their supply networks are the same graph: it is searched once per such
    // class, and each member's reach is the union of the pieces that hold its sources.
    private readonly int[] _classOf, _classHash, _classFirst, _memberStart, _members, _fill;
    private readonly int[] _queue;
    /// <summary>Per region: the piece of the current class's network it belongs to, or -1.</summary>
    private readonly int[] _piece;
    /// <summary>Per piece: its regions in _queue from _pieceStart, and its supplied ground (itself and one open link out) in _feeds.</summary>
    private readonly int[] _pieceStart, _feedStart, _feeds, _seen, _applied;
    private int _visit;
    /// <summary>
    /// Whether the current class can pass each region, once judged in this search (stamp = the search): a region
    /// the network cannot enter is otherwise judged again from every side it is reached.
    /// </summary>
    private readonly bool[] _passable;
    private readonly int[] _passableStamp;
    private int _search;

    public SupplyPhase(Scenario scenario)
    {
        int nr = scenario.RegionCount, nf = scenario.FactionCount;
        _classOf = new int[nf]; _classHash = new int[nf]; _classFirst = new int[nf]; _memberStart = new int[nf + 1]; _members = new int[nf]; _fill = new int[nf];
        _queue = new int[nr];
        _piece = new int[nr];
        Array.Fill(_piece, -1);
        _pieceStart = new int[nr + 1]; _feedStart = new int[nr + 1];
        _feeds = new int[nr + scenario.AdjRegion.Length];
        _seen = new int[nr];
        _applied = new int[nr];
        _passable = new bool[nr];
        _passableStamp = new int[nr];
    }

    public string Name => "supply";

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        for (int p = 0; p < sc.PatronCount; p++) s.Stock[sc.PatronClient[p]] += s.PatronSupply[p];
        world.Presence.Take(s); // supply moves no fighters
        int classes = Classify(world);
        // Each faction's stock, supply rows and days touch no other faction's, so going class by class changes nothing.
        for (int c = 0; c < classes; c++)
        {
            int pieces = Search(world, c);
            for (int m = _memberStart[c]; m < _memberStart[c + 1]; m++)
            {
                int f = _members[m];
                s.Stock[f] += s.Income[f];
                MarkSupplied(world, f, pieces);
                Distribute(world, f);
            }
            for (int i = 0; i < _pieceStart[pieces]; i++) _piece[_queue[i]] = -1;
        }
    }

    /// <summary>Groups factions whose relation to every faction (themselves counting as allied) is the same; classes in order of their first member.</summary>
    private int Classify(World world)
    {
        int nf = world.Scenario.FactionCount;
        int classes = 0;
        for (int f = 0; f < nf; f++)
        {
            int hash = 17;
            for (int h = 0; h < nf; h++) hash = hash * 31 + Relation(world, f, h);
            int found = -1;
            for (int c = 0; c < classes && found < 0; c++)
                if (_classHash[c] == hash && SameRelations(world, f, _classFirst[c])) found = c;
            if (found < 0)
            {
                found = classes++;
                _classHash[found] = hash;
                _classFirst[found] = f;
            }
            _classOf[f] = found;
        }
        // Lay out member lists, ascending within each class.
        Array.Clear(_fill, 0, classes);
        for (int f = 0; f < nf; f++) _fill[_classOf[f]]++;
        _memberStart[0] = 0;
        for (int c = 0; c < classes; c++) _memberStart[c + 1] = _memberStart[c] + _fill[c];
        for (int c = 0; c < classes; c++) _fill[c] = _memberStart[c];
        for (int f = 0; f < nf; f++) _members[_fill[_classOf[f]]++] = f;
        return classes;
    }

    private static int Relation(World world, int f, int h) => f == h || world.Allied(f, h) ? 1 : world.Hostile(f, h) ? 2 : 0;

    private static bool SameRelations(World world, int f, int g)
    {
        int nf = world.Scenario.FactionCount;
        for (int h = 0; h < nf; h++) if (Relation(world, f, h) != Relation(world, g, h)) return false;
        return true;
    }

    /// <summary>
    /// Breadth-first search, piece by piece, from every usable source of the class's members over ground the class
    /// can pass; then each piece's supplied ground: the piece and every region one open link from it.
    /// </summary>
    private int Search(World world, int c)
    {
        var sc = world.Scenario;
        int rep = _classFirst[c];
        int tail = 0, pieces = 0;
        _search++;
        for (int m = _memberStart[c]; m < _memberStart[c + 1]; m++)
        {
            foreach (int source in sc.SupplySourcesOf(_members[m]))
            {
                if (_piece[source] >= 0 || !CanPass(world, rep, source)) continue;
                _pieceStart[pieces] = tail;
                int head = tail;
                _piece[source] = pieces;
                _queue[tail++] = source;
                while (head < tail)
                {
                    int r = _queue[head++];
                    for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
                    {
                        int next = sc.AdjRegion[i];
                        if (_piece[next] >= 0 || !world.LinkOpenFor(sc.AdjLink[i], rep) || !CanPass(world, rep, next)) continue;
                        _piece[next] = pieces;
                        _queue[tail++] = next;
                    }
                }
                pieces++;
            }
        }
        _pieceStart[pieces] = tail;
        int feeds = 0;
        for (int p = 0; p < pieces; p++)
        {
            _feedStart[p] = feeds;
            _visit++;
            for (int q = _pieceStart[p]; q < _pieceStart[p + 1]; q++)
            {
                int r = _queue[q];
                if (_seen[r] != _visit) { _seen[r] = _visit; _feeds[feeds++] = r; }
                for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
                {
                    int n = sc.AdjRegion[i];
                    if (_seen[n] != _visit && world.LinkOpenFor(sc.AdjLink[i], rep)) { _seen[n] = _visit; _feeds[feeds++] = n; }
                }
            }
        }
        _feedStart[pieces] = feeds;
        return pieces;
    }

    /// <summary>A force is supplied on the supplied ground of any piece that holds one of its faction's usable sources.</summary>
    private void MarkSupplied(World world, int f, int pieces)
    {
        var s = world.State;
        int nr = s.RegionCount, offset = f * nr;
        Array.Clear(s.Supplied, offset, nr);
        _visit++;
        foreach (int source in world.Scenario.SupplySourcesOf(f))
        {
            int p = _piece[source];
            if (p < 0 || _applied[p] == _visit) continue;
            _applied[p] = _visit;
            for (int i = _feedStart[p]; i < _feedStart[p + 1]; i++) s.Supplied[offset + _feeds[i]] = true;
        }
    }

    /// <summary><see cref="Passable"/>, judged at most once per region in a search: nothing it reads changes during one.</summary>
    private bool CanPass(World world, int f, int r)
    {
        if (_passableStamp[r] == _search) return _passable[r];
        _passableStamp[r] = _search;
        return _passable[r] = Passable(world, f, r);
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
