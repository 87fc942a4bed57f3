using ConflictSim.Analysis;
using ConflictSim.Decisions;

namespace ConflictSim.Wargame.Game;

/// <summary>P10, P50 and P90 of one quantity across the replicates.</summary>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public readonly record struct Band(double P10, double P50, double P90)
{
    /// <summary>True when <paramref name="x"/> lies in [P10, P90].</summary>
    public bool Holds(double x) => x >= P10 && x <= P90;
}

/// <summary>
/// A turn run K times from the same state (model-assisted adjudication, as RCAT's controller moderates within the
/// model's range): each replicate is the state reseeded with its own derived seed, so the replicates share the
/// past and the orders and differ only in chance. Also the canonical run: the session's own streams, unreseeded.
/// </summary>
public sealed class Adjudication
{
    /// <summary>The turn's master seed; replicate i runs with <see cref="RunPipeline.RunSeed"/>(seed, i).</summary>
    public ulong Seed { get; init; }
    /// <summary>Replicates run.</summary>
    public int Replicates { get; init; }
    /// <summary>Days played (the turn's length, fewer at the run's end).</summary>
    public int Days { get; init; }
    /// <summary>Per replicate, per faction: fighters at the turn's end (on the map and in transit), [i * factions + f].</summary>
    public required double[] Fighters { get; init; }
    /// <summary>Per replicate, per region: the controller at the turn's end (−1: nobody), [i * regions + r].</summary>
    public required int[] Controllers { get; init; }
    /// <summary>Per faction: P10/P50/P90 of its fighters at the turn's end.</summary>
    public required Band[] FighterBands { get; init; }
    /// <summary>Per region, per faction: the share of replicates in which the faction holds the region at the end, [r * factions + f].</summary>
    public required double[] ControlShare { get; init; }
    /// <summary>The replicate nearest the median (see <see cref="Adjudicator"/>).</summary>
    public int NearestMedian { get; init; }
    /// <summary>Per faction: fighters at the turn's end in the canonical run.</summary>
    public required double[] CanonicalFighters { get; init; }
    /// <summary>Per region: controller at the turn's end in the canonical run.</summary>
    public required int[] CanonicalControllers { get; init; }
    /// <summary>Set when the engine failed: the message White sees; then only a manual publish is possible.</summary>
    public string? Failure { get; init; }

    /// <summary>The seed replicate <paramref name="i"/> ran with.</summary>
    public ulong SeedOf(int i) => RunPipeline.RunSeed(Seed, i);
}

/// <summary>
/// Runs the replicates on all cores. Each worker has its own <see cref="Simulation"/>; replicate i always writes row
/// i, so the result does not depend on the thread count. Nearest the median: the replicate minimising
/// Σ_f ((x_f − P50_f) / max(1, P90_f − P10_f))² + Σ_r [controller_r ≠ modal controller_r], ties to the lowest index —
/// the run most typical in both strength and territory.
/// </summary>
public static class Adjudicator
{
    /// <summary>Runs <paramref name="replicates"/> replicates and the canonical run of a turn of <paramref name="days"/> days from <paramref name="start"/>.</summary>
    public static Adjudication Run(Scenario scenario, SimulationOptions options, ulong canonicalSeed, WorldState start, Order[] standing,
        int days, ulong seed, int replicates, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        int nf = scenario.FactionCount, nr = scenario.RegionCount;
        var fighters = new double[replicates * nf];
        var controllers = new int[replicates * nr];
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount },
            () => new Simulation(scenario, canonicalSeed, options),
            (i, _, sim) =>
            {
                sim.Restore(start);
                sim.Reseed(RunPipeline.RunSeed(seed, i));
                TurnPlay.Play(sim, standing, days);
                Record(sim, fighters.AsSpan(i * nf, nf), controllers.AsSpan(i * nr, nr));
                return sim;
            }, _ => { });

        var canonical = new Simulation(scenario, canonicalSeed, options);
        canonical.Restore(start);
        TurnPlay.Play(canonical, standing, days);
        var cf = new double[nf];
        var cc = new int[nr];
        Record(canonical, cf, cc);

        var bands = new Band[nf];
        var column = new double[replicates];
        for (int f = 0; f < nf; f++)
        {
            for (int i = 0; i < replicates; i++) column[i] = fighters[i * nf + f];
            Array.Sort(column);
            bands[f] = new Band(Quantile(column, 0.1), Quantile(column, 0.5), Quantile(column, 0.9));
        }
        var share = new double[nr * nf];
        var modal = new int[nr];
        for (int r = 0; r < nr; r++)
        {
            int nobody = 0;
            for (int i = 0; i < replicates; i++)
            {
                int c = controllers[i * nr + r];
                if (c >= 0) share[r * nf + c] += 1.0 / replicates; else nobody++;
            }
            int best = -1;
            double bestShare = (double)nobody / replicates;
            for (int f = 0; f < nf; f++) if (share[r * nf + f] > bestShare) { best = f; bestShare = share[r * nf + f]; }
            modal[r] = best;
        }
        int nearest = 0;
        double nearestDistance = double.PositiveInfinity;
        for (int i = 0; i < replicates; i++)
        {
            double d = 0;
            for (int f = 0; f < nf; f++)
            {
                double z = (fighters[i * nf + f] - bands[f].P50) / Math.Max(1, bands[f].P90 - bands[f].P10);
                d += z * z;
            }
            for (int r = 0; r < nr; r++) if (controllers[i * nr + r] != modal[r]) d += 1;
            if (d < nearestDistance) { nearestDistance = d; nearest = i; }
        }
        return new Adjudication
        {
            Seed = seed, Replicates = replicates, Days = days, Fighters = fighters, Controllers = controllers,
            FighterBands = bands, ControlShare = share, NearestMedian = nearest, CanonicalFighters = cf, CanonicalControllers = cc,
        };
    }

    /// <summary>Plays replicate <paramref name="i"/> again into <paramref name="sim"/>, which then holds its end state.</summary>
    public static void Replay(Simulation sim, WorldState start, Order[] standing, int days, Adjudication a, int i)
    {
        sim.Restore(start);
        sim.Reseed(a.SeedOf(i));
        TurnPlay.Play(sim, standing, days);
    }

    private static void Record(Simulation sim, Span<double> fighters, Span<int> controllers)
    {
        var v = sim.View;
        for (int f = 0; f < fighters.Length; f++) fighters[f] = v.FightersOf(f) + v.InTransitOf(f);
        v.Controller.CopyTo(controllers);
    }

    /// <summary>Quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7, R's default).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
