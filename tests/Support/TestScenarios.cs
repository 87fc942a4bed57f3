namespace ConflictSim.Tests.Support;

/// <summary>Small scenarios built in code, for tests that need a precise, known setup.</summary>
internal static class TestScenarios
{
    public static readonly DateOnly Start = new(2016, 1, 1);

    /// <summary>Two hostile factions in one open region: the textbook Lanchester duel.</summary>
    public static ScenarioSpec Duel(double a0, double b0, double alpha, double beta, double areaA = 0, double areaB = 0,
        string[]? phases = null, int days = 30, CombatMode mode = CombatMode.Deterministic) => new()
    {
        Id = "duel", Title = "Duel", Start = Start, Days = days,
        Settings = new Settings { Mode = mode, Substeps = 8, MoraleWeight = 0 },
        Phases = phases ?? ["combat"],
        Regions = [new RegionSpec { Id = "field", Name = "Field", Terrain = Terrain.Open }],
        Factions =
        [
            new FactionSpec { Id = "a", Name = "A", AimedFire = alpha, AreaFire = areaA, Morale = 1, Forces = new Dictionary<string, double> { ["field"] = a0 } },
            new FactionSpec { Id = "b", Name = "B", AimedFire = beta, AreaFire = areaB, Morale = 1, Forces = new Dictionary<string, double> { ["field"] = b0 } },
        ],
        Relations = [new RelationSpec("a", "b", -1)],
    };

    /// <summary>
    /// A small front: blue holds a base and a town, red holds a city of three districts linked to a desert
    /// supply source and a sea lane; every phase runs. Used for invariants and determinism.
    /// </summary>
    public static ScenarioSpec Front(int days = 60, CombatMode mode = CombatMode.Stochastic) => new()
    {
        Id = "front", Title = "Front", Start = Start, Days = days,
        Settings = new Settings { Mode = mode },
        Regions =
        [
            R("base", Terrain.Urban, "blue"), R("town", Terrain.Open, "blue"), R("gate", Terrain.Urban, "red", "city"),
            R("centre", Terrain.Urban, "red", "city"), R("harbour", Terrain.Urban, "red", "city"),
            R("desert", Terrain.Desert, null), R("sea", Terrain.Sea, null), R("hills", Terrain.Hills, "green"),
        ],
        Links =
        [
            L("base", "town"), L("town", "gate"), L("gate", "centre"), L("centre", "harbour"), L("centre", "desert", 2),
            L("harbour", "sea", 1, LinkKind.Sea), L("base", "sea", 1, LinkKind.Sea), L("desert", "hills"), L("town", "desert", 2),
        ],
        Factions =
        [
            new FactionSpec
            {
                Id = "blue", Name = "Blue", AimedFire = 0.03, AreaFire = 0.00002, Morale = 0.8, Cohesion = 0.7, Supply = 20000, Income = 1500,
                SupplySources = ["base"], Forces = F(("base", 1500), ("town", 500)),
                Objectives = new Dictionary<string, double> { ["gate"] = 4, ["centre"] = 6, ["harbour"] = 5 },
                Doctrine = new Doctrine { Aggression = 1, Caution = 0.3, Commit = 0.6 },
            },
            new FactionSpec
            {
                Id = "red", Name = "Red", Quality = 1.2, AimedFire = 0.03, AreaFire = 0.00001, KilledFraction = 0.6, Morale = 0.85, Cohesion = 0.85,
                Supply = 30000, Income = 200, SupplyDays = 30, SupplySources = ["desert", "sea"],
                Forces = F(("gate", 300), ("centre", 500), ("harbour", 200)),
                Objectives = new Dictionary<string, double> { ["centre"] = 5, ["gate"] = 3 },
                Doctrine = new Doctrine { Aggression = 0.3, Caution = 0.2, DispersalRate = 0.03, DefectTo = "green", DefectRegion = "hills", DefectionRate = 0.02, DefectMorale = 0.4 },
            },
            new FactionSpec
            {
                Id = "green", Name = "Green", Morale = 0.6, Cohesion = 0.6, Supply = 1000, Income = 100, SupplySources = ["hills"],
                Forces = F(("hills", 100)), Doctrine = new Doctrine { Aggression = 0 },
            },
        ],
        Relations = [new("blue", "red", -1), new("red", "green", 0.3), new("blue", "green", 0)],
        Patrons = [new PatronSpec { Id = "air", Name = "Air", Client = "blue", AirSorties = 2, Lethality = 0.003 }],
        Events =
        [
            new EventSpec { Id = "blockade", Day = 10, Effects = [new EffectSpec { Kind = EffectKind.Blockade, Link = "harbour-sea", Faction = "blue" }] },
            new EventSpec { Id = "more", Day = 20, Effects = [new EffectSpec { Kind = EffectKind.Reinforce, Faction = "blue", Region = "base", Amount = 800 }] },
            new EventSpec { Id = "leaders", Day = 25, Probability = 0.5, Effects = [new EffectSpec { Kind = EffectKind.Disperse, Faction = "red", Amount = 0.05 }] },
        ],
        Outcomes =
        [
            new OutcomeSpec { Id = "fall", Kind = OutcomeKind.FirstDayShareAtMost, Factions = ["red"], City = "city", Threshold = 0 },
            new OutcomeSpec { Id = "red_killed", Kind = OutcomeKind.Killed, Factions = ["red"] },
            new OutcomeSpec { Id = "blue_killed", Kind = OutcomeKind.Killed, Factions = ["blue"] },
            new OutcomeSpec { Id = "encircled", Kind = OutcomeKind.FirstDayEncircled, Factions = ["red"], City = "city" },
        ],
    };

