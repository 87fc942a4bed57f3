namespace ConflictSim.Decisions;

/// <summary>
/// Shortest travel time in days from one region to every other within a horizon, over links open to a faction
/// and never through open sea, which forces cannot enter (Dijkstra with a binary heap in pre-sized arrays, so it
/// allocates nothing per call). A search costs the regions it reaches, not the whole map: it resets only what
/// the previous search touched.
/// </summary>
internal sealed class TravelTime
{
    private readonly int[] _heap;
    private readonly int[] _position;
    private int _count;
    private readonly int[] _reached;
    private int _reachedCount;

    /// <summary>Days from the last origin; int.MaxValue where unreached.</summary>
    public int[] Days { get; }

    /// <summary>The regions the last search reached, in the order it settled them.</summary>
    public ReadOnlySpan<int> Reached => new(_reached, 0, _reachedCount);

    public TravelTime(int regions)
    {
        Days = new int[regions];
        _heap = new int[regions];
        _position = new int[regions];
        _reached = new int[regions];
        Array.Fill(Days, int.MaxValue);
        Array.Fill(_position, -1);
    }

    /// <summary>Fills <see cref="Days"/> with days from <paramref name="origin"/> up to <paramref name="horizon"/> days; regions beyond it or unreachable get int.MaxValue.</summary>
    public void From(World world, int faction, int origin, int horizon) => Search(world.Scenario, world, faction, origin, horizon);

    /// <summary>As <see cref="From(World, int, int, int)"/> with every link open: the map before any blockade.</summary>
    public void From(Scenario scenario, int origin, int horizon) => Search(scenario, null, -1, origin, horizon);

    private void Search(Scenario sc, World? world, int faction, int origin, int horizon)
    {
        for (int i = 0; i < _reachedCount; i++)
        {
            Days[_reached[i]] = int.MaxValue;
            _position[_reached[i]] = -1;
        }
        _reachedCount = 0;
        _count = 0;
        Days[origin] = 0;
        Push(origin);
        while (_count > 0)
        {
            int r = Pop();
            _reached[_reachedCount++] = r;
            for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++)
            {
                int n = sc.AdjRegion[a], link = sc.AdjLink[a];
                int d = Days[r] + sc.LinkDays[link];
                if (d >= Days[n] || d > horizon || sc.RegionTerrain[n] == Terrain.Sea || (world is not null && !world.LinkOpenFor(link, faction))) continue;
                Days[n] = d;
                if (_position[n] < 0) Push(n); else Up(_position[n]);
            }
        }
    }

    private void Push(int r)
    {
        _heap[_count] = r;
        _position[r] = _count;
        Up(_count++);
    }

    private int Pop()
    {
        int top = _heap[0];
        _position[top] = -2; // settled
        _count--;
        if (_count > 0)
        {
            _heap[0] = _heap[_count];
            _position[_heap[0]] = 0;
            Down(0);
        }
        return top;
    }

    private void Up(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (Less(parent, i)) break;
            Swap(i, parent);
            i = parent;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, smallest = i;
            if (l < _count && Less(l, smallest)) smallest = l;
            if (r < _count && Less(r, smallest)) smallest = r;
            if (smallest == i) return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    // Ties broken by region id so the settle order never depends on anything but the map.
    private bool Less(int a, int b) =>
        Days[_heap[a]] < Days[_heap[b]] || (Days[_heap[a]] == Days[_heap[b]] && _heap[a] < _heap[b]);

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _position[_heap[a]] = a;
        _position[_heap[b]] = b;
    }
}
