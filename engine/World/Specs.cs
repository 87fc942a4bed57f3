namespace ConflictSim;

/// <summary>
/// Ground the map is fought over. Defence multipliers divide fire aimed at the region's holder. Sea is open
/// water: it carries supply along sea lanes but is never held, entered or fought over.
/// </summary>
public enum Terrain
{
    /// <summary>Open ground; default defence 1.0.</summary>
    Open,
    /// <summary>Built-up ground; default defence 2.0, the most cover.</summary>
    Urban,
    /// <summary>Desert; default defence 1.0.</summary>
    Desert,
    /// <summary>Hills; default defence 1.5.</summary>
    Hills,
    /// <summary>Coastal land; default defence 1.1.</summary>
    Coast,
    /// <summary>Open water: carries supply along sea lanes, never held, entered or fought over.</summary>
    Sea,
}

/// <summary>How a link is crossed. Sea lanes can be closed by a naval blockade.</summary>
public enum LinkKind
{
    /// <summary>A road (the default); travel time is the link's <c>days</c>.</summary>
    Road,
    /// <summary>A sea lane; the only kind a blockade can close.</summary>
    Sea,
    /// <summary>A track, e.g. across desert; crossed like a road, its <c>days</c> setting the travel time.</summary>
    Track,
}

/// <summary>Who issues a faction's orders each day.</summary>
public enum OrderSourceKind
{
    /// <summary>The utility AI decides (the default).</summary>
    Ai,
    /// <summary>The scenario's <c>orders:</c> list, on their days.</summary>
    Scripted,
    /// <summary>A player, through orders submitted to the simulation or session.</summary>
    Human,
}

/// <summary>Whether combat samples its losses or applies their expected values.</summary>
public enum CombatMode
{
    /// <summary>Losses, desertion, dispersal and defection are sampled; the AI samples its choice (the default).</summary>
    Stochastic,
    /// <summary>Expected values throughout; the AI takes its best option and events happen when their probability is ≥ 0.5, so the run does not depend on the seed.</summary>
    Deterministic,
}

/// <summary>What the utility AI decides from: what its faction observes (see <see cref="Observation"/>), or the truth.</summary>
public enum InformationMode
{
    /// <summary>Own forces exactly, others only in or next to regions it holds or stands in, as strength bands; cells never (the default).</summary>
    Observed,
    /// <summary>Every force exactly.</summary>
    Perfect,
}

/// <summary>A region as written (<c>regions:</c>): a node of the map. Ids, not indices; <see cref="Scenario.Compile"/> resolves them.</summary>
public sealed record RegionSpec
{
    /// <summary>Region id, <c>[a-z0-9_]+</c>, unique among regions.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>Latitude in degrees, −90..90; default 0.</summary>
    public double Lat { get; init; }
    /// <summary>Longitude in degrees, −180..180; default 0.</summary>
    public double Lon { get; init; }
    /// <summary>Ground type; selects the defence multiplier (<see cref="Settings.Defence"/>). <see cref="Terrain.Sea"/> is never held or entered.</summary>
    public Terrain Terrain { get; init; } = Terrain.Open;
    /// <summary>Inhabitants (people, ≥ 0); the residents who may rise (PopulationPhase). Default 0.</summary>
    public double Population { get; init; }
    /// <summary>Economic value in the AI's utility units (oil terminal, port, …).</summary>
    public double Value { get; init; }
    /// <summary>Has an oil terminal.</summary>
    public bool OilTerminal { get; init; }
    /// <summary>Has a port.</summary>
    public bool Port { get; init; }
    /// <summary>City this region is a district of, or null.</summary>
    public string? City { get; init; }
    /// <summary>Initial controller (faction id) or null.</summary>
    public string? Controller { get; init; }
    /// <summary>Faction residents who take up arms join (overrides the ruler's <see cref="FactionSpec.RebelsJoin"/>); see PopulationPhase.</summary>
    public string? RisesFor { get; init; }
    /// <summary>
    /// Works that make this one region harder to take than its terrain says (a fortified last pocket): multiplies the
    /// terrain's defence for the holder and its allies; default 1 (CombatPhase).
    /// </summary>
    public double Fortification { get; init; } = 1.0;
    /// <summary>
    /// Multiplies every faction's killed fraction in fights here: the kind of fighting (a siege with a short evacuation
    /// line, say) decides how many of the hit die; default 1 (CombatPhase).
    /// </summary>
    public double KilledScale { get; init; } = 1.0;
}

