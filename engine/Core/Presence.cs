using System.Numerics;

namespace ConflictSim;

/// <summary>
/// Which factions have fighters in each region: one bit per (region, faction), enumerated in ascending faction
/// id — the order every sum over factions already uses, so results do not change. A phase takes its own picture
/// at the start (<see cref="Take"/>) and may rely on it while fighters do not move; questions about a region
/// then cost the factions present there, not every faction in the scenario.
/// </summary>
internal sealed class Presence
{
    private readonly int _regions;
    /// <summary>64-bit words per region.</summary>
    private readonly int _words;
    private readonly ulong[] _bits;

    public Presence(Scenario scenario)
    {
        _regions = scenario.RegionCount;
        _words = Math.Max(1, (scenario.FactionCount + 63) >> 6);
        _bits = new ulong[_regions * _words];
    }

    /// <summary>Factions present in the region, ascending.</summary>
    public Factions In(int region) => new(_bits, region * _words, _words);

    /// <summary>Rebuilds the picture from the state's fighters in one pass over the force arrays.</summary>
    public void Take(WorldState state)
    {
        int nr = _regions, nf = state.FactionCount, words = _words;
        var fighters = state.Fighters;
        var bits = _bits;
        if (words == 1)
        {
            // Up to 64 factions (every article scenario): each region's word is built in a register and stored once,
            // with no clearing pass and no read-modify-write of memory.
            for (int r = 0; r < nr; r++)
            {
                ulong word = 0;
                for (int f = 0, i = r; f < nf; f++, i += nr) word |= fighters[i] > 0 ? 1UL << f : 0;
                bits[r] = word;
            }
            return;
        }
        Array.Clear(bits);
        for (int f = 0; f < nf; f++)
        {
            int offset = f * nr, word = f >> 6;
            ulong bit = 1UL << (f & 63);
            // Branch-free: whether a force is present is unpredictable, and a mispredict costs more than the OR.
            for (int r = 0; r < nr; r++) bits[r * words + word] |= fighters[offset + r] > 0 ? bit : 0;
        }
    }

    /// <summary>True when some pair of hostile factions both have fighters in the region: a battle.</summary>
    public bool Contested(World world, int region)
    {
        foreach (int a in In(region))
            foreach (int b in In(region))
                if (b > a && world.Hostile(a, b)) return true;
        return false;
    }

    /// <summary>Whether the faction has hostile fighters in the region (see <see cref="World.EnemiesIn"/>).</summary>
    public bool EnemiesIn(World world, int region, int faction)
    {
        foreach (int b in In(region))
            if (world.Hostile(faction, b)) return true;
        return false;
    }

    /// <summary>The set bits of one region's words, lowest first; a struct enumerator, so foreach allocates nothing.</summary>
    public ref struct Factions(ulong[] bits, int start, int words)
    {
        private readonly ulong[] _bits = bits;
        private readonly int _start = start, _end = start + words;
        private int _word = start;
        private ulong _rest = bits[start];

        public int Current { get; private set; } = -1;
        public readonly Factions GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= _end) return false;
                _rest = _bits[_word];
            }
            Current = ((_word - _start) << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1; // clear the lowest set bit
            return true;
        }
    }
}
