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

    /// <summary>Two finished shards of one sweep in DIR/s1 and DIR/s2.</summary>
    private static void TwoShards(string dir)
    {
        Assert.Equal(0, Sweep(SweepHarness.Duel, Path.Combine(dir, "s1"), "--runs", "40", "--shard", "1/2").Exit);
        Assert.Equal(0, Sweep(SweepHarness.Duel, Path.Combine(dir, "s2"), "--runs", "40", "--shard", "2/2").Exit);
    }

    [Theory]
    [InlineData("half", "is shorter than its checkpoint says")]
    [InlineData("mid-line", "is shorter than its checkpoint says")]
    [InlineData("row-edited", "malformed row")]
    [InlineData("row-dropped", "rows where its checkpoint says 20 runs")]
    public void Merge_refuses_a_shard_whose_runs_csv_does_not_match_its_checkpoint(string damage, string message)
    {
        using var dir = CliHarness.TempDir();
        TwoShards(dir.Path);
        string runs = dir.File("s2/runs.csv");
        var bytes = File.ReadAllBytes(runs);
        switch (damage)
        {
            case "half": File.WriteAllBytes(runs, bytes[..(bytes.Length / 2)]); break;
            case "mid-line": File.WriteAllBytes(runs, bytes[..^5]); break;
            case "row-edited":
                // Same length, a row's run number no longer a number.
                int at = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
                bytes[at] = (byte)'x';
                File.WriteAllBytes(runs, bytes);
                break;
            case "row-dropped":
                // Same length: the last row's newline made part of the row before it.
                int nl = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2);
                bytes[nl] = (byte)' ';
                File.WriteAllBytes(runs, bytes);
                break;
        }
        var result = CliHarness.Run("merge", dir.File("s1"), dir.File("s2"), "--out", dir.File("m"));
        Assert.Equal(1, result.Exit);
        Assert.Contains(runs, result.Err);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(dir.File("m/summary.json")));
    }

    [Fact]
    public void Merge_reads_a_shard_only_up_to_its_checkpointed_length()
    {
        using var dir = CliHarness.TempDir();
        TwoShards(dir.Path);
        Assert.Equal(0, Sweep(SweepHarness.Duel, dir.File("whole"), "--runs", "40").Exit);
        // What a crash after a flush and before the checkpoint leaves: rows the checkpoint does not count.
        File.AppendAllText(dir.File("s2/runs.csv"), "999,1,0,1,2,3\n");
        Assert.Equal(0, CliHarness.Run("merge", dir.File("s1"), dir.File("s2"), "--out", dir.File("m")).Exit);
        SweepHarness.AssertSameOutputs(dir.File("whole"), dir.File("m"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("cut")]
    public void A_damaged_checkpoint_is_named_by_resume_and_merge(string damage)
    {
        using var dir = CliHarness.TempDir();
        TwoShards(dir.Path);
        string checkpoint = dir.File("s2/checkpoint.bin");
        var bytes = File.ReadAllBytes(checkpoint);
        if (damage == "flip") bytes[bytes.Length / 2] ^= 0x01;
        else bytes = bytes[..(bytes.Length / 3)];
        File.WriteAllBytes(checkpoint, bytes);

        var resume = Sweep(SweepHarness.Duel, dir.File("s2"), "--runs", "40", "--shard", "2/2", "--resume");
        Assert.Equal(1, resume.Exit);
        Assert.Contains($"'{checkpoint}' is damaged", resume.Err);
        Assert.Single(resume.Err.TrimEnd().Split('\n'));

        var merge = CliHarness.Run("merge", dir.File("s1"), dir.File("s2"), "--out", dir.File("m"));
        Assert.Equal(1, merge.Exit);
        Assert.Contains($"'{checkpoint}' is damaged", merge.Err);
        Assert.Single(merge.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Merge_refuses_an_out_directory_that_holds_a_sweep()
    {
        using var dir = CliHarness.TempDir();
        TwoShards(dir.Path);
        Assert.Equal(0, Sweep(SweepHarness.Duel, dir.File("other"), "--runs", "5").Exit);
        var before = File.ReadAllBytes(dir.File("other/runs.csv"));
        var result = CliHarness.Run("merge", dir.File("s1"), dir.File("s2"), "--out", dir.File("other"));
        Assert.Equal(2, result.Exit);
        Assert.Contains("already holds a sweep", result.Err);
        Assert.Equal(before, File.ReadAllBytes(dir.File("other/runs.csv")));
    }

    [Fact]
    public void A_stale_lock_file_from_a_dead_process_does_not_block()
    {
        using var dir = CliHarness.TempDir();
        File.WriteAllText(dir.File(".lock"), "999999\n");
        Assert.Equal(0, Sweep(SweepHarness.Duel, dir.Path, "--runs", "5").Exit);
    }

    [Fact]
    public async Task A_second_writer_into_a_busy_directory_exits_2_naming_the_holders_pid()
    {
        using var tmp = CliHarness.TempDir();
        Assert.Equal(0, Sweep(SweepHarness.Duel, tmp.File("shard"), "--runs", "5").Exit);
        string busy = tmp.File("busy");
        string[] args = ["sweep", SweepHarness.Duel, "--runs", "1000000", "--days", "12", "--threads", "1", "--out", busy];
        using var holder = CliProcess.Start(args);
        var drain = Task.WhenAll(holder.StandardOutput.ReadToEndAsync(), holder.StandardError.ReadToEndAsync());
        try
        {
            string pid = holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(60) && !(File.Exists(Path.Combine(busy, "checkpoint.bin")) && ReadShared(Path.Combine(busy, ".lock")).Trim() == pid))
                await Task.Delay(20);
            Assert.False(holder.HasExited, "the holder ended before it could be tested");

            foreach (var second in new[]
            {
                args,
                [.. args, "--resume"],
                new[] { "merge", tmp.File("shard"), "--out", busy },
            })
            {
                var (exit, _, err) = await CliProcess.Run(second);
                Assert.Equal(2, exit);
                Assert.Contains($"in use by another conflictsim process (PID {pid})", err);
                Assert.Single(err.TrimEnd().Split('\n'));
            }
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
            await drain;
        }
        // Killed, the holder's lock is gone with it: the next writer gets past the lock to the argument check.
        var after = await CliProcess.Run("sweep", SweepHarness.Duel, "--runs", "7", "--days", "12", "--out", busy, "--resume");
        Assert.Equal(2, after.Exit);
        Assert.Contains("different sweep", after.Err);
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(f).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
