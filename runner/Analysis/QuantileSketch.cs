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
    private Dictionary<int, long>? _positive, _negative;
    private long _zero;

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
        if (Math.Abs(x) < MinPositive) { _zero += count; return; }
        var store = x > 0 ? (_positive ??= new()) : (_negative ??= new());
        int key = (int)Math.Ceiling(DetMath.Log(Math.Abs(x)) / LnGamma);
        ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(store, key, out _);
        slot += count;
    }

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
        if (other._positive is not null) AddAll(_positive ??= new(), other._positive);
        if (other._negative is not null) AddAll(_negative ??= new(), other._negative);
    }

    private static void AddAll(Dictionary<int, long> into, Dictionary<int, long> from)
    {
        foreach (var (k, c) in from)
        {
            ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, k, out _);
            slot += c;
        }
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
            if (_negative is not null) foreach (var (k, c) in _negative) list.Add((-Centre(k), c));
            if (_zero > 0) list.Add((0, _zero));
            if (_positive is not null) foreach (var (k, c) in _positive) list.Add((Centre(k), c));
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

    private static void WriteStore(BinaryWriter w, Dictionary<int, long>? store)
    {
        w.Write(store?.Count ?? 0);
        if (store is null) return;
        foreach (var (k, c) in store) { w.Write(k); w.Write(c); }
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

    private static Dictionary<int, long>? ReadStore(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n == 0) return null;
        var store = new Dictionary<int, long>(n);
        for (int i = 0; i < n; i++) store[r.ReadInt32()] = r.ReadInt64();
        return store;
    }
}
