using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>
/// Everything that changes during a run, as flat arrays sized once from the scenario. Copying one state into
/// another of the same scenario allocates nothing, which is what makes undo and "forecast from here" cheap.
/// Per-force arrays are indexed [faction * RegionCount + region]; per-pair arrays [a * FactionCount + b].
/// </summary>
public sealed class WorldState
{
    /// <summary>
    /// Most movements that can be under way at once; orders beyond it wait (see MovementPhase). Four per region
    /// (at least 4,096) so a continent-sized map is never throttled by the pool rather than by its roads.
    /// </summary>
    public int TransitCapacity { get; }

    public int RegionCount { get; }
    public int FactionCount { get; }

    /// <summary>Days completed since the start. Day 0 is the start date, before any tick.</summary>
    public int Day;

    // Forces
    public readonly double[] Fighters;
    public readonly double[] Morale;
    /// <summary>Days of supply a force carries; at zero it is out of supply.</summary>
    public readonly double[] SupplyDays;
    /// <summary>1 when the force has a path to a supply source this day.</summary>
    public readonly bool[] Supplied;
    /// <summary>Losses this day, written by combat and read by morale.</summary>
    public readonly double[] LossesToday;

    // Regions and links
    public readonly int[] Controller;
    /// <summary>Per link: the faction whose enemies it is closed to, or -1 when open.</summary>
    public readonly int[] Blockade;

    // Factions
    public readonly double[] Cohesion;
    public readonly double[] Stock;
    public readonly double[] Income;
    public readonly double[] Trust;

    // Alliances
    /// <summary>Bloc of each faction (a bloc is named by a faction index; members need not include it).</summary>
    public readonly int[] Bloc;
    /// <summary>False for a splinter slot until its split happens.</summary>
    public readonly bool[] Active;
    /// <summary>Political weight per faction; a split divides it.</summary>
    public readonly double[] Weight;
    /// <summary>Days on which members (or splinters) of each camp fought each other.</summary>
    public readonly int[] CampInfightingDays;

    // Patrons
    public readonly double[] PatronAir;
    public readonly double[] PatronArtillery;
    public readonly double[] PatronSupply;

    // Ledger, per faction. Conservation: Initial + Reinforced + DefectedIn + Recruited
    //   = alive + in transit + cells + Killed + Wounded + Deserted + Dispersed + DefectedOut.
    // Initial includes cells underground at the start; dispersed fighters who go into cells leave Dispersed.
    public readonly double[] Initial;
    public readonly double[] Reinforced;
    public readonly double[] DefectedIn;
    public readonly double[] Killed;
    public readonly double[] Wounded;
    public readonly double[] Deserted;
    public readonly double[] Dispersed;
    public readonly double[] DefectedOut;
    /// <summary>Fighters who joined from the population: cell recruits, smuggled fighters, armed residents.</summary>
    public readonly double[] Recruited;

    // Underground (InsurgencyPhase). Cells are not in Fighters: other factions' AI and combat never see them.
    /// <summary>Per force: fighters underground in cells. This and the three arrays after it are empty when no faction has <c>insurgency:</c>.</summary>
    public readonly double[] Cells;
    /// <summary>Per force: enemies know where this cell group is (a strike found it since it last moved).</summary>
    public readonly bool[] Detected;
    /// <summary>Per force: region the cell group is on its way to attack, or -1.</summary>
    public readonly int[] CellGoal;
    /// <summary>Per force: largest cell attack the faction has made on the region.</summary>
    public readonly double[] AttackPeak;
    /// <summary>Per faction: cell attacks made.</summary>
    public readonly double[] Attacks;
    /// <summary>Per faction: the part of Dispersed the insurgency phase has already considered.</summary>
    public readonly double[] DispersedSeen;
    /// <summary>Per patron: strikes a month on enemy cells.</summary>
    public readonly double[] PatronStrikes;

    // Population (PopulationPhase), per region, in residents
    public readonly double[] ActiveResidents;
    public readonly double[] Jailed;
    /// <summary>Residents who took up arms and left the population.</summary>
    public readonly double[] Armed;
    /// <summary>Per faction: Epstein's L as the residents it rules see it.</summary>
    public readonly double[] Legitimacy;
    /// <summary>Per faction: residents who took up arms and joined it.</summary>
    public readonly double[] Risen;

    // Movements under way (a dense pool; order of entries is deterministic)
    public int TransitCount;
    public readonly int[] TransitFaction;
    public readonly int[] TransitTo;
    public readonly int[] TransitArrival;
    public readonly double[] TransitFighters;
    public readonly double[] TransitMorale;
    public readonly double[] TransitSupply;

