using System.Text.Json;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>`conflictsim run` and `validate` on a civil-violence file, end to end through the command line.</summary>
public class CivilViolenceCliTests
{
    private static readonly string Epstein = Repository.Scenario("epstein-2002.yaml");

    [Fact]
    public void Json_is_byte_identical_for_a_seed_differs_for_another_and_conserves_citizens()
    {
        var first = CliHarness.Run("run", Epstein, "--seed", "3", "--days", "200", "--json");
        var second = CliHarness.Run("run", Epstein, "--seed", "3", "--days", "200", "--json");
        var other = CliHarness.Run("run", Epstein, "--seed", "4", "--days", "200", "--json");
        Assert.Equal((0, ""), (first.Exit, first.Err));
        Assert.Equal(first.Out, second.Out);
        Assert.NotEqual(first.Out, other.Out);

        using var doc = JsonDocument.Parse(first.Out);
        var root = doc.RootElement;
        Assert.Equal("civil-violence", root.GetProperty("model").GetString());
        Assert.Equal("epstein-2002", root.GetProperty("scenario").GetString());
        Assert.Equal(200, root.GetProperty("steps").GetInt32());
        Assert.Equal("von_neumann", root.GetProperty("parameters").GetProperty("neighbourhood").GetString());
        var o = root.GetProperty("outcomes");
        int citizens = root.GetProperty("parameters").GetProperty("citizens").GetInt32();
        Assert.Equal(citizens, o.GetProperty("quiet").GetInt32() + o.GetProperty("active").GetInt32() + o.GetProperty("jailed").GetInt32());
        foreach (var key in new[] { "peak_active", "peak_step", "outbursts", "outburst_steps" }) Assert.True(o.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void Summary_is_short_and_names_the_counts()
    {
        var result = CliHarness.Run("run", Epstein, "--days", "50");
        Assert.Equal(0, result.Exit);
        Assert.Contains("1120 citizens, 118 cops", result.Out);
        Assert.Contains("at step 50: quiet ", result.Out);
        Assert.Contains("outbursts: ", result.Out);
        Assert.True(result.Out.Split('\n').Length <= 10);
    }

    [Fact]
    public void Timeline_has_one_row_per_step_from_step_0_and_agrees_with_the_json()
    {
        using var dir = CliHarness.TempDir();
        string csv = dir.File("epstein.csv");
        var result = CliHarness.Run("run", Epstein, "--seed", "2", "--days", "120", "--timeline", csv, "--json");
        Assert.Equal(0, result.Exit);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(csv))!, "*.tmp")); // temporaries have unique names: none may be left
        var lines = File.ReadAllLines(csv);
        Assert.Equal("step,quiet,active,jailed", lines[0]);
        Assert.Equal(122, lines.Length);
        Assert.Equal("0,1120,0,0", lines[1]);
        using var doc = JsonDocument.Parse(result.Out);
        var o = doc.RootElement.GetProperty("outcomes");
        Assert.Equal($"120,{o.GetProperty("quiet")},{o.GetProperty("active")},{o.GetProperty("jailed")}", lines[^1]);
        foreach (var line in lines.Skip(1))
        {
            var n = line.Split(',').Select(int.Parse).ToArray();
            Assert.Equal(1120, n[1] + n[2] + n[3]);
        }
    }

    [Fact]
    public void Timeline_into_a_missing_directory_fails_cleanly()
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Run("run", Epstein, "--days", "5", "--timeline", Path.Combine(dir.Path, "nope", "t.csv"));
        Assert.Equal(1, result.Exit);
        Assert.StartsWith("conflictsim: cannot write timeline", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Validate_reports_the_model_and_its_size()
    {
        var result = CliHarness.Run("validate", Epstein);
        Assert.Equal(0, result.Exit);
        Assert.Equal($"{Epstein}: ok (civil-violence, 40×40 torus, 1120 citizens, 118 cops, 500 steps)", result.Out.TrimEnd());
    }

    [Fact]
    public void A_broken_file_is_reported_as_file_line_col_by_run_and_validate()
    {
        using var dir = CliHarness.TempDir();
        string path = dir.File("broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Epstein).Replace("neighbourhood: von_neumann", "neighbourhood: hexagonal"));
        foreach (var args in new[] { new[] { "validate", path }, new[] { "run", path, "--json" } })
        {
            var result = CliHarness.Run(args);
            Assert.Equal(1, result.Exit);
            Assert.Equal("", result.Out);
            Assert.Matches(@"^.*broken\.yaml:\d+:\d+: unknown neighbourhood 'hexagonal'; expected one of von_neumann, moore, disc, diamond\n$", result.Err.Replace("\r", ""));
        }
    }

    [Fact]
    public void Deterministic_mode_is_a_usage_error_for_this_model()
    {
        var result = CliHarness.Run("run", Epstein, "--deterministic");
        Assert.Equal(2, result.Exit);
        Assert.Contains("--deterministic does not apply to the civil-violence model", result.Err);
    }
}
