using System.Runtime.InteropServices;
using ConflictSim.Decisions;
using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>
/// Everything that changes during a run, as flat arrays sized once from the scenario: forces, control, relations,
/// the ledger, cells, residents, movements under way, the human players' queued orders, the injects waiting for
/// their day, who commands each faction, and every random stream. Copy one state into another of the same scenario
/// and nothing is allocated, which is what makes undo and "forecast from here" cheap; save it, and a new process
/// continues bit for bit.
/// <para>
/// Each array is declared once, in the constructor, with its starting values (<see cref="StateField"/>). Copy,
/// reset, save, load, fingerprint and comparison all come from that one list; a test fails when a field escapes it.
/// Per-force arrays are indexed [faction * RegionCount + region]; per-pair arrays [a * FactionCount + b].
/// </para>
/// </summary>
public sealed class WorldState
{
    /// <summary>Most orders human players can have queued at once; beyond it an order is refused with a code.</summary>
    public const int PendingCapacity = 1024;
    /// <summary>Most injects that can wait for their day at once.</summary>
    public const int InjectCapacity = 256;

    private readonly List<StateField> _fields = new();
    internal IReadOnlyList<StateField> Fields => _fields;

    /// <summary>
    /// Most movements that can be under way at once; orders beyond it wait (see MovementPhase). Sized from the map:
    /// a force sets out at most twice a day (its one order, then a rout) and is on the road at most the longest
    /// link's days, so 2·F·R·maxLinkDays can be under way; capped at four per region (at least 4,096), so a
    /// continent-sized map is never throttled by the pool rather than by its roads, and at least 64, room for a
    /// script's or a player's extra orders on a tiny map.
    /// </summary>
    internal int TransitCapacity { get; }

    /// <summary>Regions on the map; the stride of per-force arrays.</summary>
    public int RegionCount { get; }
    /// <summary>Factions, splinter slots included; the stride of per-pair arrays.</summary>
    public int FactionCount { get; }

    // The scalars live in one registered array so that they too are copied, saved and compared with the rest.
    private const int DaySlot = 0, TransitSlot = 1, PendingSlot = 2, InjectSlot = 3;
    private readonly int[] _clock;
    /// <summary>Where each faction's underground row is; fixed by the scenario, so not state.</summary>
    private readonly InsurgencyPlan _insurgency;

    /// <summary>Days completed since the start. Day 0 is the start date, before any tick.</summary>
    public int Day { get => _clock[DaySlot]; internal set => _clock[DaySlot] = value; }
    internal int TransitCount { get => _clock[TransitSlot]; set => _clock[TransitSlot] = value; }
    /// <summary>Orders human players have queued for the next step.</summary>
    internal int PendingCount { get => _clock[PendingSlot]; set => _clock[PendingSlot] = value; }
    /// <summary>Injects waiting for their day.</summary>
    internal int InjectCount { get => _clock[InjectSlot]; set => _clock[InjectSlot] = value; }

    /// <summary>The seed the run was last reset or reseeded with (one entry).</summary>
    internal readonly ulong[] SeedField;

    // Forces
    internal readonly double[] Fighters;
    internal readonly double[] Morale;
    /// <summary>Days of supply a force carries; at zero it is out of supply.</summary>
    internal readonly double[] SupplyDays;
    /// <summary>True when the force has a path to a supply source this day.</summary>
    internal readonly bool[] Supplied;
    /// <summary>Losses this day, written by combat and read by morale.</summary>
    internal readonly double[] LossesToday;

    // Regions and links
    internal readonly int[] Controller;
    /// <summary>Per link: the faction whose enemies it is closed to, or -1 when open.</summary>
    internal readonly int[] Blockade;

    // Factions
    internal readonly double[] Cohesion;
    internal readonly double[] Stock;
    internal readonly double[] Income;
    internal readonly double[] Trust;
    /// <summary>Who issues each faction's orders: the utility AI, the scenario's script, or a human player.</summary>
    internal readonly OrderSourceKind[] Commander;

