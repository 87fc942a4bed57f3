using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>
/// `quick`: runs <see cref="QuickSubset"/> with a short in-process job and prints each figure against
/// benchmarks/baseline.json (issue 5: "one command that reruns a quick subset and prints the ratio of each figure to
/// the baseline, so that a regression shows in under two minutes"). `--write-baseline` replaces the baseline with
/// the figures just measured.
/// </summary>
internal static class QuickCommand
{
    public const string Name = "quick";
    private const string Invocation = "dotnet run -c Release --project benchmarks -- " + Name;
    private const int ExitBadInput = 1;
    private const int ExitUsage = 2;

    /// <summary>
    /// BenchmarkDotNet's ShortRun (1 launch, 3 warm-ups, 3 iterations) in this process: no per-class project
    /// rebuild, which is most of a normal run's minute per class. Figures are only comparable with figures from this
    /// same job, which is why the baseline records it.
    /// </summary>
    private static readonly Job QuickJob = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick");
    private const string JobDescription = "ShortRun (1 launch, 3 warm-ups, 3 iterations), in-process emit toolchain";

    private const string Usage = $"usage: {Invocation} [--write-baseline] [--baseline PATH]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool write = false;
        string? path = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--write-baseline": write = true; break;
                case "--baseline" when i + 1 < args.Length: path = args[++i]; break;
                case "-h" or "--help": stdout.WriteLine(Usage); return BaselineComparison.ExitOk;
                default:
                    stderr.WriteLine($"quick: unknown or incomplete option '{args[i]}'; {Usage}");
                    return ExitUsage;
            }
        }
        path = Path.GetFullPath(path ?? DefaultBaselinePath());

        Baseline? baseline = null;
        if (File.Exists(path))
        {
            try { baseline = Baseline.Read(path); }
            catch (Exception e) when (e is BaselineFormatException or IOException or UnauthorizedAccessException)
            {
                // A broken baseline is replaceable, not comparable.
                if (!write) { stderr.WriteLine(e.Message); return ExitBadInput; }
                stderr.WriteLine($"{e.Message} (will be replaced)");
            }
        }
        else if (!write)
        {
            stderr.WriteLine($"{path}: no baseline file; expected one written by `{Invocation} --write-baseline`");
            return ExitBadInput;
        }

        var summaries = BenchmarkRunner.Run(QuickSubset.Cases.Select(q => q.Type).Distinct().ToArray(), Config(stdout));
        var now = Measure(summaries, stderr);
        if (now is null) return ExitBadInput;

        var current = Describe(summaries[0], now, args);
        bool sameMachine = baseline is null || baseline.Machine == current.Machine;
        var rows = BaselineComparison.Compare(baseline, now, sameMachine);
        stdout.WriteLine();
        if (baseline is not null)
        {
            stdout.WriteLine($"baseline: {path}, {baseline.Date:yyyy-MM-dd HH:mm} UTC; flagged: slower than ×{BaselineComparison.SlowerThan.ToString(CultureInfo.InvariantCulture)}, or more allocated than {BaselineComparison.AllocationNoiseBytes} B/op or 1/{BaselineComparison.AllocationNoiseShare.ToString("#,0", CultureInfo.InvariantCulture)} of the baseline's, whichever is more");
            if (!sameMachine)
                stdout.WriteLine($"note: the baseline was measured on {baseline.Machine}; this is {current.Machine}. Times are not compared "
                    + $"(only allocations are): to compare code, write a baseline here from the baseline's commit, then run quick on yours");
            if (baseline.Runtime != current.Runtime || baseline.Job != current.Job)
                stdout.WriteLine($"note: the baseline was measured with {baseline.Runtime}, job {baseline.Job}; ratios compare the setups as well as the code");
        }
        BaselineComparison.WriteTable(rows, stdout);
        if (LoadAverage() is double load && load > Environment.ProcessorCount)
            stdout.WriteLine($"warning: load average {load.ToString("0.0", CultureInfo.InvariantCulture)} on {Environment.ProcessorCount} cores; "
                + "other work competed for the CPU, so the times (not the allocations) are unreliable");

        if (write)
        {
            try { current.Write(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{path}: cannot write the baseline: {e.Message}");
                return ExitBadInput;
            }
            stdout.WriteLine($"wrote {path}");
            return BaselineComparison.ExitOk;
        }
        int exit = BaselineComparison.ExitCode(rows);
        stdout.WriteLine(exit switch
        {
            BaselineComparison.ExitOk => "no regression",
            BaselineComparison.ExitOtherMachine => $"no allocation regression; times not judged, the baseline is from another machine (exit {exit})",
            _ => $"regression flagged (exit {exit})",
        });
        return exit;
    }

    private static IConfig Config(TextWriter stdout) => ManualConfig.CreateEmpty()
        .AddJob(QuickJob)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
        .AddLogger(new ProgressLogger(stdout))
        .AddFilter(new SimpleFilter(c => QuickSubset.Cases.Any(q => q.Matches(c))))
        // BenchmarkDotNet's own table (with error and deviation) for anyone who wants more than the ratio.
        .AddExporter(MarkdownExporter.GitHub)
        .WithOptions(ConfigOptions.JoinSummary);

    /// <summary>Each case's mean and allocation, or null after reporting cases that failed or subset lines that matched nothing.</summary>
    private static List<BaselineEntry>? Measure(Summary[] summaries, TextWriter stderr)
    {
        var entries = new List<(int Line, BaselineEntry Entry)>();
        bool ok = true;
        foreach (var summary in summaries)
        {
            // The logger has already printed every validation error; a critical one means nothing ran.
            if (summary.HasCriticalValidationErrors)
            {
                stderr.WriteLine($"quick: BenchmarkDotNet refused to run (see above); log in {summary.LogFilePath}");
                ok = false;
            }
            foreach (var report in summary.Reports)
            {
                string name = FullNameProvider.GetBenchmarkName(report.BenchmarkCase);
                if (report.ResultStatistics is not { } stats)
                {
                    stderr.WriteLine($"quick: {name} produced no measurement; see {summary.LogFilePath}");
                    ok = false;
                    continue;
                }
                int line = Array.FindIndex(QuickSubset.Cases, q => q.Matches(report.BenchmarkCase));
                entries.Add((line, new BaselineEntry(name, stats.Mean, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase))));
            }
        }
        foreach (var q in QuickSubset.Cases)
        {
            if (summaries.Any(s => s.BenchmarksCases.Any(q.Matches))) continue;
            stderr.WriteLine($"quick: the subset line {q} matches no benchmark case; fix it in benchmarks/Regression/QuickSubset.cs");
            ok = false;
        }
        // Subset order, not BenchmarkDotNet's, so the table reads the same from run to run.
        return ok ? entries.OrderBy(e => e.Line).Select(e => e.Entry).ToList() : null;
    }

    private static Baseline Describe(Summary summary, List<BaselineEntry> now, string[] args)
    {
        var host = summary.HostEnvironmentInfo;
        var cpu = host.CpuInfo.Value;
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        string machine = $"{cpu?.ProcessorName ?? "unknown CPU"}{CpuGeneration()}, {cpu?.PhysicalCoreCount} physical / {cpu?.LogicalCoreCount} logical cores, "
            + $"{memory / (1L << 30)} GiB, {host.OsVersion.Value}";
        string command = string.Join(' ', new[] { Invocation }.Concat(args));
        var utc = DateTimeOffset.UtcNow;
        var date = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero); // whole seconds
        return new Baseline(Baseline.CurrentFormat, date, machine, $"{host.RuntimeVersion}, {host.Architecture} {host.JitInfo}", host.BenchmarkDotNetVersion, JobDescription, command, now);
    }

    /// <summary>
    /// " (family F, model M, stepping S)" from /proc/cpuinfo, else "". A cloud host names its CPU only "AMD EPYC" for
    /// every generation, and two hosts of this project's machine kind, both "AMD EPYC", ran the engine 1.3–1.6× apart.
    /// </summary>
    private static string CpuGeneration()
    {
        try
        {
            string? family = null, model = null, stepping = null;
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.Length == 0) break; // the first processor is enough
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
                if (key == "cpu family") family = value;
                else if (key == "model") model = value;
                else if (key == "stepping") stepping = value;
            }
            return family is null || model is null ? "" : $" (family {family}, model {model}, stepping {stepping ?? "?"})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    /// <summary>The one-minute load average on Linux (about the length of a quick run), else null.</summary>
    private static double? LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string DefaultBaselinePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConflictSim.sln"))) return Path.Combine(dir.FullName, "benchmarks", "baseline.json");
        return Path.Combine("benchmarks", "baseline.json");
    }
}
