using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// Underground cells: how a beaten faction survives without territory and comes back.
/// <para>
/// Cells are fighters kept per faction and region in <see cref="WorldState.Cells"/> (a row per faction with <c>insurgency:</c>), outside <see cref="WorldState.Fighters"/>,
/// so no other faction's AI, combat or supply ever sees them; enemies learn of a group only when a strike finds
/// it (<see cref="WorldState.Detected"/>). Each day, for every faction with <c>insurgency:</c>:
/// </para>
/// <list type="number">
/// <item>Fighters dispersed since yesterday (rout or a <c>disperse</c> event) go underground with probability
/// <c>cell_share</c>, spread evenly over the hideouts; the rest have gone home for good (002: ISIS "dispersed"
/// within Libya would "pose a different type of threat"). Those who go underground leave <c>Dispersed</c>.</item>
/// <item>Every cell group grows at <c>recruit</c> a day from the local population.</item>
/// <item>Once the faction holds at most <c>territory_below</c> regions it is underground: each day a
/// <c>go_to_ground</c> share of its fighters on the map become cells where they stand (004: "fading into the
/// local population after the loss of leaders or territory"), and <c>smuggling</c> brings fighters into the
/// cells at a border region (001: "smuggling fighters across the Libyan border from Tunisia").</item>
/// </list>
/// <para>
/// Then patrons strike (001: "six precision airstrikes … resulted in the deaths of 17 ISIS militants"): a patron
/// with <c>strikes_per_month</c> m strikes on a day with probability m/30 (⌊m/30⌋ strikes plus one more with the
/// remainder's probability when m &gt; 30); each strike finds each cell group of its client's enemies with
/// probability <c>detection</c> and kills Binomial(cells, <c>strike_lethality</c>) of a group it finds.
/// Every <c>move_every</c> days cell groups shift one link: away from exposed ground toward the nearest
/// hideout, or toward the target they plot against. A group at a hideout that reaches <c>attack_at</c> sets out
/// against the hideout's target (001: "plotting a new attack on the city of Misrata"); once it stands next to
/// the target it surfaces there as an ordinary force (004: "popping up elsewhere") and combat decides the
/// rest. Deterministic mode applies expected values throughout.
/// </para>
/// </summary>
internal sealed class InsurgencyPhase(Scenario scenario) : IPhase
{
    private readonly int[] _to = new int[scenario.RegionCount];
    private readonly double[] _in = new double[scenario.RegionCount];
    private readonly int[] _inGoal = new int[scenario.RegionCount];

    public string Name => "insurgency";

    public void Execute(World world, PhaseStreams rng)
    {
        var plan = world.Scenario.Insurgency;
        if (!plan.Any) return;
        var s = world.State;
        int nf = s.FactionCount;
        for (int f = 0; f < nf; f++)
        {
            if (!plan.Has[f]) continue;
            TakeDispersed(world, f, ref rng.Of(f));
            Recruit(world, f, ref rng.Of(f));
            if (HeldRegions(s, f) <= plan.TerritoryBelow[f])
            {
                GoToGround(world, f, ref rng.Of(f));
                Smuggle(world, f, ref rng.Of(f));
            }
        }
        for (int p = 0; p < world.Scenario.PatronCount; p++)
            if (s.PatronStrikes[p] > 0) Strike(world, p, ref rng.Shared);
        for (int f = 0; f < nf; f++)
        {
            if (!plan.Has[f]) continue;
            if ((s.Day + 1) % plan.MoveEvery[f] == 0) Move(world, f);
            Surface(world, f);
        }
    }