    // Alliances
    /// <summary>Bloc of each faction (a bloc is named by a faction index; members need not include it).</summary>
    internal readonly int[] Bloc;
    /// <summary>False for a splinter slot until its split happens.</summary>
    internal readonly bool[] Active;
    /// <summary>Political weight per faction; a split divides it.</summary>
    internal readonly double[] Weight;
    /// <summary>Days on which members (or splinters) of each camp fought each other.</summary>
    internal readonly int[] CampInfightingDays;

    // Patrons
    internal readonly double[] PatronAir;
    internal readonly double[] PatronArtillery;
    internal readonly double[] PatronSupply;

    // Ledger, per faction. Conservation: Initial + Reinforced + DefectedIn + Recruited
    //   = alive + in transit + cells + Killed + Wounded + Deserted + Dispersed + DefectedOut.
    // Initial includes cells underground at the start; dispersed fighters who go into cells leave Dispersed.
    internal readonly double[] Initial;
    internal readonly double[] Reinforced;
    internal readonly double[] DefectedIn;
    internal readonly double[] Killed;
    internal readonly double[] Wounded;
    internal readonly double[] Deserted;
    internal readonly double[] Dispersed;
    internal readonly double[] DefectedOut;
    /// <summary>Fighters who joined from the population: cell recruits, smuggled fighters, armed residents.</summary>
    internal readonly double[] Recruited;

    // Underground (InsurgencyPhase). Cells are not in Fighters: other factions' AI and combat never see them.
    /// <summary>
    /// Per underground slot (<see cref="Underground"/>): fighters in cells. This and the three arrays after it have a
    /// row per faction with <c>insurgency:</c> (<see cref="InsurgencyPlan"/>), none when no faction has one.
    /// </summary>
    internal readonly double[] Cells;
    /// <summary>Per underground slot: enemies know where this cell group is (a strike found it since it last moved).</summary>
    internal readonly bool[] Detected;
    /// <summary>Per underground slot: region the cell group is on its way to attack, or -1.</summary>
    internal readonly int[] CellGoal;
    /// <summary>Per underground slot: largest cell attack the faction has made on the region.</summary>
    internal readonly double[] AttackPeak;
    /// <summary>Per faction: cell attacks made.</summary>
    internal readonly double[] Attacks;
    /// <summary>Per faction: the part of Dispersed the insurgency phase has already considered.</summary>
    internal readonly double[] DispersedSeen;
    /// <summary>Per patron: strikes a month on enemy cells.</summary>
    internal readonly double[] PatronStrikes;

    // Population (PopulationPhase), per region, in residents
    internal readonly double[] ActiveResidents;
    internal readonly double[] Jailed;
    /// <summary>Residents who took up arms and left the population.</summary>
    internal readonly double[] Armed;
    /// <summary>Per faction: Epstein's L as the residents it rules see it.</summary>
    internal readonly double[] Legitimacy;
    /// <summary>Per faction: residents who took up arms and joined it.</summary>
    internal readonly double[] Risen;

    // Movements under way (a dense pool; order of entries is deterministic)
    internal readonly int[] TransitFaction;
    internal readonly int[] TransitTo;
    internal readonly int[] TransitArrival;
    internal readonly double[] TransitFighters;
    internal readonly double[] TransitMorale;
    internal readonly double[] TransitSupply;

    /// <summary>Orders human players queued for the next step, in submission order.</summary>
    internal readonly Order[] Pending;
    /// <summary>Injects waiting for their day, in the order they were queued.</summary>
    internal readonly ScheduledInject[] Injects;
    /// <summary>Per scenario event: cancelled by a host (it will not happen, or was fired early as injects).</summary>
    internal readonly bool[] EventOff;

    /// <summary>
    /// Every random stream: per phase slot, a shared stream and one per faction (<see cref="PhaseStreams"/>), so a
    /// change in one phase's or one faction's draws leaves the others' alone. Saved with the state, so a loaded
    /// game draws what the live one would have.
    /// </summary>
    internal readonly Xoshiro256StarStar[] Streams;

