using ConflictSim.Tests.Sweep;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// Submission against stand-in sbatch, squeue and scancel that record what they are asked: which shards are
/// submitted the first time and on resubmission, and what the merge waits for. PATH is process-wide, so these
/// run alone.
/// </summary>
[Collection(WorkingDirectoryCollection.Name)]
public class SlurmSubmitTests
{
    private sealed class FakeSlurm : IDisposable
    {
        private readonly string? _path = Environment.GetEnvironmentVariable("PATH");
        public TempDir Dir { get; } = CliHarness.TempDir();

        public FakeSlurm()
        {
            string d = Dir.Path;
            Script("sbatch", $"echo \"$*\" >> '{d}/sbatch.log'\necho \"$(( $(wc -l < '{d}/sbatch.log') + 100 ));ci\"");
            Script("squeue", $"case \"$*\" in *%K*) cat '{d}/queued-tasks' 2>/dev/null ;; *%F*) cat '{d}/queued-arrays' 2>/dev/null ;; esac\nexit 0");
            Script("scancel", $"echo \"$*\" >> '{d}/scancel.log'");
            Environment.SetEnvironmentVariable("PATH", $"{d}:{_path}");
        }

        private void Script(string name, string body)
        {
            string file = Dir.File(name);
            File.WriteAllText(file, "#!/bin/sh\n" + body + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string[] Sbatch => File.Exists(Dir.File("sbatch.log")) ? File.ReadAllLines(Dir.File("sbatch.log")) : [];

        public void Queue(string tasks, string arrays)
        {
            File.WriteAllText(Dir.File("queued-tasks"), tasks);
            File.WriteAllText(Dir.File("queued-arrays"), arrays);
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("PATH", _path);
            Dir.Dispose();
        }
    }

    [Fact]
    public void Submits_every_shard_then_only_those_neither_done_nor_queued_with_a_merge_after_all_of_them()
    {
        using var slurm = new FakeSlurm();
        using var dir = CliHarness.TempDir();
        string root = dir.File("cluster");
        string[] sweep = ["sweep", SweepHarness.Duel, "--runs", "30", "--slurm", "--shards", "3", "--out", root];

        var first = CliHarness.Run(sweep);
        Assert.Equal(0, first.Exit);
        string script = Path.Combine(root, "slurm", "sweep.sbatch"), merge = Path.Combine(root, "slurm", "merge.sbatch");
        Assert.Equal([$"--parsable --array=1-3 {script}", $"--parsable --dependency=afterany:101 {merge}"], slurm.Sbatch);
        Assert.Contains("submitted shards 1-3 of 3 as job array 101", first.Out);
        Assert.Contains("submitted the merge as job 102, after job 101", first.Out);
        for (int k = 1; k <= 3; k++) Assert.True(Directory.Exists(Path.Combine(root, "shards", $"shard-{k}-of-3")));

        // Shard 1 finished, shard 2 is still queued in array 101, shard 3 was cancelled.
        Assert.Equal(0, CliHarness.Run("sweep", SweepHarness.Duel, "--runs", "30", "--shard", "1/3", "--resume-or-start",
            "--out", Path.Combine(root, "shards", "shard-1-of-3")).Exit);
        slurm.Queue("2\n", "101\n");
        var again = CliHarness.Run(sweep);
        Assert.Equal(0, again.Exit);
        Assert.Equal($"--parsable --array=3 {script}", slurm.Sbatch[2]);
        Assert.Equal($"--parsable --dependency=afterany:101:103 {merge}", slurm.Sbatch[3]);
        Assert.Contains("--state=PENDING", File.ReadAllText(slurm.Dir.File("scancel.log")));

        // Another sweep in the same folder is refused before anything is submitted.
        var other = CliHarness.Run("sweep", SweepHarness.Duel, "--runs", "31", "--slurm", "--shards", "3", "--out", root);
        Assert.Equal(1, other.Exit);
        Assert.Contains("holds a different cluster sweep", other.Err);
        Assert.Equal(4, slurm.Sbatch.Length);
    }

    [Fact]
    public void A_folder_holding_an_ordinary_sweep_is_refused()
    {
        using var slurm = new FakeSlurm();
        using var dir = CliHarness.TempDir();
        string root = dir.File("local");
        Assert.Equal(0, SweepHarness.Sweep(root, "--runs", "20").Exit);
        var r = CliHarness.Run("sweep", SweepHarness.Duel, "--runs", "20", "--slurm", "--out", root);
        Assert.Equal(1, r.Exit);
        Assert.Contains("already holds a sweep that is not a cluster sweep", r.Err);
        Assert.Empty(slurm.Sbatch);
        Assert.False(Directory.Exists(Path.Combine(root, "shards")));
    }

    [Fact]
    public void A_failing_sbatch_is_one_line_naming_it()
    {
        using var slurm = new FakeSlurm();
        File.WriteAllText(slurm.Dir.File("sbatch"), "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2\nexit 1\n");
        using var dir = CliHarness.TempDir();
        var r = CliHarness.Run("sweep", SweepHarness.Duel, "--runs", "30", "--slurm", "--out", dir.File("c"));
        Assert.Equal(1, r.Exit);
        Assert.Equal("conflictsim: sbatch failed: sbatch: error: Batch job submission failed: Invalid partition name specified\n", r.Err);
    }
}
