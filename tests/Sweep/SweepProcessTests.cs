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

    /// <summary>
    /// kill -9 at random moments — during start-up, mid-run, inside a checkpoint's write or rename — again and again,
    /// each time resumed. Checkpoints every 50 ms put many of them inside that window. KILL_SEED draws other moments.
    /// </summary>
    [Fact]
    public async Task Killed_at_random_moments_again_and_again_it_resumes_to_the_same_bytes()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("KILL_SEED"), out int s) ? s : 20261202;
        var random = new Random(seed);
        using var tmp = CliHarness.TempDir();
        string[] args = ["sweep", SweepHarness.Duel, "--runs", "20000", "--days", "12", "--checkpoint-seconds", "0.05"];
        var reference = Start([.. args, "--out", tmp.File("full")]);

        int kills = 0;
        var moments = new List<int>();
        for (int attempt = 0; attempt < 12; attempt++)
        {
            // --resume-or-start, as batch scripts do: a kill before the first checkpoint leaves nothing to resume.
            var victim = Start([.. args, "--out", tmp.File("killed"), "--resume-or-start"]);
            int ms = random.Next(120, 900);
            var drain = Task.WhenAll(victim.StandardOutput.ReadToEndAsync(), victim.StandardError.ReadToEndAsync());
            if (await Task.WhenAny(victim.WaitForExitAsync(), Task.Delay(ms)) is Task t && victim.HasExited) { await drain; break; }
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync();
            await drain;
            kills++;
            moments.Add(ms);
        }
        Assert.True(kills >= 6, $"only {kills} kills landed before the sweep finished (seed {seed}); raise --runs");
        var last = Start([.. args, "--out", tmp.File("killed"), "--resume"]);
        Assert.Equal(0, await Finish(last));
        Assert.Equal(0, await Finish(reference));
        SweepHarness.AssertSameOutputs(tmp.File("full"), tmp.File("killed"));
        Assert.Empty(Directory.GetFiles(tmp.File("killed"), "*.tmp"));
    }
}
