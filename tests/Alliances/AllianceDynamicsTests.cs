using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Alliances;

/// <summary>Trust dynamics, landscape realignment, splinters and camp fragmentation in the alliances phase.</summary>
public class AllianceDynamicsTests
{
    private static readonly DateOnly Start = TestScenarios.Start;

    /// <summary>
    /// Three factions on one field: a and c are neutral to each other, both at war with b. Camp "west" holds a and
    /// c's rival d, who sits alone in the hills. Only the phases a test names run.
    /// </summary>
    private static ScenarioSpec Field(string[] phases, AllianceSettings? alliances = null, double trustAc = 0, double trustCd = 0.6,
        SplinterSpec? splinter = null, IReadOnlyList<EventSpec>? events = null, int days = 30) => new()
    {
        Id = "field", Title = "Field", Start = Start, Days = days,
        Settings = new Settings { Mode = CombatMode.Deterministic, Alliances = alliances ?? new AllianceSettings() },
        Phases = phases,
        Regions =
        [
            new RegionSpec { Id = "field", Name = "Field", Controller = "b" },
            new RegionSpec { Id = "hills", Name = "Hills", Controller = "d" },
        ],
        Links = [new LinkSpec { From = "field", To = "hills" }],
        Factions =
        [
            new FactionSpec { Id = "a", Name = "A", Forces = new Dictionary<string, double> { ["field"] = 500 }, Splinter = splinter,
                Ideology = new Dictionary<string, double> { ["islamism"] = 0.2 } },
            new FactionSpec { Id = "b", Name = "B", Forces = new Dictionary<string, double> { ["field"] = 500 } },
            new FactionSpec { Id = "c", Name = "C", Forces = new Dictionary<string, double> { ["field"] = 300 },
                Ideology = new Dictionary<string, double> { ["islamism"] = 0.9 } },
            new FactionSpec { Id = "d", Name = "D", Forces = new Dictionary<string, double> { ["hills"] = 200 } },
        ],
        Relations = [new("a", "b", -1), new("c", "b", -1), new("a", "c", trustAc), new("c", "d", trustCd), new("a", "d", -0.1)],
        Camps = [new CampSpec { Id = "west", Name = "West", Members = ["a", "c"] }],
        Events = events ?? [],
    };

    private static double Trust(Simulation sim, string x, string y) =>
        sim.State.TrustBetween(sim.Scenario.FactionIndex(x), sim.Scenario.FactionIndex(y));

    private static double OutcomeValue(Simulation sim, string id) =>
        sim.Outcome(sim.Scenario.OutcomeIndex(id)) ?? double.NaN;

    [Fact]
    public void Fighting_side_by_side_against_a_common_enemy_builds_trust_at_the_side_by_side_rate()
    {
        var rates = new AllianceSettings { SideBySide = 0.01, CommonEnemy = 0.5, IdeologyPull = 0, Solidarity = 0, Interval = 365 };
        var sim = new Simulation(Scenario.Compile(Field(["alliances"], rates)), 1);
        sim.Step();
        Assert.Equal(0.01, Trust(sim, "a", "c"), 12);
        Assert.Equal(-1, Trust(sim, "a", "b"));
        Assert.Equal(0.6, Trust(sim, "c", "d"), 12); // d fights nobody
    }

    [Fact]
    public void A_common_enemy_fought_in_different_places_builds_trust_at_the_common_enemy_rate()
    {
        var rates = new AllianceSettings { SideBySide = 0.5, CommonEnemy = 0.004, IdeologyPull = 0, Solidarity = 0, Interval = 365 };
        var spec = Field(["alliances"], rates);
        spec = spec with
        {
            Regions = [.. spec.Regions, new RegionSpec { Id = "road", Name = "Road" }],
            Links = [.. spec.Links, new LinkSpec { From = "road", To = "field" }],
            Factions =
            [
                spec.Factions[0],
                spec.Factions[1] with { Forces = new Dictionary<string, double> { ["field"] = 500, ["road"] = 100 } },
                spec.Factions[2] with { Forces = new Dictionary<string, double> { ["road"] = 300 } },
                spec.Factions[3],
            ],
        };
        var sim = new Simulation(Scenario.Compile(spec), 1);
        sim.Step();
        Assert.Equal(0.004, Trust(sim, "a", "c"), 12);
    }

