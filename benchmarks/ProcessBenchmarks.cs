using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ConflictSim.Benchmarks;

/// <summary>
/// The command line as a user runs it: each operation starts <c>conflictsim</c> as its own process and waits for it,
/// so process start, JIT warm-up, loading, the work and every output file are in the figure. The README's sweep and
/// Epstein figures come from here, so what a user times and what the README quotes are the same measurement.
/// <para>
/// Per-run and per-step costs are differences between two of these cases (a run of N and a run of none), which
/// cancel what a process costs whatever it does; benchmarks/README.md gives them with the command.
/// </para>
/// Needs the Release build of the runner (<c>runner/bin/Release/net10.0/conflictsim.dll</c>), which building the
/// benchmarks in Release makes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ProcessBenchmarks
{
    /// <summary>Runs in the sweep case: the figure the target is set for.</summary>
    [Params(0, 10_000)]
    public int SweepRuns;

    private string _dir = null!;

    [GlobalSetup]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("conflictsim-process-bench-").FullName;

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// <c>conflictsim sweep scenarios/sirte-2016.yaml --runs N --threads 2</c> into a fresh directory: plan, runs,
    /// aggregation, runs.csv, the checkpoint, Parquet, summary and report. N = 0 is refused by the command line, so
    /// that case runs <c>--runs 1</c>, which costs the start, the outputs and one run.
    /// </summary>
    [Benchmark]
    public void SweepSirte()
    {
        string outDir = Path.Combine(_dir, "sweep");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        CliProcess.Run("sweep", ScenarioFiles.Path("sirte-2016.yaml"), "--runs", Math.Max(1, SweepRuns).ToString(), "--threads", "2", "--out", outDir);
    }
}

/// <summary>
/// Epstein's grid through <c>conflictsim run</c>, as whole processes: a run of 50 steps, and a long one of 50 +
/// <see cref="Extra"/>. The per-step cost a user gets is the difference divided by <see cref="Extra"/>: process
/// start, loading and the opening outburst (the first 40 steps cost up to twice the steady state) cancel. Small
/// lattices take many more extra steps, or the difference would be lost in a process's start-up noise.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class EpsteinProcessBenchmarks
{
    [Params(40, 1000)]
    public int Side;

    [Params("von_neumann", "moore")]
    public string Vision = "von_neumann";

    /// <summary>False: 50 steps. True: 50 + <see cref="Extra"/>.</summary>
    [Params(false, true)]
    public bool Long;

    /// <summary>Steps the long run adds: 100 at 1000×1000 (seconds each), 5,000 at 40×40 (tens of microseconds each).</summary>
    public int Extra => Side >= 1000 ? 100 : 5000;

    private int Steps => Long ? 50 + Extra : 50;

    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The shipped file at another size and vision: only the three keys change.
        string text = File.ReadAllText(ScenarioFiles.Path("epstein-2002.yaml"))
            .Replace("width: 40", $"width: {Side}")
            .Replace("height: 40", $"height: {Side}")
            .Replace("neighbourhood: von_neumann", $"neighbourhood: {Vision}");
        _file = Path.Combine(Directory.CreateTempSubdirectory("conflictsim-epstein-bench-").FullName, "epstein.yaml");
        File.WriteAllText(_file, text);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Benchmark]
    public void Run() => CliProcess.Run("run", _file, "--days", Steps.ToString());
}

/// <summary>Starts the built command line and fails the benchmark if it does not exit 0.</summary>
internal static class CliProcess
{
    /// <summary>The runner's Release build in the repository (found by its ConflictSim.sln above this process).</summary>
    public static string Dll
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "ConflictSim.sln"))) continue;
                string dll = Path.Combine(dir.FullName, "runner", "bin", "Release", "net10.0", "conflictsim.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the runner in Release first: {dll}");
            }
            throw new DirectoryNotFoundException($"no ConflictSim.sln above {AppContext.BaseDirectory}");
        }
    }

    public static void Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        // Drained as they come, or a full pipe would stall the child and the figure with it.
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        stdout.Wait();
        if (process.ExitCode != 0) throw new InvalidOperationException($"conflictsim {string.Join(' ', args)} exited {process.ExitCode}: {stderr}");
    }
}