/// <summary>A link as written (<c>links:</c>): an undirected edge of the map; at most one per pair of regions.</summary>
public sealed record LinkSpec
{
    /// <summary>Region id of one end.</summary>
    public required string From { get; init; }
    /// <summary>Region id of the other end (≠ <see cref="From"/>).</summary>
    public required string To { get; init; }
    /// <summary>How the link is crossed; only sea links can be blockaded.</summary>
    public LinkKind Kind { get; init; } = LinkKind.Road;
    /// <summary>Travel time in whole days (≥ 1).</summary>
    public int Days { get; init; } = 1;
}

/// <summary>Parameters of the utility AI. All weights are dimensionless.</summary>
public sealed record Doctrine
{
    /// <summary>Weight on advancing toward objectives and attacking.</summary>
    public double Aggression { get; init; } = 0.5;
    /// <summary>Weight on avoiding bad odds and withdrawing.</summary>
    public double Caution { get; init; } = 0.5;
    /// <summary>Force ratio (own/enemy, after terrain) the faction wants before it attacks.</summary>
    public double AttackRatio { get; init; } = 1.5;
    /// <summary>Share of a force committed to an attack or reinforcement (advances through quiet ground move it whole).</summary>
    public double Commit { get; init; } = 0.5;
    /// <summary>Fighters kept at each of the faction's supply sources whatever else is ordered.</summary>
    public double Garrison { get; init; }
    /// <summary>Softmax temperature of the stochastic choice; small = near argmax.</summary>
    public double Temperature { get; init; } = 0.2;
    /// <summary>Morale below which a force in contact may rout.</summary>
    public double RoutMorale { get; init; } = 0.2;
    /// <summary>Share of a trapped, routing force that slips away and disperses per day.</summary>
    public double DispersalRate { get; init; }
    /// <summary>Faction that low-morale fighters defect to, or null.</summary>
    public string? DefectTo { get; init; }
    /// <summary>Region the defectors join the other faction in.</summary>
    public string? DefectRegion { get; init; }
    /// <summary>Daily defection share at morale zero; scales linearly up to <see cref="DefectMorale"/>.</summary>
    public double DefectionRate { get; init; }
    /// <summary>Morale at and above which nobody defects; default 0.4.</summary>
    public double DefectMorale { get; init; } = 0.4;
    /// <summary>
    /// A local force that stands aside: when the hostile fighters in a region reach this many times its own there, it
    /// leaves without fighting and its fighters disperse (CombatPhase). 0 (the default) never stands aside.
    /// </summary>
    public double StandAside { get; init; }
    /// <summary>
    /// A raiding force: when it routs it goes home (its fighters disperse) instead of falling back to regroup and come
    /// again, so a repelled raid does not return (MoralePhase). Default false.
    /// </summary>
    public bool RoutedGoHome { get; init; }
}

