using System.Text.Json;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>The current directory is process-wide: tests that change it run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
    public const string Name = "working directory";
}

/// <summary>The "done when", through the command line, on the real default scenario.</summary>
[Collection(WorkingDirectoryCollection.Name)]
public class SirteEndToEndTests
{
    private static readonly string Sirte = Repository.Scenario("sirte-2016.yaml");

    [Fact]
    public void Json_for_seed_1_is_byte_identical_twice_and_seed_2_differs()
    {
        var first = CliHarness.Run("run", Sirte, "--seed", "1", "--json");
        var second = CliHarness.Run("run", Sirte, "--seed", "1", "--json");
        var other = CliHarness.Run("run", Sirte, "--seed", "2", "--json");
        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.NotEqual(first.Out, other.Out);

        using var doc = JsonDocument.Parse(first.Out);
        var outcomes = doc.RootElement.GetProperty("outcomes");
        foreach (var name in new[] { "sirte_fall_day", "gna_killed", "gna_wounded", "isis_killed", "isis_dispersed", "isis_defected" })
            Assert.True(outcomes.TryGetProperty(name, out _), $"outcome {name} missing");
        Assert.Equal("sirte-2016", doc.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public void Deterministic_mode_gives_the_same_bytes_whatever_the_seed()
    {
        var a = CliHarness.Run("run", Sirte, "--seed", "1", "--json", "--deterministic");
        var b = CliHarness.Run("run", Sirte, "--seed", "99", "--json", "--deterministic");
        Assert.Equal(0, a.Exit);
        // Only the echoed seed differs.
        Assert.Equal(a.Out.Replace("\"seed\": 1,", "\"seed\": 99,"), b.Out);
    }

    [Fact]
    public void The_main_job_with_no_arguments_sweeps_sirte_and_prints_its_summary()
    {
        string previous = Directory.GetCurrentDirectory();
        using var work = CliHarness.TempDir();
        try
        {
            // Run from a directory under the repository: the scenario is found above it, results land in it.
            string cwd = Path.Combine(Repository.Root, "results", Path.GetFileName(work.Path));
            Directory.CreateDirectory(cwd);
            Directory.SetCurrentDirectory(cwd);
            var result = CliHarness.Run();
            Assert.Equal(0, result.Exit);
            Assert.Contains("Sirte 2016", result.Out);
            Assert.Contains("1000 runs", result.Out);
            Assert.Contains("sirte_fall_day", result.Out);
            Assert.DoesNotContain("error", result.Err);
            Assert.True(File.Exists(Path.Combine(cwd, "results", "sirte-2016", "summary.json")));
            // The report beside the sweep, and its path said.
            string report = Path.Combine("results", "sirte-2016", "report.html");
            Assert.Contains($"report: {report} (open it in a browser", result.Out);
            Assert.Contains("Control at the end", File.ReadAllText(Path.Combine(cwd, report)));
            // A second run replaces the first rather than refusing the directory.
            Assert.Equal(0, CliHarness.Run().Exit);
            Directory.SetCurrentDirectory(previous);
            Directory.Delete(cwd, recursive: true);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void Validate_accepts_the_shipped_scenario()
    {
        var result = CliHarness.Run("validate", Sirte);
        Assert.Equal(0, result.Exit);
        Assert.Contains("ok (17 regions, 5 factions", result.Out); // the Presidency Council joined as a political faction
    }
}
