using System.Numerics;
using ConflictSim.Randomness;

namespace ConflictSim.Alliances;

/// <summary>
/// One actor's best single move: from its bloc to another (or to a new bloc of its own), with its frustration
/// before and after. <see cref="Moves"/> is false when no bloc is strictly better than the one it is in.
/// </summary>
public readonly record struct BlocMove(int Actor, int From, int To, double Before, double After)
{
    /// <summary>True when the best move leaves the actor's bloc (<see cref="To"/> ≠ <see cref="From"/>).</summary>
    public bool Moves => To != From;
}

/// <summary>
/// A configuration no single actor can improve on by moving. <see cref="Blocs"/> gives each actor's bloc,
/// numbered in order of first appearance (actor 0 is always in bloc 0), so two equal partitions compare equal.
/// </summary>
public sealed record LandscapeMinimum(int[] Blocs, double Energy, double[] Frustration)
{
    /// <summary>Number of distinct blocs in the configuration.</summary>
    public int BlocCount
    {
        get
        {
            int max = -1;
            foreach (int b in Blocs) max = Math.Max(max, b);
            return max + 1;
        }
    }
}

/// <summary>
/// Local minima of the two-bloc landscape, global minimum first. <see cref="Exhaustive"/> says whether every
/// configuration was examined (then <see cref="Configurations"/> = 2^(n−1)) or the list comes from
/// <see cref="Starts"/> descents seeded with <see cref="Seed"/> and may miss minima.
/// </summary>
public sealed record LandscapeSearch(IReadOnlyList<LandscapeMinimum> Minima, bool Exhaustive, long Configurations, int Starts, ulong Seed);

/// <summary>
/// Axelrod &amp; Bennett's landscape theory of aggregation (R. Axelrod and D. S. Bennett, "A landscape theory of
/// aggregation", British Journal of Political Science 23 (1993) 211–233). Actors of size s_i &gt; 0 with
/// symmetric pairwise propensities p_ij (positive: would rather be together) sit in blocs. An actor's
/// frustration is F_i(X) = Σ_j s_j p_ij d_ij(X), with d_ij = 1 when i and j are in different blocs, and the
/// energy of a configuration is E(X) = Σ_i s_i F_i(X) = Σ_{i≠j} s_i s_j p_ij d_ij(X).
/// <para>
/// Energy is summed over ORDERED pairs, as Axelrod &amp; Bennett write it, so each unordered pair counts twice;
/// halve it for the unordered convention. Moving actor k then changes E by exactly 2·s_k·ΔF_k (their footnote 2):
/// a move that lowers the mover's frustration lowers the energy, which is why descent ends.
/// </para>
/// <para>
/// Inputs are flat: <c>sizes[i]</c>, <c>propensity[i * n + j]</c> (the diagonal is ignored), <c>blocs[i]</c> a label
/// in [0, maxBlocs). A label nobody else holds is "a new bloc of its own". Comparisons treat differences within
/// 10⁻¹⁰ of the actor's Σ_j |s_j p_ij| as ties, so rounding can never make a move look profitable; ties keep the
/// actor where it is.
/// </para>
/// </summary>
public static class Landscape
{
    /// <summary>Relative width of a tie: far above summation rounding (≈ n·10⁻¹⁶), far below any real propensity.</summary>
    public const double TieTolerance = 1e-10;

    /// <summary>Largest n for the exhaustive two-bloc search: 2^29 configurations, about 16 s on one core.</summary>
    public const int MaxExhaustiveActors = 30;

    /// <summary>Largest n for the any-number-of-blocs enumeration: Bell(12) ≈ 4.2 million partitions.</summary>
    public const int MaxPartitionActors = 12;

    /// <summary>F_i(X) = Σ_{j≠i} s_j p_ij d_ij(X).</summary>
    public static double Frustration(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs, int actor)
    {
        int n = CheckShapes(sizes, propensity, blocs);
        var row = propensity.Slice(actor * n, n);
        int own = blocs[actor];
        double f = 0;
        for (int j = 0; j < n; j++)
            if (j != actor && blocs[j] != own) f += sizes[j] * row[j];
        return f;
    }

    /// <summary>E(X) = Σ_i s_i F_i(X): the ordered-pair sum (twice the unordered one for symmetric p).</summary>
    public static double Energy(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs)
    {
        int n = CheckShapes(sizes, propensity, blocs);
        double e = 0;
        for (int i = 0; i < n; i++) e += sizes[i] * Frustration(sizes, propensity, blocs, i);
        return e;
    }