    /// <summary>One random stream per phase slot, so a change in one phase's draws leaves the others' alone.</summary>
    public readonly Xoshiro256StarStar[] Streams;

    // Outcomes: value so far (NaN = not yet happened) and, for first-day kinds, whether fired
    public readonly double[] OutcomeValue;
    public readonly bool[] OutcomeFired;

    public WorldState(Scenario scenario, int streamCount)
    {
        int r = RegionCount = scenario.RegionCount;
        int f = FactionCount = scenario.FactionCount;
        Fighters = new double[f * r]; Morale = new double[f * r]; SupplyDays = new double[f * r];
        Supplied = new bool[f * r]; LossesToday = new double[f * r];
        Controller = new int[r]; Blockade = new int[scenario.LinkCount];
        Bloc = new int[f]; Active = new bool[f]; Weight = new double[f]; CampInfightingDays = new int[scenario.CampCount];
        Cohesion = new double[f]; Stock = new double[f]; Income = new double[f]; Trust = new double[f * f];
        PatronAir = new double[scenario.PatronCount]; PatronArtillery = new double[scenario.PatronCount];
        PatronSupply = new double[scenario.PatronCount];
        Initial = new double[f]; Reinforced = new double[f]; DefectedIn = new double[f]; Killed = new double[f];
        Wounded = new double[f]; Deserted = new double[f]; Dispersed = new double[f]; DefectedOut = new double[f];
        Recruited = new double[f];
        int underground = scenario.Insurgency.Any ? f * r : 0; // empty when no faction can go underground
        Cells = new double[underground]; Detected = new bool[underground]; CellGoal = new int[underground]; AttackPeak = new double[underground];
        Attacks = new double[f]; DispersedSeen = new double[f]; PatronStrikes = new double[scenario.PatronCount];
        ActiveResidents = new double[r]; Jailed = new double[r]; Armed = new double[r]; Legitimacy = new double[f]; Risen = new double[f];
        // A force sets out at most twice a day (its one order, then a rout) and is on the road at most the longest
        // link's days, so 2·F·R·maxLinkDays entries can be under way at once. A small map needs far fewer than the
        // old max(4096, 4R), which every simulation allocated; 64 keeps room for scripted or human extra orders.
        int longest = scenario.LinkDays.Length == 0 ? 1 : scenario.LinkDays.Max();
        TransitCapacity = (int)Math.Max(64, Math.Min(2L * f * r * longest, Math.Max(4096, 4L * r)));
        TransitFaction = new int[TransitCapacity]; TransitTo = new int[TransitCapacity]; TransitArrival = new int[TransitCapacity];
        TransitFighters = new double[TransitCapacity]; TransitMorale = new double[TransitCapacity]; TransitSupply = new double[TransitCapacity];
        Streams = new Xoshiro256StarStar[streamCount];
        OutcomeValue = new double[scenario.Outcomes.Length];
        OutcomeFired = new bool[scenario.Outcomes.Length];
    }

