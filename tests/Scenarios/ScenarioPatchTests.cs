using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>ScenarioLoader.Patch writes numbers back with a calibrated: note and leaves the rest of the text alone.</summary>
public class ScenarioPatchTests
{
    private const string Yaml =
        "a:\n" +
        "  plain: 0.5 # comment kept\n" +
        "  flow: {value: 2, assumption: \"x\"}\n" +
        "  block:\n" +
        "    value: 3\n" +
        "    assumption: \"y\"\n" +
        "  list: [{id: k, n: 7}]\n";

    [Fact]
    public void Each_form_of_number_gets_its_value_and_note()
    {
        var text = ScenarioLoader.Patch(Yaml, [new("a.plain", 0.25, "n1"), new("a.flow", 4, "n2"), new("a.block", 6, "n3"), new("a.list.k.n", 9, "n4")]);

        Assert.Equal(
            "a:\n" +
            "  plain: {value: 0.25, calibrated: \"n1\"} # comment kept\n" +
            "  flow: {value: 4, calibrated: \"n2\", assumption: \"x\"}\n" +
            "  block:\n" +
            "    value: 6\n" +
            "    calibrated: \"n3\"\n" +
            "    assumption: \"y\"\n" +
            "  list: [{id: k, n: {value: 9, calibrated: \"n4\"}}]\n", text);
    }

    [Fact]
    public void Patching_again_replaces_the_note()
    {
        var once = ScenarioLoader.Patch(Yaml, [new("a.plain", 0.25, "first")]);
        var twice = ScenarioLoader.Patch(once, [new("a.plain", 0.3, "second \"quoted\"")]);
        Assert.Contains("plain: {value: 0.3, calibrated: \"second \\\"quoted\\\"\"} # comment kept", twice);
        Assert.DoesNotContain("first", twice);
    }

    [Fact]
    public void A_path_the_file_does_not_write_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ScenarioLoader.Patch(Yaml, [new("a.missing", 1, "n")]));
        Assert.Contains("a.missing is not written in the file", e.Message);
    }
}