    /// <summary>
    /// The frustration <paramref name="actor"/> would have in each bloc label b (written to <c>perBloc[b]</c>; a
    /// label nobody else holds gives its frustration alone). Returns its frustration in a new bloc of its own,
    /// Σ_{j≠i} s_j p_ij. Every label in <paramref name="blocs"/> must be below <c>perBloc.Length</c>.
    /// </summary>
    public static double FrustrationByBloc(
        ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs, int actor, Span<double> perBloc)
    {
        int n = CheckShapes(sizes, propensity, blocs);
        var row = propensity.Slice(actor * n, n);
        perBloc.Clear();
        double alone = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == actor) continue;
            double w = sizes[j] * row[j];
            alone += w;
            perBloc[blocs[j]] += w;
        }
        // In bloc b the actor is frustrated by everyone outside it: the total minus b's share.
        for (int b = 0; b < perBloc.Length; b++) perBloc[b] = alone - perBloc[b];
        return alone;
    }

    /// <summary>
    /// The move that lowers <paramref name="actor"/>'s frustration most, among the other occupied labels in
    /// [0, <paramref name="maxBlocs"/>) and, when one is free and the actor is not already alone, a new bloc (the
    /// lowest free label). It must beat staying by more than the tie width; candidates are tried in label order
    /// with the new bloc last, and a later one must beat an earlier one by the tie width too.
    /// Allocation-free for <paramref name="maxBlocs"/> ≤ 128.
    /// </summary>
    public static BlocMove BestMove(
        ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs, int actor, int maxBlocs)
    {
        int n = CheckShapes(sizes, propensity, blocs);
        if (maxBlocs < 1) throw new ArgumentOutOfRangeException(nameof(maxBlocs), "at least one bloc");
        Span<double> together = maxBlocs <= 128 ? stackalloc double[maxBlocs] : new double[maxBlocs];
        Span<int> members = maxBlocs <= 128 ? stackalloc int[maxBlocs] : new int[maxBlocs];
        together.Clear();
        members.Clear();

        var row = propensity.Slice(actor * n, n);
        double alone = 0, scale = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == actor) continue;
            double w = sizes[j] * row[j];
            alone += w;
            scale += Math.Abs(w);
            together[blocs[j]] += w; // W_b = Σ_{j in b} s_j p_ij; F in b = alone − W_b, so the largest W wins
            members[blocs[j]]++;
        }
        double tie = TieTolerance * scale;

        int from = blocs[actor];
        int best = from;
        double bestTogether = together[from];
        int free = -1;
        for (int b = 0; b < maxBlocs; b++)
        {
            if (members[b] == 0)
            {
                if (free < 0 && b != from) free = b;
                continue;
            }
            if (b != from && together[b] > bestTogether + tie)
            {
                best = b;
                bestTogether = together[b];
            }
        }
        // A new bloc of its own has W = 0; pointless when the actor already stands alone.
        if (free >= 0 && members[from] > 0 && 0 > bestTogether + tie)
        {
            best = free;
            bestTogether = 0;
        }
        return new BlocMove(actor, from, best, alone - together[from], alone - bestTogether);
    }

    /// <summary>True when no actor has a move under <see cref="BestMove"/>: a local minimum of the energy.</summary>
    public static bool IsLocalMinimum(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs, int maxBlocs)
    {
        for (int i = 0; i < sizes.Length; i++)
            if (BestMove(sizes, propensity, blocs, i, maxBlocs).Moves) return false;
        return true;
    }

    /// <summary>
    /// Descends to a local minimum by single-actor moves: sweeps actors 0, 1, …, n−1 in turn, each taking its
    /// <see cref="BestMove"/> at once, and stops after a sweep in which nobody moved. Every move lowers E by
    /// 2·s_k·ΔF_k &gt; 0 and there are finitely many configurations, so it ends. Returns the number of moves.
    /// Throws when p is not symmetric or a size is not positive: then a move may raise E and descent may cycle.
    /// </summary>
    public static int Descend(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, Span<int> blocs, int maxBlocs)
    {
        CheckLandscape(sizes, propensity);
        CheckLabels(blocs, maxBlocs);
        return DescendUnchecked(sizes, propensity, blocs, maxBlocs);
    }

    private static int DescendUnchecked(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, Span<int> blocs, int maxBlocs)
    {
        int moves = 0;
        bool moved;
        do
        {
            moved = false;
            for (int i = 0; i < sizes.Length; i++)
            {
                var move = BestMove(sizes, propensity, blocs, i, maxBlocs);
                if (!move.Moves) continue;
                blocs[i] = move.To;
                moves++;
                moved = true;
            }
        }
        while (moved);
        return moves;
    }

    /// <summary>
    /// Every local minimum of the two-bloc landscape, by visiting all 2^(n−1) configurations (actor 0 stays in
    /// bloc 0: swapping the two blocs' names changes nothing) in Gray-code order, so each step moves one actor and
    /// updates every actor's field in O(n). Configurations that pass a loose screen are re-checked exactly with
    /// <see cref="BestMove"/>, so the answer is the same as descent's notion of a minimum. Global minimum first;
    /// equal energies in order of their bloc vectors.
    /// </summary>
    public static LandscapeSearch TwoBlocMinima(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity)
    {
        CheckLandscape(sizes, propensity);
        int n = sizes.Length;
        if (n > MaxExhaustiveActors)
            throw new ArgumentOutOfRangeException(nameof(sizes), $"{n} actors; exhaustive search stops at {MaxExhaustiveActors}");
        if (n == 0) return new LandscapeSearch([], true, 0, 0, 0);

        // weight[k * n + i] = s_k p_ki with a zero diagonal, so a flip of k updates every field without a branch.
        // The screen is a thousand tie widths: summation drift over 2^29 updates stays far inside it; the exact check decides.
        var (weight, _, screen) = TwoBlocDescent.Prepare(sizes, propensity);

        // Spin x_i = +1 in bloc 0, −1 in bloc 1; field h_i = Σ_{j≠i} s_j p_ij x_j. Actor i is content when
        // x_i·h_i ≥ 0, i.e. W(own) ≥ W(other). Everyone starts in bloc 0.
        var spin = new double[n];
        var field = new double[n];
        Array.Fill(spin, 1.0);
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++) field[i] += weight[k * n + i];

        var blocs = new int[n];
        var found = new List<LandscapeMinimum>();
        long count = 1L << (n - 1);
        for (long step = 0; step < count; step++)
        {
            if (step > 0)
            {
                // Reflected Gray code: step t flips bit ctz(t); bit b is actor b + 1.
                int k = 1 + BitOperations.TrailingZeroCount(step);
                double delta = -2 * spin[k];
                spin[k] = -spin[k];
                var wk = weight.AsSpan(k * n, n);
                for (int i = 0; i < n; i++) field[i] += delta * wk[i];
            }

            bool content = true;
            for (int i = 0; i < n && content; i++) content = spin[i] * field[i] >= -screen[i];
            if (!content) continue;

            for (int i = 0; i < n; i++) blocs[i] = spin[i] > 0 ? 0 : 1;
            if (IsLocalMinimum(sizes, propensity, blocs, 2)) found.Add(Describe(sizes, propensity, blocs));
        }
        found.Sort(ByEnergy);
        return new LandscapeSearch(found, true, count, 0, 0);
    }

    /// <summary>
    /// Two-bloc local minima found by <paramref name="starts"/> descents (<see cref="Descend"/>) from random
    /// configurations: each actor in either bloc with probability ½, from a xoshiro256** stream seeded with
    /// <paramref name="seed"/>. Every configuration returned is a true local minimum, but minima with small
    /// basins may be missed: the list may be incomplete. Deterministic in (sizes, propensity, starts, seed).
    /// </summary>
    public static LandscapeSearch SearchTwoBlocMinima(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, int starts, ulong seed)
    {
        CheckLandscape(sizes, propensity);
        if (starts < 1) throw new ArgumentOutOfRangeException(nameof(starts), "at least one start");
        int n = sizes.Length;
        // Starts are drawn in order from one stream, descended in parallel, and kept in start order: the same
        // list whatever the thread count. Memory: one int per actor per start in flight, in batches.
        var rng = Xoshiro256StarStar.FromSeed(seed);
        var s = sizes.ToArray();
        var p = propensity.ToArray();
        var (weight, tie, screen) = TwoBlocDescent.Prepare(s, p);
        int batch = (int)Math.Clamp(4_000_000L / Math.Max(1, n), 1, starts);
        var configs = new int[batch * n];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<LandscapeMinimum>();
        var key = new char[n];
        using var descents = new ThreadLocal<TwoBlocDescent>(() => new TwoBlocDescent(s, p, weight, tie, screen));
        for (int first = 0; first < starts; first += batch)
        {
            int count = Math.Min(batch, starts - first);
            for (int i = 0; i < count * n; i++) configs[i] = (int)(rng.NextUInt64() >> 63);
            Parallel.For(0, count, k =>
            {
                var blocs = configs.AsSpan(k * n, n);
                descents.Value!.Descend(blocs);
                Canonicalise(blocs);
            });
            var fresh = new List<int[]>();
            for (int k = 0; k < count; k++)
            {
                var blocs = configs.AsSpan(k * n, n);
                for (int i = 0; i < n; i++) key[i] = (char)('0' + blocs[i]);
                if (seen.Add(new string(key))) fresh.Add(blocs.ToArray());
            }
            var described = new LandscapeMinimum[fresh.Count];
            Parallel.For(0, fresh.Count, k => described[k] = Describe(s, p, fresh[k]));
            found.AddRange(described);
        }
        found.Sort(ByEnergy);
        return new LandscapeSearch(found, false, 0, starts, seed);
    }

    /// <summary>
    /// Every local minimum with any number of blocs (an actor may join any bloc or leave to stand alone), by
    /// visiting every partition of the actors as a restricted-growth string: Bell(n) partitions, 115,975 for
    /// n = 10. Global minimum first.
    /// </summary>
    public static IReadOnlyList<LandscapeMinimum> AllMinima(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity)
    {
        CheckLandscape(sizes, propensity);
        int n = sizes.Length;
        if (n > MaxPartitionActors)
            throw new ArgumentOutOfRangeException(nameof(sizes), $"{n} actors; enumerating partitions stops at {MaxPartitionActors}");
        var found = new List<LandscapeMinimum>();
        if (n == 0) return found;

        // blocs[i] ≤ 1 + max(blocs[0..i)): each partition exactly once, blocs numbered by first appearance.
        var blocs = new int[n];
        var prefixMax = new int[n]; // max label among actors 0..i
        while (true)
        {
            if (IsLocalMinimum(sizes, propensity, blocs, n)) found.Add(Describe(sizes, propensity, blocs));

            int i = n - 1;
            while (i > 0 && blocs[i] > prefixMax[i - 1]) i--;
            if (i == 0) break;
            blocs[i]++;
            prefixMax[i] = Math.Max(prefixMax[i - 1], blocs[i]);
            for (int j = i + 1; j < n; j++)
            {
                blocs[j] = 0;
                prefixMax[j] = prefixMax[i];
            }
        }
        found.Sort(ByEnergy);
        return found;
    }

    /// <summary>Relabels blocs in order of first appearance (actor 0 in bloc 0), in place.</summary>
    public static void Canonicalise(Span<int> blocs)
    {
        int labels = 0;
        foreach (int b in blocs)
        {
            if (b < 0) throw new ArgumentException($"bloc label {b}; expected 0 or more");
            labels = Math.Max(labels, b + 1);
        }
        Span<int> map = labels <= 128 ? stackalloc int[labels] : new int[labels];
        map.Fill(-1);
        int next = 0;
        for (int i = 0; i < blocs.Length; i++)
        {
            int b = blocs[i];
            if (map[b] < 0) map[b] = next++;
            blocs[i] = map[b];
        }
    }

    /// <summary>True when p_ij = p_ji exactly for every pair (the diagonal is ignored).</summary>
    public static bool IsSymmetric(ReadOnlySpan<double> propensity, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (propensity[i * n + j] != propensity[j * n + i]) return false;
        return true;
    }

    private static LandscapeMinimum Describe(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs)
    {
        int n = sizes.Length;
        var copy = blocs.ToArray();
        Canonicalise(copy);
        var frustration = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++)
        {
            frustration[i] = Frustration(sizes, propensity, copy, i);
            energy += sizes[i] * frustration[i];
        }
        return new LandscapeMinimum(copy, energy, frustration);
    }

    private static int ByEnergy(LandscapeMinimum a, LandscapeMinimum b)
    {
        int c = a.Energy.CompareTo(b.Energy);
        if (c != 0) return c;
        for (int i = 0; i < a.Blocs.Length; i++)
        {
            c = a.Blocs[i].CompareTo(b.Blocs[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CheckShapes(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity, ReadOnlySpan<int> blocs)
    {
        int n = sizes.Length;
        if (propensity.Length != n * n) throw new ArgumentException($"propensity has {propensity.Length} entries; expected {n}×{n}");
        if (blocs.Length != n) throw new ArgumentException($"{blocs.Length} bloc labels for {n} actors");
        return n;
    }

    private static void CheckLandscape(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity)
    {
        int n = sizes.Length;
        if (propensity.Length != n * n) throw new ArgumentException($"propensity has {propensity.Length} entries; expected {n}×{n}");
        for (int i = 0; i < n; i++)
            if (!(sizes[i] > 0) || !double.IsFinite(sizes[i])) throw new ArgumentException($"size of actor {i} is {sizes[i]}; expected a positive number");
        foreach (double p in propensity)
            if (!double.IsFinite(p)) throw new ArgumentException("propensities must be finite");
        if (!IsSymmetric(propensity, n)) throw new ArgumentException("propensity is not symmetric; landscape descent needs p_ij = p_ji");
    }

    private static void CheckLabels(ReadOnlySpan<int> blocs, int maxBlocs)
    {
        if (maxBlocs < 1) throw new ArgumentOutOfRangeException(nameof(maxBlocs), "at least one bloc");
        foreach (int b in blocs)
            if (b < 0 || b >= maxBlocs) throw new ArgumentException($"bloc label {b}; expected 0 to {maxBlocs - 1}");
    }
}