    [Fact]
    public void Trust_drifts_toward_ideological_affinity()
    {
        // Affinity = 1 − 2·|0.2 − 0.9| = −0.4 on one dimension; one day moves trust 0 by pull · (−0.4 − 0).
        var rates = new AllianceSettings { Dimensions = ["islamism"], SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0.05, Solidarity = 0, Interval = 365 };
        var sim = new Simulation(Scenario.Compile(Field(["alliances"], rates)), 1);
        sim.Step();
        Assert.Equal(-0.02, Trust(sim, "a", "c"), 12);
    }

    [Fact]
    public void A_supply_shortfall_turns_into_grievance_against_the_supplier()
    {
        var rates = new AllianceSettings { SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0, Solidarity = 0, Grievance = 0.1, Interval = 365 };
        var spec = Field(["alliances"], rates, trustAc: 0.5);
        spec = spec with { Factions = [spec.Factions[0] with { Supplier = "c", Income = 250 }, .. spec.Factions.Skip(1)] };
        var sim = new Simulation(Scenario.Compile(spec), 1);
        sim.Step();
        // 500 fighters need 500 fighter-days a day; income covers 250: shortfall 0.5, grievance 0.1 · 0.5.
        Assert.Equal(0.5 - 0.05, Trust(sim, "a", "c"), 12);

        // A patron that makes up the difference leaves nothing to resent.
        var backed = spec with { Patrons = [new PatronSpec { Id = "p", Name = "P", Client = "a", Supply = 250 }] };
        sim = new Simulation(Scenario.Compile(backed), 1);
        sim.Step();
        Assert.Equal(0.5, Trust(sim, "a", "c"), 12);
    }

    [Fact]
    public void A_faction_leaves_a_bloc_it_distrusts_for_one_it_trusts_when_the_landscape_says_so()
    {
        // c starts in camp west with a (trust −0.5) and trusts d (0.6): S_c(a's bloc) = 500·(−0.5) < S_c(d's bloc) = 200·0.6.
        var rates = new AllianceSettings { SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0, Solidarity = 0, Realignment = 0.1, Interval = 1, Inertia = 0 };
        var sim = new Simulation(Scenario.Compile(Field(["alliances", "metrics"], rates, trustAc: -0.5)), 1);
        var sc = sim.Scenario;
        int a = sc.FactionIndex("a"), c = sc.FactionIndex("c"), d = sc.FactionIndex("d");
        Assert.Equal(sim.State.Bloc[a], sim.State.Bloc[c]);
        sim.Step();
        Assert.Equal(sim.State.Bloc[d], sim.State.Bloc[c]);
        Assert.NotEqual(sim.State.Bloc[a], sim.State.Bloc[c]);
        Assert.Equal(-0.6, Trust(sim, "a", "c"), 12); // the realignment shift is paid with the bloc left …
        Assert.Equal(0.7, Trust(sim, "c", "d"), 12);  // … and earned with the bloc joined

        // Camp west (a: 500, c: 300) now spans two blocs: shares 5/8 and 3/8.
        Assert.Equal(2, OutcomeValue(sim, "west_blocs"));
        Assert.Equal(1 / (25.0 / 64 + 9.0 / 64), OutcomeValue(sim, "west_effective_blocs"), 12);
        Assert.Equal(5.0 / 8, OutcomeValue(sim, "west_largest_share"), 12);
        Assert.Equal(1, OutcomeValue(sim, "west_fragmented")); // 5/8 < 2/3
    }

    [Fact]
    public void Inertia_keeps_a_faction_where_it_is_when_the_gain_is_small()
    {
        var rates = new AllianceSettings { SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0, Solidarity = 0, Interval = 1, Inertia = 0.9 };
        var sim = new Simulation(Scenario.Compile(Field(["alliances"], rates, trustAc: -0.05, trustCd: 0.05)), 1);
        var sc = sim.Scenario;
        sim.Step();
        Assert.Equal(sim.State.Bloc[sc.FactionIndex("a")], sim.State.Bloc[sc.FactionIndex("c")]);
    }

