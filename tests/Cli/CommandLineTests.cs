using ConflictSim.Cli.Commands;
using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Cli;

/// <summary>Parsing, exit codes and error lines of the whole command line, run in-process.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("run", "x.yaml", "--bogus")]
    [InlineData("run", "x.yaml", "--seed", "abc")]
    [InlineData("run", "x.yaml", "--seed", "-1")]
    [InlineData("run", "x.yaml", "--days", "36501")]
    [InlineData("run", "x.yaml", "--days", "-3")]
    [InlineData("run")]
    [InlineData("frobnicate")]
    [InlineData("validate", "a.yaml", "b.yaml")]
    public void A_usage_error_exits_2_with_one_line_and_no_stack_trace(params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Out);
        Assert.StartsWith("conflictsim: ", result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void A_bad_number_says_which_option_and_what_it_got()
    {
        var result = CliHarness.Run("run", "x.yaml", "--days", "lots");

        Assert.Contains("--days", result.Err);
        Assert.Contains("'lots'", result.Err);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void A_missing_file_exits_1_naming_the_path(string command)
    {
        using var dir = CliHarness.TempDir();
        string missing = dir.File("no-such-scenario.yaml");

        var result = CliHarness.Run(command, missing);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Contains(missing, result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void A_directory_is_not_a_scenario()
    {
        using var dir = CliHarness.TempDir();

        var result = CliHarness.Run("validate", dir.Path);

        Assert.Equal(1, result.Exit);
        Assert.Contains(dir.Path, result.Err);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("validate", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(0, result.Exit);
        Assert.Contains("Usage:", result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Run_help_lists_every_flag()
    {
        var result = CliHarness.Run("run", "--help");

        foreach (string flag in new[] { "--seed", "--days", "--json", "--timeline", "--deterministic" })
            Assert.Contains(flag, result.Out);
    }

    [Fact]
    public void Version_prints_a_version()
    {
        var result = CliHarness.Run("--version");

        Assert.Equal(0, result.Exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out);
    }

    [Fact]
    public void An_unexpected_exception_exits_70_with_one_line_and_no_stack_trace()
    {
        var stderr = new StringWriter();

        int exit = ConflictSim.Cli.Cli.Run(["--help"], new FailingWriter(), stderr);

        Assert.Equal(70, exit);
        Assert.Equal("conflictsim: internal error: disk on fire\n", stderr.ToString());
    }

    [Fact]
    public void Validate_reports_counts_for_a_valid_scenario()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ValidateCommand.Report("tiny.yaml", new LoadResult(CliHarness.TinySpec(), []), stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal("tiny.yaml: ok (3 regions, 2 factions, 0 events, 2 outcomes)\n", stdout.ToString());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Validate_prints_every_error_with_its_position_and_exits_1()
    {
        var errors = new[]
        {
            new ScenarioError("bad.yaml", 4, 7, "unknown terrain 'swamp'"),
            new ScenarioError("bad.yaml", 9, 3, "unknown faction 'purple'"),
        };
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ValidateCommand.Report("bad.yaml", new LoadResult(null, errors), stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout.ToString());
        Assert.Equal("bad.yaml:4:7: unknown terrain 'swamp'\nbad.yaml:9:3: unknown faction 'purple'\n", stderr.ToString());
    }

    [Fact]
    public void The_default_scenario_is_found_in_a_parent_directory_first()
    {
        using var repo = CliHarness.TempDir();
        using var shipped = CliHarness.TempDir();
        string inRepo = Place(repo.Path);
        Place(shipped.Path);
        string nested = Directory.CreateDirectory(Path.Combine(repo.Path, "runner", "bin")).FullName;

        Assert.Equal(inRepo, DefaultScenario.Locate(nested, shipped.Path));
    }

    [Fact]
    public void The_default_scenario_falls_back_to_the_copy_next_to_the_binary()
    {
        using var elsewhere = CliHarness.TempDir();
        using var shipped = CliHarness.TempDir();
        string copy = Place(shipped.Path);

        Assert.Equal(copy, DefaultScenario.Locate(elsewhere.Path, shipped.Path));
    }

    [Fact]
    public void No_default_scenario_anywhere_is_reported_as_null()
    {
        using var elsewhere = CliHarness.TempDir();
        using var shipped = CliHarness.TempDir();

        Assert.Null(DefaultScenario.Locate(elsewhere.Path, shipped.Path));
    }

    private static string Place(string root)
    {
        string path = Path.Combine(root, DefaultScenario.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "format: conflictsim/1\n");
        return path;
    }

    /// <summary>Stands in for any failure the CLI did not anticipate, e.g. a closed pipe on stdout.</summary>
    private sealed class FailingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char value) => throw new IOException("disk on fire");
        public override void Write(string? value) => throw new IOException("disk on fire");
    }
}
