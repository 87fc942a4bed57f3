using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Sweep;

/// <summary>The mergeable statistics behind byte-identical shard merges and resumes.</summary>
public class StreamingStatisticsTests
{
    private static double Sum(IEnumerable<double> xs)
    {
        var s = new ExactSum();
        foreach (var x in xs) s.Add(x);
        return s.Value;
    }

    [Fact]
    public void Exact_sum_is_exact_where_naive_summation_loses_everything()
    {
        Assert.Equal(1.0, Sum([1e100, 1.0, -1e100]));
        Assert.Equal(0.30000000000000004, Sum([0.1, 0.2]));
        Assert.Equal(1e-16 * 10 + 1, Sum([1, .. Enumerable.Repeat(1e-16, 10)]));
    }

    [Fact]
    public void Exact_sum_does_not_depend_on_order_or_on_how_it_was_split()
    {
        // Values spanning 60 orders of magnitude, both signs: the cases where naive sums depend on order.
        var value = from m in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-30, 30) select m * Math.Pow(10, e);
        Prop.ForAll(value.ArrayOf().ToArbitrary(), xs =>
        {
            double forward = Sum(xs), backward = Sum(xs.Reverse());
            var left = new ExactSum();
            var right = new ExactSum();
            for (int i = 0; i < xs.Length; i++) (i % 3 == 0 ? left : right).Add(xs[i]);
            right.Add(left);
            return forward.Equals(backward) && forward.Equals(right.Value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Centred_squares_give_the_textbook_variance()
    {
        double[] xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
        var sum = new ExactSum();
        var sq = new ExactSum();
        foreach (var x in xs) { sum.Add(x); sq.AddProduct(x, x); }
        // Deviations from the mean 1e9+10 are -6, -3, 3, 6: n·Σx² − (Σx)² = n·Σ(x−m)² = 4·90.
        Assert.Equal(360, ExactSum.CentredSquares(4, sum, sq));
    }

    [Fact]
    public void Exact_mode_quantiles_match_the_inverse_empirical_cdf()
    {
        var rng = new System.Random(3);
        var values = Enumerable.Range(0, 1000).Select(_ => (double)rng.Next(0, 200)).ToArray();
        var sketch = new QuantileSketch(4096);
        foreach (var v in values) sketch.Add(v);
        var sorted = values.Order().ToArray();
        Assert.True(sketch.IsExact);
        foreach (var q in new[] { 0.05, 0.25, 0.5, 0.75, 0.95 })
            Assert.Equal(sorted[(int)Math.Ceiling(q * sorted.Length) - 1], sketch.Quantile(q));
    }

    [Fact]
    public void Sketch_mode_quantiles_are_within_the_relative_accuracy_and_merge_exactly()
    {
        var rng = new System.Random(5);
        var values = Enumerable.Range(0, 5000).Select(_ => Math.Exp(rng.NextDouble() * 10)).ToArray();
        var whole = new QuantileSketch(32);
        var parts = new[] { new QuantileSketch(32), new QuantileSketch(32), new QuantileSketch(32) };
        for (int i = 0; i < values.Length; i++) { whole.Add(values[i]); parts[i % 3].Add(values[i]); }
        var merged = new QuantileSketch(32);
        foreach (var p in parts.Reverse()) merged.Merge(p);

        Assert.False(whole.IsExact);
        var sorted = values.Order().ToArray();
        foreach (var q in new[] { 0.05, 0.25, 0.5, 0.75, 0.95 })
        {
            double exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            Assert.InRange(Math.Abs(whole.Quantile(q) - exact) / exact, 0, QuantileSketch.Alpha * 1.0000001);
            Assert.Equal(whole.Quantile(q), merged.Quantile(q));
        }
    }

    [Fact]
    public void Wilson_interval_matches_the_published_example()
    {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 → 0.2553 to 0.3662.
        var (lo, hi) = Stats.Wilson(81, 263);
        Assert.Equal(0.2553, lo, 4);
        Assert.Equal(0.3662, hi, 4);
    }
}
