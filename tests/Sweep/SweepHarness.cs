using ConflictSim.Cli.Commands;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;
using ConflictSim.Tests.Cli;

namespace ConflictSim.Tests.Sweep;

/// <summary>In-process sweeps on the small fixture scenario, and the files they leave.</summary>
internal static class SweepHarness
{
    public static string Duel => Path.Combine(AppContext.BaseDirectory, "data", "sweep", "duel.yaml");

    public static readonly string[] Files = ["runs.csv", "summary.json", "timeseries.csv", "control.csv", "runs.parquet", "timeseries.parquet"];

    /// <summary>60 runs unless <paramref name="extra"/> says --runs.</summary>
    public static CliResult Sweep(string dir, params string[] extra) =>
        CliHarness.Run(["sweep", Duel, .. extra.Contains("--runs") ? Array.Empty<string>() : ["--runs", "60"], "--out", dir, .. extra]);

    /// <summary>A sweep through the command's own entry point, with test hooks.</summary>
    public static (int Exit, Exception? Error) SweepWithHooks(string dir, SweepHooks hooks, bool resume = false,
        IReadOnlyList<string>? vary = null, int threads = 2)
    {
        try
        {
            int exit = SweepCommand.Run(Duel, [], vary ?? ["factions.red.morale=0.6,0.8"], [], null,
                o => o with { Runs = 60, Out = dir, Threads = threads, Resume = resume }, TextWriter.Null, TextWriter.Null, hooks)
                .GetAwaiter().GetResult();
            return (exit, null);
        }
        catch (SimulatedCrash e)
        {
            return (-1, e);
        }
    }

    public static void AssertSameOutputs(string expectedDir, string actualDir)
    {
        foreach (var f in Files)
            Assert.True(File.ReadAllBytes(Path.Combine(expectedDir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, f))),
                $"{f} differs between {expectedDir} and {actualDir}");
    }
}
