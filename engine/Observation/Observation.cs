namespace ConflictSim;

/// <summary>
/// What one faction can see on a day, by a fixed rule:
/// <list type="bullet">
/// <item>its own forces, exactly (fighters and morale);</item>
/// <item>other factions' fighters only in the regions it observes — those where it has fighters or that it controls,
/// and their neighbours — and then only as a <see cref="StrengthBand"/>, never the exact figure;</item>
/// <item>underground cells never;</item>
/// <item>who controls each region everywhere (control is public, as the articles' own maps are);</item>
/// <item>trust only in its own relations.</item>
/// </list>
/// Source: the line-of-contact spotting of board and computer wargames (Dunnigan, <i>The Complete Wargames
/// Handbook</i>, 1980: units are seen when adjacent) and the article's own view of what a commander knows:
/// "we have spotted movements by Daesh in the south of Sirte, where they are trying to regroup and break through
/// our forces' lines" (001) is seen from the line next to it, while "it was not clear if the lower numbers of ISIS
/// in Sirte were because ISIS had 'dispersed'" (002) is the uncertainty of a figure known only roughly.
/// The utility AI decides from this picture unless the scenario sets <c>settings.information: perfect</c>.
/// </summary>
public sealed class Observation
{
    private readonly bool[] _observed;
    private readonly int[] _controller;
    private readonly double[] _trust;
    private readonly List<SeenForce> _forces;

    /// <summary>Index of the observing faction.</summary>
    public int Faction { get; }
    /// <summary>Day the picture was taken (days since the start).</summary>
    public int Day { get; }
    /// <summary>Per region: whether the faction observes it today.</summary>
    public ReadOnlySpan<bool> Observed => _observed;
    /// <summary>Per region: the controlling faction, or -1.</summary>
    public ReadOnlySpan<int> Controller => _controller;
    /// <summary>Per faction: trust between the observer and it (its own relations only).</summary>
    public ReadOnlySpan<double> Trust => _trust;
    /// <summary>Forces it can see: its own exactly, others as bands, by region then faction.</summary>
    public IReadOnlyList<SeenForce> Forces => _forces;

    private Observation(int faction, int day, bool[] observed, int[] controller, double[] trust, List<SeenForce> forces)
    {
        Faction = faction; Day = day; _observed = observed; _controller = controller; _trust = trust; _forces = forces;
    }

    internal static Observation Of(World world, int faction)
    {
        var s = world.State;
        var sc = world.Scenario;
        if ((uint)faction >= (uint)sc.FactionCount) throw new ArgumentOutOfRangeException(nameof(faction));
        int nr = sc.RegionCount, nf = sc.FactionCount;
        var observed = new bool[nr];
        for (int r = 0; r < nr; r++) observed[r] = Sees(world, faction, r);
        var forces = new List<SeenForce>();
        for (int r = 0; r < nr; r++)
            for (int f = 0; f < nf; f++)
            {
                double x = s.Fighters[f * nr + r];
                if (x <= 0) continue;
                if (f == faction) forces.Add(new SeenForce(f, r, x, x, s.Morale[f * nr + r]));
                else if (observed[r])
                {
                    var (low, high) = StrengthBand.Of(x);
                    forces.Add(new SeenForce(f, r, low, high, null));
                }
            }
        var trust = new double[nf];
        for (int f = 0; f < nf; f++) trust[f] = f == faction ? 1 : s.TrustBetween(faction, f);
        return new Observation(faction, s.Day, observed, (int[])s.Controller.Clone(), trust, forces);
    }

    /// <summary>Whether the faction observes the region: it stands in or holds the region or one next to it.</summary>
    internal static bool Sees(World world, int faction, int region)
    {
        var s = world.State;
        var sc = world.Scenario;
        int offset = faction * sc.RegionCount;
        if (s.Fighters[offset + region] > 0 || s.Controller[region] == faction) return true;
        for (int a = sc.AdjStart[region]; a < sc.AdjStart[region + 1]; a++)
        {
            int n = sc.AdjRegion[a];
            if (s.Fighters[offset + n] > 0 || s.Controller[n] == faction) return true;
        }
        return false;
    }
}

/// <summary>A force as an observer sees it. Exact when <see cref="Low"/> equals <see cref="High"/> (its own).</summary>
/// <param name="Faction">Index of the faction the force belongs to.</param>
/// <param name="Region">Index of the region it stands in.</param>
/// <param name="Low">Fewest fighters it may have: the exact count for the observer's own, else its <see cref="StrengthBand"/>'s lower edge.</param>
/// <param name="High">Upper edge: the exact count for the observer's own, else the band's exclusive upper edge.</param>
/// <param name="Morale">Known for the observer's own forces only.</param>
public readonly record struct SeenForce(int Faction, int Region, double Low, double High, double? Morale)
{
    /// <summary>True for the observer's own forces, whose fighters are known exactly.</summary>
    public bool Exact => Low == High;
}

/// <summary>
/// Strength as an observer reports it: bands that double, 1–24, 25–49, 50–99, 100–199, 200–399, …, the
/// order-of-magnitude estimates of enemy numbers that reach a commander, never the count. The AI takes a band's
/// geometric middle, √(low·high), as its estimate, the natural point of a band on a ratio scale.
/// </summary>
public static class StrengthBand
{
    /// <summary>Upper edge of the first band (1–24) and lower edge of the second: bands start at 25·2^k.</summary>
    public const double First = 25;

    /// <summary>The band holding <paramref name="fighters"/> (&gt; 0): [low, high), in whole fighters.</summary>
    public static (double Low, double High) Of(double fighters)
    {
        if (fighters < First) return (1, First);
        // ILogB is exact: the largest k with 2^k ≤ fighters / 25, so the band's edges are 25·2^k and 25·2^(k+1).
        double low = First * Math.ScaleB(1, Math.ILogB(fighters / First));
        return (low, 2 * low);
    }

    /// <summary>The estimate an observer makes from the band.</summary>
    public static double Estimate(double fighters)
    {
        var (low, high) = Of(fighters);
        return Math.Sqrt(low * high);
    }
}
