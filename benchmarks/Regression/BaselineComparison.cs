using System.Globalization;
using ConflictSim.Cli.Output;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>One benchmark case in the baseline, in the current measurement, or both.</summary>
internal sealed record CaseComparison(string Name, BaselineEntry? Baseline, BaselineEntry? Now)
{
    /// <summary>Now / baseline mean; null when either side is missing (a new or a dropped case).</summary>
    public double? Ratio => Baseline is { MeanNs: > 0 } b && Now is { } n ? n.MeanNs / b.MeanNs : null;

    public bool Slower => Ratio > BaselineComparison.SlowerThan;

    /// <summary>More bytes per operation than the baseline, beyond <see cref="BaselineComparison.AllocationNoiseBytes"/>.</summary>
    public bool AllocatesMore => Baseline?.AllocatedBytes is long b && Now?.AllocatedBytes is long n && n - b > BaselineComparison.AllocationNoiseBytes;

    public bool Flagged => Slower || AllocatesMore;
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

    public const int ExitOk = 0;
    public const int ExitRegression = 3;

    /// <summary>Baseline cases in baseline order, then cases measured now that the baseline lacks.</summary>
    public static IReadOnlyList<CaseComparison> Compare(Baseline? baseline, IReadOnlyList<BaselineEntry> now)
    {
        var rows = new List<CaseComparison>();
        var nowByName = now.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in baseline?.Benchmarks ?? [])
        {
            rows.Add(new CaseComparison(b.Name, b, nowByName.GetValueOrDefault(b.Name)));
            seen.Add(b.Name);
        }
        foreach (var n in now)
            if (!seen.Contains(n.Name)) rows.Add(new CaseComparison(n.Name, null, n));
        return rows;
    }

    public static int ExitCode(IReadOnlyList<CaseComparison> rows) => rows.Any(r => r.Flagged) ? ExitRegression : ExitOk;

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
        : r.Slower && r.AllocatesMore ? "REGRESSION: slower, allocates more"
        : r.Slower ? "REGRESSION: slower"
        : r.AllocatesMore ? "REGRESSION: allocates more"
        : "ok";

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
