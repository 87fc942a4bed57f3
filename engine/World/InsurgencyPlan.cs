namespace ConflictSim;

/// <summary>
/// The compiled form of every faction's <c>insurgency:</c> and of the patrons' strike keys: flat arrays and
/// precomputed routes, so the insurgency phase never searches the map during a run.
/// <para>
/// The underground arrays (here and in <see cref="WorldState"/>) have a row per faction that can go underground,
/// not per faction: [<see cref="Slot"/>[faction] * R + region], see <see cref="Underground"/>. Few factions keep
/// cells, and rows for all of them were most of a large theater's memory (at 100,000 regions and 200 factions,
/// 38 bytes a faction and region: 760 MB for the 20 that did).
/// </para>
/// </summary>
internal sealed class InsurgencyPlan
{
    /// <summary>True when some faction has cells or can get them; otherwise the phase returns at once and the per-force arrays (here and in <see cref="WorldState"/>) are empty.</summary>
    public bool Any { get; }

    public bool[] Has { get; }
    /// <summary>Per faction: its row in the underground arrays, or -1 when it has no <c>insurgency:</c>.</summary>
    public int[] Slot { get; }
    /// <summary>Factions with <c>insurgency:</c>: the rows of the underground arrays.</summary>
    public int Insurgents { get; }
    private readonly int _regions;

    /// <summary>Index of (faction, region) in the underground arrays; the faction must have <c>insurgency:</c>.</summary>
    public int Underground(int faction, int region) => Slot[faction] * _regions + region;
    public double[] CellShare { get; }
    public int[] TerritoryBelow { get; }
    public double[] GoToGround { get; }
    public double[] Recruit { get; }
    public int[] SmuggleRegion { get; }
    public double[] SmugglePerDay { get; }
    public int[] MoveEvery { get; }
    /// <summary>Cell strength at which a group sets out against its target; +∞ = never.</summary>
    public double[] AttackAt { get; }
    public double[] InitialCells { get; }

    /// <summary>Per underground slot: the region is one of the faction's hideouts.</summary>
    public bool[] IsHideout { get; }
    /// <summary>Per faction, its hideouts in file order: Hideouts[HideoutStart[f]..HideoutStart[f+1]].</summary>
    public int[] HideoutStart { get; }
    public int[] Hideouts { get; }
    /// <summary>Per underground slot: next region on a shortest land path to the faction's nearest hideout; -1 at a hideout or cut off.</summary>
    public int[] TowardHideout { get; }
    /// <summary>Per underground slot: the target a group at this hideout plots against (first listed), or -1.</summary>
    public int[] HideoutTarget { get; }
    /// <summary>Per region: its row in <see cref="TowardTarget"/> when some faction targets it, else -1.</summary>
    public int[] TargetRow { get; }
    /// <summary>[row * R + region]: next region on a shortest land path to the row's target; -1 there or cut off.</summary>
    public int[] TowardTarget { get; }

    public double[] PatronStrikes { get; }
    public double[] PatronDetection { get; }
    public double[] PatronStrikeLethality { get; }

