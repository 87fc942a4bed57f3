using ConflictSim.Alliances;
using ConflictSim.Randomness;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Alliances;

/// <summary>Axelrod &amp; Bennett's landscape theory (BJPS 23, 1993) against hand-worked cases and its own properties.</summary>
public class LandscapeTests
{
    // Three actors A, B, C of sizes 1, 2, 3; A and B like each other (+1), both dislike C (−1).
    private static readonly double[] ThreeSizes = [1, 2, 3];
    private static readonly double[] ThreeP =
    [
        0, 1, -1,
        1, 0, -1,
        -1, -1, 0,
    ];

    // Four equal actors: A–B and C–D close friends (+2), A–C and B–D mild friends (+1.5), A–D and B–C enemies (−4).
    private static readonly double[] FourSizes = [1, 1, 1, 1];
    private static readonly double[] FourP =
    [
        0, 2, 1.5, -4,
        2, 0, -4, 1.5,
        1.5, -4, 0, 2,
        -4, 1.5, 2, 0,
    ];

    [Fact]
    public void Three_actors_energy_and_frustration_by_hand()
    {
        // {A,B} vs {C}: F_A = s_C·p_AC = 3·(−1) = −3; F_B = 3·(−1) = −3; F_C = 1·(−1) + 2·(−1) = −3.
        // E = Σ s_i F_i = 1·(−3) + 2·(−3) + 3·(−3) = −18 (ordered pairs: 2·(1·3·(−1)) + 2·(2·3·(−1)) = −6 − 12).
        int[] abC = [0, 0, 1];
        Assert.Equal(-3, Landscape.Frustration(ThreeSizes, ThreeP, abC, 0));
        Assert.Equal(-3, Landscape.Frustration(ThreeSizes, ThreeP, abC, 1));
        Assert.Equal(-3, Landscape.Frustration(ThreeSizes, ThreeP, abC, 2));
        Assert.Equal(-18, Landscape.Energy(ThreeSizes, ThreeP, abC));

        // {A,C} vs {B}: F_A = 2·1 = 2; F_B = 1·1 + 3·(−1) = −2; F_C = 2·(−1) = −2; E = 2 − 4 − 6 = −8.
        int[] acB = [0, 1, 0];
        Assert.Equal(2, Landscape.Frustration(ThreeSizes, ThreeP, acB, 0));
        Assert.Equal(-2, Landscape.Frustration(ThreeSizes, ThreeP, acB, 1));
        Assert.Equal(-8, Landscape.Energy(ThreeSizes, ThreeP, acB));

        // {A} vs {B,C}: F_A = 2 − 3 = −1; F_B = 1; F_C = −1; E = −1 + 2 − 3 = −2. Everyone together: E = 0.
        Assert.Equal(-2, Landscape.Energy(ThreeSizes, ThreeP, [0, 1, 1]));
        Assert.Equal(0, Landscape.Energy(ThreeSizes, ThreeP, [0, 0, 0]));
    }

    [Fact]
    public void Three_actors_have_one_minimum_friends_against_the_common_enemy()
    {
        var search = Landscape.TwoBlocMinima(ThreeSizes, ThreeP);

        Assert.True(search.Exhaustive);
        Assert.Equal(4, search.Configurations); // 2^(3−1)
        var only = Assert.Single(search.Minima);
        Assert.Equal([0, 0, 1], only.Blocs);
        Assert.Equal(-18, only.Energy);
        Assert.Equal([-3.0, -3, -3], only.Frustration);
    }

