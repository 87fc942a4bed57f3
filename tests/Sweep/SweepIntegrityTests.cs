using System.Diagnostics;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sweep;

/// <summary>
/// Issue 16's data-integrity faults, each through the CLI: a resume with changed arguments, a cut or damaged
/// shard, a damaged checkpoint, and two writers in one directory.
/// </summary>
public class SweepIntegrityTests
{
    /// <summary>Every argument that changes results, at a value a changed one is compared with.</summary>
    private static readonly string[] Base =
    [
        "--set", "factions.blue.morale=0.5", "--vary", "factions.red.morale=0.6,0.8",
        "--lhs", "factions.blue.cohesion=0.5..0.9", "--samples", "2",
        "--runs", "10", "--days", "12", "--seed", "7", "--shard", "1/1",
    ];

    private static string[] With(string flag, string? value)
    {
        if (value is null) return [.. Base, flag];
        var args = Base.ToArray();
        args[Array.IndexOf(args, flag) + 1] = value;
        return args;
    }

    private static CliResult Sweep(string file, string dir, params string[] args) => CliHarness.Run(["sweep", file, "--out", dir, .. args]);

    [Theory]
    [InlineData("--set", "factions.blue.morale=0.6", "--set was factions.blue.morale=0.5, now factions.blue.morale=0.6")]
    [InlineData("--vary", "factions.red.morale=0.6,0.9", "--vary was factions.red.morale=0.6,0.8, now factions.red.morale=0.6,0.9")]
    [InlineData("--lhs", "factions.blue.cohesion=0.5..0.8", "--lhs was factions.blue.cohesion=0.5..0.9, now factions.blue.cohesion=0.5..0.8")]
    [InlineData("--samples", "3", "--samples was 2, now 3")]
    [InlineData("--runs", "11", "--runs was 10, now 11")]
    [InlineData("--days", "11", "--days was 12, now 11")]
    [InlineData("--seed", "8", "--seed was 7, now 8")]
    [InlineData("--shard", "1/2", "--shard was 1/1, now 1/2")]
    [InlineData("--deterministic", null, "--deterministic was off, now on")]
    public void Resume_refuses_any_changed_argument_that_changes_results_naming_it_and_both_values(string flag, string? value, string message)
    {
        using var dir = CliHarness.TempDir();
        Assert.Equal(0, Sweep(SweepHarness.Duel, dir.Path, Base).Exit);
        var result = Sweep(SweepHarness.Duel, dir.Path, [.. With(flag, value), "--resume"]);
        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Resume_refuses_a_changed_scenario_file_and_accepts_other_threads()
    {
        using var dir = CliHarness.TempDir();
        string file = dir.File("duel.yaml");
        File.Copy(SweepHarness.Duel, file);
        string outDir = dir.File("out");
        Assert.Equal(0, Sweep(file, outDir, [.. Base, "--threads", "2"]).Exit);
        Assert.Equal(0, Sweep(file, outDir, [.. Base, "--threads", "1", "--resume"]).Exit);
        File.AppendAllText(file, "# edited\n");
        var result = Sweep(file, outDir, [.. Base, "--resume"]);
        Assert.Equal(2, result.Exit);
        Assert.Contains("the scenario file (SHA-256) was ", result.Err);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }
}