    /// <summary>New dispersals since yesterday: a <c>cell_share</c> of them go underground at the hideouts.</summary>
    private static void TakeDispersed(World world, int f, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var plan = world.Scenario.Insurgency;
        double fresh = s.Dispersed[f] - s.DispersedSeen[f];
        int k0 = plan.HideoutStart[f], k1 = plan.HideoutStart[f + 1];
        if (fresh > 0 && k1 > k0)
        {
            double n = Draw(world, ref rng, fresh, plan.CellShare[f]);
            s.Dispersed[f] -= n;
            double left = n;
            for (int k = k0; k < k1; k++)
            {
                // Sequential binomials: an even multinomial split over the hideouts.
                double part = k == k1 - 1 ? left : Draw(world, ref rng, left, 1.0 / (k1 - k));
                s.Cells[s.Underground(f, plan.Hideouts[k])] += part;
                left -= part;
            }
        }
        s.DispersedSeen[f] = s.Dispersed[f];
    }

    private static void Recruit(World world, int f, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        double rate = world.Scenario.Insurgency.Recruit[f];
        if (rate <= 0) return;
        int start = s.Underground(f, 0);
        for (int r = 0; r < s.RegionCount; r++)
        {
            int i = start + r;
            if (s.Cells[i] <= 0) continue;
            double n = Draw(world, ref rng, s.Cells[i], rate);
            s.Cells[i] += n;
            s.Recruited[f] += n;
        }
    }

    private static void GoToGround(World world, int f, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        double share = world.Scenario.Insurgency.GoToGround[f];
        if (share <= 0) return;
        int start = s.Force(f, 0), cells = s.Underground(f, 0);
        for (int r = 0; r < s.RegionCount; r++)
        {
            int i = start + r;
            if (s.Fighters[i] <= 0) continue;
            double n = Draw(world, ref rng, s.Fighters[i], share);
            s.Fighters[i] -= n;
            s.Cells[cells + r] += n;
        }
    }

    /// <summary>per_day fighters a day: exactly in deterministic mode, else its whole part plus one with the fraction's probability.</summary>
    private static void Smuggle(World world, int f, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var plan = world.Scenario.Insurgency;
        int region = plan.SmuggleRegion[f];
        double perDay = plan.SmugglePerDay[f];
        if (region < 0 || perDay <= 0) return;
        double n = perDay;
        if (!world.Deterministic)
        {
            n = Math.Floor(perDay);
            if (rng.NextDouble() < perDay - n) n++;
        }
        s.Cells[s.Underground(f, region)] += n;
        s.Recruited[f] += n;
    }

    private static void Strike(World world, int p, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        var plan = sc.Insurgency;
        int client = sc.PatronClient[p];
        double perDay = s.PatronStrikes[p] / 30.0;
        double whole = Math.Floor(perDay), rest = perDay - whole;
        double detection = plan.PatronDetection[p], lethality = plan.PatronStrikeLethality[p];
        if (world.Deterministic)
        {
            // Expected survivors after ⌊m/30⌋ sure strikes and one with probability rest: each takes d·l of a group.
            double keep = 1 - rest * detection * lethality, missed = 1 - rest * detection;
            for (int k = 0; k < whole; k++) { keep *= 1 - detection * lethality; missed *= 1 - detection; }
            bool found = 1 - missed >= 0.5; // a group counts as known when a strike more likely than not finds it
            for (int e = 0; e < sc.FactionCount; e++)
            {
                if (!plan.Has[e] || !world.Hostile(client, e)) continue;
                int start = s.Underground(e, 0);
                for (int r = 0; r < s.RegionCount; r++)
                {
                    int i = start + r;
                    if (s.Cells[i] <= 0) continue;
                    double killed = s.Cells[i] * (1 - keep);
                    s.Cells[i] -= killed;
                    s.Killed[e] += killed;
                    if (found) s.Detected[i] = true;
                }
            }
            return;
        }
        int strikes = (int)whole + (rng.NextDouble() < rest ? 1 : 0);
        for (int k = 0; k < strikes; k++)
            for (int e = 0; e < sc.FactionCount; e++)
            {
                if (!plan.Has[e] || !world.Hostile(client, e)) continue;
                int start = s.Underground(e, 0);
                for (int r = 0; r < s.RegionCount; r++)
                {
                    int i = start + r;
                    if (s.Cells[i] <= 0 || rng.NextDouble() >= detection) continue;
                    double killed = Sampling.Binomial(ref rng, s.Cells[i], lethality);
                    s.Cells[i] -= killed;
                    s.Killed[e] += killed;
                    s.Detected[i] = true;
                }
            }
    }

