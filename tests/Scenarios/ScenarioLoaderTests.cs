using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    private static LoadResult LoadBroken(string name) => ScenarioLoader.LoadFile(DataFile("broken", name + ".yaml"));

    [Theory]
    [InlineData("unknown_key", 9, 22, "unknown key 'colour'; expected one of id, name, lat")]
    [InlineData("wrong_type", 14, 34, "expected a number, got 'abc'")]
    [InlineData("not_a_mapping", 8, 11, "expected a mapping, got '5'")]
    [InlineData("out_of_range", 10, 27, "value 95 is out of range; expected a number in [-90, 90]")]
    [InlineData("dangling_region", 15, 31, "unknown region 'c'")]
    [InlineData("dangling_faction", 10, 34, "unknown faction 'h'")]
    [InlineData("duplicate_id", 15, 10, "duplicate faction id 'f' (first on line 14)")]
    [InlineData("duplicate_link", 13, 5, "duplicate link between 'a' and 'b'")]
    [InlineData("disconnected", 11, 10, "map is disconnected: region 'c' starts a component not linked to 'a' (2 components)")]
    [InlineData("date_outside_span", 18, 11, "date 2016-07-01 is outside the scenario span; expected 2016-05-12 to 2016-06-11")]
    [InlineData("bad_format", 1, 9, "unsupported format 'conflictsim/2'; expected conflictsim/1")]
    [InlineData("syntax_error", 11, 1, "YAML syntax error")]
    [InlineData("syntax_mapping_value", 5, 16, "YAML syntax error: While scanning a plain scalar")]
    [InlineData("missing_key", 10, 5, "missing required key 'name'")]
    [InlineData("missing_provenance", 14, 34, "number has no provenance; expected source: + quote:, or assumption:")]
    [InlineData("unknown_phase", 8, 29, "unknown phase 'fight'; expected one of events, decisions")]
    [InlineData("duplicate_phase", 8, 26, "phase 'combat' is listed twice")]
    [InlineData("bad_outcome_ref", 17, 46, "unknown outcome 'nope'")]
    [InlineData("outcome_key_for_other_kind", 17, 42, "key 'share' does not apply to this outcome; expected killed takes at:")]
    [InlineData("blockade_not_sea", 17, 44, "link 'a' and 'b' is a road link; expected a sea link")]
    [InlineData("source_without_quote", 13, 47, "source 002_125b2086e87d3e07.txt has no quote")]
    [InlineData("orders_not_linked", 19, 49, "regions 'a' and 'c' are not linked")]
    // Found by ScenarioFuzzTests: finite but huge counts passed and overflowed the engine's ledgers to NaN.
    [InlineData("force_of_1e308", 14, 34, "value 1e308 is out of range; expected a whole number >= 0 and at most 1e12")]
    [InlineData("supply_of_1e308", 14, 30, "value 1e308 is out of range; expected a number >= 0 and at most 1e12")]
    public void Broken_file_reports_its_one_problem_at_its_position(string file, int line, int column, string message)
    {
        var result = LoadBroken(file);

        Assert.False(result.Ok);
        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
        Assert.EndsWith(Path.Combine("broken", file + ".yaml"), error.File);
    }

    [Fact]
    public void An_error_quoting_a_value_with_a_line_break_prints_on_one_line()
    {
        // Found by ScenarioFuzzTests: the text after the break printed as a second error line with no position.
        var error = Assert.Single(LoadBroken("newline_in_faction_id").Errors);
        Assert.Equal("unknown faction 'f\ng'; expected the id of a faction declared in this file", error.Message);
        Assert.Equal($"{error.File}:9:34: unknown faction 'f\\ng'; expected the id of a faction declared in this file", error.ToString());
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_in_line_order()
    {
        var result = LoadBroken("many_problems");

        var found = result.Errors.Select(e => $"{e.Line}:{e.Column}: {e.Message}").ToList();
        string[] expected =
        [
            "1:9: unsupported format 'conflictsim/0'",
            "8:22: value 100 is out of range; expected a whole number in [1, 64]",
            "10:31: unknown terrain 'swamp'; expected one of open, urban",
            "11:34: unknown faction 'nobody'",
            "13:28: expected a number, got 'abc'",
            "15:34: value 100.5 is out of range; expected a whole number >= 0",
            "16:5: missing required key 'name'",
            "18:19: date 2016-05-01 is outside the scenario span",
        ];
        Assert.Equal(expected.Length, found.Count);
        for (int i = 0; i < expected.Length; i++) Assert.StartsWith(expected[i], found[i]);
    }

    [Fact]
    public void Error_reads_as_file_line_column_message()
    {
        var error = Assert.Single(LoadBroken("bad_format").Errors);
        Assert.Equal($"{error.File}:1:9: unsupported format 'conflictsim/2'; expected conflictsim/1", error.ToString());
    }

    [Fact]
    public void Missing_file_is_one_error_at_its_start()
    {
        var path = DataFile("no_such_file.yaml");
        var error = Assert.Single(ScenarioLoader.LoadFile(path).Errors);
        Assert.StartsWith($"{path}:1:1: cannot read file: ", error.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("format: conflictsim/1\n")]
    [InlineData("{")]
    public void Degenerate_text_reports_errors_without_throwing(string yaml)
    {
        var result = ScenarioLoader.LoadText(yaml, "x.yaml");
        Assert.False(result.Ok);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Duplicate_mapping_key_is_a_syntax_error_at_the_key()
    {
        var error = Assert.Single(ScenarioLoader.LoadText("format: conflictsim/1\nformat: conflictsim/1\n", "x.yaml").Errors);
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.StartsWith("YAML syntax error", error.Message);
    }

    [Fact]
    public void Minimal_scenario_loads_and_compiles()
    {
        var result = ScenarioLoader.LoadFile(DataFile("valid", "minimal.yaml"));

        Assert.Empty(result.Errors);
        Assert.True(result.Ok);
        var scenario = Scenario.Compile(result.Spec!);
        Assert.Equal(4, scenario.RegionCount);
        Assert.Equal(["port_town"], scenario.CityIds.ToArray());
    }

    [Fact]
    public void Minimal_scenario_values_land_in_the_spec()
    {
        var spec = ScenarioLoader.LoadFile(DataFile("valid", "minimal.yaml")).Spec!;

        Assert.Equal(("minimal-test", new DateOnly(2016, 5, 12), 60, 7UL), (spec.Id, spec.Start, spec.Days, spec.Seed));
        Assert.Equal(PhaseCatalog.DefaultOrder, spec.Phases);

        // Settings: set keys change, the rest keep their defaults; defence merges over the default table.
        Assert.Equal(CombatMode.Deterministic, spec.Settings.Mode);
        Assert.Equal(2, spec.Settings.Substeps);
        Assert.Equal(-0.25, spec.Settings.HostileBelow);
        Assert.Equal(3.0, spec.Settings.Defence[Terrain.Urban]);
        Assert.Equal(1.5, spec.Settings.Defence[Terrain.Hills]);

        var harbour = spec.Regions[0];
        Assert.Equal((31.20, Terrain.Urban, true, "port_town", "defenders"), (harbour.Lat, harbour.Terrain, harbour.Port, harbour.City, harbour.Controller));
        Assert.Equal(31.18, spec.Regions[1].Lat); // long form {value: …, source: …}
        Assert.Equal(Terrain.Open, spec.Regions[1].Terrain); // default

        Assert.Equal((LinkKind.Road, 2), (spec.Links[0].Kind, spec.Links[0].Days));
        Assert.Equal((LinkKind.Road, 1), (spec.Links[1].Kind, spec.Links[1].Days));
        Assert.Equal(LinkKind.Sea, spec.Links[2].Kind);

        var attackers = spec.Factions[0];
        Assert.Equal(3000, attackers.Forces["camp"]);
        Assert.Equal(20, attackers.SupplyDays);
        Assert.Equal((0.8, 0.6, 1.5), (attackers.Doctrine.Aggression, attackers.Doctrine.Commit, attackers.Doctrine.AttackRatio));
        Assert.Equal(OrderSourceKind.Scripted, spec.Factions[1].Orders);
        Assert.Null(spec.Factions[1].SupplyDays);
        Assert.Equal(0.7, spec.Factions[1].Morale);

        Assert.Equal(new RelationSpec("attackers", "defenders", -1), spec.Relations[0]);
        Assert.Equal(["sea-harbour"], spec.Patrons[0].Blockade);
        Assert.Equal(0.002, spec.Patrons[0].Lethality);

        var ev = spec.Events[0];
        Assert.Equal((10, 0.5), (ev.Day, ev.Probability));
        Assert.Equal(new EffectSpec { Kind = EffectKind.Reinforce, Faction = "attackers", Region = "camp", Amount = 200 }, ev.Effects[0]);
        Assert.Equal(EffectKind.Patron, ev.Effects[1].Kind);
        Assert.True(double.IsNaN(ev.Effects[1].Amount));
        Assert.Equal(2, ev.Effects[1].Amount2);
        Assert.Equal(new EffectSpec { Kind = EffectKind.Relation, Faction = "defenders", Other = "attackers", Amount = -0.3 }, ev.Effects[2]);

        Assert.Equal(new OrderSpec { Day = 1, Faction = "defenders", From = "harbour", To = "suburb", Fraction = 0.5 }, spec.Orders[0]);

        var fall = spec.Outcomes[0];
        Assert.Equal((OutcomeKind.FirstDayShareAtMost, "port_town", 0.0), (fall.Kind, fall.City, fall.Threshold));
        Assert.Equal(["defenders"], fall.Factions);
        Assert.Equal((OutcomeKind.Killed, "port_falls"), (spec.Outcomes[1].Kind, spec.Outcomes[1].At));
        Assert.Equal(["attackers", "defenders"], spec.Outcomes[1].Factions);
    }

    [Fact]
    public void Citations_list_every_source_with_its_quote()
    {
        var yaml = File.ReadAllText(DataFile("valid", "minimal.yaml"));

        var citation = Assert.Single(ScenarioLoader.ReadCitations(yaml));

        Assert.Equal(("002_125b2086e87d3e07.txt", "3000 fighters"), (citation.Source, citation.Quote));
        Assert.Equal(52, citation.Line);
    }

    [Fact]
    public void Citations_of_unparsable_text_are_empty() => Assert.Empty(ScenarioLoader.ReadCitations("{"));
}