    /// <summary>
    /// A beaten insurgent faction in the desert: "isis" holds nothing, has cells at two hideouts (desert, border),
    /// recruits, smuggles at the border and plots against the capital two links from the desert hideout; "gna"
    /// holds the capital and the crossroads, and its patron strikes the cells.
    /// </summary>
    public static ScenarioSpec Underground(double cells = 100, double recruit = 0, double smuggling = 0, double strikesPerMonth = 0,
        double detection = 0.5, double lethality = 0.3, double? attackAt = null, int moveEvery = 1, double gnaAtCrossroads = 0,
        string[]? phases = null, int days = 60, CombatMode mode = CombatMode.Deterministic) => new()
    {
        Id = "underground", Title = "Underground", Start = Start, Days = days,
        Settings = new Settings { Mode = mode },
        Phases = phases ?? ["insurgency", "metrics"],
        Regions =
        [
            R("capital", Terrain.Urban, "gna"), R("crossroads", Terrain.Open, "gna"), R("desert", Terrain.Desert, null),
            R("border", Terrain.Desert, null), R("town", Terrain.Open, null),
        ],
        Links = [L("capital", "crossroads"), L("crossroads", "desert"), L("desert", "border", 2), L("crossroads", "town")],
        Factions =
        [
            new FactionSpec
            {
                Id = "gna", Name = "GNA", Supply = 10000, Income = 500, SupplySources = ["capital"],
                Forces = F(("capital", 500), ("crossroads", gnaAtCrossroads)),
                Objectives = new Dictionary<string, double> { ["desert"] = 2, ["town"] = 1 },
            },
            new FactionSpec
            {
                Id = "isis", Name = "ISIS", Supply = 1000, Income = 50, SupplySources = ["desert"],
                Insurgency = new InsurgencySpec
                {
                    Hideouts = ["desert", "border"], CellShare = 0.5, Recruit = recruit, MoveEvery = moveEvery,
                    Smuggling = smuggling > 0 ? new SmugglingSpec("border", smuggling) : null,
                    Targets = [new TargetSpec("capital", ["desert"])], AttackAt = attackAt,
                    Cells = new Dictionary<string, double> { ["desert"] = cells },
                },
            },
        ],
        Relations = [new("gna", "isis", -1)],
        Patrons = [new PatronSpec { Id = "us", Name = "US", Client = "gna", StrikesPerMonth = strikesPerMonth, Detection = detection, StrikeLethality = lethality }],
        Outcomes =
        [
            new OutcomeSpec { Id = "cells", Kind = OutcomeKind.Cells, Factions = ["isis"] },
            new OutcomeSpec { Id = "attacks", Kind = OutcomeKind.Attacks, Factions = ["isis"] },
            new OutcomeSpec { Id = "capital_hit", Kind = OutcomeKind.FirstDayAttack, Factions = ["isis"], Region = "capital", Threshold = 50 },
        ],
    };

