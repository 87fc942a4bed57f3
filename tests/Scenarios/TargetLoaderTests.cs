using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>The <c>targets:</c> list, <c>outside:</c> citations and <c>fitted_from:</c>, read and checked like every other key.</summary>
public class TargetLoaderTests
{
    private static readonly string Duel = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "sweep", "duel.yaml"));

    private const string Outside = "outside: {publication: \"Reuters\", date: 2016-01-05, says: \"it happened\"}";

    private static LoadResult Load(string targets, string extra = "") => ScenarioLoader.LoadText(Duel + extra + "targets:\n" + targets, "t.yaml");

    private static ScenarioError OnlyError(LoadResult r)
    {
        Assert.False(r.Ok);
        return Assert.Single(r.Errors);
    }

    [Fact]
    public void Every_form_of_observation_is_read_into_the_spec()
    {
        var r = Load(
            "  - {id: k, outcome: red_killed, range: [10, 20], use: calibrate, source: 002_125b2086e87d3e07.txt, quote: \"3000 fighters\"}\n" +
            $"  - {{id: fall, outcome: town_falls, date: 2016-01-06, use: validate, {Outside}}}\n" +
            $"  - {{id: fall_window, outcome: town_falls, dates: [2016-01-04, 2016-01-09], use: validate, {Outside}}}\n" +
            $"  - {{id: held, outcome: blue_holds_b, value: 1, use: calibrate, {Outside}}}\n" +
            $"  - {{id: no_fall, outcome: town_falls, never: true, use: validate, {Outside}}}\n" +
            $"  - {{id: blue_left, on: 2016-01-08, quantity: fighters, faction: blue, range: [300, 600], use: validate, {Outside}}}\n");

        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var t = r.Spec!.Targets;
        Assert.Equal(["k", "fall", "fall_window", "held", "no_fall", "blue_left"], t.Select(x => x.Id));
        Assert.Equal((10.0, 20.0, TargetUse.Calibrate), (t[0].Low, t[0].High, t[0].Use));
        Assert.Equal("002_125b2086e87d3e07.txt: \"3000 fighters\"", t[0].Citation);
        Assert.Equal((5.0, 5.0), (t[1].Low, t[1].High)); // 6 January is day 5 of a 1 January start
        Assert.Equal((3.0, 8.0), (t[2].Low, t[2].High));
        Assert.Equal("Reuters, 2016-01-05: it happened", t[1].Citation);
        Assert.Equal((13.0, 13.0), (t[4].Low, t[4].High)); // never: the day after a twelve-day span
        Assert.Equal((TargetQuantity.Fighters, "blue", 7), (t[5].Quantity!.Value, t[5].Faction, t[5].Day));
        Assert.Null(t[5].Outcome);
    }

    [Theory]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, use: calibrate, assumption: \"a guess\"}\n", "target has no observation source; expected source: + quote: from a seed article, or outside:")]
    [InlineData("  - {id: a, outcome: nope, value: 3, use: calibrate, " + Outside + "}\n", "unknown outcome 'nope'")]
    [InlineData("  - {id: a, outcome: red_killed, date: 2016-01-03, use: calibrate, " + Outside + "}\n", "outcome 'red_killed' is a killed outcome; expected a first_day_* outcome")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, range: [1, 2], use: calibrate, " + Outside + "}\n", "a target has more than one observation")]
    [InlineData("  - {id: a, outcome: red_killed, use: calibrate, " + Outside + "}\n", "a target has no observation")]
    [InlineData("  - {id: a, outcome: red_killed, range: [5, 2], use: calibrate, " + Outside + "}\n", "range [5, 2] runs backwards")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, use: tune, " + Outside + "}\n", "unknown target use 'tune'; expected one of calibrate, validate")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, " + Outside + "}\n", "missing required key 'use'")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, use: validate, outside: {publication: \"Reuters\", date: 2016-01-05}}\n", "outside citation has no 'says'")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, use: validate, outside: {publication: \"Reuters\", date: last week, says: \"x\"}}\n", "outside date 'last week' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")]
    [InlineData("  - {id: a, outcome: red_killed, value: 3, use: validate, outside: {publication: \"Reuters\", date: 2016, says: \"x\", page: 4}}\n", "unknown key 'page' in outside")]
    [InlineData("  - {id: a, on: 2016-01-03, quantity: morale, faction: blue, value: 3, use: validate, " + Outside + "}\n", "unknown target quantity 'morale'")]
    [InlineData("  - {id: a, on: 2016-03-03, quantity: fighters, faction: blue, value: 3, use: validate, " + Outside + "}\n", "date 2016-03-03 is outside the scenario span")]
    [InlineData("  - {id: a, outcome: red_killed, on: 2016-01-03, value: 3, use: validate, " + Outside + "}\n", "a target observes an outcome or a quantity on a day, not both")]
    public void A_bad_target_is_one_located_error(string targets, string message)
    {
        var e = OnlyError(Load(targets));
        Assert.Contains(message, e.Message);
        Assert.True(e.Line > 20, $"expected the error in the targets list, got line {e.Line}");
    }

    [Fact]
    public void Duplicate_target_ids_are_reported()
    {
        var e = OnlyError(Load(
            $"  - {{id: a, outcome: red_killed, value: 3, use: validate, {Outside}}}\n" +
            $"  - {{id: a, outcome: red_killed, value: 4, use: validate, {Outside}}}\n"));
        Assert.Contains("duplicate target id 'a'", e.Message);
    }

    [Fact]
    public void Fitted_from_marks_its_target_and_must_name_one()
    {
        string withFit = Duel.Replace("aimed_fire: 0.05, morale: 0.8, cohesion: 0.8, supply: 1000, income: 100, supply_sources: [c]",
            "aimed_fire: {value: 0.05, fitted_from: k, assumption: \"set so Red's killed match\"}, morale: 0.8, cohesion: 0.8, supply: 1000, income: 100, supply_sources: [c]");
        Assert.NotEqual(Duel, withFit);
        var ok = ScenarioLoader.LoadText(withFit + $"targets:\n  - {{id: k, outcome: red_killed, value: 3, use: calibrate, {Outside}}}\n", "t.yaml");
        Assert.True(ok.Ok, string.Join("\n", ok.Errors));
        Assert.Equal(["line 12"], ok.Spec!.Targets[0].FittedBy);

        var bad = ScenarioLoader.LoadText(withFit.Replace("fitted_from: k", "fitted_from: nope"), "t.yaml");
        Assert.Contains("unknown target 'nope'", OnlyError(bad).Message);
    }

    [Fact]
    public void An_outside_citation_is_provenance_for_a_parameter()
    {
        string cited = Duel.Replace("forces: {b: 200, c: 100}, assumption: \"test\"}", "forces: {b: 200, c: 100}, " + Outside + "}");
        Assert.NotEqual(Duel, cited);
        var r = ScenarioLoader.LoadText(cited, "t.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
    }
}
