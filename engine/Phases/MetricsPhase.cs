using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// Last in the default order: updates the scenario's declared outcomes at the end of the day. First-day outcomes record the
/// days elapsed when their condition first holds; ledger outcomes track running totals, or freeze on the
/// day their <c>at:</c> outcome fires (how "72 dead by the time the force is within 30 km" is measured).
/// </summary>
internal sealed class MetricsPhase(Scenario scenario) : IPhase
{
    private readonly double[] _blocStrength = new double[scenario.FactionCount];
    /// <summary>Each faction's fighters on the map today, summed once on first need: many outcomes ask for the same totals.</summary>
    private readonly double[] _onMap = new double[scenario.FactionCount];
    private bool _onMapToday;

    public string Name => "metrics";

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        var outcomes = world.Scenario.Outcomes;
        _onMapToday = false;
        for (int i = 0; i < outcomes.Length; i++)
        {
            var o = outcomes[i];
            if (!IsFirstDay(o.Kind) || s.OutcomeFired[i]) continue;
            if (Holds(world, o))
            {
                s.OutcomeFired[i] = true;
                s.OutcomeValue[i] = s.Day + 1;
            }
        }
        for (int i = 0; i < outcomes.Length; i++)
        {
            var o = outcomes[i];
            if (IsFirstDay(o.Kind)) continue;
            if (o.Kind == OutcomeKind.DaysNotHeld)
                s.OutcomeValue[i] = (double.IsNaN(s.OutcomeValue[i]) ? 0 : s.OutcomeValue[i]) + (HeldQuietly(world, o) ? 0 : 1);
            else if (o.At < 0) s.OutcomeValue[i] = o.Kind == OutcomeKind.PeakActive ? Peak(s.OutcomeValue[i], Measure(world, o)) : Measure(world, o);
            else if (s.OutcomeFired[o.At] && !s.OutcomeFired[i])
            {
                s.OutcomeValue[i] = Measure(world, o);
                s.OutcomeFired[i] = true;
            }
        }
    }

    public static bool IsFirstDay(OutcomeKind kind) =>
        kind is OutcomeKind.FirstDayShareAtMost or OutcomeKind.FirstDayHolds or OutcomeKind.FirstDayEncircled
            or OutcomeKind.FirstDaySameBloc or OutcomeKind.FirstDayAttack;

    private static bool Holds(World world, Outcome o) => o.Kind switch
    {
        OutcomeKind.FirstDayShareAtMost => Share(world, o) <= o.Threshold,
        OutcomeKind.FirstDayHolds => HoldsRegion(world, o),
        OutcomeKind.FirstDayEncircled => Encircled(world, o),
        OutcomeKind.FirstDaySameBloc => SameBloc(world, o),
        OutcomeKind.FirstDayAttack => Attacked(world, o),
        _ => false,
    };

    private double Measure(World world, Outcome o)
    {
        switch (o.Kind)
        {
            case OutcomeKind.SameBloc: return SameBloc(world, o) ? 1 : 0;
            case OutcomeKind.CampInfightingDays: return world.State.CampInfightingDays[o.Camp];
            case OutcomeKind.CampBlocs or OutcomeKind.CampEffectiveBlocs or OutcomeKind.CampLargestShare or OutcomeKind.CampFragmented:
                return Camp(world, o);
        }
        return Ledger(world, o);
    }

    /// <summary>
    /// Held by one of the factions with no enemy fighting there: the test for a day an oil terminal exports
    /// (003: ISIS "is targeting the only source of income for all Libyans").
    /// </summary>
    private static bool HeldQuietly(World world, Outcome o) =>
        HoldsRegion(world, o) && !world.EnemiesIn(o.Region, world.State.Controller[o.Region]);

    /// <summary>True when every listed faction is active and all stand in one bloc.</summary>
    private static bool SameBloc(World world, Outcome o)
    {
        var s = world.State;
        int bloc = s.Bloc[o.Factions[0]];
        foreach (int f in o.Factions) if (!s.Active[f] || s.Bloc[f] != bloc) return false;
        return true;
    }

    /// <summary>
    /// Fragmentation of a camp: its successors are the factions it declared and their splinters that still
    /// have strength (fighters × quality + political weight). They are grouped by the bloc they stand in now.
    /// </summary>
    private double Camp(World world, Outcome o)
    {
        var s = world.State;
        var sc = world.Scenario;
        Array.Clear(_blocStrength);
        double total = 0;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            if (sc.CampOf[f] != o.Camp || !s.Active[f]) continue;
            double strength = s.Weight[f] + OnMap(s, f) * sc.Quality[f];
            if (strength <= 0) continue;
            _blocStrength[s.Bloc[f]] += strength;
            total += strength;
        }
        int blocs = 0;
        double sumSquares = 0, largest = 0;
        if (total > 0)
            for (int b = 0; b < _blocStrength.Length; b++)
            {
                if (_blocStrength[b] <= 0) continue;
                double share = _blocStrength[b] / total;
                blocs++;
                sumSquares += share * share;
                largest = Math.Max(largest, share);
            }
        var rule = sc.Settings.Alliances;
        return o.Kind switch
        {
            OutcomeKind.CampBlocs => blocs,
            OutcomeKind.CampEffectiveBlocs => sumSquares > 0 ? 1 / sumSquares : 0,
            OutcomeKind.CampLargestShare => largest,
            _ => (blocs > 0 && largest < rule.FragmentedShare) || s.CampInfightingDays[o.Camp] >= rule.FragmentedDays ? 1 : 0,
        };
    }

    private double OnMap(WorldState s, int faction)
    {
        if (!_onMapToday)
        {
            for (int f = 0; f < _onMap.Length; f++) _onMap[f] = s.FightersOf(f);
            _onMapToday = true;
        }
        return _onMap[faction];
    }

    private double Ledger(World world, Outcome o)
    {
        var s = world.State;
        double sum = 0;
        foreach (int f in o.Factions)
        {
            sum += o.Kind switch
            {
                OutcomeKind.Killed => s.Killed[f],
                OutcomeKind.Wounded => s.Wounded[f],
                OutcomeKind.Casualties => s.Killed[f] + s.Wounded[f],
                OutcomeKind.Dispersed => s.Dispersed[f],
                OutcomeKind.Deserted => s.Deserted[f],
                OutcomeKind.Defected => s.DefectedOut[f],
                OutcomeKind.Fighters => OnMap(s, f) + s.InTransitOf(f),
                OutcomeKind.Cells => s.CellsOf(f),
                OutcomeKind.Attacks => s.Attacks[f],
                OutcomeKind.Uprising => s.Risen[f],
                _ => 0,
            };
        }
        return o.Kind switch
        {
            OutcomeKind.Share => Share(world, o),
            OutcomeKind.Holds => HoldsRegion(world, o) ? 1 : 0,
            OutcomeKind.PeakActive => ActiveUnder(world, o),
            _ => sum,
        };
    }

    private static double Peak(double before, double now) => double.IsNaN(before) ? now : Math.Max(before, now);

    /// <summary>Active residents today in the regions the factions rule.</summary>
    private static double ActiveUnder(World world, Outcome o)
    {
        var s = world.State;
        double sum = 0;
        for (int r = 0; r < s.RegionCount; r++)
            foreach (int f in o.Factions)
                if (s.Controller[r] == f) sum += s.ActiveResidents[r];
        return sum;
    }

    /// <summary>True once one of the factions' cells has surfaced in the region with at least the threshold's fighters.</summary>
    private static bool Attacked(World world, Outcome o)
    {
        var s = world.State;
        if (s.AttackPeak.Length == 0) return false; // nobody can go underground, so nobody surfaces to attack
        foreach (int f in o.Factions)
        {
            if (!s.GoesUnderground(f)) continue; // only cells surface to attack
            double peak = s.AttackPeak[s.Underground(f, o.Region)];
            if (peak > 0 && peak >= o.Threshold) return true;
        }
        return false;
    }

    private static double Share(World world, Outcome o)
    {
        double share = 0;
        foreach (int f in o.Factions) share += world.CityShare(o.City, f);
        return share;
    }

    private static bool HoldsRegion(World world, Outcome o)
    {
        int holder = world.State.Controller[o.Region];
        foreach (int f in o.Factions) if (holder == f) return true;
        return false;
    }

    /// <summary>True when the factions have fighters in the place and none of them has a supply path.</summary>
    private static bool Encircled(World world, Outcome o)
    {
        var s = world.State;
        var sc = world.Scenario;
        bool any = false;
        int start = o.City >= 0 ? sc.CityStart[o.City] : 0, end = o.City >= 0 ? sc.CityStart[o.City + 1] : 1;
        for (int k = start; k < end; k++)
        {
            int r = o.City >= 0 ? sc.CityRegions[k] : o.Region;
            foreach (int f in o.Factions)
            {
                int i = s.Force(f, r);
                if (s.Fighters[i] <= 0) continue;
                if (s.Supplied[i]) return false;
                any = true;
            }
        }
        return any;
    }
}
