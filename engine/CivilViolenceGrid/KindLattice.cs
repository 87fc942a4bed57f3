using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConflictSim.CivilViolenceGrid;

/// <summary>
/// What stands on each site of the torus, one byte per site (0 empty, then <see cref="CivilViolenceModel.KindInert"/>,
/// <see cref="CivilViolenceModel.KindActive"/>, <see cref="CivilViolenceModel.KindCop"/>), for the vision scans. Kept
/// twice, row by row and (for von Neumann vision) column by column, each line padded with copies of the sites that wrap
/// round the torus, so any run of up to 31 sites along a row or a column is one unaligned load (16 bytes up to vision 7, else 32): a von Neumann
/// look of vision 7 touches 2–4 cache lines instead of the 16 of an int lattice's vertical arms, and a 1000×1000 torus
/// is 2 MB instead of 4.
/// </summary>
internal sealed class KindLattice
{
    /// <summary>Longest vision one load covers: 2v + 1 sites in a 32-byte window.</summary>
    public const int MaxVision = 15;
    private const int Window = 32;

    private readonly int _width;
    private readonly int _height;
    private readonly int _pad;
    private readonly int _rowStride;
    private readonly int _colStride;
    private readonly byte[] _rows;   // (x, y) at y · rowStride + pad + x; x in −pad..width+pad−1 wraps
    private readonly byte[]? _cols;  // (x, y) at x · colStride + pad + y, only for von Neumann
    private readonly int[] _rowBase; // y + pad + dy → ((y + dy) mod height) · rowStride

    public KindLattice(int width, int height, int pad, bool columns)
    {
        _width = width;
        _height = height;
        _pad = pad;
        _rowStride = width + 2 * pad;
        _colStride = height + 2 * pad;
        // The tail lets a window that starts near the last line's end read 32 bytes; bytes past a line are masked off.
        _rows = new byte[height * _rowStride + Window];
        _cols = columns ? new byte[width * _colStride + Window] : null;
        _rowBase = new int[height + 2 * pad];
        for (int i = 0; i < _rowBase.Length; i++) _rowBase[i] = ((i - pad) % height + height) % height * _rowStride;
    }

    public void Clear()
    {
        Array.Clear(_rows);
        if (_cols is not null) Array.Clear(_cols);
    }

    /// <summary>Writes a site and, within <c>pad</c> of an edge, its copy on the far side of the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int x, int y, int kind)
    {
        byte b = (byte)kind;
        int r = y * _rowStride + _pad + x;
        _rows[r] = b;
        if (x < _pad) _rows[r + _width] = b;
        else if (x >= _width - _pad) _rows[r - _width] = b;
        if (_cols is not { } cols) return;
        int c = x * _colStride + _pad + y;
        cols[c] = b;
        if (y < _pad) cols[c + _height] = b;
        else if (y >= _height - _pad) cols[c - _height] = b;
    }

    /// <summary>
    /// Bits i where site (x − v + i, y + dy) holds <paramref name="kindA"/>, resp. <paramref name="kindB"/>, from one
    /// load of the row; bits past 2v are whatever lies beyond and must be masked off by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (uint A, uint B) Row(int x, int y, int dy, int v, int kindA, int kindB) =>
        Masks(_rows, _rowBase[y + _pad + dy] + _pad + x - v, v, kindA, kindB);

    /// <summary>The same along the column: bit i is site (x, y − v + i). Von Neumann lattices only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (uint A, uint B) Column(int x, int y, int v, int kindA, int kindB) =>
        Masks(_cols!, x * _colStride + _pad + y - v, v, kindA, kindB);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint, uint) Masks(byte[] line, int start, int v, int kindA, int kindB)
    {
        // Visions up to 7 fit 16 bytes: the narrower load seldom reaches a cache line the look-ahead did not touch.
        if (v <= 7)
        {
            var w = Vector128.Create<byte>(new ReadOnlySpan<byte>(line, start, 16));
            return (Vector128.Equals(w, Vector128.Create((byte)kindA)).ExtractMostSignificantBits(),
                Vector128.Equals(w, Vector128.Create((byte)kindB)).ExtractMostSignificantBits());
        }
        var wide = Vector256.Create<byte>(new ReadOnlySpan<byte>(line, start, Window));
        return (Vector256.Equals(wide, Vector256.Create((byte)kindA)).ExtractMostSignificantBits(),
            Vector256.Equals(wide, Vector256.Create((byte)kindB)).ExtractMostSignificantBits());
    }

    /// <summary>
    /// Reads the first and last byte of the widest vision window round (x, y) along its row and column, so the lines a
    /// look there needs are in cache; returns their sum to keep the loads alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Touch(int x, int y)
    {
        int r = y * _rowStride + x;
        int t = _rows[r] + _rows[r + 2 * _pad];
        if (_cols is not { } cols) return t;
        int c = x * _colStride + y;
        return t + cols[c] + cols[c + 2 * _pad];
    }
}