    /// <summary>Copies every field into <paramref name="target"/>, which must come from the same scenario. Allocates nothing.</summary>
    public void CopyTo(WorldState target)
    {
        if (target.RegionCount != RegionCount || target.FactionCount != FactionCount || target.Streams.Length != Streams.Length)
            throw new ArgumentException("target state belongs to a different scenario", nameof(target));
        target.Day = Day;
        Array.Copy(Fighters, target.Fighters, Fighters.Length);
        Array.Copy(Morale, target.Morale, Morale.Length);
        Array.Copy(SupplyDays, target.SupplyDays, SupplyDays.Length);
        Array.Copy(Supplied, target.Supplied, Supplied.Length);
        Array.Copy(LossesToday, target.LossesToday, LossesToday.Length);
        Array.Copy(Controller, target.Controller, Controller.Length);
        Array.Copy(Blockade, target.Blockade, Blockade.Length);
        Array.Copy(Cohesion, target.Cohesion, Cohesion.Length);
        Array.Copy(Stock, target.Stock, Stock.Length);
        Array.Copy(Income, target.Income, Income.Length);
        Array.Copy(Trust, target.Trust, Trust.Length);
        Array.Copy(Bloc, target.Bloc, Bloc.Length);
        Array.Copy(Active, target.Active, Active.Length);
        Array.Copy(Weight, target.Weight, Weight.Length);
        Array.Copy(CampInfightingDays, target.CampInfightingDays, CampInfightingDays.Length);
        Array.Copy(PatronAir, target.PatronAir, PatronAir.Length);
        Array.Copy(PatronArtillery, target.PatronArtillery, PatronArtillery.Length);
        Array.Copy(PatronSupply, target.PatronSupply, PatronSupply.Length);
        Array.Copy(Initial, target.Initial, Initial.Length);
        Array.Copy(Reinforced, target.Reinforced, Reinforced.Length);
        Array.Copy(DefectedIn, target.DefectedIn, DefectedIn.Length);
        Array.Copy(Killed, target.Killed, Killed.Length);
        Array.Copy(Wounded, target.Wounded, Wounded.Length);
        Array.Copy(Deserted, target.Deserted, Deserted.Length);
        Array.Copy(Dispersed, target.Dispersed, Dispersed.Length);
        Array.Copy(DefectedOut, target.DefectedOut, DefectedOut.Length);
        Array.Copy(Recruited, target.Recruited, Recruited.Length);
        Array.Copy(Cells, target.Cells, Cells.Length);
        Array.Copy(Detected, target.Detected, Detected.Length);
        Array.Copy(CellGoal, target.CellGoal, CellGoal.Length);
        Array.Copy(AttackPeak, target.AttackPeak, AttackPeak.Length);
        Array.Copy(Attacks, target.Attacks, Attacks.Length);
        Array.Copy(DispersedSeen, target.DispersedSeen, DispersedSeen.Length);
        Array.Copy(PatronStrikes, target.PatronStrikes, PatronStrikes.Length);
        Array.Copy(ActiveResidents, target.ActiveResidents, ActiveResidents.Length);
        Array.Copy(Jailed, target.Jailed, Jailed.Length);
        Array.Copy(Armed, target.Armed, Armed.Length);
        Array.Copy(Legitimacy, target.Legitimacy, Legitimacy.Length);
        Array.Copy(Risen, target.Risen, Risen.Length);
        target.TransitCount = TransitCount;
        Array.Copy(TransitFaction, target.TransitFaction, TransitCount);
        Array.Copy(TransitTo, target.TransitTo, TransitCount);
        Array.Copy(TransitArrival, target.TransitArrival, TransitCount);
        Array.Copy(TransitFighters, target.TransitFighters, TransitCount);
        Array.Copy(TransitMorale, target.TransitMorale, TransitCount);
        Array.Copy(TransitSupply, target.TransitSupply, TransitCount);
        Array.Copy(Streams, target.Streams, Streams.Length);
        Array.Copy(OutcomeValue, target.OutcomeValue, OutcomeValue.Length);
        Array.Copy(OutcomeFired, target.OutcomeFired, OutcomeFired.Length);
    }

    public int Force(int faction, int region) => faction * RegionCount + region;

    /// <summary>Adds fighters to a force; its morale and carried supply become fighter-weighted means.</summary>
    public void Join(int force, double fighters, double morale, double supplyDays)
    {
        double before = Fighters[force];
        double after = before + fighters;
        if (after > 0)
        {
            Morale[force] = (Morale[force] * before + morale * fighters) / after;
            SupplyDays[force] = (SupplyDays[force] * before + supplyDays * fighters) / after;
        }
        Fighters[force] = after;
    }

    /// <summary>Puts fighters on the road to arrive on <paramref name="arrival"/>. False when the transit pool is full.</summary>
    public bool Send(int faction, int to, double fighters, double morale, double supplyDays, int arrival)
    {
        if (TransitCount == TransitCapacity) return false;
        int k = TransitCount++;
        TransitFaction[k] = faction;
        TransitTo[k] = to;
        TransitArrival[k] = arrival;
        TransitFighters[k] = fighters;
        TransitMorale[k] = morale;
        TransitSupply[k] = supplyDays;
        return true;
    }
    public double TrustBetween(int a, int b) => Trust[a * FactionCount + b];

    /// <summary>Sets the trust between two factions, both ways (trust is symmetric), clamped to [−1, 1].</summary>
    public void SetTrust(int a, int b, double trust) =>
        Trust[a * FactionCount + b] = Trust[b * FactionCount + a] = Math.Clamp(trust, -1, 1);

    /// <summary>Fighters of a faction on the map (not in transit).</summary>
    public double FightersOf(int faction)
    {
        double sum = 0;
        int start = faction * RegionCount;
        for (int r = 0; r < RegionCount; r++) sum += Fighters[start + r];
        return sum;
    }

    /// <summary>Fighters of a faction underground in cells.</summary>
    public double CellsOf(int faction)
    {
        if (Cells.Length == 0) return 0;
        double sum = 0;
        int start = faction * RegionCount;
        for (int r = 0; r < RegionCount; r++) sum += Cells[start + r];
        return sum;
    }

    public double InTransitOf(int faction)
    {
        double sum = 0;
        for (int i = 0; i < TransitCount; i++) if (TransitFaction[i] == faction) sum += TransitFighters[i];
        return sum;
    }
}
