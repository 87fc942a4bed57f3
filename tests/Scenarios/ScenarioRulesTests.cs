using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>One rule per case: a valid two-region, two-faction file plus a snippet that breaks exactly that rule.</summary>
public class ScenarioRulesTests
{
    private const string Base = """
        format: conflictsim/1
        assumption: "test fixture"
        scenario: {id: rules, title: Rules, start: 2016-05-12, days: 30}
        regions:
          - {id: a, name: A, city: town}
          - {id: b, name: B}
        links:
          - {from: a, to: b}
          - {from: b, to: a_sea, kind: sea}
          - {id: a_sea, name: Sea}
        factions:
          - {id: f, name: F, forces: {a: 100}}
          - {id: g, name: G, forces: {b: 100}}

        """;

    private static string Valid => Base.Replace("  - {from: b, to: a_sea, kind: sea}\n  - {id: a_sea, name: Sea}\n",
        "  - {from: b, to: a_sea, kind: sea}\n").Replace("  - {id: b, name: B}\n", "  - {id: b, name: B}\n  - {id: a_sea, name: Sea}\n");

    [Fact]
    public void Base_file_is_valid() => Assert.Empty(ScenarioLoader.LoadText(Valid, "rules.yaml").Errors);

    [Theory]
    [InlineData("  - {id: h, name: H, doctrine: {defect_to: h}}\n", "faction 'h' defects to itself")]
    [InlineData("  - {id: h, name: H, doctrine: {defect_region: a}}\n", "defect_region without defect_to")]
    [InlineData("  - {id: h, name: H, forces: {a: 10.5}}\n", "expected a whole number >= 0")]
    [InlineData("  - {id: Bad, name: H}\n", "invalid id 'Bad'")]
    [InlineData("  - {id: h, name: H, orders: robot}\n", "unknown order source 'robot'; expected one of ai, scripted, human")]
    [InlineData("relations:\n  - {between: [f, g], trust: -1}\n  - {between: [g, f], trust: -1}\n", "duplicate relation between 'f' and 'g'")]
    [InlineData("relations:\n  - {between: [f, f], trust: -1}\n", "'f' paired with itself")]
    [InlineData("relations:\n  - {between: [f], trust: -1}\n", "lists 1 factions; expected exactly two")]
    [InlineData("relations:\n  - {between: [f, g]}\n", "missing required key 'trust'")]
    [InlineData("settings: {hostile_below: 0.5, allied_above: 0.2}\n", "allied_above 0.2 is not above hostile_below 0.5")]
    [InlineData("settings: {defence: {swamp: 2}}\n", "unknown terrain 'swamp'")]
    [InlineData("settings: {mode: chaotic}\n", "unknown mode 'chaotic'; expected one of stochastic, deterministic")]
    [InlineData("patrons:\n  - {id: p, name: P, client: x}\n", "unknown faction 'x'")]
    [InlineData("patrons:\n  - {id: p, name: P, client: f, blockade: [a_sea-c]}\n", "unknown link 'a_sea-c'")]
    [InlineData("patrons:\n  - {id: p, name: P, client: f, blockade: [ab]}\n", "'ab' is not a link key")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [explode: {faction: f}]}\n", "unknown effect 'explode'")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [{income: {faction: f, value: 1}, supply: {faction: f, amount: 1}}]}\n", "an effect has 2 kinds")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [patron: {patron: p}]}\npatrons:\n  - {id: p, name: P, client: f}\n", "patron effect changes nothing")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [blockade: {link: a-b, by: f}]}\n", "is a road link; expected a sea link")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [lift: {link: a-a_sea}]}\n", "unknown link 'a-a_sea'")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [morale: {faction: f, delta: 2}]}\n", "expected a number in [-1, 1]")]
    [InlineData("events:\n  - {id: e, date: 13 May 2016, effects: [income: {faction: f, value: 1}]}\n", "expected a date YYYY-MM-DD, got '13 May 2016'")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: []}\n", "'effects' is empty; expected at least one effect")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [income: {faction: f, value: 1}]}\n  - {id: e, date: 2016-05-14, effects: [income: {faction: f, value: 1}]}\n", "duplicate event id 'e'")]
    [InlineData("orders:\n  - {date: 2016-05-13, faction: f, from: a, to: b, fraction: 0}\n", "expected a number in (0, 1]")]
    [InlineData("outcomes:\n  - {id: o, kind: first_day_holds, faction: f, region: a}\n  - {id: k, kind: killed, faction: f, at: k}\n", "outcome 'k' is a killed outcome; expected a first_day_* outcome")]
    [InlineData("outcomes:\n  - {id: o, kind: share, faction: f, city: village}\n", "unknown city 'village'")]
    [InlineData("outcomes:\n  - {id: o, kind: first_day_encircled, faction: f, city: town, region: a}\n", "expected exactly one of city: and region:")]
    [InlineData("outcomes:\n  - {id: o, kind: holds, region: a}\n", "missing required key 'faction'; expected 'faction:' or 'factions:'")]
    [InlineData("outcomes:\n  - {id: o, kind: holds, faction: f}\n", "missing required key 'region'")]
    [InlineData("outcomes:\n  - {id: o, kind: first_day_share_at_most, faction: f, city: town}\n", "missing required key 'share'")]
    [InlineData("outcomes:\n  - {id: o, kind: winner, faction: f}\n", "unknown outcome kind 'winner'")]
    [InlineData("outcomes:\n  - {id: o, kind: holds, faction: f, region: a, city: town}\n", "key 'city' does not apply to this outcome; expected holds takes region:")]
    [InlineData("notes: hello\n", "unknown key 'notes'; expected one of format, scenario")]
    [InlineData("camps:\n  - {id: c1, name: C1, members: [f]}\n  - {id: c2, name: C2, members: [f, g]}\n", "faction 'f' is already in camp 'c1'")]
    [InlineData("camps:\n  - {id: c1, name: C1, members: [x]}\n", "unknown faction 'x'")]
    [InlineData("camps:\n  - {id: c1, name: C1, members: []}\n", "'members' is empty")]
    [InlineData("camps:\n  - {id: c1, name: C1, members: [f]}\noutcomes:\n  - {id: c1_blocs, kind: killed, faction: f}\n", "duplicate outcome id 'c1_blocs'")]
    [InlineData("outcomes:\n  - {id: o, kind: camp_blocs}\n", "missing required key 'camp'")]
    [InlineData("outcomes:\n  - {id: o, kind: camp_blocs, camp: nowhere}\n", "unknown camp 'nowhere'")]
    [InlineData("outcomes:\n  - {id: o, kind: same_bloc, factions: [f]}\n", "needs at least two factions")]
    [InlineData("  - {id: h, name: H, ideology: {marxism: 0.5}}\n", "unknown dimension 'marxism'")]
    [InlineData("  - {id: h, name: H, ideology: {islamism: 1.5}}\nsettings: {alliances: {dimensions: [islamism]}}\n", "expected a number in [0, 1]")]
    [InlineData("  - {id: h, name: H, supplier: h}\n", "faction 'h' is its own supplier")]
    [InlineData("  - {id: h, name: H, splinter: {share: 0}}\n", "expected a number in (0, 1]")]
    [InlineData("  - {id: h, name: H, splinter: {}}\n  - {id: h_splinter, name: H2}\n", "duplicate faction id 'h_splinter'")]
    [InlineData("events:\n  - {id: e, date: 2016-05-13, effects: [betrayal: {faction: f, delta: -0.3, dimension: nope}]}\n", "unknown dimension 'nope'")]
    public void Rule_violation_is_reported(string snippet, string message)
    {
        var errors = ScenarioLoader.LoadText(Valid + snippet, "rules.yaml").Errors;
        var error = Assert.Single(errors);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("  lat: 3\n", "number has no provenance")]
    [InlineData("  lat: {value: 3}\n", "number has no provenance")]
    [InlineData("  lat: {value: 3, quote: \"three\"}\n", "quote without a source")]
    [InlineData("  lat: {value: 3, source: article.txt, quote: \"three\"}\n", "source 'article.txt' is not a seed article")]
    [InlineData("  lat: {value: 3, source: 002_125b2086e87d3e07.txt, quote: \"\"}\n", "has no quote")]
    [InlineData("  lat: {value: 3, assumption: \"\"}\n", "assumption is ''")]
    [InlineData("  lat: {value: 3, assumption: \"guess\", unit: deg}\n", "unknown key 'unit'; expected one of value, source, quote, assumption")]
    public void Provenance_rules_are_enforced(string latLine, string message)
    {
        var yaml = "format: conflictsim/1\nscenario: {id: p, title: P, start: 2016-05-12, days: 3}\n"
            + "regions:\n- id: a\n  name: A\n" + latLine + "factions:\n- {id: f, name: F}\n";
        // A broken citation also leaves its number uncovered, so look for the specific message among the errors.
        Assert.Contains(ScenarioLoader.LoadText(yaml, "p.yaml").Errors, e => e.Message.Contains(message));
    }

    [Theory]
    [InlineData("  lat: {value: 3, source: DOMAIN.md}\n")]
    [InlineData("  lat: {value: 3, source: 002_125b2086e87d3e07.txt, quote: \"three\"}\n")]
    [InlineData("  assumption: \"region-wide guess\"\n  lat: 3\n")]
    public void Provenance_on_the_number_or_an_enclosing_mapping_covers_it(string latLines)
    {
        var yaml = "format: conflictsim/1\nscenario: {id: p, title: P, start: 2016-05-12, days: 3, seed: 5}\n"
            + "regions:\n- id: a\n  name: A\n" + latLines + "factions:\n- {id: f, name: F}\n";
        var result = ScenarioLoader.LoadText(yaml, "p.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Spec!.Regions[0].Lat);
    }
}