    [Fact]
    public void Four_actors_have_two_local_minima_global_first()
    {
        // {A,B} vs {C,D}: each actor's frustration is 1.5 − 4 = −2.5, so E = 4·(−2.5) = −10.
        //   A stays: with B it has W = 2, across it would have 1.5 − 4 = −2.5; likewise B, C, D.
        // {A,C} vs {B,D}: each F = 2 − 4 = −2, E = −8; A stays (W = 1.5 with C against 2 − 4 = −2 with B, D).
        // All others fail: {A,D} vs {B,C} (A would gain 3.5 − (−4)), everyone together (A's W = −0.5 < 0, so
        // it leaves), and each 3-vs-1 split (someone's W across exceeds its W at home by 4.5 or 5).
        var search = Landscape.TwoBlocMinima(FourSizes, FourP);

        Assert.Equal(8, search.Configurations);
        Assert.Equal(2, search.Minima.Count);
        Assert.Equal([0, 0, 1, 1], search.Minima[0].Blocs);
        Assert.Equal(-10, search.Minima[0].Energy, 12);
        Assert.Equal([-2.5, -2.5, -2.5, -2.5], search.Minima[0].Frustration);
        Assert.Equal([0, 1, 0, 1], search.Minima[1].Blocs);
        Assert.Equal(-8, search.Minima[1].Energy, 12);
    }

    [Fact]
    public void Descent_from_everyone_together_follows_the_documented_order()
    {
        // Sweep 1: A's W at home is 2 + 1.5 − 4 = −0.5 < 0, so A leaves for the empty bloc; B then has W = −2.5 at
        // home and 2 with A, so B follows; C and D are content. Sweep 2 moves nobody: {A,B} vs {C,D}, two moves.
        int[] blocs = [0, 0, 0, 0];
        int moves = Landscape.Descend(FourSizes, FourP, blocs, 2);

        Assert.Equal(2, moves);
        Assert.Equal([1, 1, 0, 0], blocs);
        Assert.True(Landscape.IsLocalMinimum(FourSizes, FourP, blocs, 2));
    }

    [Fact]
    public void Frustration_by_bloc_and_best_move_with_several_blocs()
    {
        // Sizes 1, 2, 3, 4. Actor 0 shares bloc 0 with actor 1; actor 2 is in bloc 1, actor 3 in bloc 2.
        // Row 0: p01 = −1, p02 = 0.5, p03 = 1, so s_j p_0j = −2, 1.5, 4 and alone F = 3.5.
        // F in bloc b = 3.5 − W_b: bloc 0: 3.5 + 2 = 5.5; bloc 1: 2; bloc 2: −0.5; free label 3: 3.5.
        double[] sizes = [1, 2, 3, 4];
        double[] p =
        [
            0, -1, 0.5, 1,
            -1, 0, -1, -1,
            0.5, -1, 0, 0,
            1, -1, 0, 0,
        ];
        int[] blocs = [0, 0, 1, 2];
        var perBloc = new double[4];
        double alone = Landscape.FrustrationByBloc(sizes, p, blocs, 0, perBloc);
        Assert.Equal(3.5, alone);
        Assert.Equal([5.5, 2, -0.5, 3.5], perBloc);

        var move = Landscape.BestMove(sizes, p, blocs, 0, maxBlocs: 4);
        Assert.Equal(new BlocMove(0, 0, 2, 5.5, -0.5), move);

        // Actor 1 dislikes everyone: W = −1, −3, −4 in blocs 0, 1, 2; alone F = −8, so a bloc of its own wins
        // (F from −8 + 1 = −7 to −8) when a label is free, and it stays put when none is.
        var leave = Landscape.BestMove(sizes, p, blocs, 1, maxBlocs: 4);
        Assert.Equal(new BlocMove(1, 0, 3, -7, -8), leave);
        Assert.False(Landscape.BestMove(sizes, p, blocs, 1, maxBlocs: 3).Moves);
    }

    [Fact]
    public void A_tie_keeps_the_actor_where_it_is()
    {
        // Actor 0 likes 1 and 2 equally (sizes equal): its frustration is 1 in either bloc, so it does not move.
        double[] sizes = [1, 1, 1];
        double[] p = [0, 1, 1, 1, 0, -1, 1, -1, 0];
        var move = Landscape.BestMove(sizes, p, [0, 0, 1], 0, 2);
        Assert.False(move.Moves);
        Assert.Equal(move.Before, move.After);
        Assert.False(Landscape.BestMove(sizes, p, [0, 1, 0], 0, 2).Moves);
    }