    // Outcomes: value so far (NaN = not yet happened) and, for first-day kinds, whether fired
    internal readonly double[] OutcomeValue;
    internal readonly bool[] OutcomeFired;

    internal WorldState(Scenario scenario, int streamGroups)
    {
        _insurgency = scenario.Insurgency;
        int r = RegionCount = scenario.RegionCount;
        int f = FactionCount = scenario.FactionCount;
        int p = scenario.PatronCount;
        int forces = f * r;
        int underground = scenario.Insurgency.Insurgents * r; // a row per faction that can go underground (InsurgencyPlan)
        int longest = 1;
        foreach (int d in scenario.LinkDays) longest = Math.Max(longest, d);
        TransitCapacity = (int)Math.Max(64, Math.Min(2L * forces * longest, Math.Max(4096, 4L * r)));

        _clock = Field<int>("clock", 4);
        SeedField = Field<ulong>("seed", 1);
        Fighters = Field<double>("fighters", forces, static (sc, a) =>
        {
            a.Clear();
            for (int k = 0; k < sc.InitialForce.Length; k++) a[sc.InitialForce[k]] = sc.InitialForceFighters[k];
        });
        Morale = Field<double>("morale", forces, static (sc, a) => PerFaction(sc, a, sc.InitialMorale));
        SupplyDays = Field<double>("supply_days", forces, static (sc, a) => PerFaction(sc, a, sc.SupplyCapacity));
        // Forces start with full supply; the first supply phase checks their paths.
        Supplied = Field<bool>("supplied", forces, static (sc, a) => a.Fill(true));
        LossesToday = Field<double>("losses_today", forces);

        Controller = Field<int>("controller", r, static (sc, a) => sc.InitialController.CopyTo(a));
        Blockade = Field<int>("blockade", scenario.LinkCount, static (sc, a) => sc.InitialBlockade.CopyTo(a));

        Cohesion = Field<double>("cohesion", f, static (sc, a) => sc.InitialCohesion.CopyTo(a));
        Stock = Field<double>("stock", f, static (sc, a) => sc.InitialSupply.CopyTo(a));
        Income = Field<double>("income", f, static (sc, a) => sc.InitialIncome.CopyTo(a));
        Trust = Field<double>("trust", f * f, static (sc, a) => sc.InitialTrust.CopyTo(a));
        Commander = Field<OrderSourceKind>("commander", f, static (sc, a) => sc.OrderSources.CopyTo(a));

        Bloc = Field<int>("bloc", f, static (sc, a) => sc.InitialBloc.CopyTo(a));
        Active = Field<bool>("active", f, static (sc, a) => { for (int k = 0; k < a.Length; k++) a[k] = k < sc.DeclaredFactionCount; });
        Weight = Field<double>("weight", f, static (sc, a) => sc.Weight.CopyTo(a));
        CampInfightingDays = Field<int>("camp_infighting_days", scenario.CampCount);

        PatronAir = Field<double>("patron_air", p, static (sc, a) => sc.PatronAir.CopyTo(a));
        PatronArtillery = Field<double>("patron_artillery", p, static (sc, a) => sc.PatronArtillery.CopyTo(a));
        PatronSupply = Field<double>("patron_supply", p, static (sc, a) => sc.PatronSupply.CopyTo(a));

        Initial = Field<double>("initial", f, static (sc, a) =>
        {
            int nr = sc.RegionCount;
            for (int k = 0; k < a.Length; k++)
            {
                double total = sc.InitialFightersOf(k);
                if (sc.Insurgency.Slot[k] >= 0) for (int i = 0; i < nr; i++) total += sc.Insurgency.InitialCells[sc.Insurgency.Underground(k, i)];
                a[k] = total;
            }
        });
        Reinforced = Field<double>("reinforced", f);
        DefectedIn = Field<double>("defected_in", f);
        Killed = Field<double>("killed", f);
        Wounded = Field<double>("wounded", f);
        Deserted = Field<double>("deserted", f);
        Dispersed = Field<double>("dispersed", f);
        DefectedOut = Field<double>("defected_out", f);
        Recruited = Field<double>("recruited", f);

        Cells = Field<double>("cells", underground, static (sc, a) => sc.Insurgency.InitialCells.CopyTo(a));
        Detected = Field<bool>("detected", underground);
        CellGoal = Field<int>("cell_goal", underground, static (sc, a) => a.Fill(-1));
        AttackPeak = Field<double>("attack_peak", underground);
        Attacks = Field<double>("attacks", f);
        DispersedSeen = Field<double>("dispersed_seen", f);
        PatronStrikes = Field<double>("patron_strikes", p, static (sc, a) => sc.Insurgency.PatronStrikes.CopyTo(a));

        ActiveResidents = Field<double>("active_residents", r);
        Jailed = Field<double>("jailed", r);
        Armed = Field<double>("armed", r);
        Legitimacy = Field<double>("legitimacy", f, static (sc, a) => sc.Population.InitialLegitimacy.CopyTo(a));
        Risen = Field<double>("risen", f);

        int cap = TransitCapacity;
        TransitFaction = Field<int>("transit_faction", cap, used: static s => s.TransitCount);
        TransitTo = Field<int>("transit_to", cap, used: static s => s.TransitCount);
        TransitArrival = Field<int>("transit_arrival", cap, used: static s => s.TransitCount);
        TransitFighters = Field<double>("transit_fighters", cap, used: static s => s.TransitCount);
        TransitMorale = Field<double>("transit_morale", cap, used: static s => s.TransitCount);
        TransitSupply = Field<double>("transit_supply", cap, used: static s => s.TransitCount);

        Pending = Field<Order>("pending_orders", PendingCapacity, used: static s => s.PendingCount);
        Injects = Field<ScheduledInject>("injects", InjectCapacity, used: static s => s.InjectCount);
        EventOff = Field<bool>("event_off", scenario.EventDay.Length);

        // Seeded by Simulation.Reset or Reseed, which know the phases' names; zero here.
        Streams = Field<Xoshiro256StarStar>("streams", streamGroups * PhaseStreams.PerPhase(f));

        OutcomeValue = Field<double>("outcome_value", scenario.Outcomes.Length, static (sc, a) => a.Fill(double.NaN));
        OutcomeFired = Field<bool>("outcome_fired", scenario.Outcomes.Length);
    }

