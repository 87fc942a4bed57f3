namespace ConflictSim;

/// <summary>
/// What each faction's commander wants of each region (<c>objectives:</c>), read by the AI for every option it
/// scores. Factions name a handful of regions each, so on a large map the faction × region table is almost all
/// zeros: at 100,000 regions and 200 factions a dense table of doubles is 160 MB for a few thousand values. The
/// scenario's shape picks the layout: the dense table while it is small (one multiply and one load per look-up),
/// else each faction's objectives as a sorted list searched by bisection. Both give the same values.
/// </summary>
internal sealed class ObjectiveTable
{
    /// <summary>Largest faction × region table kept dense: 2²¹ slots, 16 MB.</summary>
    public const long DenseSlotsMax = 1L << 21;

    private readonly int _regions;
    private readonly double[]? _dense;
    /// <summary>Sparse layout: faction f's objectives are _region/_value[_start[f].._start[f+1]), regions ascending.</summary>
    private readonly int[] _start;
    private readonly int[] _region;
    private readonly double[] _value;

    public ObjectiveTable(int factions, int regions, IReadOnlyList<(int Faction, int Region, double Value)> objectives, bool? dense = null)
    {
        _regions = regions;
        if (dense ?? (long)factions * regions <= DenseSlotsMax) _dense = new double[factions * regions];
        // Later entries for the same slot win, as assignments into a dense table would.
        var last = new Dictionary<(int, int), double>();
        foreach (var (f, r, v) in objectives)
        {
            last[(f, r)] = v;
            if (_dense is not null) _dense[f * regions + r] = v;
        }
        var sorted = new List<(int Faction, int Region, double Value)>();
        foreach (var ((f, r), v) in last) if (v != 0) sorted.Add((f, r, v));
        sorted.Sort((a, b) => a.Faction != b.Faction ? a.Faction.CompareTo(b.Faction) : a.Region.CompareTo(b.Region));
        _start = new int[factions + 1];
        _region = new int[sorted.Count];
        _value = new double[sorted.Count];
        for (int k = 0; k < sorted.Count; k++)
        {
            _start[sorted[k].Faction + 1]++;
            _region[k] = sorted[k].Region;
            _value[k] = sorted[k].Value;
        }
        for (int f = 0; f < factions; f++) _start[f + 1] += _start[f];
    }

    /// <summary>True when the table is the dense faction × region array.</summary>
    public bool Dense => _dense is not null;

    /// <summary>The faction's objective value of the region; 0 where it has none.</summary>
    public double Of(int faction, int region)
    {
        if (_dense is not null) return _dense[faction * _regions + region];
        int i = Array.BinarySearch(_region, _start[faction], _start[faction + 1] - _start[faction], region);
        return i >= 0 ? _value[i] : 0;
    }

    /// <summary>The regions the faction has a non-zero objective in, ascending.</summary>
    public ReadOnlySpan<int> RegionsOf(int faction) => _region.AsSpan(_start[faction], _start[faction + 1] - _start[faction]);
}
