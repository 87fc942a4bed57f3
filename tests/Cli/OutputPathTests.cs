using System.Diagnostics;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// Where results go: links are written through, FIFOs and devices written to directly, directories refused, a
/// full disk is one line with the old file intact and the sweep resumable, and no temporary is ever left behind.
/// Through the real binary, as a user would meet it.
/// </summary>
public class OutputPathTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("conflictsim-out-").FullName;
    private static readonly string Sirte = Repository.Scenario("sirte-2016.yaml");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_symbolic_link_is_written_through_and_stays_a_link()
    {
        string real = Path.Combine(dir, "real.csv"), link = Path.Combine(dir, "link.csv");
        File.WriteAllText(real, "old\n");
        File.CreateSymbolicLink(link, real);

        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--days", "5", "--timeline", link);

        Assert.True(exit == 0, err);
        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.StartsWith("day,date,faction", File.ReadAllText(real));
        NoTemporariesIn(dir);
    }

    [Fact]
    public async Task A_FIFO_is_written_to_not_replaced()
    {
        string fifo = Path.Combine(dir, "pipe");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--days", "5", "--timeline", fifo);

        Assert.True(exit == 0, err);
        Assert.StartsWith("day,date,faction", await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(new FileInfo(fifo).LinkTarget);
        Assert.False(File.GetAttributes(fifo).HasFlag(FileAttributes.Directory));
        NoTemporariesIn(dir);
    }

    [Fact]
    public async Task Stdout_as_a_target_gets_the_rows()
    {
        var (exit, stdout, err) = await CliProcess.Run("run", Sirte, "--days", "3", "--timeline", "/dev/stdout");

        Assert.True(exit == 0, err);
        Assert.Contains("day,date,faction,region,fighters", stdout);
    }

    [Fact]
    public async Task A_directory_as_a_target_is_one_line_and_exit_1()
    {
        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--days", "3", "--timeline", dir);

        Assert.Equal(1, exit);
        Assert.Equal($"conflictsim: cannot write timeline '{dir}': it is a directory; expected a file name", err.TrimEnd());
    }

    [Fact]
    public async Task A_device_that_is_full_is_one_line_and_exit_1()
    {
        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--timeline", "/dev/full");

        Assert.Equal(1, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("cannot write timeline '/dev/full'", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_path_under_a_file_is_one_line_and_leaves_nothing()
    {
        string file = Path.Combine(dir, "plain");
        File.WriteAllText(file, "x");

        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--days", "3", "--save-state", Path.Combine(file, "state.bin"));

        Assert.Equal(1, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("cannot write state", err);
        NoTemporariesIn(dir);
    }

    [Fact]
    public async Task A_full_disk_keeps_the_old_file_whole()
    {
        using var disk = SmallDisk.TryMount(dir, "tl", 96 * 1024);
        if (disk is null) return;
        string target = Path.Combine(disk.Path, "timeline.csv");
        File.WriteAllText(target, "the previous timeline\n");

        var (exit, _, err) = await CliProcess.Run("run", Sirte, "--timeline", target);

        Assert.Equal(1, exit);
        Assert.Contains("No space left on device", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal("the previous timeline\n", File.ReadAllText(target));
        NoTemporariesIn(disk.Path);
    }

    [Fact]
    public async Task A_sweep_that_fills_the_disk_stops_in_one_line_and_resumes_to_the_same_bytes()
    {
        string reference = Path.Combine(dir, "reference");
        var whole = await CliProcess.Run("sweep", Sirte, "--runs", "600", "--seed", "5", "--out", reference);
        Assert.True(whole.Exit == 0, whole.Err);

        // Room for the first checkpoints, not for the last: checkpoint.bin grows with the runs it sketches (to
        // ~730 KB) and its replacement needs room beside the old one. Frequent checkpoints make one land first.
        using var disk = SmallDisk.TryMount(dir, "sweep", 900 * 1024);
        if (disk is null) return;
        string out_ = Path.Combine(disk.Path, "s");
        var full = await CliProcess.Run("sweep", Sirte, "--runs", "600", "--seed", "5", "--out", out_, "--checkpoint-seconds", "0.02");
        Assert.Equal(1, full.Exit);
        string line = full.Err.TrimEnd().Split('\n')[^1];
        Assert.Contains("No space left on device", line);
        Assert.Contains("--resume", line);
        Assert.DoesNotContain("   at ", full.Err);

        disk.Grow(16 << 20);
        var resumed = await CliProcess.Run("sweep", Sirte, "--runs", "600", "--seed", "5", "--out", out_, "--resume");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.DoesNotMatch(" 0 this time|600 this time", resumed.Out); // it resumed from a checkpoint, mid-sweep
        foreach (var name in new[] { "runs.csv", "timeseries.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(reference, name)), File.ReadAllText(Path.Combine(out_, name)));
        NoTemporariesIn(out_);
    }

    private static void NoTemporariesIn(string path) =>
        Assert.Empty(Directory.GetFiles(path, "*.tmp", SearchOption.AllDirectories));
}

/// <summary>A tmpfs of a given size, to fill up for real. Needs root; elsewhere the tests that use it say so and return (on CI they fail).</summary>
internal sealed class SmallDisk : IDisposable
{
    public string Path { get; }
    private SmallDisk(string path) => Path = path;

    public static SmallDisk? TryMount(string parent, string name, long bytes)
    {
        string path = System.IO.Path.Combine(parent, name);
        Directory.CreateDirectory(path);
        if (Shell("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path) == 0) return new SmallDisk(path);
        string why = "cannot mount a small tmpfs here (needs root); the full-disk test did not run";
        if (Environment.GetEnvironmentVariable("CI") == "true" && Environment.UserName == "root") Assert.Fail(why);
        Console.Error.WriteLine("skipped: " + why);
        return null;
    }

    public void Grow(long bytes) => Assert.Equal(0, Shell("mount", "-o", $"remount,size={bytes}", Path));

    public void Dispose() => Shell("umount", "-l", Path);

    private static int Shell(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process p)
    {
        p.WaitForExit();
        return p.ExitCode;
    }
}
