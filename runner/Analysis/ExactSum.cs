namespace ConflictSim.Analysis;

/// <summary>
/// A sum of doubles kept exactly, as Shewchuk's non-overlapping partials ("Adaptive precision floating-point
/// arithmetic", 1997; the algorithm of Python's math.fsum). The rounded total is the correctly rounded exact sum,
/// so it does not depend on the order values arrived in or on how shards were split — which is what makes a
/// merged or resumed sweep byte-identical to one run straight through.
/// </summary>
internal sealed class ExactSum
{
    private readonly List<double> _partials = new(4);

    public IReadOnlyList<double> Partials => _partials;

    public void Add(double x)
    {
        int i = 0;
        for (int j = 0; j < _partials.Count; j++)
        {
            double y = _partials[j];
            if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
            double hi = x + y;
            double lo = y - (hi - x); // the rounding error of hi, exactly (Dekker's Fast2Sum)
            if (lo != 0) _partials[i++] = lo;
            x = hi;
        }
        _partials.RemoveRange(i, _partials.Count - i);
        _partials.Add(x);
    }

    /// <summary>Adds a·b exactly: the product and its rounding error, found with a fused multiply-add.</summary>
    public void AddProduct(double a, double b)
    {
        double p = a * b;
        Add(p);
        Add(Math.FusedMultiplyAdd(a, b, -p));
    }

    public void Add(ExactSum other)
    {
        foreach (double p in other._partials) Add(p);
    }

    /// <summary>The exact sum rounded once to the nearest double (ties to even), as math.fsum returns it.</summary>
    public double Value
    {
        get
        {
            int n = _partials.Count;
            if (n == 0) return 0;
            double hi = _partials[--n], lo = 0;
            while (n > 0)
            {
                double x = hi, y = _partials[--n];
                hi = x + y;
                lo = y - (hi - x);
                if (lo != 0) break;
            }
            // Half-way case: the partials below decide which way the tie rounds.
            if (n > 0 && ((lo < 0 && _partials[n - 1] < 0) || (lo > 0 && _partials[n - 1] > 0)))
            {
                double y = lo * 2, x = hi + y;
                if (y == x - hi) hi = x;
            }
            return hi;
        }
    }

    public void Clear() => _partials.Clear();

    public void Write(BinaryWriter w)
    {
        w.Write(_partials.Count);
        foreach (double p in _partials) w.Write(p);
    }

    public void Read(BinaryReader r)
    {
        _partials.Clear();
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++) _partials.Add(r.ReadDouble());
    }

    /// <summary>
    /// n·Σx² − (Σx)², computed exactly from the exact sums and rounded once: the numerator of the sample variance
    /// without the cancellation of the textbook formula, and independent of order like the sums themselves.
    /// </summary>
    public static double CentredSquares(long n, ExactSum sum, ExactSum squares)
    {
        var acc = new ExactSum();
        foreach (double p in squares._partials) acc.AddProduct(n, p);
        foreach (double a in sum._partials)
            foreach (double b in sum._partials) acc.AddProduct(-a, b);
        return Math.Max(0, acc.Value);
    }
}
