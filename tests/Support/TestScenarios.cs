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