/// <summary>A faction as written (<c>factions:</c>): an armed group, its strength, supply and doctrine.</summary>
public sealed record FactionSpec
{
    /// <summary>Faction id, <c>[a-z0-9_]+</c>, unique among factions.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>Multiplier on all fire (training, equipment).</summary>
    public double Quality { get; init; } = 1.0;
    /// <summary>Aimed-fire kill rate: enemy fighters put out of action per own fighter per day (square law).</summary>
    public double AimedFire { get; init; } = 0.02;
    /// <summary>Area-fire coefficient: share of enemy fighters hit per own fighter per day (linear law).</summary>
    public double AreaFire { get; init; }
    /// <summary>Share of losses that are killed; the rest are wounded.</summary>
    public double KilledFraction { get; init; } = 0.33;
    /// <summary>Initial morale of its forces, in [0, 1]; default 0.7.</summary>
    public double Morale { get; init; } = 0.7;
    /// <summary>Cohesion in [0, 1]: the level morale recovers toward; default 0.7.</summary>
    public double Cohesion { get; init; } = 0.7;
    /// <summary>Supply stock in fighter-days.</summary>
    public double Supply { get; init; }
    /// <summary>Days of supply each force carries when full; null = the scenario default.</summary>
    public double? SupplyDays { get; init; }
    /// <summary>Supply income in fighter-days per day.</summary>
    public double Income { get; init; }
    /// <summary>Region ids that supply the faction; a force is supplied when it has a path to one.</summary>
    public IReadOnlyList<string> SupplySources { get; init; } = [];
    /// <summary>Initial fighters per region id (whole, ≥ 0).</summary>
    public IReadOnlyDictionary<string, double> Forces { get; init; } = new Dictionary<string, double>();
    /// <summary>Objective value per region id, in utility units.</summary>
    public IReadOnlyDictionary<string, double> Objectives { get; init; } = new Dictionary<string, double>();
    /// <summary>Utility-AI parameters.</summary>
    public Doctrine Doctrine { get; init; } = new();
    /// <summary>Who issues the faction's orders; default the utility AI.</summary>
    public OrderSourceKind Orders { get; init; } = OrderSourceKind.Ai;
    /// <summary>Underground cells after territorial defeat, or null for a faction that never goes underground (InsurgencyPhase).</summary>
    public InsurgencySpec? Insurgency { get; init; }
    /// <summary>Epstein's L as residents it rules see it; 1 = no grievance, so no uprising (PopulationPhase).</summary>
    public double Legitimacy { get; init; } = 1.0;
    /// <summary>Faction that residents rising against this one join, unless the region names its own <c>rises_for</c>.</summary>
    public string? RebelsJoin { get; init; }
    /// <summary>Political weight in fighter-equivalents, added to fighting strength when blocs form (a government with few guns still counts).</summary>
    public double Weight { get; init; }
    /// <summary>Position on each declared ideology dimension, in [0, 1].</summary>
    public IReadOnlyDictionary<string, double> Ideology { get; init; } = new Dictionary<string, double>();
    /// <summary>Faction this one expects supplies from; its supply failures turn into grievance against it.</summary>
    public string? Supplier { get; init; }
    /// <summary>How the faction splits when its cohesion collapses, or null if it never does.</summary>
    public SplinterSpec? Splinter { get; init; }
}

/// <summary>
/// A splinter a faction throws off when its cohesion falls below <see cref="Below"/>: a new faction, dormant
/// until then, that takes a share of the parent's fighters wherever they stand.
/// </summary>
public sealed record SplinterSpec
{
    /// <summary>Cohesion below which the faction splits (once per run).</summary>
    public double Below { get; init; } = 0.3;
    /// <summary>Expected share of each of the parent's forces that leaves with the splinter.</summary>
    public double Share { get; init; } = 0.4;
    /// <summary>Trust between the splinter and its parent right after the split.</summary>
    public double Trust { get; init; } = -0.3;
    /// <summary>Display name of the splinter faction; null = "&lt;parent name&gt; (splinter)". Its id is the parent's id plus <see cref="Scenario.SplinterSuffix"/>.</summary>
    public string? Name { get; init; }
    /// <summary>Trust toward named factions right after the split, where the splinter parts from its parent's view.</summary>
    public IReadOnlyDictionary<string, double> Relations { get; init; } = new Dictionary<string, double>();
}

