namespace ConflictSim.Analysis.Sensitivity;

/// <summary>
/// The Sobol' low-discrepancy sequence (Sobol' 1967) in up to <see cref="MaxDimensions"/> dimensions, with
/// Joe &amp; Kuo's direction numbers (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
/// projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654; the published file new-joe-kuo-6.21201), 32 bits, point
/// i computed directly from the Gray code of i (Antonov &amp; Saleev 1979), so any point can be had without the
/// ones before it. Point 0 is the origin; every block of 2^m consecutive points from 0 is a (t, m, s)-net.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Rows for dimensions 2, 3, …: degree s, coefficients a, initial direction numbers m_1 … m_s.</summary>
    private static readonly string[] JoeKuo =
    [
        "1 0 1", "2 1 1 3", "3 1 1 3 1", "3 2 1 1 1", "4 1 1 1 3 3", "4 4 1 3 5 13", "5 2 1 1 5 5 17", "5 4 1 1 5 5 5",
        "5 7 1 1 7 11 19", "5 11 1 1 5 1 1", "5 13 1 1 1 3 11", "5 14 1 3 5 5 31", "6 1 1 3 3 9 7 49", "6 13 1 1 1 15 21 21",
        "6 16 1 3 1 13 27 49", "6 19 1 1 1 15 7 5", "6 22 1 3 1 15 13 25", "6 25 1 1 5 5 19 61", "7 1 1 3 7 11 23 15 103",
        "7 4 1 3 7 13 13 15 69", "7 7 1 1 3 13 7 35 63", "7 8 1 3 5 9 1 25 53", "7 14 1 3 1 13 9 35 107",
        "7 19 1 3 1 5 27 61 31", "7 21 1 1 5 11 19 41 61", "7 28 1 3 5 3 3 13 69", "7 31 1 1 7 13 1 19 1",
        "7 32 1 3 7 5 13 19 59", "7 37 1 1 3 9 25 29 41", "7 41 1 3 5 13 23 1 55", "7 42 1 3 7 3 13 59 17",
        "7 50 1 3 1 3 5 53 69", "7 55 1 1 5 5 23 33 13", "7 56 1 1 7 7 1 61 123", "7 59 1 1 7 9 13 61 49",
        "7 62 1 3 3 5 3 55 33", "8 14 1 3 1 15 31 13 49 245", "8 21 1 3 5 15 31 59 63 97", "8 22 1 3 1 11 11 11 77 249",
    ];

    private const int Bits = 32;

    /// <summary>Dimensions the bundled direction numbers support.</summary>
    public static int MaxDimensions => JoeKuo.Length + 1;

    private readonly uint[][] directions;

    /// <summary>Dimensions of each point.</summary>
    public int Dimensions { get; }

    /// <summary>The first <paramref name="dimensions"/> dimensions of the sequence.</summary>
    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"1 to {MaxDimensions} dimensions");
        Dimensions = dimensions;
        directions = new uint[dimensions][];
        directions[0] = new uint[Bits];
        for (int b = 0; b < Bits; b++) directions[0][b] = 1u << (Bits - 1 - b);
        for (int d = 1; d < dimensions; d++)
        {
            var row = JoeKuo[d - 1].Split(' ').Select(uint.Parse).ToArray();
            int s = (int)row[0];
            uint a = row[1];
            var v = new uint[Bits];
            for (int b = 0; b < Math.Min(s, Bits); b++) v[b] = row[2 + b] << (Bits - 1 - b);
            for (int b = s; b < Bits; b++)
            {
                v[b] = v[b - s] ^ (v[b - s] >> s);
                for (int k = 1; k < s; k++) v[b] ^= ((a >> (s - 1 - k)) & 1) * v[b - k];
            }
            directions[d] = v;
        }
    }

    /// <summary>Point <paramref name="index"/> (0-based) into <paramref name="point"/>, each coordinate in [0, 1).</summary>
    public void Point(uint index, Span<double> point)
    {
        uint gray = index ^ (index >> 1);
        for (int d = 0; d < Dimensions; d++)
        {
            uint x = 0;
            var v = directions[d];
            for (int b = 0; gray >> b != 0; b++) if (((gray >> b) & 1) != 0) x ^= v[b];
            point[d] = x / 4294967296.0;
        }
    }

    /// <summary>Point <paramref name="index"/> as a new array.</summary>
    public double[] Point(uint index)
    {
        var p = new double[Dimensions];
        Point(index, p);
        return p;
    }
}
