using System.Text;
using ConflictSim.Cli.Commands;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>Inputs that are wrong for the command get one clear line, not a dozen or a million (issue 16, messages).</summary>
public class WrongInputMessagesTests
{
    private static readonly string Grid = Repository.Scenario("epstein-2002.yaml");

    [Theory]
    [InlineData("sweep")]
    [InlineData("compare")]
    [InlineData("blocs")]
    public void A_civil_violence_file_is_one_line_saying_the_command_needs_a_conflict_scenario(string command)
    {
        string[] args = command == "compare" ? [command, Grid, "--set-a", "x=1"] : [command, Grid];
        var r = CliHarness.Run(args);
        Assert.Equal(1, r.Exit);
        var lines = r.Err.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Contains("civil violence grid model", lines[0]);
        Assert.Contains("a conflict scenario (conflictsim/1)", lines[0]);
    }

    [Fact]
    public void Compare_of_one_file_without_set_a_or_set_b_is_a_usage_error()
    {
        var r = CliHarness.Run("compare", Repository.Scenario("sirte-2016.yaml"), "--runs", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal("conflictsim: compare with one FILE needs --set-a or --set-b to make the arms differ; or give two files", r.Err.Trim());
    }

    [Fact]
    public void Thousands_of_errors_are_capped_at_a_hundred_lines_and_a_count()
    {
        using var dir = CliHarness.TempDir();
        string path = dir.File("many.yaml");
        // 5,000 links naming regions that do not exist: two errors each.
        var text = File.ReadAllText(CliHarness.Fixture("tiny.yaml"));
        int links = text.IndexOf("\nlinks:\n", StringComparison.Ordinal);
        Assert.True(links >= 0, "tiny.yaml has a links: list");
        var extra = new StringBuilder();
        for (int i = 0; i < 5000; i++) extra.Append($"  - {{from: nowhere{i}, to: elsewhere{i}, days: 1}}\n");
        File.WriteAllText(path, text.Insert(links + "\nlinks:\n".Length, extra.ToString()));

        var r = CliHarness.Run("validate", path);
        Assert.Equal(1, r.Exit);
        var lines = r.Err.TrimEnd().Split('\n');
        Assert.Equal(101, lines.Length);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:\\d+:\\d+: … and [0-9,]+ more errors from here on \\(the first 100 are shown", lines[^1]);
    }

    [Fact]
    public void The_printed_resume_command_runs_this_binary_through_dotnet()
    {
        string launcher = Shell.Launcher();
        Assert.EndsWith("conflictsim.dll", launcher.Trim('\''));
        Assert.Contains("dotnet", launcher);
        Assert.Equal("'a b'", Shell.Quote("a b"));
        Assert.Equal("'it'\\''s'", Shell.Quote("it's"));
    }

    [Fact]
    public void An_empty_path_is_one_line_and_exit_1()
    {
        foreach (var command in new[] { "run", "validate", "sweep", "blocs" })
        {
            var r = CliHarness.Run(command, "");
            Assert.Equal(1, r.Exit);
            Assert.Single(r.Err.TrimEnd().Split('\n'));
            Assert.Contains("the path is empty", r.Err);
        }
    }

    [Fact]
    public void A_device_without_end_is_read_only_up_to_a_bound()
    {
        if (!File.Exists("/dev/zero")) return; // Unix only
        foreach (var command in new[] { "run", "validate", "sweep" })
        {
            var r = CliHarness.Run(command, "/dev/zero");
            Assert.Equal(1, r.Exit);
            Assert.Equal("/dev/zero:1:1: more than 67,108,864 bytes come from this pipe or device; expected a scenario file", r.Err.Trim());
        }
    }
}

/// <summary>Numbers too large to compute with are refused where they are written, not reported as nonsense.</summary>
public class UnboundedNumbersTests
{
    [Fact]
    public void Blocs_sizes_beyond_1e12_are_refused_at_their_cell()
    {
        using var dir = CliHarness.TempDir();
        string sizes = dir.File("sizes.csv"), matrix = dir.File("matrix.csv");
        File.WriteAllText(sizes, "actor,size\na,1e308\nb,1e308\nc,1\n");
        File.WriteAllText(matrix, ",a,b,c\na,0,1,-1\nb,1,0,-1\nc,-1,-1,0\n");
        var r = CliHarness.Run("blocs", "--sizes", sizes, "--propensities", matrix);
        Assert.Equal(1, r.Exit);
        Assert.Equal(
            [$"{sizes}:2:3: size 1e308 of 'a' is too large; expected a positive number up to 1e12 (sizes are relative weights: scale them down)",
             $"{sizes}:3:3: size 1e308 of 'b' is too large; expected a positive number up to 1e12 (sizes are relative weights: scale them down)"],
            r.Err.TrimEnd().Split('\n'));
    }
}

/// <summary>A design too large to run is refused before any point is built (issue 16: a 96-million-point grid printed nothing for 20 s).</summary>
public class SweepSizeTests
{
    [Fact]
    public void A_grid_beyond_ten_thousand_points_is_refused_at_once()
    {
        static string Values(int n) => string.Join(",", Enumerable.Range(1, n).Select(i => (0.1 + 0.8 * i / (n + 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--vary", "factions.isis.morale=" + Values(400),
            "--vary", "factions.pfg.morale=" + Values(400), "--vary", "settings.loss_shock=1,2,3,4,5,6");
        Assert.Equal(2, r.Exit);
        Assert.Equal("conflictsim: the sweep has more than 10,000 parameter points; expected at most 10,000 (fewer --vary values or --samples; split a larger design into several sweeps)", r.Err.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