/// <summary>A camp the scenario tracks for fragmentation: the factions aligned with it at the start.</summary>
public sealed record CampSpec
{
    /// <summary>Camp id, <c>[a-z0-9_]+</c>; prefixes the ids of the five outcomes the camp adds.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>Faction ids aligned with the camp at the start (≥ 1; a faction is in at most one camp).</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>Pairwise trust/propensity in [-1, 1]; symmetric.</summary>
public sealed record RelationSpec(string A, string B, double Trust);

/// <summary>An outside power backing a client faction.</summary>
public sealed record PatronSpec
{
    /// <summary>Patron id, <c>[a-z0-9_]+</c>, unique among patrons.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>Faction id of the client the patron backs.</summary>
    public required string Client { get; init; }
    /// <summary>Air sorties per day, spread over the client's battles (linear-law area fire).</summary>
    public double AirSorties { get; init; }
    /// <summary>Artillery batteries per day, spread the same way.</summary>
    public double Artillery { get; init; }
    /// <summary>Share of the enemies in a battle one sortie or battery-day puts out of action.</summary>
    public double Lethality { get; init; } = 0.002;
    /// <summary>Supply delivered to the client's stock per day, in fighter-days.</summary>
    public double Supply { get; init; }
    /// <summary>Sea links (by "from-to") this patron's navy closes to the client's enemies from day 0.</summary>
    public IReadOnlyList<string> Blockade { get; init; } = [];
    /// <summary>Strikes a month on the cells of the client's enemies (InsurgencyPhase); 0 = none.</summary>
    public double StrikesPerMonth { get; init; }
    /// <summary>Probability that one strike finds a given cell group.</summary>
    public double Detection { get; init; } = 0.1;
    /// <summary>Share of a found cell group one strike kills.</summary>
    public double StrikeLethality { get; init; } = 0.3;
}

/// <summary>What a scripted event's effect (or a host's inject) changes; the README's effects table gives each kind's keys.</summary>
public enum EffectKind
{
    /// <summary>Fresh fighters (<c>Amount</c>) arrive for <c>Faction</c> in <c>Region</c> at its starting morale and full supply, counted as reinforced.</summary>
    Reinforce,
    /// <summary>Morale of the faction's force in <c>Region</c> (null: all its forces) moves by <c>Amount</c>, in [−1, 1].</summary>
    Morale,
    /// <summary>The faction's cohesion moves by <c>Amount</c>, in [−1, 1].</summary>
    Cohesion,
    /// <summary>Trust between <c>Faction</c> and <c>Other</c> moves by <c>Amount</c> (both ways, clamped to [−1, 1]).</summary>
    Relation,
    /// <summary>The sea link <c>Link</c> is closed to the enemies of <c>Faction</c>.</summary>
    Blockade,
    /// <summary>The blockade on <c>Link</c> is lifted.</summary>
    Lift,
    /// <summary>The patron's air sorties (<c>Amount</c>) and artillery (<c>Amount2</c>) per day are set; NaN leaves one unchanged.</summary>
    Patron,
    /// <summary>A share <c>Amount</c> in [0, 1] of the faction's force in <c>Region</c> (null: all its forces) disperses.</summary>
    Disperse,
    /// <summary>The faction's supply income is set to <c>Amount</c> fighter-days per day.</summary>
    Income,
    /// <summary><c>Amount</c> fighter-days are added to the faction's supply stock.</summary>
    Supply,
    /// <summary>Every faction not hostile to <c>Faction</c> changes its trust in it by <c>Amount</c>, scaled by its position on <c>Dimension</c> if given.</summary>
    Betrayal,
    /// <summary>The faction's legitimacy moves by <c>Amount</c>, clamped to [0, 1].</summary>
    Legitimacy,
    /// <summary>The patron's strike tempo is set to <c>Amount</c> strikes a month from now on.</summary>
    Strikes,
    /// <summary>Fighters added to (or, negative, taken from) one force; added ones count as reinforced, taken ones as dispersed.</summary>
    Fighters,
    /// <summary>A region changes hands (Faction −1: nobody holds it).</summary>
    Control,
}

/// <summary>One change a scripted event makes. Which fields matter depends on <see cref="Kind"/>.</summary>
public sealed record EffectSpec
{
    /// <summary>What the effect changes; decides which of the other fields are read.</summary>
    public required EffectKind Kind { get; init; }
    /// <summary>Faction id the effect applies to (relation: the first of the pair; blockade: the blockading faction; control: the new holder, null = nobody).</summary>
    public string? Faction { get; init; }
    /// <summary>Second faction id, for a relation change.</summary>
    public string? Other { get; init; }
    /// <summary>Region id, where the kind takes one (null for morale and disperse: all regions).</summary>
    public string? Region { get; init; }
    /// <summary>Patron id, for patron and strikes effects.</summary>
    public string? Patron { get; init; }
    /// <summary>Link key "from-to" for blockade/lift.</summary>
    public string? Link { get; init; }
    /// <summary>Amount: fighters, morale delta, trust delta, fraction, sorties … depending on kind.</summary>
    public double Amount { get; init; }
    /// <summary>Second amount where a kind needs two (patron: artillery).</summary>
    public double Amount2 { get; init; }
    /// <summary>Ideology dimension that scales each faction's response (betrayal), or null for all alike.</summary>
    public string? Dimension { get; init; }
}

/// <summary>A scripted event as written (<c>events:</c>): effects that happen together on a day, with a probability.</summary>
public sealed record EventSpec
{
    /// <summary>Event id, <c>[a-z0-9_]+</c>, unique among events.</summary>
    public required string Id { get; init; }
    /// <summary>Day offset from the scenario start (0 = start date).</summary>
    public required int Day { get; init; }
    /// <summary>Probability the event happens at all, drawn once on its day.</summary>
    public double Probability { get; init; } = 1.0;
    /// <summary>The changes it makes, in order (≥ 1).</summary>
    public IReadOnlyList<EffectSpec> Effects { get; init; } = [];
}

/// <summary>A scripted order as written (<c>orders:</c>), for a faction with <c>orders: scripted</c>.</summary>
public sealed record OrderSpec
{
    /// <summary>Day offset from the scenario start on which the order is given.</summary>
    public required int Day { get; init; }
    /// <summary>Faction id of who moves.</summary>
    public required string Faction { get; init; }
    /// <summary>Region id where the force is.</summary>
    public required string From { get; init; }
    /// <summary>Region id it goes to; must be linked to <see cref="From"/>.</summary>
    public required string To { get; init; }
    /// <summary>Share of the force at <see cref="From"/> to move, in (0, 1].</summary>
    public double Fraction { get; init; } = 1.0;
}

/// <summary>What an outcome measures (<c>kind:</c>); the README's outcomes table gives each kind's keys. First-day kinds report days elapsed, or null if never.</summary>
public enum OutcomeKind
{
    /// <summary>First day the factions' share of <c>City</c> is at most <c>Threshold</c> (0..1).</summary>
    FirstDayShareAtMost,
    /// <summary>First day the factions hold <c>Region</c>.</summary>
    FirstDayHolds,
    /// <summary>First day <c>City</c> or <c>Region</c> is encircled.</summary>
    FirstDayEncircled,
    /// <summary>Ledger: the factions' fighters killed, frozen on the <c>At</c> outcome's day if given.</summary>
    Killed,
    /// <summary>Ledger: the factions' fighters wounded, frozen on the <c>At</c> outcome's day if given.</summary>
    Wounded,
    /// <summary>Ledger: killed plus wounded, frozen on the <c>At</c> outcome's day if given.</summary>
    Casualties,
    /// <summary>Ledger: fighters dispersed who went home, frozen on the <c>At</c> outcome's day if given.</summary>
    Dispersed,
    /// <summary>Ledger: fighters deserted, frozen on the <c>At</c> outcome's day if given.</summary>
    Deserted,
    /// <summary>Ledger: fighters defected away, frozen on the <c>At</c> outcome's day if given.</summary>
    Defected,
    /// <summary>The factions' fighters on the map, frozen on the <c>At</c> outcome's day if given.</summary>
    Fighters,
    /// <summary>The factions' share of <c>City</c>'s districts at the end of the run.</summary>
    Share,
    /// <summary>1 when the factions hold <c>Region</c> at the end of the run, else 0.</summary>
    Holds,
    /// <summary>First day all the factions (two or more) stand in one bloc.</summary>
    FirstDaySameBloc,
    /// <summary>1 when all the factions (two or more) stand in one bloc at the end, else 0.</summary>
    SameBloc,
    /// <summary>Days on which the factions did not hold <c>Region</c> in peace (held by another, or enemies fighting there).</summary>
    DaysNotHeld,
    /// <summary>Number of blocs the camp's successors stand in.</summary>
    CampBlocs,
    /// <summary>Effective number of the camp's blocs by strength, 1/Σ shareᵢ² (Laakso–Taagepera).</summary>
    CampEffectiveBlocs,
    /// <summary>The largest successor bloc's share of the camp's strength.</summary>
    CampLargestShare,
    /// <summary>Days on which two of the camp's successors hostile to each other had fighters in the same region.</summary>
    CampInfightingDays,
    /// <summary>1 when the camp's largest share is below <c>fragmented_share</c> or its infighting days reach <c>fragmented_days</c>, else 0.</summary>
    CampFragmented,
    /// <summary>The factions' fighters underground in cells, frozen on the <c>At</c> outcome's day if given.</summary>
    Cells,
    /// <summary>First day a cell group of the factions surfaces in <c>Region</c> with at least <c>Threshold</c> fighters.</summary>
    FirstDayAttack,
    /// <summary>Cell attacks the factions made, frozen on the <c>At</c> outcome's day if given.</summary>
    Attacks,
    /// <summary>Residents who took up arms and joined the factions, frozen on the <c>At</c> outcome's day if given.</summary>
    Uprising,
    /// <summary>Most residents active at once (end of day) in the regions the factions rule.</summary>
    PeakActive,
}

/// <summary>A named metric the scenario reports. First-day kinds report null if the condition never holds.</summary>
public sealed record OutcomeSpec
{
    /// <summary>Outcome id, <c>[a-z0-9_]+</c>, unique among outcomes.</summary>
    public required string Id { get; init; }
    /// <summary>What the outcome measures.</summary>
    public required OutcomeKind Kind { get; init; }
    /// <summary>Faction ids measured together (≥ 1; two or more for the bloc kinds; none for camp kinds).</summary>
    public IReadOnlyList<string> Factions { get; init; } = [];
    /// <summary>City the kind measures (a <see cref="RegionSpec.City"/> name), or null.</summary>
    public string? City { get; init; }
    /// <summary>Region id the kind measures, or null.</summary>
    public string? Region { get; init; }
    /// <summary>Share (0..1) for <see cref="OutcomeKind.FirstDayShareAtMost"/>; fighters for <see cref="OutcomeKind.FirstDayAttack"/>; unused otherwise.</summary>
    public double Threshold { get; init; }
    /// <summary>Freeze a ledger outcome on the day the named first-day outcome fires.</summary>
    public string? At { get; init; }
    /// <summary>Camp the camp kinds measure.</summary>
    public string? Camp { get; init; }
    /// <summary>Human description for reports, or null.</summary>
    public string? Description { get; init; }
}

/// <summary>Engine settings a scenario may tune; defaults are documented in scenarios/README.md.</summary>
public sealed record Settings
{
    /// <summary>Whether combat samples its losses or applies their expected values; default stochastic.</summary>
    public CombatMode Mode { get; init; } = CombatMode.Stochastic;
    /// <summary>Whether the AI sees only what its faction observes (default) or every force exactly.</summary>
    public InformationMode Information { get; init; } = InformationMode.Observed;
    /// <summary>Runge–Kutta sub-steps per day when integrating the Lanchester equations.</summary>
    public int Substeps { get; init; } = 4;
    /// <summary>Trust at or below which two factions fight where they meet.</summary>
    public double HostileBelow { get; init; } = -0.25;
    /// <summary>Trust at or above which two factions share territory for supply and movement.</summary>
    public double AlliedAbove { get; init; } = 0.25;
    /// <summary>Weight of morale in combat effectiveness: eff = 1 − w + w·morale.</summary>
    public double MoraleWeight { get; init; } = 0.5;
    /// <summary>Effectiveness multiplier of a force out of supply.</summary>
    public double UnsuppliedEffect { get; init; } = 0.5;
    /// <summary>Days of supply a force carries when full.</summary>
    public double SupplyCapacityDays { get; init; } = 10;
    /// <summary>Morale lost per unit share of a force lost in one day.</summary>
    public double LossShock { get; init; } = 1.5;
    /// <summary>Morale lost per day out of supply.</summary>
    public double UnsuppliedMoraleLoss { get; init; } = 0.02;
    /// <summary>Daily pull of morale back toward the faction's cohesion.</summary>
    public double MoraleRecovery { get; init; } = 0.05;
    /// <summary>Share of a routing force that deserts rather than withdraws.</summary>
    public double RoutDesertion { get; init; } = 0.1;
    /// <summary>Cohesion lost per unit share of a faction's fighters lost in one day.</summary>
    public double CohesionShock { get; init; } = 0.5;
    /// <summary>Daily pull of cohesion back toward its starting value.</summary>
    public double CohesionRecovery { get; init; } = 0.01;
    /// <summary>Residents an enforcer or a resident sees (Epstein's vision v, as a head count); see PopulationPhase.</summary>
    public double VisionResidents { get; init; } = 20;
    /// <summary>Epstein's J_max: jail terms are uniform on [0, J_max] days, so the mean term is J_max / 2.</summary>
    public double MaxJailTerm { get; init; } = 30;
    /// <summary>Share of active residents who bring out hidden weapons and join the fight each day.</summary>
    public double ArmRate { get; init; } = 0.02;
    /// <summary>Divisor on fire aimed at a region's holder, per terrain (0.1..10); a file's <c>defence:</c> overrides the terrains it lists, the rest keep <see cref="DefaultDefence"/>.</summary>
    public IReadOnlyDictionary<Terrain, double> Defence { get; init; } = DefaultDefence;
    /// <summary>How trust and blocs move (the alliances phase).</summary>
    public AllianceSettings Alliances { get; init; } = new();