    /// <summary>
    /// One link for every group that has somewhere to go: toward its target, or from exposed ground toward the
    /// nearest hideout. All moves are decided first, then made, so no group moves twice in a day. A group that
    /// moves is lost track of.
    /// </summary>
    private void Move(World world, int f)
    {
        var s = world.State;
        var plan = world.Scenario.Insurgency;
        int nr = s.RegionCount, start = s.Underground(f, 0);
        bool any = false;
        for (int r = 0; r < nr; r++)
        {
            int i = start + r;
            int goal = s.CellGoal[i];
            _to[r] = s.Cells[i] <= 0 ? -1
                : goal >= 0 ? plan.TowardTarget[plan.TargetRow[goal] * nr + r]
                : plan.IsHideout[i] ? -1 : plan.TowardHideout[i];
            any |= _to[r] >= 0;
        }
        if (!any) return;
        Array.Clear(_in);
        Array.Fill(_inGoal, -1);
        for (int r = 0; r < nr; r++)
        {
            int to = _to[r];
            if (to < 0) continue;
            int i = start + r;
            _in[to] += s.Cells[i];
            if (s.CellGoal[i] >= 0) _inGoal[to] = s.CellGoal[i];
            s.Cells[i] = 0;
            s.CellGoal[i] = -1;
            s.Detected[i] = false;
        }
        for (int r = 0; r < nr; r++)
        {
            if (_in[r] <= 0) continue;
            int i = start + r;
            s.Cells[i] += _in[r];
            if (_inGoal[r] >= 0) s.CellGoal[i] = _inGoal[r];
        }
    }

    /// <summary>Groups strong enough set out against their hideout's target; a group next to its target surfaces in it.</summary>
    private static void Surface(World world, int f)
    {
        var s = world.State;
        var sc = world.Scenario;
        var plan = sc.Insurgency;
        int nr = s.RegionCount, start = s.Underground(f, 0);
        for (int r = 0; r < nr; r++)
        {
            int i = start + r;
            double n = s.Cells[i];
            if (n <= 0) { s.CellGoal[i] = -1; continue; }
            if (s.CellGoal[i] < 0 && n >= plan.AttackAt[f] && plan.HideoutTarget[i] >= 0) s.CellGoal[i] = plan.HideoutTarget[i];
            int goal = s.CellGoal[i];
            if (goal < 0) continue;
            if (world.Allied(f, s.Controller[goal])) { s.CellGoal[i] = -1; continue; } // nothing left to attack there
            if (goal != r && sc.LinkBetween(r, goal) < 0) continue;
            s.Join(s.Force(f, goal), n, sc.InitialMorale[f], sc.SupplyCapacity[f]);
            s.Cells[i] = 0;
            s.CellGoal[i] = -1;
            s.Detected[i] = false;
            s.Attacks[f] += 1;
            int peak = s.Underground(f, goal);
            s.AttackPeak[peak] = Math.Max(s.AttackPeak[peak], n);
        }
    }

    private static int HeldRegions(WorldState s, int f)
    {
        int held = 0;
        for (int r = 0; r < s.RegionCount; r++) if (s.Controller[r] == f) held++;
        return held;
    }

    /// <summary>Expected share in deterministic mode, a binomial draw otherwise.</summary>
    private static double Draw(World world, ref Xoshiro256StarStar rng, double n, double p) =>
        world.Deterministic ? n * p : Sampling.Binomial(ref rng, n, p);
}
