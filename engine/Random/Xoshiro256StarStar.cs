using System.Numerics;
using System.Runtime.CompilerServices;

namespace ConflictSim.Randomness;

/// <summary>
/// Blackman &amp; Vigna's xoshiro256** (2018): a small, fast generator whose state is four words, so a world
/// snapshot copies it by value. Our own rather than MathNet's so the state can live inside <see cref="WorldState"/>.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds from one 64-bit value through SplitMix64, as the authors recommend.</summary>
    public static Xoshiro256StarStar FromSeed(ulong seed)
    {
        var g = new Xoshiro256StarStar();
        ulong x = seed;
        g._s0 = SplitMix64(ref x); g._s1 = SplitMix64(ref x); g._s2 = SplitMix64(ref x); g._s3 = SplitMix64(ref x);
        return g;
    }

    /// <summary>Vigna's SplitMix64: advances <paramref name="x"/> by the golden-ratio increment and returns its mixed 64-bit output.</summary>
    public static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stream key for (master seed, run index, purpose), mixed so nearby inputs give unrelated streams.</summary>
    public static ulong DeriveSeed(ulong master, ulong run, ulong purpose)
    {
        ulong x = master;
        ulong a = SplitMix64(ref x);
        x = a ^ run;
        ulong b = SplitMix64(ref x);
        x = b ^ purpose;
        return SplitMix64(ref x);
    }

    /// <summary>Next 64 uniformly random bits; advances the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-shift with rejection (unbiased).</summary>
    /// <remarks>Math.BigMul is one mul instruction where UInt128's operator is not; the numbers are the same.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong range = (ulong)n;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold) high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>FNV-1a of a name: a stable purpose key (string.GetHashCode is randomised per process).</summary>
    public static ulong Key(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name) { h ^= c; h *= 1099511628211UL; }
        return h;
    }
}