    private T[] Field<T>(string name, int length, FieldStart<T>? start = null, Func<WorldState, int>? used = null) where T : unmanaged
    {
        var values = new T[length];
        _fields.Add(new StateField<T>(name, values, start, used));
        return values;
    }

    private static void PerFaction(Scenario sc, Span<double> forces, double[] perFaction)
    {
        int nr = sc.RegionCount;
        for (int f = 0; f < perFaction.Length; f++) forces.Slice(f * nr, nr).Fill(perFaction[f]);
    }

    /// <summary>Puts every field back to the scenario's start (streams to zero, for the caller to seed). Allocates nothing.</summary>
    internal void Reset(Scenario scenario)
    {
        foreach (var field in _fields) field.Reset(scenario);
    }

    /// <summary>Copies every field into <paramref name="target"/>, which must come from the same scenario. Allocates nothing.</summary>
    public void CopyTo(WorldState target)
    {
        CheckSameShape(target);
        // The counts come first: they say how much of each pool the copy below carries.
        _clock.CopyTo(target._clock, 0);
        for (int i = 0; i < _fields.Count; i++) _fields[i].Bytes(this).CopyTo(target._fields[i].Bytes(target));
    }

    /// <summary>A 64-bit digest of every bit of the state in use, streams included: equal states give equal digests.</summary>
    public ulong Fingerprint()
    {
        ulong h = 14695981039346656037UL;
        foreach (var field in _fields)
        {
            var bytes = field.Bytes(this);
            h = Mix(h, (ulong)bytes.Length);
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (ulong w in words) h = Mix(h, w);
            for (int i = words.Length * 8; i < bytes.Length; i++) h = Mix(h, bytes[i]);
        }
        return h;

        static ulong Mix(ulong h, ulong v)
        {
            h ^= v; h *= 1099511628211UL;
            return h ^ (h >> 29);
        }
    }

