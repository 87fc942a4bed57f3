using System.Numerics;

namespace ConflictSim.Alliances;

/// <summary>
/// The two-bloc descent of <see cref="Landscape.Descend"/> (actors swept in order, each taking its best move at
/// once), on fields: actor i's field h_i = Σ_j s_j p_ij x_j with spin x = ±1 is W(bloc 0) − W(bloc 1), so its
/// move test is O(1) and a move updates every field in O(n), where <see cref="Landscape.BestMove"/> re-sums a
/// row each time. A test within a screen of its threshold is settled by the exact <see cref="Landscape.BestMove"/>,
/// so the moves, and the minimum reached, are the exact descent's. One instance per thread.
/// </summary>
internal sealed class TwoBlocDescent
{
    private readonly double[] sizes, propensity, weight, tie, screen, field;
    private readonly int n;

    public TwoBlocDescent(double[] sizes, double[] propensity, double[] weight, double[] tie, double[] screen)
    {
        this.sizes = sizes; this.propensity = propensity; this.weight = weight; this.tie = tie; this.screen = screen;
        n = sizes.Length;
        field = new double[n];
    }

    /// <summary>weight[k·n + i] = s_k p_ki (zero diagonal); tie_i as BestMove's; screen_i a thousand times it, far above the fields' rounding drift.</summary>
    public static (double[] Weight, double[] Tie, double[] Screen) Prepare(ReadOnlySpan<double> sizes, ReadOnlySpan<double> propensity)
    {
        int n = sizes.Length;
        var weight = new double[n * n];
        var tie = new double[n];
        var screen = new double[n];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
            {
                if (i == k) continue;
                weight[k * n + i] = sizes[k] * propensity[k * n + i];
                tie[i] += Math.Abs(weight[k * n + i]);
            }
        for (int i = 0; i < n; i++)
        {
            tie[i] *= Landscape.TieTolerance;
            screen[i] = 1000 * tie[i];
        }
        return (weight, tie, screen);
    }

    /// <summary>Descends from <paramref name="blocs"/> (0 or 1 each) to a local minimum, in place.</summary>
    public void Descend(Span<int> blocs)
    {
        Array.Clear(field);
        for (int k = 0; k < n; k++) Axpy(blocs[k] == 0 ? 1 : -1, weight.AsSpan(k * n, n), field);
        bool moved;
        do
        {
            moved = false;
            for (int i = 0; i < n; i++)
            {
                double x = blocs[i] == 0 ? 1 : -1;
                // W(other) − W(own) − tie: BestMove moves when it is > 0.
                double margin = -x * field[i] - tie[i];
                bool move = Math.Abs(margin) <= screen[i]
                    ? Landscape.BestMove(sizes, propensity, blocs, i, 2).Moves
                    : margin > 0;
                if (!move) continue;
                blocs[i] = 1 - blocs[i];
                Axpy(-2 * x, weight.AsSpan(i * n, n), field);
                moved = true;
            }
        }
        while (moved);
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(y[i..]) + va * new Vector<double>(x[i..])).CopyTo(y[i..]);
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }
}
