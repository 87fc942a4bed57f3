using ConflictSim.Randomness;

namespace ConflictSim.Analysis;

/// <summary>
/// Quantiles of a stream in bounded memory that merge exactly. Exact while the values take at most
/// <c>cap</c> distinct values (days, regions held, most casualty counts), then a DDSketch (Masson, Rim &amp; Lee,
/// "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019): bucket
/// k holds values in (γ^(k−1), γ^k] with γ = (1+α)/(1−α), so any reported quantile is within relative error
/// α of the exact one. Both forms are counts keyed by value or bucket, so the state after any split of the
/// stream into shards, merged in any order, is the same as after one pass — the sweep's byte-identical merge
/// rests on that. Buckets use DetMath.Log so the bucket of a value is the same on every machine.
/// </summary>
internal sealed class QuantileSketch(int cap)
{
    /// <summary>Relative accuracy α of the sketch once it leaves exact mode.</summary>
    public const double Alpha = 0.005;
    private static readonly double Gamma = (1 + Alpha) / (1 - Alpha);
    private static readonly double LnGamma = DetMath.Log(Gamma);
    /// <summary>Values closer to zero than this count as zero (no bucket index overflows).</summary>
    private const double MinPositive = 1e-9;

    private Dictionary<double, long>? _exact = new();
    private BucketStore? _positive, _negative;
    private long _zero;

    /// <summary>Whole values below this have their bucket looked up instead of computed (fighters and regions are whole).</summary>
    private const int Tabulated = 1 << 16;

    /// <summary>
    /// The bucket of 1, 2, …, Tabulated − 1 by the very expression <see cref="KeyOf"/> evaluates, so a lookup gives
    /// the same key. Built once, on the first sketch that leaves exact mode: a sweep adds thousands of values a run
    /// to its per-day sketches, and a log and a division each was most of the aggregator's time.
    /// </summary>
    private static readonly Lazy<int[]> WholeKeys = new(() =>
    {
        var keys = new int[Tabulated];
        for (int v = 1; v < Tabulated; v++) keys[v] = KeyOf(v);
        return keys;
    });

    public long Count { get; private set; }
    public bool IsExact => _exact is not null;

    public void Add(double x) => Add(x, 1);