    /// <summary>
    /// The first field in which two states of the same scenario differ, or null when they are identical; fields named
    /// in <paramref name="ignoring"/> are skipped (e.g. "streams" and "seed", to compare two deterministic runs).
    /// </summary>
    public string? FirstDifference(WorldState other, params string[] ignoring)
    {
        CheckSameShape(other);
        for (int i = 0; i < _fields.Count; i++)
        {
            if (Array.IndexOf(ignoring, _fields[i].Name) >= 0) continue;
            if (!_fields[i].Bytes(this).SequenceEqual(other._fields[i].Bytes(other))) return _fields[i].Name;
        }
        return null;
    }

    /// <summary>Names of the fields the state is made of, in declaration (and file) order.</summary>
    public IEnumerable<string> FieldNames()
    {
        foreach (var field in _fields) yield return field.Name;
    }

    /// <summary>Why the counts cannot be right (a pool count beyond its capacity, a negative day), or null.</summary>
    internal string? CountsProblem() =>
        Day < 0 ? $"day {Day} is negative"
        : (uint)TransitCount > (uint)TransitCapacity ? $"{TransitCount} movements under way; at most {TransitCapacity} fit"
        : (uint)PendingCount > PendingCapacity ? $"{PendingCount} queued orders; at most {PendingCapacity} fit"
        : (uint)InjectCount > InjectCapacity ? $"{InjectCount} queued injects; at most {InjectCapacity} fit"
        : null;

    /// <summary>A read-only view of this state by faction and region.</summary>
    public StateView View => new(this);

    private void CheckSameShape(WorldState other)
    {
        if (other.RegionCount != RegionCount || other.FactionCount != FactionCount || other.Streams.Length != Streams.Length
            || other.Cells.Length != Cells.Length || other.OutcomeValue.Length != OutcomeValue.Length || other.Blockade.Length != Blockade.Length)
            throw new ArgumentException("the other state belongs to a different scenario", nameof(other));
    }

    internal int Force(int faction, int region) => faction * RegionCount + region;

    /// <summary>Index of (faction, region) in the underground arrays; the faction must have <c>insurgency:</c>.</summary>
    internal int Underground(int faction, int region) => _insurgency.Underground(faction, region);

    /// <summary>True when the faction has a row in the underground arrays.</summary>
    internal bool GoesUnderground(int faction) => _insurgency.Slot[faction] >= 0;

    /// <summary>Adds fighters to a force; its morale and carried supply become fighter-weighted means.</summary>
    internal void Join(int force, double fighters, double morale, double supplyDays)
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
    internal bool Send(int faction, int to, double fighters, double morale, double supplyDays, int arrival)
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

    internal double TrustBetween(int a, int b) => Trust[a * FactionCount + b];

    /// <summary>Sets the trust between two factions, both ways (trust is symmetric), clamped to [−1, 1].</summary>
    internal void SetTrust(int a, int b, double trust) =>
        Trust[a * FactionCount + b] = Trust[b * FactionCount + a] = Math.Clamp(trust, -1, 1);

    /// <summary>Fighters of a faction on the map (not in transit).</summary>
    internal double FightersOf(int faction)
    {
        double sum = 0;
        int start = faction * RegionCount;
        for (int r = 0; r < RegionCount; r++) sum += Fighters[start + r];
        return sum;
    }

    /// <summary>Fighters of a faction underground in cells.</summary>
    internal double CellsOf(int faction)
    {
        if (_insurgency.Slot[faction] < 0) return 0;
        double sum = 0;
        int start = Underground(faction, 0);
        for (int r = 0; r < RegionCount; r++) sum += Cells[start + r];
        return sum;
    }

    internal double InTransitOf(int faction)
    {
        double sum = 0;
        for (int i = 0; i < TransitCount; i++) if (TransitFaction[i] == faction) sum += TransitFighters[i];
        return sum;
    }
}

/// <summary>An inject waiting in the state for the day it takes effect.</summary>
internal readonly record struct ScheduledInject(int Day, Effect Effect);
