namespace ConflictSim;

/// <summary>
/// Which factions have fighters in each region, as one compact list per region in ascending faction id — the
/// order every sum over factions already uses, so results do not change. A phase takes its own picture at the
/// start (<see cref="Take"/>) and may rely on it while fighters do not move; questions about a region then
/// cost the factions present there, not every faction in the scenario.
/// </summary>
public sealed class Presence
{
    private readonly int _regions;
    private readonly int[] _start;
    private readonly int[] _fill;
    private int[] _factions;

    public Presence(Scenario scenario)
    {
        _regions = scenario.RegionCount;
        _start = new int[_regions + 1];
        _fill = new int[_regions];
        // Most regions hold one or two factions; the list grows (rarely, and never back) if a picture needs more.
        _factions = new int[Math.Max(16, 2 * _regions)];
    }

    /// <summary>Factions present in region r, ascending.</summary>
    public ReadOnlySpan<int> In(int region) => new(_factions, _start[region], _start[region + 1] - _start[region]);

    /// <summary>Number of factions present in region r.</summary>
    public int CountIn(int region) => _start[region + 1] - _start[region];

    /// <summary>Rebuilds the lists from the state's fighters: a count pass and a fill pass over the force arrays.</summary>
    public void Take(WorldState state)
    {
        int nr = _regions, nf = state.FactionCount;
        var fighters = state.Fighters;
        var start = _start;
        Array.Clear(start);
        for (int f = 0; f < nf; f++)
        {
            int offset = f * nr;
            for (int r = 0; r < nr; r++) if (fighters[offset + r] > 0) start[r + 1]++;
        }
        for (int r = 0; r < nr; r++) start[r + 1] += start[r];
        if (start[nr] > _factions.Length) _factions = new int[Math.Max(start[nr], 2 * _factions.Length)];
        Array.Copy(start, _fill, nr);
        // Faction-major passes append in ascending faction id within each region.
        for (int f = 0; f < nf; f++)
        {
            int offset = f * nr;
            for (int r = 0; r < nr; r++) if (fighters[offset + r] > 0) _factions[_fill[r]++] = f;
        }
    }

    /// <summary>True when some pair of hostile factions both have fighters in the region (see <see cref="World.Contested"/>).</summary>
    public bool Contested(World world, int region)
    {
        var present = In(region);
        for (int a = 0; a < present.Length; a++)
            for (int b = a + 1; b < present.Length; b++)
                if (world.Hostile(present[a], present[b])) return true;
        return false;
    }

    /// <summary>Whether the faction has hostile fighters in the region (see <see cref="World.EnemiesIn"/>).</summary>
    public bool EnemiesIn(World world, int region, int faction)
    {
        foreach (int b in In(region))
            if (world.Hostile(faction, b)) return true;
        return false;
    }
}
