using System.Globalization;
using ConflictSim.Cli.Output;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>One benchmark case in the baseline, in the current measurement, or both.</summary>
internal sealed record CaseComparison(string Name, BaselineEntry? Baseline, BaselineEntry? Now, bool SameMachine = true)
{
    /// <summary>Now / baseline mean; null when either side is missing (a new or a dropped case).</summary>
    public double? Ratio => Baseline is { MeanNs: > 0 } b && Now is { } n ? n.MeanNs / b.MeanNs : null;

    /// <summary>Beyond the threshold: a regression when both were measured on the same machine, else a difference of machines as much as of code.</summary>
    public bool Slower => Ratio > BaselineComparison.SlowerThan;

    /// <summary>More bytes per operation than the baseline, beyond <see cref="BaselineComparison.AllocationNoiseBytes"/>.</summary>
    public bool AllocatesMore => Baseline?.AllocatedBytes is long b && Now?.AllocatedBytes is long n && n - b > BaselineComparison.AllocationNoise(b);

    /// <summary>A regression: slower on the baseline's machine, or allocating more on any (bytes do not depend on the CPU).</summary>
    public bool Flagged => (Slower && SameMachine) || AllocatesMore;
}

/// <summary>
/// Compares a quick measurement with the baseline: ratio now / baseline per case, flagged when slower than
/// <see cref="SlowerThan"/> or allocating more, and the exit code a CI step can gate on.
/// </summary>
internal static class BaselineComparison
{
    /// <summary>
    /// The slowdown that counts as a regression (issue 5's brief). A short job on a shared 2-core machine moves by
    /// 5–15 % from run to run, so a tighter bound would cry wolf.
    /// </summary>
    public const double SlowerThan = 1.25;

    /// <summary>
    /// An increase in bytes per operation up to this is measurement noise, not an allocation. In process,
    /// BenchmarkDotNet counts every thread's allocations (GC.GetTotalAllocatedBytes) and divides by the operations:
    /// the runtime's few kilobytes during the measured iteration showed as 1 B/op on EpsteinBenchmarks.Step(Side: 40),
    /// whose model allocates 0 bytes over 100,000 steps by the thread's own count. The smallest object is 24 bytes, so
    /// any real allocation per operation still exceeds it.
    /// </summary>
    public const long AllocationNoiseBytes = 8;

    /// <summary>
    /// A case that allocates by design (the loader: 90 MB an operation) varies by hundreds of bytes from run to run
    /// (+653 B and −19 B at 10,000 regions, the same code), so above <see cref="AllocationNoiseBytes"/> the noise is a
    /// share of the baseline: 1 in 10,000, 9 KB of the loader's 90 MB, still far below one more object per region.
    /// </summary>
    public const long AllocationNoiseShare = 10_000;

    /// <summary>The increase in bytes per operation that is still noise, for a baseline of <paramref name="baselineBytes"/>.</summary>
    public static long AllocationNoise(long baselineBytes) => Math.Max(AllocationNoiseBytes, baselineBytes / AllocationNoiseShare);

    public const int ExitOk = 0;
    public const int ExitRegression = 3;
    /// <summary>
    /// Nothing allocates more, but the baseline comes from another machine, so its times say nothing about the code:
    /// the hosts of one machine kind differ by 1.3–2.2× between them (benchmarks/README.md, "Regression check").
    /// </summary>
    public const int ExitOtherMachine = 4;

    /// <summary>Baseline cases in baseline order, then cases measured now that the baseline lacks.</summary>
    public static IReadOnlyList<CaseComparison> Compare(Baseline? baseline, IReadOnlyList<BaselineEntry> now, bool sameMachine = true)
    {
        var rows = new List<CaseComparison>();
        var nowByName = now.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in baseline?.Benchmarks ?? [])
        {
            rows.Add(new CaseComparison(b.Name, b, nowByName.GetValueOrDefault(b.Name), sameMachine));
            seen.Add(b.Name);
        }
        foreach (var n in now)
            if (!seen.Contains(n.Name)) rows.Add(new CaseComparison(n.Name, null, n));
        return rows;
    }

    public static int ExitCode(IReadOnlyList<CaseComparison> rows) =>
        rows.Any(r => r.Flagged) ? ExitRegression
        : rows.Any(r => r.Baseline is not null && !r.SameMachine) ? ExitOtherMachine
        : ExitOk;

    public static void WriteTable(IReadOnlyList<CaseComparison> rows, TextWriter writer)
    {
        var table = new TextTable(("benchmark", false), ("baseline", true), ("now", true), ("ratio", true),
            ("alloc baseline", true), ("alloc now", true), ("", false));
        foreach (var r in rows)
        {
            table.Add(r.Name, Time(r.Baseline?.MeanNs), Time(r.Now?.MeanNs),
                r.Ratio is double ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "",
                Bytes(r.Baseline), Bytes(r.Now), Verdict(r));
        }
        table.WriteTo(writer);
    }

    public static string Verdict(CaseComparison r) =>
        r.Baseline is null ? "new: no baseline"
        : r.Now is null ? "not measured"
        : r.Slower && r.AllocatesMore ? (r.SameMachine ? "REGRESSION: slower, allocates more" : "REGRESSION: allocates more (slower, on another machine)")
        : r.Slower ? (r.SameMachine ? "REGRESSION: slower" : "slower, on another machine")
        : r.AllocatesMore ? "REGRESSION: allocates more"
        : r.SameMachine ? "ok" : "ok (times from another machine)";

    public static string Time(double? ns) => ns switch
    {
        null => "",
        < 1e3 => F(ns.Value, "ns"),
        < 1e6 => F(ns.Value / 1e3, "µs"),
        < 1e9 => F(ns.Value / 1e6, "ms"),
        _ => F(ns.Value / 1e9, "s"),
    };

    private static string F(double v, string unit) => v.ToString(v < 10 ? "0.00" : v < 100 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + " " + unit;

    private static string Bytes(BaselineEntry? e) =>
        e is null ? "" : e.AllocatedBytes is long b ? b.ToString("#,0", CultureInfo.InvariantCulture) + " B" : "?";
}