    /// <summary>Assumption: order of magnitude of Dupuy's QJM terrain factors; urban cover favours defenders most.</summary>
    public static readonly IReadOnlyDictionary<Terrain, double> DefaultDefence = new Dictionary<Terrain, double>
    {
        [Terrain.Open] = 1.0, [Terrain.Desert] = 1.0, [Terrain.Coast] = 1.1, [Terrain.Hills] = 1.5, [Terrain.Urban] = 2.0,
    };
}

/// <summary>
/// How trust and blocs move (the alliances phase). Rates are trust per day; trust lives in [−1, 1].
/// Defaults are assumptions of magnitude: weeks of shared fighting move trust by about a tenth.
/// </summary>
public sealed record AllianceSettings
{
    /// <summary>Declared ideology dimensions; factions place themselves on each in [0, 1].</summary>
    public IReadOnlyList<string> Dimensions { get; init; } = [];
    /// <summary>Daily trust gain for two factions fighting the same enemy anywhere (000, 003).</summary>
    public double CommonEnemy { get; init; } = 0.002;
    /// <summary>Daily trust gain for two factions fighting the same enemy in the same region (000).</summary>
    public double SideBySide { get; init; } = 0.006;
    /// <summary>Daily trust loss toward a faction's supplier per unit share of its fighters out of supply (002).</summary>
    public double Grievance { get; init; } = 0.005;
    /// <summary>Daily pull of trust toward ideological affinity 1 − 2·distance.</summary>
    public double IdeologyPull { get; init; } = 0.002;
    /// <summary>Daily trust gain between members of the same bloc.</summary>
    public double Solidarity { get; init; } = 0.001;
    /// <summary>Trust shift toward new bloc-mates (and away from former ones) when a faction changes bloc.</summary>
    public double Realignment { get; init; } = 0.1;
    /// <summary>Days between realignment rounds (landscape moves).</summary>
    public int Interval { get; init; } = 7;
    /// <summary>Share of a faction's total |propensity| mass a move must save before it changes bloc.</summary>
    public double Inertia { get; init; } = 0.05;
    /// <summary>A camp is fragmented when its largest successor bloc holds less than this share of its strength …</summary>
    public double FragmentedShare { get; init; } = 2.0 / 3.0;
    /// <summary>… or when its members have fought each other on at least this many days.</summary>
    public int FragmentedDays { get; init; } = 7;
}
