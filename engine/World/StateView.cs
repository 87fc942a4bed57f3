namespace ConflictSim;

/// <summary>
/// A read-only window on a <see cref="WorldState"/>, for reports, hosts and tests. The spans are the live arrays:
/// per-force spans are indexed [faction * RegionCount + region] (<see cref="Force"/>), per-pair spans
/// [a * FactionCount + b]. Nothing here can change the state; a host changes it through orders and injects.
/// </summary>
public readonly struct StateView(WorldState state)
{
    public int Day => state.Day;
    public int RegionCount => state.RegionCount;
    public int FactionCount => state.FactionCount;
    public int Force(int faction, int region) => state.Force(faction, region);

    public ReadOnlySpan<double> Fighters => state.Fighters;
    public ReadOnlySpan<double> Morale => state.Morale;
    public ReadOnlySpan<double> SupplyDays => state.SupplyDays;
    public ReadOnlySpan<bool> Supplied => state.Supplied;
    /// <summary>Per region: the controlling faction, or -1.</summary>
    public ReadOnlySpan<int> Controller => state.Controller;
    /// <summary>Per link: the faction whose enemies it is closed to, or -1.</summary>
    public ReadOnlySpan<int> Blockade => state.Blockade;
    public ReadOnlySpan<double> Cohesion => state.Cohesion;
    public ReadOnlySpan<double> Stock => state.Stock;
    public ReadOnlySpan<double> Income => state.Income;
    public ReadOnlySpan<double> Trust => state.Trust;
    public double TrustBetween(int a, int b) => state.TrustBetween(a, b);
    public ReadOnlySpan<int> Bloc => state.Bloc;
    public ReadOnlySpan<bool> Active => state.Active;
    public ReadOnlySpan<double> Weight => state.Weight;
    public ReadOnlySpan<int> CampInfightingDays => state.CampInfightingDays;
    public ReadOnlySpan<double> PatronAir => state.PatronAir;
    public ReadOnlySpan<double> PatronArtillery => state.PatronArtillery;
    public ReadOnlySpan<double> PatronSupply => state.PatronSupply;
    public ReadOnlySpan<double> PatronStrikes => state.PatronStrikes;

    // The ledger, per faction.
    public ReadOnlySpan<double> Initial => state.Initial;
    public ReadOnlySpan<double> Reinforced => state.Reinforced;
    public ReadOnlySpan<double> DefectedIn => state.DefectedIn;
    public ReadOnlySpan<double> Killed => state.Killed;
    public ReadOnlySpan<double> Wounded => state.Wounded;
    public ReadOnlySpan<double> Deserted => state.Deserted;
    public ReadOnlySpan<double> Dispersed => state.Dispersed;
    public ReadOnlySpan<double> DefectedOut => state.DefectedOut;
    public ReadOnlySpan<double> Recruited => state.Recruited;

    /// <summary>Per force: fighters underground (empty when no faction can go underground).</summary>
    public ReadOnlySpan<double> Cells => state.Cells;
    public ReadOnlySpan<bool> Detected => state.Detected;
    public ReadOnlySpan<double> Attacks => state.Attacks;
    public ReadOnlySpan<double> AttackPeak => state.AttackPeak;

    // Residents, per region; legitimacy and risen, per faction.
    public ReadOnlySpan<double> ActiveResidents => state.ActiveResidents;
    public ReadOnlySpan<double> Jailed => state.Jailed;
    public ReadOnlySpan<double> Armed => state.Armed;
    public ReadOnlySpan<double> Legitimacy => state.Legitimacy;
    public ReadOnlySpan<double> Risen => state.Risen;

    /// <summary>Movements under way: faction, destination, arrival day and fighters of each.</summary>
    public ReadOnlySpan<int> TransitFaction => state.TransitFaction.AsSpan(0, state.TransitCount);
    public ReadOnlySpan<int> TransitTo => state.TransitTo.AsSpan(0, state.TransitCount);
    public ReadOnlySpan<int> TransitArrival => state.TransitArrival.AsSpan(0, state.TransitCount);
    public ReadOnlySpan<double> TransitFighters => state.TransitFighters.AsSpan(0, state.TransitCount);

    /// <summary>Outcome values so far, in declaration order; NaN = a first-day outcome that has not happened.</summary>
    public ReadOnlySpan<double> OutcomeValue => state.OutcomeValue;

    public double FightersOf(int faction) => state.FightersOf(faction);
    public double CellsOf(int faction) => state.CellsOf(faction);
    public double InTransitOf(int faction) => state.InTransitOf(faction);
}
