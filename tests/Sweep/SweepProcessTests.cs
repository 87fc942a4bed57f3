using System.Diagnostics;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sweep;

/// <summary>Shards and kills with real processes of the built binary, as a cluster or a user would run them.</summary>
public class SweepProcessTests
{
    private static Process Start(params string[] args) => CliProcess.Start(args);

    private static async Task<int> Finish(Process p)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(timeout.Token), p.StandardError.ReadToEndAsync(timeout.Token));
        await p.WaitForExitAsync(timeout.Token);
        await drain;
        return p.ExitCode;
    }

    [Fact]
    public async Task Shards_in_separate_processes_merge_to_the_unsharded_sweep()
    {
        using var tmp = CliHarness.TempDir();
        string[] common = ["sweep", SweepHarness.Duel, "--runs", "40", "--vary", "factions.blue.morale=0.5,0.9"];
        var whole = Start([.. common, "--out", tmp.File("whole")]);
        var s1 = Start([.. common, "--out", tmp.File("s1"), "--shard", "1/2", "--threads", "1"]);
        var s2 = Start([.. common, "--out", tmp.File("s2"), "--shard", "2/2", "--threads", "1"]);
        Assert.Equal(0, await Finish(whole));
        Assert.Equal(0, await Finish(s1));
        Assert.Equal(0, await Finish(s2));
        Assert.Equal(0, await Finish(Start("merge", tmp.File("s1"), tmp.File("s2"), "--out", tmp.File("merged"))));
        SweepHarness.AssertSameOutputs(tmp.File("whole"), tmp.File("merged"));
    }

    [Fact]
    public async Task A_process_killed_mid_sweep_resumes_to_the_same_bytes()
    {
        using var tmp = CliHarness.TempDir();
        string[] args = ["sweep", SweepHarness.Duel, "--runs", "20000", "--days", "12"];
        var reference = Start([.. args, "--out", tmp.File("full")]);
        var victim = Start([.. args, "--out", tmp.File("killed"), "--threads", "1"]);
        // Kill -9 once the first checkpoint after the initial one is on disk, mid-run.
        string runs = tmp.File("killed/runs.csv");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && !(File.Exists(runs) && new FileInfo(runs).Length > 20_000)) await Task.Delay(20);
        victim.Kill(entireProcessTree: true);
        await victim.WaitForExitAsync();
        Assert.Equal(0, await Finish(reference));
        Assert.False(File.Exists(tmp.File("killed/summary.json")), "the victim finished before it was killed; raise --runs");

        Assert.Equal(0, await Finish(Start([.. args, "--out", tmp.File("killed"), "--resume"])));
        SweepHarness.AssertSameOutputs(tmp.File("full"), tmp.File("killed"));
    }
}
