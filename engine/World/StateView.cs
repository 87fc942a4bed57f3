namespace ConflictSim;

/// <summary>
/// A read-only window on a <see cref="WorldState"/>, for reports, hosts and tests. The spans are the live arrays:
/// per-force spans are indexed [faction * RegionCount + region] (<see cref="Force"/>), per-pair spans
/// [a * FactionCount + b]. Nothing here can change the state; a host changes it through orders and injects.
/// </summary>
public readonly struct StateView(WorldState state)
{
    /// <summary>Days completed since the start; 0 is the start date, before any tick.</summary>
    public int Day => state.Day;
    /// <summary>Regions on the map; the stride of the per-force spans.</summary>
    public int RegionCount => state.RegionCount;
    /// <summary>Factions, splinter slots included; the stride of the per-pair spans.</summary>
    public int FactionCount => state.FactionCount;
    /// <summary>Index of the force of <paramref name="faction"/> in <paramref name="region"/> in the per-force spans: faction * RegionCount + region.</summary>
    public int Force(int faction, int region) => state.Force(faction, region);

    /// <summary>Per force: fighters on the map (cells and movements under way not included).</summary>
    public ReadOnlySpan<double> Fighters => state.Fighters;
    /// <summary>Per force: morale in [0, 1].</summary>
    public ReadOnlySpan<double> Morale => state.Morale;
    /// <summary>Per force: days of supply carried; at zero the force is out of supply.</summary>
    public ReadOnlySpan<double> SupplyDays => state.SupplyDays;
    /// <summary>Per force: true when the force has a path to one of its faction's supply sources today.</summary>
    public ReadOnlySpan<bool> Supplied => state.Supplied;
    /// <summary>Per region: the controlling faction, or -1.</summary>
    public ReadOnlySpan<int> Controller => state.Controller;
    /// <summary>Per link: the faction whose enemies it is closed to, or -1.</summary>
    public ReadOnlySpan<int> Blockade => state.Blockade;
    /// <summary>Per faction: cohesion in [0, 1], the level its forces' morale recovers toward.</summary>
    public ReadOnlySpan<double> Cohesion => state.Cohesion;
    /// <summary>Per faction: supply stock, in fighter-days.</summary>
    public ReadOnlySpan<double> Stock => state.Stock;
    /// <summary>Per faction: supply income, in fighter-days per day.</summary>
    public ReadOnlySpan<double> Income => state.Income;
    /// <summary>Per pair [a * FactionCount + b]: trust in [−1, 1], symmetric.</summary>
    public ReadOnlySpan<double> Trust => state.Trust;
    /// <summary>Trust between factions <paramref name="a"/> and <paramref name="b"/>, in [−1, 1].</summary>
    public double TrustBetween(int a, int b) => state.TrustBetween(a, b);
    /// <summary>Per faction: its bloc, named by a faction index (the bloc need not include that faction).</summary>
    public ReadOnlySpan<int> Bloc => state.Bloc;
    /// <summary>Per faction: false for a splinter slot until its split happens.</summary>
    public ReadOnlySpan<bool> Active => state.Active;
    /// <summary>Per faction: political weight in fighter-equivalents, counted with fighting strength when blocs form.</summary>
    public ReadOnlySpan<double> Weight => state.Weight;
    /// <summary>Per camp: days on which two of its successors hostile to each other had fighters in the same region.</summary>
    public ReadOnlySpan<int> CampInfightingDays => state.CampInfightingDays;
    /// <summary>Per patron: air sorties per day.</summary>
    public ReadOnlySpan<double> PatronAir => state.PatronAir;
    /// <summary>Per patron: artillery battery-days per day.</summary>
    public ReadOnlySpan<double> PatronArtillery => state.PatronArtillery;
    /// <summary>Per patron: supply delivered to the client's stock, in fighter-days per day.</summary>
    public ReadOnlySpan<double> PatronSupply => state.PatronSupply;
    /// <summary>Per patron: strikes a month on the cells of the client's enemies.</summary>
    public ReadOnlySpan<double> PatronStrikes => state.PatronStrikes;

    // The ledger, per faction.
    /// <summary>Per faction: fighters at the start (the ledger), cells underground at the start included.</summary>
    public ReadOnlySpan<double> Initial => state.Initial;
    /// <summary>Per faction: fighters added by reinforcements so far (the ledger).</summary>
    public ReadOnlySpan<double> Reinforced => state.Reinforced;
    /// <summary>Per faction: fighters who defected to it so far, splinters' founders included (the ledger).</summary>
    public ReadOnlySpan<double> DefectedIn => state.DefectedIn;
    /// <summary>Per faction: fighters killed so far (the ledger).</summary>
    public ReadOnlySpan<double> Killed => state.Killed;
    /// <summary>Per faction: fighters wounded so far (the ledger).</summary>
    public ReadOnlySpan<double> Wounded => state.Wounded;
    /// <summary>Per faction: fighters who deserted so far (the ledger).</summary>
    public ReadOnlySpan<double> Deserted => state.Deserted;
    /// <summary>Per faction: fighters dispersed so far who went home for good, not into cells (the ledger).</summary>
    public ReadOnlySpan<double> Dispersed => state.Dispersed;
    /// <summary>Per faction: fighters who defected away so far, to another faction or a splinter (the ledger).</summary>
    public ReadOnlySpan<double> DefectedOut => state.DefectedOut;
    /// <summary>Per faction: fighters who joined from the population so far: cell recruits, smuggled fighters, armed residents (the ledger).</summary>
    public ReadOnlySpan<double> Recruited => state.Recruited;

    /// <summary>
    /// Fighters underground, a row of regions per faction that can go underground (<see cref="Underground"/> gives
    /// the index; empty when no faction can).
    /// </summary>
    public ReadOnlySpan<double> Cells => state.Cells;
    /// <summary>Index into <see cref="Cells"/>, <see cref="Detected"/> and <see cref="AttackPeak"/>, or -1 when the faction has no <c>insurgency:</c>.</summary>
    public int Underground(int faction, int region) => state.GoesUnderground(faction) ? state.Underground(faction, region) : -1;
    /// <summary>Per underground slot: enemies know where this cell group is (a strike found it since it last moved); empty like <see cref="Cells"/>.</summary>
    public ReadOnlySpan<bool> Detected => state.Detected;
    /// <summary>Per faction: cell attacks made so far; empty like <see cref="Cells"/>.</summary>
    public ReadOnlySpan<double> Attacks => state.Attacks;
    /// <summary>Per underground slot: fighters in the largest cell attack the faction has made on the region; empty like <see cref="Cells"/>.</summary>
    public ReadOnlySpan<double> AttackPeak => state.AttackPeak;

    // Residents, per region; legitimacy and risen, per faction.
    /// <summary>Per region: residents currently active (in open revolt) against the ruler.</summary>
    public ReadOnlySpan<double> ActiveResidents => state.ActiveResidents;
    /// <summary>Per region: residents currently in jail.</summary>
    public ReadOnlySpan<double> Jailed => state.Jailed;
    /// <summary>Per region: residents who took up arms and left the population, so far.</summary>
    public ReadOnlySpan<double> Armed => state.Armed;
    /// <summary>Per faction: Epstein's L in [0, 1] as the residents it rules see it.</summary>
    public ReadOnlySpan<double> Legitimacy => state.Legitimacy;
    /// <summary>Per faction: residents who took up arms and joined it, so far.</summary>
    public ReadOnlySpan<double> Risen => state.Risen;

    /// <summary>Movements under way: faction, destination, arrival day and fighters of each.</summary>
    public ReadOnlySpan<int> TransitFaction => state.TransitFaction.AsSpan(0, state.TransitCount);
    /// <summary>Per movement under way: destination region.</summary>
    public ReadOnlySpan<int> TransitTo => state.TransitTo.AsSpan(0, state.TransitCount);
    /// <summary>Per movement under way: the day it arrives (it lands in the movement phase once <see cref="Day"/> reaches it).</summary>
    public ReadOnlySpan<int> TransitArrival => state.TransitArrival.AsSpan(0, state.TransitCount);
    /// <summary>Per movement under way: fighters moving.</summary>
    public ReadOnlySpan<double> TransitFighters => state.TransitFighters.AsSpan(0, state.TransitCount);

    /// <summary>Outcome values so far, in declaration order; NaN = a first-day outcome that has not happened.</summary>
    public ReadOnlySpan<double> OutcomeValue => state.OutcomeValue;

    /// <summary>Fighters of the faction on the map, summed over regions (cells and movements under way not included).</summary>
    public double FightersOf(int faction) => state.FightersOf(faction);
    /// <summary>Fighters of the faction underground in cells, summed over regions; 0 when no faction has cells.</summary>
    public double CellsOf(int faction) => state.CellsOf(faction);
    /// <summary>Fighters of the faction in movements under way.</summary>
    public double InTransitOf(int faction) => state.InTransitOf(faction);
}
