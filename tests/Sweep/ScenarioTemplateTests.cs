using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Sweep;

/// <summary>A template parsed once must load each set of overrides exactly as a fresh parse of the file would.</summary>
public class ScenarioTemplateTests
{
    private static readonly string Text = File.ReadAllText(SweepHarness.Duel);

    // In this order on one template: refusals and an added key in between must leave no trace for the next load.
    private static readonly ScenarioOverride[][] Sequence =
    [
        [new("factions.red.morale", 0.6, "a")],
        [new("factions.red.morale", 1.5, "out of range")],
        [new("factions.blue.forces.a", 10.5, "not whole")],
        [new("factions.red.quality", 5, "added key")],
        [new("factions.green.morale", 0.5, "unknown id")],
        [new("factions.red.moral", 0.5, "unknown key")],
        [new("factions.red.name", 0.5, "not a number")],
        [new("factions.red.morale", 0.3, "b"), new("factions.blue.forces.a", 900, "c")],
        [new("factions.red.morale", 0.6, "a")],
    ];

    [Fact]
    public void Every_load_matches_a_fresh_parse_with_the_same_overrides()
    {
        var template = ScenarioLoader.Prepare(Text, "duel.yaml");
        foreach (var overrides in Sequence)
        {
            var fresh = ScenarioLoader.LoadText(Text, "duel.yaml", overrides);
            var reused = template.Load(overrides);
            string what = string.Join(", ", overrides.Select(o => o.Origin));
            Assert.Equal(fresh.Errors.Select(e => e.ToString()), reused.Errors.Select(e => e.ToString()));
            Assert.Equal(fresh.Ok, reused.Ok);
            if (fresh.Ok) Assert.True(Outcomes(fresh.Spec!).SequenceEqual(Outcomes(reused.Spec!)), $"{what}: the runs differ");
        }
    }

    [Fact]
    public void An_added_key_is_gone_from_the_next_load()
    {
        var template = ScenarioLoader.Prepare(Text, "duel.yaml");
        var baseline = Outcomes(ScenarioLoader.LoadText(Text, "duel.yaml").Spec!);
        var added = template.Load([new("factions.red.quality", 5, "x")]);
        Assert.False(Outcomes(added.Spec!).SequenceEqual(baseline), "the added key should change the runs, or this test shows nothing");
        var plain = template.Load([new("factions.red.morale", 0.8, "same as the file")]);
        Assert.True(baseline.SequenceEqual(Outcomes(plain.Spec!)));
    }

    private static double[] Outcomes(ScenarioSpec spec)
    {
        var sim = new Simulation(Scenario.Compile(spec), 3);
        sim.Run();
        return sim.State.OutcomeValue.ToArray();
    }
}
