namespace ConflictSim.Tests.Support;

/// <summary>A 64-bit digest of every bit of a world state: equal digests ⇔ (practically) identical states.</summary>
internal static class StateFingerprint
{
    public static ulong Of(WorldState s)
    {
        ulong h = 14695981039346656037UL;
        void Mix(ulong v) { h ^= v; h *= 1099511628211UL; h ^= h >> 29; }
        void Doubles(double[] a) { foreach (var d in a) Mix((ulong)BitConverter.DoubleToInt64Bits(d)); }
        void Bools(bool[] a) { foreach (var b in a) Mix(b ? 1UL : 0UL); }
        void Ints(int[] a) { foreach (var i in a) Mix((ulong)i); }
        Mix((ulong)s.Day);
        Doubles(s.Fighters); Doubles(s.Morale); Doubles(s.SupplyDays); Doubles(s.Cohesion); Doubles(s.Stock);
        Doubles(s.Trust); Doubles(s.Killed); Doubles(s.Wounded); Doubles(s.Deserted); Doubles(s.Dispersed);
        Doubles(s.DefectedIn); Doubles(s.DefectedOut); Doubles(s.Reinforced); Doubles(s.OutcomeValue);
        Doubles(s.Recruited); Doubles(s.Cells); Doubles(s.ActiveResidents); Doubles(s.Jailed); Doubles(s.Armed); Doubles(s.Legitimacy);
        Bools(s.Active); Ints(s.Bloc); Doubles(s.Weight); Ints(s.CampInfightingDays);
        Doubles(s.Risen); Doubles(s.Attacks); Doubles(s.AttackPeak); Doubles(s.PatronStrikes);
        foreach (var g in s.CellGoal) Mix((ulong)g);
        foreach (var d in s.Detected) Mix(d ? 1UL : 0UL);
        foreach (var c in s.Controller) Mix((ulong)c);
        foreach (var b in s.Supplied) Mix(b ? 1UL : 0UL);
        Mix((ulong)s.TransitCount);
        for (int i = 0; i < s.TransitCount; i++) Mix((ulong)BitConverter.DoubleToInt64Bits(s.TransitFighters[i]));
        return h;
    }
}