    [Fact]
    public void Any_number_of_blocs_lets_a_universal_enemy_stand_alone()
    {
        // Three actors who all dislike each other: with two blocs someone must share; with any number each stands
        // alone, F_i = Σ_j s_j p_ij = −2 for all, E = −6 — the only minimum.
        double[] sizes = [1, 1, 1];
        double[] p = [0, -1, -1, -1, 0, -1, -1, -1, 0];
        var any = Landscape.AllMinima(sizes, p);

        var only = Assert.Single(any);
        Assert.Equal([0, 1, 2], only.Blocs);
        Assert.Equal(3, only.BlocCount);
        Assert.Equal(-6, only.Energy);
    }

    [Fact]
    public void Moves_frustrations_and_descent_allocate_nothing()
    {
        // What an engine phase would call every tick: no garbage, whatever the number of blocs (≤ 128).
        var perBloc = new double[4];
        int[] blocs = [0, 0, 0, 0];
        Landscape.Descend(FourSizes, FourP, blocs, 4); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            blocs.AsSpan().Clear();
            Landscape.Descend(FourSizes, FourP, blocs, 4);
            Landscape.BestMove(FourSizes, FourP, blocs, round % 4, 4);
            Landscape.FrustrationByBloc(FourSizes, FourP, blocs, round % 4, perBloc);
            Landscape.Energy(FourSizes, FourP, blocs);
            Landscape.Canonicalise(blocs);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Asymmetric_propensities_and_non_positive_sizes_are_refused()
    {
        double[] asymmetric = [0, 1, 0.5, 0];
        Assert.Throws<ArgumentException>(() => Landscape.TwoBlocMinima([1, 1], asymmetric));
        Assert.Throws<ArgumentException>(() => Landscape.Descend([1, 1], asymmetric, new int[2], 2));
        Assert.Throws<ArgumentException>(() => Landscape.TwoBlocMinima([1, 0], [0, 1, 1, 0]));
    }

    // ----- properties on random instances -----

    /// <summary>
    /// A random landscape: integer sizes 1..5 and propensities −3..3, so exact ties are common and the tie rule
    /// is exercised, not just the generic case.
    /// </summary>
    private static (double[] Sizes, double[] P) Random(int n, int seed)
    {
        var rng = Xoshiro256StarStar.FromSeed((ulong)seed);
        var sizes = new double[n];
        var p = new double[n * n];
        for (int i = 0; i < n; i++) sizes[i] = 1 + rng.NextInt(5);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                p[i * n + j] = p[j * n + i] = rng.NextInt(7) - 3;
        return (sizes, p);
    }

    private static Arbitrary<(int N, int Seed)> Instances(int minN, int maxN) =>
        (from n in Gen.Choose(minN, maxN) from seed in Gen.Choose(1, int.MaxValue) select (n, seed)).ToArbitrary();

    private static string Key(int[] blocs) => string.Concat(blocs);

    [Fact]
    public void Energy_is_the_ordered_pair_sum_twice_the_unordered_one()
    {
        Prop.ForAll(Instances(1, 9), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var rng = Xoshiro256StarStar.FromSeed((ulong)t.Seed + 7);
            var blocs = new int[t.N];
            for (int i = 0; i < t.N; i++) blocs[i] = rng.NextInt(3);
            double ordered = 0, unordered = 0;
            for (int i = 0; i < t.N; i++)
                for (int j = 0; j < t.N; j++)
                {
                    if (i == j || blocs[i] == blocs[j]) continue;
                    double term = sizes[i] * sizes[j] * p[i * t.N + j];
                    ordered += term;
                    if (i < j) unordered += term;
                }
            double e = Landscape.Energy(sizes, p, blocs);
            Assert.Equal(ordered, e, 9);
            Assert.Equal(2 * unordered, e, 9);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Gray_code_enumeration_finds_exactly_the_minima_of_brute_force_over_all_2_to_the_n()
    {
        // Brute force visits all 2^n labelings, so each partition twice (blocs swapped); the canonical form must
        // collapse them to the 2^(n−1) the enumeration visits, and the minima must agree one for one.
        Prop.ForAll(Instances(1, 9), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            var blocs = new int[t.N];
            for (int mask = 0; mask < 1 << t.N; mask++)
            {
                for (int i = 0; i < t.N; i++) blocs[i] = (mask >> i) & 1;
                double e = Landscape.Energy(sizes, p, blocs);
                var flipped = new int[t.N];
                for (int i = 0; i < t.N; i++) flipped[i] = 1 - blocs[i];
                Assert.Equal(e, Landscape.Energy(sizes, p, flipped), 9); // naming the blocs changes nothing
                if (!Landscape.IsLocalMinimum(sizes, p, blocs, 2)) continue;
                Landscape.Canonicalise(blocs);
                expected.Add(Key(blocs));
            }

            var search = Landscape.TwoBlocMinima(sizes, p);
            Assert.Equal(1L << (t.N - 1), search.Configurations);
            var found = search.Minima.Select(m => Key(m.Blocs)).ToList();
            Assert.Equal(found.Count, found.Distinct().Count());
            Assert.Equal(expected, new SortedSet<string>(found, StringComparer.Ordinal));
            for (int m = 1; m < search.Minima.Count; m++) Assert.True(search.Minima[m - 1].Energy <= search.Minima[m].Energy);
            foreach (var min in search.Minima)
                Assert.Equal(Landscape.Energy(sizes, p, min.Blocs), min.Energy);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Local_search_agrees_with_exhaustive_enumeration()
    {
        // Every descent ends in a true minimum, so the search finds a subset; with 3000 starts over at most 64
        // configurations, each minimum is itself a start with probability 1 − (63/64)^3000 > 1 − 10^−20.
        Prop.ForAll(Instances(2, 7), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var exhaustive = Landscape.TwoBlocMinima(sizes, p).Minima.Select(m => Key(m.Blocs)).ToList();
            var local = Landscape.SearchTwoBlocMinima(sizes, p, 3000, (ulong)t.Seed);
            Assert.False(local.Exhaustive);
            Assert.Equal(exhaustive, local.Minima.Select(m => Key(m.Blocs)).ToList());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Field_descent_finds_exactly_what_the_exact_descent_finds_from_the_same_starts()
    {
        // The search descends on incrementally updated fields; the public Descend re-sums every row. From the
        // same random starts (n bits each, in start order from one stream) both must reach the same minima,
        // ties included (integer propensities make them common); every third landscape is scaled by 0.1, so its
        // sums are inexact and rounding, not arithmetic, decides near-ties.
        Prop.ForAll(Instances(2, 60), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            if (t.Seed % 3 == 0) for (int i = 0; i < p.Length; i++) p[i] *= 0.1;
            const int starts = 40;
            var rng = Xoshiro256StarStar.FromSeed((ulong)t.Seed);
            var expected = new List<string>();
            var blocs = new int[t.N];
            for (int s = 0; s < starts; s++)
            {
                for (int i = 0; i < t.N; i++) blocs[i] = (int)(rng.NextUInt64() >> 63);
                Landscape.Descend(sizes, p, blocs, 2);
                Landscape.Canonicalise(blocs);
                if (!expected.Contains(Key(blocs))) expected.Add(Key(blocs));
            }
            var search = Landscape.SearchTwoBlocMinima(sizes, p, starts, (ulong)t.Seed);
            Assert.Equal(expected.Order(StringComparer.Ordinal), search.Minima.Select(m => Key(m.Blocs)).Order(StringComparer.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Local_search_beyond_small_n_only_returns_true_minima_and_is_reproducible()
    {
        Prop.ForAll(Instances(10, 16), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var exhaustive = new HashSet<string>(Landscape.TwoBlocMinima(sizes, p).Minima.Select(m => Key(m.Blocs)));
            var a = Landscape.SearchTwoBlocMinima(sizes, p, 50, 3);
            var b = Landscape.SearchTwoBlocMinima(sizes, p, 50, 3);
            Assert.NotEmpty(a.Minima);
            Assert.All(a.Minima, m => Assert.Contains(Key(m.Blocs), exhaustive));
            Assert.Equal(a.Minima.Select(m => Key(m.Blocs)), b.Minima.Select(m => Key(m.Blocs)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_move_lowers_the_energy_by_twice_size_times_the_frustration_drop()
    {
        // Axelrod & Bennett's note 2: with symmetric p, ΔE = 2·s_k·ΔF_k, so descent strictly lowers E and ends.
        Prop.ForAll(Instances(2, 10), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var rng = Xoshiro256StarStar.FromSeed((ulong)t.Seed);
            var blocs = new int[t.N];
            for (int i = 0; i < t.N; i++) blocs[i] = rng.NextInt(t.N);
            double energy = Landscape.Energy(sizes, p, blocs);
            for (int sweep = 0, moved = 1; moved > 0; sweep++)
            {
                Assert.True(sweep < 1000, "descent did not settle");
                moved = 0;
                for (int i = 0; i < t.N; i++)
                {
                    var move = Landscape.BestMove(sizes, p, blocs, i, t.N);
                    if (!move.Moves) continue;
                    Assert.True(move.After < move.Before);
                    blocs[i] = move.To;
                    double next = Landscape.Energy(sizes, p, blocs);
                    Assert.Equal(2 * sizes[i] * (move.After - move.Before), next - energy, 9);
                    Assert.True(next < energy);
                    energy = next;
                    moved++;
                }
            }
            Assert.True(Landscape.IsLocalMinimum(sizes, p, blocs, t.N));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_bloc_descent_ends_in_one_of_the_enumerated_partitions()
    {
        Prop.ForAll(Instances(1, 7), t =>
        {
            var (sizes, p) = Random(t.N, t.Seed);
            var minima = new HashSet<string>(Landscape.AllMinima(sizes, p).Select(m => Key(m.Blocs)));
            Assert.NotEmpty(minima); // the global minimum over all partitions is always a local one
            var rng = Xoshiro256StarStar.FromSeed((ulong)t.Seed + 1);
            var blocs = new int[t.N];
            for (int start = 0; start < 20; start++)
            {
                for (int i = 0; i < t.N; i++) blocs[i] = rng.NextInt(t.N);
                Landscape.Descend(sizes, p, blocs, t.N);
                Landscape.Canonicalise(blocs);
                Assert.Contains(Key(blocs), minima);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Bell_numbers_count_the_partitions_visited()
    {
        // With all propensities zero every partition ties with its neighbours and is a minimum: Bell(n) of them.
        int[] bell = [1, 1, 2, 5, 15, 52, 203, 877];
        for (int n = 1; n < bell.Length; n++)
            Assert.Equal(bell[n], Landscape.AllMinima(Enumerable.Repeat(1.0, n).ToArray(), new double[n * n]).Count);
    }

    [Fact]
    public void Exhaustive_search_of_twenty_actors_examines_two_to_the_nineteen_configurations()
    {
        var (sizes, p) = Random(20, 42);
        var search = Landscape.TwoBlocMinima(sizes, p);
        Assert.Equal(1L << 19, search.Configurations);
        Assert.NotEmpty(search.Minima);
        var local = Landscape.SearchTwoBlocMinima(sizes, p, 200, 1);
        var all = new HashSet<string>(search.Minima.Select(m => Key(m.Blocs)));
        Assert.All(local.Minima, m => Assert.Contains(Key(m.Blocs), all));
    }
}
