namespace ConflictSim.Decisions;

/// <summary>
/// Shortest travel time in days from one region to every other, over links open to a faction and never
/// through open sea, which forces cannot enter (Dijkstra with a binary heap in pre-sized arrays, so it
/// allocates nothing per call).
/// </summary>
internal sealed class TravelTime
{
    private readonly int[] _heap;
    private readonly int[] _position;
    private int _count;

    public int[] Days { get; }

    public TravelTime(int regions)
    {
        Days = new int[regions];
        _heap = new int[regions];
        _position = new int[regions];
    }

    /// <summary>Fills <see cref="Days"/> with days from <paramref name="origin"/>; unreachable regions get int.MaxValue.</summary>
    public void From(World world, int faction, int origin)
    {
        var sc = world.Scenario;
        Array.Fill(Days, int.MaxValue);
        Array.Fill(_position, -1);
        _count = 0;
        Days[origin] = 0;
        Push(origin);
        while (_count > 0)
        {
            int r = Pop();
            for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++)
            {
                int n = sc.AdjRegion[a], link = sc.AdjLink[a];
                int d = Days[r] + sc.LinkDays[link];
                if (d >= Days[n] || sc.RegionTerrain[n] == Terrain.Sea || !world.LinkOpenFor(link, faction)) continue;
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