    [Fact]
    public void Camp_members_fighting_each_other_count_as_infighting_days()
    {
        var rates = new AllianceSettings { SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0, Solidarity = 0, Interval = 365, FragmentedDays = 3 };
        var sim = new Simulation(Scenario.Compile(Field(["alliances", "metrics"], rates, trustAc: -0.8)), 1);
        sim.Step();
        sim.Step();
        Assert.Equal(2, OutcomeValue(sim, "west_infighting_days"));
        Assert.Equal(0, OutcomeValue(sim, "west_fragmented"));
        sim.Step();
        Assert.Equal(1, OutcomeValue(sim, "west_fragmented"));
        Assert.Equal(1, OutcomeValue(sim, "west_blocs"));
    }

    [Fact]
    public void Betrayal_costs_trust_in_proportion_to_the_named_ideology()
    {
        var rates = new AllianceSettings { Dimensions = ["islamism"], SideBySide = 0, CommonEnemy = 0, IdeologyPull = 0, Solidarity = 0, Interval = 365 };
        var leak = new EventSpec
        {
            Id = "leak", Day = 0,
            Effects = [new EffectSpec { Kind = EffectKind.Betrayal, Faction = "d", Amount = -0.5, Dimension = "islamism" }],
        };
        var sim = new Simulation(Scenario.Compile(Field(["events"], rates, events: [leak])), 1);
        sim.Step();
        Assert.Equal(0.6 - 0.5 * 0.9, Trust(sim, "c", "d"), 12);
        Assert.Equal(-0.1 - 0.5 * 0.2, Trust(sim, "a", "d"), 12);
        Assert.Equal(-0.25, Trust(sim, "b", "d"), 12); // b declares no ideology: it sits at the neutral 0.5
    }

    [Fact]
    public void A_collapsing_faction_throws_off_a_splinter_that_takes_its_share_and_is_reproducible_by_seed()
    {
        var split = new SplinterSpec { Below = 0.5, Share = 0.4, Trust = -0.6, Name = "A rebels" };
        var collapse = new EventSpec { Id = "collapse", Day = 2, Effects = [new EffectSpec { Kind = EffectKind.Cohesion, Faction = "a", Amount = -0.5 }] };
        var spec = Field(["events", "alliances", "metrics"], new AllianceSettings { Interval = 365 }, splinter: split, events: [collapse]) with
        {
            Settings = new Settings { Mode = CombatMode.Stochastic, Alliances = new AllianceSettings { Interval = 365 } },
        };
        var scenario = Scenario.Compile(spec);
        int a = scenario.FactionIndex("a"), slot = scenario.FactionIndex("a_splinter");
        Assert.Equal(scenario.SplinterSlot[a], slot);
        Assert.Equal("A rebels", scenario.FactionNames[slot]);

        double Taken(ulong seed)
        {
            var sim = new Simulation(scenario, seed);
            sim.Step(); sim.Step();
            Assert.False(sim.State.Active[slot]);
            sim.Step();
            Assert.True(sim.State.Active[slot]);
            double taken = sim.State.FightersOf(slot);
            Assert.Equal(500, taken + sim.State.FightersOf(a), 9);
            Assert.Equal(taken, sim.State.DefectedOut[a]);
            Assert.Equal(-0.6, sim.State.TrustBetween(a, slot));
            Assert.Equal(-1, sim.State.TrustBetween(slot, scenario.FactionIndex("b")));
            Assert.NotEqual(sim.State.Bloc[a], sim.State.Bloc[slot]);
            Assert.Equal(scenario.CampOf[a], scenario.CampOf[slot]);
            return taken;
        }

        var draws = Enumerable.Range(1, 40).Select(i => Taken((ulong)i)).ToArray();
        Assert.Equal(draws[0], Taken(1));
        Assert.True(draws.Distinct().Count() > 10, "the split size is drawn per seed");
        Assert.InRange(draws.Average(), 200 - 10, 200 + 10); // Binomial(500, 0.4): mean 200, sd 11, 40 seeds
    }
}
