namespace ConflictSim.Tests.Cli;

/// <summary>`conflictsim generate` end to end: the file it writes validates and runs; bad values exit 2 with one line.</summary>
public class GenerateCommandTests
{
    [Fact]
    public void A_generated_file_validates_and_runs()
    {
        using var dir = CliHarness.TempDir();
        string file = dir.File("theater.yaml");

        var generated = CliHarness.Run("generate", "--regions", "200", "--factions", "6", "--seed", "3", "--degree", "4.5", "--out", file);
        var validated = CliHarness.Run("validate", file);
        var ran = CliHarness.Run("run", file, "--days", "10", "--json");

        Assert.Equal(0, generated.Exit);
        Assert.Equal("", generated.Err);
        Assert.Contains("synthetic-r200-f6-s3", generated.Out);
        Assert.Equal(0, validated.Exit);
        Assert.Contains("ok (200 regions, 6 factions", validated.Out);
        Assert.Equal(0, ran.Exit);
        Assert.Equal("", ran.Err);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(file))!, "*.tmp")); // temporaries have unique names: none may be left
    }

    [Fact]
    public void Plain_writes_the_feature_less_theater_and_the_default_one_has_sea_patrons_events_and_cells()
    {
        using var dir = CliHarness.TempDir();
        string plain = dir.File("plain.yaml"), full = dir.File("full.yaml");

        var generated = CliHarness.Run("generate", "--regions", "300", "--factions", "6", "--plain", "--out", plain);
        CliHarness.Run("generate", "--regions", "300", "--factions", "6", "--out", full);
        var validated = CliHarness.Run("validate", plain);

        Assert.Equal(0, generated.Exit);
        Assert.Contains("synthetic-r300-f6-s1-plain", generated.Out);
        Assert.Equal(0, validated.Exit);
        Assert.Contains("ok (300 regions, 6 factions, 0 events", validated.Out);
        string p = File.ReadAllText(plain), f = File.ReadAllText(full);
        Assert.Contains("--plain", p.Split('\n')[1]); // the header names the command that regenerates it
        foreach (string part in new[] { "terrain: sea", "kind: sea", "\npatrons:", "\nevents:", "insurgency:", "blockade:" })
        {
            Assert.DoesNotContain(part, p);
            Assert.Contains(part, f);
        }
    }

    [Fact]
    public void The_same_command_writes_the_same_bytes()
    {
        using var dir = CliHarness.TempDir();
        string a = dir.File("a.yaml"), b = dir.File("b.yaml");

        CliHarness.Run("generate", "--regions", "300", "--factions", "4", "--out", a);
        CliHarness.Run("generate", "--regions", "300", "--factions", "4", "--seed", "1", "--out", b);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Theory]
    [InlineData("--regions", "1", "--factions", "2")]
    [InlineData("--regions", "ten", "--factions", "2")]
    [InlineData("--regions", "10", "--factions", "1001")]
    [InlineData("--regions", "10", "--factions", "11")]
    [InlineData("--regions", "10", "--factions", "2", "--degree", "1.5")]
    [InlineData("--regions", "10", "--factions", "2", "--seed", "-4")]
    public void A_bad_value_exits_2_with_one_line_and_writes_nothing(params string[] values)
    {
        using var dir = CliHarness.TempDir();
        string file = dir.File("theater.yaml");

        var result = CliHarness.Run(["generate", .. values, "--out", file]);

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Out);
        Assert.StartsWith("conflictsim: ", result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Without_out_it_is_a_usage_error()
    {
        var result = CliHarness.Run("generate", "--regions", "10", "--factions", "2");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--out", result.Err);
    }

    [Fact]
    public void An_unwritable_path_exits_1_naming_it()
    {
        using var dir = CliHarness.TempDir();
        string file = Path.Combine(dir.Path, "no-such-dir", "theater.yaml");

        var result = CliHarness.Run("generate", "--regions", "10", "--factions", "2", "--out", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains(file, result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
    }
}