    /// <summary>
    /// A town under a harsh ruler: "isis" rules "town" (residents 20,000) with its fighters as enforcers;
    /// residents who arm join "dmsc", which waits in the hills next door. Legitimacy may drop on <paramref name="dropDay"/>.
    /// </summary>
    public static ScenarioSpec Uprising(double legitimacy = 0.95, double drop = 0, int dropDay = 10, double enforcers = 300,
        double population = 20000, string[]? phases = null, int days = 40, CombatMode mode = CombatMode.Stochastic,
        bool regionNamesFaction = true) => new()
    {
        Id = "uprising", Title = "Uprising", Start = Start, Days = days,
        Settings = new Settings { Mode = mode },
        Phases = phases ?? ["events", "population", "metrics"],
        Regions =
        [
            new RegionSpec { Id = "town", Name = "town", Terrain = Terrain.Urban, Controller = "isis", Population = population, RisesFor = regionNamesFaction ? "dmsc" : null },
            R("hills", Terrain.Hills, "dmsc"),
        ],
        Links = [L("town", "hills")],
        Factions =
        [
            new FactionSpec { Id = "isis", Name = "ISIS", Legitimacy = legitimacy, RebelsJoin = regionNamesFaction ? null : "dmsc", Forces = F(("town", enforcers)) },
            new FactionSpec { Id = "dmsc", Name = "DMSC", Forces = F(("hills", 200)) },
        ],
        Relations = [new("isis", "dmsc", -1)],
        Events = drop == 0 ? [] :
        [
            new EventSpec { Id = "killings", Day = dropDay, Effects = [new EffectSpec { Kind = EffectKind.Legitimacy, Faction = "isis", Amount = -drop }] },
        ],
        Outcomes =
        [
            new OutcomeSpec { Id = "risen", Kind = OutcomeKind.Uprising, Factions = ["dmsc"] },
            new OutcomeSpec { Id = "peak", Kind = OutcomeKind.PeakActive, Factions = ["isis"] },
        ],
    };

    /// <summary>
    /// <see cref="Front"/> with every mechanism of the insurgency and population phases switched on: red goes
    /// underground in the desert and hills once it holds at most one region and plots against the base; blue's patron
    /// strikes the cells; red's city districts have residents who rise for blue under red's low legitimacy.
    /// </summary>
    public static ScenarioSpec FrontUnderground(int days = 90, CombatMode mode = CombatMode.Stochastic)
    {
        var front = Front(days, mode);
        var regions = front.Regions.Select(r => r.City == "city" ? r with { Population = 5000 } : r).ToArray();
        var factions = front.Factions.ToArray();
        factions[1] = factions[1] with
        {
            Legitimacy = 0.3, RebelsJoin = "blue",
            Insurgency = new InsurgencySpec
            {
                Hideouts = ["desert", "hills"], CellShare = 0.7, TerritoryBelow = 1, GoToGround = 0.2, Recruit = 0.01,
                Smuggling = new SmugglingSpec("hills", 1.5), MoveEvery = 3, Targets = [new TargetSpec("base", [])], AttackAt = 120,
                Cells = new Dictionary<string, double> { ["hills"] = 20 },
            },
        };
        var patrons = front.Patrons.Select(p => p with { StrikesPerMonth = 10, Detection = 0.3, StrikeLethality = 0.3 }).ToArray();
        return front with { Regions = regions, Factions = factions, Patrons = patrons };
    }

    public static Simulation Run(ScenarioSpec spec, ulong seed, SimulationOptions? options = null)
    {
        var sim = new Simulation(Scenario.Compile(spec), seed, options);
        sim.Run();
        return sim;
    }

    private static RegionSpec R(string id, Terrain t, string? controller, string? city = null) =>
        new() { Id = id, Name = id, Terrain = t, Controller = controller, City = city };

    private static LinkSpec L(string a, string b, int days = 1, LinkKind kind = LinkKind.Road) =>
        new() { From = a, To = b, Days = days, Kind = kind };

    private static Dictionary<string, double> F(params (string Region, double Fighters)[] forces)
    {
        var d = new Dictionary<string, double>();
        foreach (var (r, n) in forces) d[r] = n;
        return d;
    }
}
