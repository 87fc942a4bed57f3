using System.Text.Json;

namespace ConflictSim.Tests.Cli;

/// <summary>The CLI on the YAML fixtures in data/cli; skipped until ScenarioLoader lands.</summary>
public class ScenarioFileTests
{
    [Fact]
    public void Run_prints_the_summary_of_a_scenario_file()
    {
        var result = CliHarness.Run("run", CliHarness.Fixture("tiny.yaml"));

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Err);
        Assert.StartsWith("Tiny\n", result.Out);
        Assert.Contains("Outcomes", result.Out);
    }

    [Fact]
    public void Run_json_from_a_file_is_byte_identical_for_the_same_seed()
    {
        var first = CliHarness.Run("run", CliHarness.Fixture("tiny.yaml"), "--json", "--seed", "3");
        var second = CliHarness.Run("run", CliHarness.Fixture("tiny.yaml"), "--json", "--seed", "3");

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        using var doc = JsonDocument.Parse(first.Out);
        Assert.Equal("tiny", doc.RootElement.GetProperty("scenario").GetString());
        Assert.Equal(3UL, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Run_with_a_timeline_from_a_file_leaves_only_the_csv()
    {
        using var dir = CliHarness.TempDir();
        string csv = dir.File("out.csv");

        var result = CliHarness.Run("run", CliHarness.Fixture("tiny.yaml"), "--timeline", csv, "--days", "2", "--deterministic");

        Assert.Equal(0, result.Exit);
        Assert.Equal(ConflictSim.Cli.Output.TimelineWriter.Header, File.ReadLines(csv).First());
        Assert.Contains(File.ReadLines(csv), l => l.StartsWith("0,2016-01-01,", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(csv))!, "*.tmp")); // temporaries have unique names: none may be left
    }

    [Fact]
    public void Validate_accepts_the_tiny_fixture()
    {
        string path = CliHarness.Fixture("tiny.yaml");

        var result = CliHarness.Run("validate", path);

        Assert.Equal(0, result.Exit);
        Assert.Equal($"{path}: ok (3 regions, 2 factions, 0 events, 2 outcomes)\n", result.Out);
    }

    [Fact]
    public void Validate_rejects_the_invalid_fixture_with_positioned_errors()
    {
        string path = CliHarness.Fixture("invalid.yaml");

        var result = CliHarness.Run("validate", path);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Out);
        string[] lines = result.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length >= 2, result.Err);
        Assert.All(lines, l => Assert.Matches(@"invalid\.yaml:\d+:\d+: ", l));
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void Run_refuses_an_invalid_scenario_with_exit_1()
    {
        var result = CliHarness.Run("run", CliHarness.Fixture("invalid.yaml"));

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Contains("invalid.yaml:", result.Err);
    }
}
