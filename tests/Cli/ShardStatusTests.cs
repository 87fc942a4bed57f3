using ConflictSim.Cli.Commands;
using ConflictSim.Cli.Sweep;
using ConflictSim.Tests.Sweep;

namespace ConflictSim.Tests.Cli;

/// <summary>`merge --check` on shard directories left by real small sweeps: done, unfinished and missing.</summary>
public class ShardStatusTests
{
    private static readonly string[] Vary = ["factions.red.morale=0.6,0.8"];

    /// <summary>Shard k of m of a 30-run sweep at two points; crashed after <paramref name="crashAfter"/> runs if given. A resume is --resume-or-start, as the cluster scripts run it.</summary>
    private static void Shard(string dir, int k, int m, long? crashAfter = null, bool resume = false)
    {
        var hooks = crashAfter is { } n ? new SweepHooks { CrashAfter = n, CheckpointEvery = 4 } : null;
        try
        {
            int exit = SweepCommand.Run(SweepHarness.Duel, [], Vary, [], null,
                o => o with { Runs = 30, Out = dir, Threads = 1, Shard = k, Shards = m, Resume = resume, StartIfMissing = resume }, TextWriter.Null, TextWriter.Null, hooks)
                .GetAwaiter().GetResult();
            Assert.Equal(0, exit);
        }
        catch (SimulatedCrash) when (crashAfter is not null)
        {
        }
    }

    [Fact]
    public void Check_names_each_shard_done_unfinished_or_missing_and_exits_1_until_all_are_done()
    {
        using var dir = CliHarness.TempDir();
        string root = dir.File("cluster");
        string Dir(int k) => Path.Combine(root, ShardStatus.ShardsFolder, ShardStatus.ShardDirName(k, 4));
        Shard(Dir(1), 1, 4);
        Shard(Dir(2), 2, 4, crashAfter: 9);
        Directory.CreateDirectory(Dir(3)); // a task that never started
        // shard 4: no directory at all

        var r = CliHarness.Run("merge", "--check", root);
        Assert.Equal(1, r.Exit);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^shard 1/4  done        16/16 runs  \(", lines[0]);      // 8 runs at each of 2 points
        Assert.Matches(@"^shard 2/4  unfinished  8/16 runs, running, or killed without a final checkpoint  \(", lines[1]);
        Assert.Matches(@"^shard 3/4  missing     no checkpoint yet", lines[2]);
        Assert.StartsWith("shard 4/4  missing     no directory given for it", lines[3]);
        Assert.Equal("1 of 4 shards done; not done: 2-4", lines[4]);

        // The shards given one by one say the same.
        var each = CliHarness.Run("merge", "--check", Dir(1), Dir(2), Dir(3));
        Assert.Equal(1, each.Exit);
        Assert.Equal(r.Out, each.Out);

        Shard(Dir(2), 2, 4, resume: true);
        Shard(Dir(3), 3, 4, resume: true);
        Shard(Dir(4), 4, 4);
        var done = CliHarness.Run("merge", "--check", root);
        Assert.Equal(0, done.Exit);
        Assert.EndsWith("all 4 shards done; merge them\n", done.Out);
        Assert.Equal(4, done.Out.Split('\n').Count(l => l.Contains(" done        ")));

        var merged = CliHarness.Run("merge", root, "--out", root);
        Assert.Equal(0, merged.Exit);
        string direct = dir.File("direct");
        Assert.Equal(0, SweepHarness.Sweep(direct, "--runs", "30", "--vary", Vary[0]).Exit);
        SweepHarness.AssertSameOutputs(direct, root);
    }

    [Fact]
    public void A_shard_stopped_by_a_signal_is_reported_as_interrupted()
    {
        using var dir = CliHarness.TempDir();
        string shard = dir.File("shard-1-of-2");
        Shard(shard, 1, 2, crashAfter: 5);
        // What a SIGTERM leaves: the final checkpoint, and a manifest that says so.
        string manifest = Path.Combine(shard, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"status\": \"running\"", "\"status\": \"interrupted\""));

        var r = CliHarness.Run("merge", "--check", shard);
        Assert.Equal(1, r.Exit);
        Assert.Contains("shard 1/2  unfinished  4/30 runs, interrupted; resumes from its checkpoint", r.Out);
        Assert.Contains("shard 2/2  missing     no directory given for it", r.Out);
    }

    [Fact]
    public void Check_refuses_a_shard_given_twice_or_a_different_sweep()
    {
        using var dir = CliHarness.TempDir();
        string a = dir.File("a"), b = dir.File("b"), other = dir.File("other");
        Shard(a, 1, 2);
        Shard(b, 1, 2);
        Assert.Equal(0, SweepHarness.Sweep(other, "--runs", "30", "--shard", "2/2", "--seed", "99").Exit);

        var twice = CliHarness.Run("merge", "--check", a, b);
        Assert.Equal(1, twice.Exit);
        Assert.StartsWith("conflictsim: merge: shard 1 of 2 is given twice", twice.Err);

        var foreign = CliHarness.Run("merge", "--check", a, other);
        Assert.Equal(1, foreign.Exit);
        Assert.Contains($"'{other}' holds a different sweep", foreign.Err);
    }

    [Fact]
    public void Merge_without_out_or_check_is_a_usage_error()
    {
        var r = CliHarness.Run("merge", "somewhere");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("conflictsim: merge needs --out DIR", r.Err);
    }

    [Fact]
    public void Compact_lists_are_what_sbatch_array_takes()
    {
        Assert.Equal("1-3,5,7-8", ShardStatus.CompactList([8, 1, 2, 3, 5, 7, 2]));
        Assert.Equal("4", ShardStatus.CompactList([4]));
    }
}
