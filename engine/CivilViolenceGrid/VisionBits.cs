using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ConflictSim.CivilViolenceGrid;

/// <summary>
/// Bit tricks on the masks <see cref="KindLattice"/> returns (bit i of a window mask = site dx = i − v): putting the
/// four von Neumann arms in the order the scalar scan visits them, and finding the k-th candidate. Integer-only, so the
/// answer is the same on every machine; BMI2 is used only where it computes the same number faster.
/// </summary>
internal static class VisionBits
{
    /// <summary>Sites dx = 1..v of a window mask (the east or south arm), nearest first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Ahead(uint window, int v) => (window >> (v + 1)) & ((1u << v) - 1);

    /// <summary>Sites dx = −1..−v of a window mask (the west or north arm), nearest first: the low v bits reversed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Behind(uint window, int v) => v == 0 ? 0 : ReverseBits(window) >> (32 - v);

    /// <summary>
    /// The four arms interleaved as the scalar scan visits them: for d = 1..v, east, west, south, north (bit 4(d−1) + arm),
    /// so the k-th set bit is the k-th candidate it would have collected.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Cross(uint row, uint column, int v) =>
        Spread(Ahead(row, v)) | Spread(Behind(row, v)) << 1 | Spread(Ahead(column, v)) << 2 | Spread(Behind(column, v)) << 3;

    /// <summary>Bit i of a 16-bit value to bit 4i (a Morton spread): one PDEP, or four shift-and-mask rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Spread(uint bits) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitDeposit(bits, 0x1111111111111111UL) : SpreadByShifts(bits);

    /// <summary><see cref="Spread"/> without BMI2; internal so a test can hold the two to the same answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SpreadByShifts(uint bits)
    {
        ulong x = bits;
        x = (x | x << 24) & 0x000000FF000000FFUL;
        x = (x | x << 12) & 0x000F000F000F000FUL;
        x = (x | x << 6) & 0x0303030303030303UL;
        return (x | x << 3) & 0x1111111111111111UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReverseBits(uint x)
    {
        x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
        x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
        x = (x >> 4 & 0x0F0F0F0Fu) | (x & 0x0F0F0F0Fu) << 4;
        return BinaryPrimitives.ReverseEndianness(x);
    }

    /// <summary>Index of the k-th (from 0) set bit of <paramref name="mask"/>, which has more than k set bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Select(ulong mask, int k)
    {
        // PDEP deposits a single bit at the k-th set position of the mask: one instruction where BMI2 is fast.
        if (Bmi2.X64.IsSupported) return BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << k, mask));
        return SelectByClearing(mask, k);
    }

    /// <summary><see cref="Select"/> without BMI2: clear the k lowest set bits.</summary>
    internal static int SelectByClearing(ulong mask, int k)
    {
        for (; k > 0; k--) mask &= mask - 1;
        return BitOperations.TrailingZeroCount(mask);
    }
}