    internal InsurgencyPlan(Scenario sc, ScenarioSpec spec, Func<string, int> region)
    {
        int nf = sc.FactionCount, nr = sc.RegionCount;
        _regions = nr;
        Slot = new int[nf];
        for (int f = 0; f < nf; f++) Slot[f] = sc.FactionSpecs[f].Insurgency is not null ? Insurgents++ : -1;
        Any = Insurgents > 0;
        int forces = Insurgents * nr;
        Has = new bool[nf]; CellShare = new double[nf]; TerritoryBelow = new int[nf]; GoToGround = new double[nf];
        Recruit = new double[nf]; SmuggleRegion = new int[nf]; SmugglePerDay = new double[nf]; MoveEvery = new int[nf];
        AttackAt = new double[nf]; InitialCells = new double[forces];
        IsHideout = new bool[forces]; HideoutStart = new int[nf + 1];
        TowardHideout = new int[forces]; HideoutTarget = new int[forces];
        TargetRow = new int[nr];
        Array.Fill(SmuggleRegion, -1); Array.Fill(TowardHideout, -1); Array.Fill(HideoutTarget, -1); Array.Fill(TargetRow, -1);

        var hideouts = new List<int>();
        var targets = new List<int>();
        for (int f = 0; f < nf; f++)
        {
            HideoutStart[f] = hideouts.Count;
            if (sc.FactionSpecs[f].Insurgency is not { } ins) continue;
            Has[f] = true;
            CellShare[f] = ins.CellShare; TerritoryBelow[f] = ins.TerritoryBelow; GoToGround[f] = ins.GoToGround;
            Recruit[f] = ins.Recruit; MoveEvery[f] = Math.Max(1, ins.MoveEvery);
            AttackAt[f] = ins.AttackAt ?? double.PositiveInfinity;
            if (ins.Smuggling is { } sm) { SmuggleRegion[f] = region(sm.Region); SmugglePerDay[f] = sm.PerDay; }
            foreach (var h in ins.Hideouts)
            {
                int r = region(h);
                if (IsHideout[Underground(f, r)]) continue;
                IsHideout[Underground(f, r)] = true;
                hideouts.Add(r);
            }
            foreach (var (r, n) in ins.Cells) InitialCells[Underground(f, region(r))] = n;
            foreach (var t in ins.Targets)
            {
                int target = region(t.Region);
                if (!targets.Contains(target)) { TargetRow[target] = targets.Count; targets.Add(target); }
                for (int k = HideoutStart[f]; k < hideouts.Count; k++)
                {
                    int h = hideouts[k];
                    bool listed = t.From.Count == 0;
                    foreach (var from in t.From) listed |= region(from) == h;
                    if (listed && HideoutTarget[Underground(f, h)] < 0) HideoutTarget[Underground(f, h)] = target;
                }
            }
        }
        HideoutStart[nf] = hideouts.Count;
        Hideouts = hideouts.ToArray();

        var dist = new int[nr];
        var queue = new int[nr];
        for (int f = 0; f < nf; f++)
        {
            if (!Has[f] || HideoutStart[f] == HideoutStart[f + 1]) continue;
            Distances(sc, Hideouts.AsSpan(HideoutStart[f], HideoutStart[f + 1] - HideoutStart[f]), dist, queue);
            NextHops(sc, dist, TowardHideout.AsSpan(Slot[f] * nr, nr));
        }
        TowardTarget = new int[targets.Count * nr];
        for (int row = 0; row < targets.Count; row++)
        {
            Distances(sc, [targets[row]], dist, queue);
            NextHops(sc, dist, TowardTarget.AsSpan(row * nr, nr));
        }

        int np = sc.PatronCount;
        PatronStrikes = new double[np]; PatronDetection = new double[np]; PatronStrikeLethality = new double[np];
        for (int p = 0; p < np; p++)
        {
            var ps = spec.Patrons[p];
            PatronStrikes[p] = ps.StrikesPerMonth; PatronDetection[p] = ps.Detection; PatronStrikeLethality[p] = ps.StrikeLethality;
        }
    }

    /// <summary>Breadth-first hop counts over land from the sources; cells never sit at sea. Unreached = int.MaxValue.</summary>
    private static void Distances(Scenario sc, ReadOnlySpan<int> sources, int[] dist, int[] queue)
    {
        Array.Fill(dist, int.MaxValue);
        int head = 0, tail = 0;
        foreach (int s in sources) { dist[s] = 0; queue[tail++] = s; }
        while (head < tail)
        {
            int r = queue[head++];
            for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
            {
                int n = sc.AdjRegion[i];
                if (dist[n] != int.MaxValue || sc.RegionTerrain[n] == Terrain.Sea) continue;
                dist[n] = dist[r] + 1;
                queue[tail++] = n;
            }
        }
    }

    /// <summary>For every region, the first neighbour (in adjacency order, so deterministic) one hop closer.</summary>
    private static void NextHops(Scenario sc, int[] dist, Span<int> next)
    {
        for (int r = 0; r < next.Length; r++)
        {
            next[r] = -1;
            if (dist[r] == 0 || dist[r] == int.MaxValue) continue;
            for (int i = sc.AdjStart[r]; i < sc.AdjStart[r + 1]; i++)
                if (dist[sc.AdjRegion[i]] == dist[r] - 1) { next[r] = sc.AdjRegion[i]; break; }
        }
    }
}

/// <summary>
/// The compiled population keys: residents per region, whom they rise for, and each faction's starting
/// legitimacy. <see cref="Any"/> is false when no region has residents. Whether some ruler provokes grievance is
/// the population phase's question each day, since an inject can lower a legitimacy the file left at 1.
/// </summary>
internal sealed class PopulationPlan
{
    public bool Any { get; }
    public double[] Population { get; }
    /// <summary>Per region: faction its armed residents join, or -1 to use the ruler's <see cref="RebelsJoin"/>.</summary>
    public int[] RisesFor { get; }
    public int[] RebelsJoin { get; }
    public double[] InitialLegitimacy { get; }

    internal PopulationPlan(Scenario sc, ScenarioSpec spec, Func<string, int> faction)
    {
        int nr = sc.RegionCount, nf = sc.FactionCount;
        Population = new double[nr]; RisesFor = new int[nr];
        for (int r = 0; r < nr; r++)
        {
            Population[r] = spec.Regions[r].Population;
            RisesFor[r] = spec.Regions[r].RisesFor is { } id ? faction(id) : -1;
        }
        RebelsJoin = new int[nf]; InitialLegitimacy = new double[nf];
        for (int f = 0; f < nf; f++)
        {
            RebelsJoin[f] = sc.FactionSpecs[f].RebelsJoin is { } id ? faction(id) : -1;
            InitialLegitimacy[f] = sc.FactionSpecs[f].Legitimacy;
        }
        foreach (double p in Population) Any |= p > 0;
    }
}
