using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConflictSim.CivilViolenceGrid;

/// <summary>
/// What stands on each site of the torus, one byte per site (0 empty, then <see cref="CivilViolenceModel.KindInert"/>,
/// <see cref="CivilViolenceModel.KindActive"/>, <see cref="CivilViolenceModel.KindCop"/>), for the vision scans. Kept
/// twice, row by row and (for von Neumann vision) column by column, each line padded with copies of the sites that wrap
/// round the torus, so any run of up to 31 sites along a row or a column is one unaligned 32-byte load: a von Neumann
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

    /// <summary>Sites (x − v .. x − v + 31, y + dy): byte i is dx = i − v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<byte> Row(int x, int y, int dy, int v) =>
        Vector256.Create<byte>(new ReadOnlySpan<byte>(_rows, _rowBase[y + _pad + dy] + _pad + x - v, Window));

    /// <summary>Sites (x, y − v .. y − v + 31): byte i is dy = i − v. Von Neumann lattices only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<byte> Column(int x, int y, int v) =>
        Vector256.Create<byte>(new ReadOnlySpan<byte>(_cols!, x * _colStride + _pad + y - v, Window));

    /// <summary>Bit i set where byte i of the window holds <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mask(Vector256<byte> window, int kind) =>
        Vector256.Equals(window, Vector256.Create((byte)kind)).ExtractMostSignificantBits();

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