    private void Add(double x, long count)
    {
        Count += count;
        if (_exact is not null)
        {
            // Hot path of the aggregator: one lookup, no allocation once the value has been seen.
            ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_exact, x, out _);
            slot += count;
            if (_exact.Count > cap) Collapse();
            return;
        }
        AddToBuckets(x, count);
    }

    private void AddToBuckets(double x, long count)
    {
        double magnitude = Math.Abs(x);
        if (magnitude < MinPositive) { _zero += count; return; }
        var store = x > 0 ? (_positive ??= new()) : (_negative ??= new());
        int key = magnitude < Tabulated && magnitude == Math.Floor(magnitude) ? WholeKeys.Value[(int)magnitude] : KeyOf(magnitude);
        store.Add(key, count);
    }

    private static int KeyOf(double magnitude) => (int)Math.Ceiling(DetMath.Log(magnitude) / LnGamma);

    private void Collapse()
    {
        var exact = _exact!;
        _exact = null;
        foreach (var (value, count) in exact) AddToBuckets(value, count);
    }

    public void Merge(QuantileSketch other)
    {
        if (other._exact is not null)
        {
            foreach (var (v, c) in other._exact) Add(v, c);
            return;
        }
        if (_exact is not null) Collapse();
        Count += other.Count;
        _zero += other._zero;
        if (other._positive is not null) (_positive ??= new()).AddAll(other._positive);
        if (other._negative is not null) (_negative ??= new()).AddAll(other._negative);
    }

    /// <summary>
    /// The q-quantile by the inverse of the empirical distribution (Hyndman &amp; Fan type 1): the smallest
    /// value whose rank is at least ⌈q·n⌉. Exact in exact mode; in sketch mode the bucket's centre 2γ^k/(γ+1).
    /// </summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        foreach (var (value, count) in Sorted())
        {
            seen += count;
            if (seen >= rank) return value;
        }
        throw new InvalidOperationException("quantile rank beyond the count");
    }

    /// <summary>Several quantiles in one sorted pass (ascending <paramref name="qs"/>).</summary>
    public double[] Quantiles(ReadOnlySpan<double> qs)
    {
        var result = new double[qs.Length];
        if (Count == 0) { Array.Fill(result, double.NaN); return result; }
        var sorted = Sorted();
        int i = 0;
        long seen = 0;
        for (int k = 0; k < qs.Length; k++)
        {
            long rank = Math.Max(1, (long)Math.Ceiling(qs[k] * Count));
            while (seen + sorted[i].Count < rank) seen += sorted[i++].Count;
            result[k] = sorted[i].Value;
        }
        return result;
    }

    private List<(double Value, long Count)> Sorted()
    {
        var list = new List<(double Value, long Count)>();
        if (_exact is not null)
        {
            foreach (var (v, c) in _exact) list.Add((v, c));
        }
        else
        {
            if (_negative is not null) foreach (var (k, c) in _negative.Buckets()) list.Add((-Centre(k), c));
            if (_zero > 0) list.Add((0, _zero));
            if (_positive is not null) foreach (var (k, c) in _positive.Buckets()) list.Add((Centre(k), c));
        }
        list.Sort((a, b) => a.Value.CompareTo(b.Value));
        return list;
    }

    private static double Centre(int key) => 2 * DetMath.Exp(key * LnGamma) / (Gamma + 1);

    public void Write(BinaryWriter w)
    {
        w.Write(Count);
        w.Write(_exact is not null);
        if (_exact is not null)
        {
            w.Write(_exact.Count);
            foreach (var (v, c) in _exact) { w.Write(v); w.Write(c); }
            return;
        }
        w.Write(_zero);
        WriteStore(w, _positive);
        WriteStore(w, _negative);
    }

    private static void WriteStore(BinaryWriter w, BucketStore? store)
    {
        var buckets = store?.Buckets() ?? [];
        w.Write(buckets.Count);
        foreach (var (k, c) in buckets) { w.Write(k); w.Write(c); }
    }

    public void Read(BinaryReader r)
    {
        Count = r.ReadInt64();
        _positive = _negative = null;
        _zero = 0;
        if (r.ReadBoolean())
        {
            _exact = new();
            int n = r.ReadInt32();
            for (int i = 0; i < n; i++) _exact[r.ReadDouble()] = r.ReadInt64();
            return;
        }
        _exact = null;
        _zero = r.ReadInt64();
        _positive = ReadStore(r);
        _negative = ReadStore(r);
    }

    private static BucketStore? ReadStore(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n == 0) return null;
        var store = new BucketStore();
        for (int i = 0; i < n; i++)
        {
            int key = r.ReadInt32();
            store.Add(key, r.ReadInt64());
        }
        return store;
    }

    /// <summary>
    /// Counts by bucket key in one array spanning the keys seen (DDSketch's dense store): an add is an index, not a
    /// hash, and the buckets come out in ascending order, so a saved sketch is the same bytes however its stream was
    /// split and merged. Values of one quantity at one day span a few hundred buckets at most (a factor of 10 is
    /// 230 of them), a few kilobytes.
    /// </summary>
    private sealed class BucketStore
    {
        private long[] _counts = [];
        /// <summary>The key of _counts[0].</summary>
        private int _offset;

        public void Add(int key, long count)
        {
            int i = key - _offset;
            if ((uint)i >= (uint)_counts.Length)
            {
                Grow(key);
                i = key - _offset;
            }
            _counts[i] += count;
        }

        public void AddAll(BucketStore other)
        {
            for (int i = 0; i < other._counts.Length; i++)
                if (other._counts[i] != 0) Add(other._offset + i, other._counts[i]);
        }

        /// <summary>The buckets with a count, ascending by key.</summary>
        public List<(int Key, long Count)> Buckets()
        {
            var list = new List<(int, long)>();
            for (int i = 0; i < _counts.Length; i++) if (_counts[i] != 0) list.Add((_offset + i, _counts[i]));
            return list;
        }

        /// <summary>Widens the range to include the key, at least doubling it so growth costs O(1) an add over time.</summary>
        private void Grow(int key)
        {
            if (_counts.Length == 0)
            {
                _counts = new long[16];
                _offset = key - 8;
                return;
            }
            int low = Math.Min(_offset, key), high = Math.Max(_offset + _counts.Length, key + 1);
            int length = Math.Max(high - low, 2 * _counts.Length);
            // Room on the side that grew: a stream drifting one way keeps drifting.
            int newOffset = key < _offset ? high - length : low;
            var counts = new long[length];
            Array.Copy(_counts, 0, counts, _offset - newOffset, _counts.Length);
            _counts = counts;
            _offset = newOffset;
        }
    }
}
