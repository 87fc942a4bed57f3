using ConflictSim.CivilViolenceGrid;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>The civil-violence file format: the shipped file, dispatch by model:, provenance and positioned errors.</summary>
public class CivilViolenceLoaderTests
{
    private static readonly string Shipped = File.ReadAllText(Repository.Scenario("epstein-2002.yaml"));

    [Fact]
    public void The_shipped_file_states_the_papers_model_with_its_defaults()
    {
        var result = CivilViolenceLoader.LoadText(Shipped, "epstein-2002.yaml");
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        var s = result.Spec!;
        Assert.Equal(("epstein-2002", 500, 1UL), (s.Id, s.Steps, s.Seed));
        Assert.Equal((40, 40, 1120, 118), (s.Width, s.Height, s.Citizens, s.Cops));
        Assert.Equal((7, 7), (s.CitizenVision, s.CopVision));
        Assert.Equal((0.8, 2.3, 0.1, 1000), (s.Legitimacy, s.K, s.Threshold, s.MaxJailTerm));
        Assert.Equal((ArrestRatio.Exact, JailTermDraw.UniformReal, Neighbourhood.VonNeumann), (s.ArrestRatio, s.JailTerm, s.Neighbourhood));
        Assert.False(s.JailedHoldSites);
        Assert.True(s.Movement);
    }

    [Fact]
    public void The_model_key_picks_the_loader()
    {
        Assert.Equal(ScenarioModel.CivilViolence, ScenarioModel.Of(Shipped));
        Assert.Equal(ScenarioModel.Conflict, ScenarioModel.Of(File.ReadAllText(Repository.Scenario("sirte-2016.yaml"))));
        Assert.Equal(ScenarioModel.Conflict, ScenarioModel.Of("not: [valid"));
    }

    [Fact]
    public void The_conflict_loader_refuses_a_civil_violence_file_at_its_model_key()
    {
        var result = ScenarioLoader.LoadText(Shipped, "f.yaml");
        Assert.Contains(result.Errors, e => e.Line == Line("model: civil-violence") && e.Message.Contains("has its own loader"));
        var unknown = ScenarioLoader.LoadText(Shipped.Replace("model: civil-violence", "model: sugarscape"), "f.yaml");
        Assert.Contains(unknown.Errors, e => e.Message.StartsWith("unknown model 'sugarscape'; expected one of conflict, civil-violence"));
    }

    [Theory]
    [InlineData("density: {value: 0.7, source: \"mesa, citizen_density default\"}", "density: 0.7",
        "number has no provenance")]
    [InlineData("source: \"mesa, cop_vision default\"", "source: \"netlogo, vision\"",
        "is not a seed article; expected a file name like 002_125b2086e87d3e07.txt, or DOMAIN.md, or a key declared under references: (epstein-2002, mesa, netlogo-rebellion)")]
    [InlineData("neighbourhood: von_neumann", "neighbourhood: hexagonal",
        "unknown neighbourhood 'hexagonal'; expected one of von_neumann, moore, disc, diamond")]
    [InlineData("arrest_ratio: exact", "arrest_ratio: ceiling", "unknown arrest ratio 'ceiling'; expected one of exact, floor, round")]
    [InlineData("jailed_hold_sites: false", "jailed_hold_sites: maybe", "expected true or false, got 'maybe'")]
    [InlineData("vision: {value: 7, source: \"mesa, citizen_vision default\"}", "vision: {value: 20, source: \"mesa, citizen_vision default\"}",
        "vision 20 wraps round the 40×40 torus; expected at most 19")]
    [InlineData("density: {value: 0.074, source: \"mesa, cop_density default\"}", "density: {value: 0.5, source: \"mesa, cop_density default\"}",
        "expected densities adding up to at most 1")]
    [InlineData("legitimacy: {value: 0.8,", "legitimacy: {value: 1.8,", "value 1.8 is out of range; expected a number in [0, 1]")]
    [InlineData("  end: 0.01", "  end: 0.2", "outburst end 0.2 is not below start 0.05; expected end < start")]
    [InlineData("  movement: true", "  movement: true\n  speed: 2", "unknown key 'speed'")]
    public void A_broken_file_gets_one_error_at_the_offending_line(string original, string broken, string message)
    {
        Assert.Contains(original, Shipped);
        string text = Shipped.Replace(original, broken);
        var result = CivilViolenceLoader.LoadText(text, "cv.yaml");
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        int line = Line(text, broken.Split('\n')[^1].Trim());
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"cv.yaml:{line}:", error.ToString());
    }

    [Fact]
    public void Missing_sections_are_reported_where_the_mapping_starts()
    {
        var result = CivilViolenceLoader.LoadText("format: conflictsim/1\nmodel: civil-violence\nscenario: {id: x, title: X, steps: 10}\n", "cv.yaml");
        Assert.False(result.Ok);
        Assert.All(result.Errors, e => Assert.Equal((1, 1), (e.Line, e.Column)));
        foreach (var key in new[] { "references", "grid", "citizens", "cops", "regime" })
            Assert.Contains(result.Errors, e => e.Message == $"missing required key '{key}'; expected '{key}:' in this mapping");
    }

    private static int Line(string needle) => Line(Shipped, needle);

    private static int Line(string text, string needle)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) if (lines[i].Contains(needle)) return i + 1;
        throw new InvalidOperationException($"'{needle}' not in the text");
    }
}
