using System.Globalization;
using BenchmarkDotNet.Running;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>
/// The cases `quick` runs, one line each: at least one per layer (a tick, a whole run, the civil violence grid,
/// the sweep aggregator, the loader). Add a benchmark class here with one more line; an entry that matches no case (a renamed
/// method, a changed parameter) stops the check rather than silently shrinking it.
/// </summary>
internal static class QuickSubset
{
    public static readonly QuickCase[] Cases =
    [
        new(typeof(TickBenchmarks), nameof(TickBenchmarks.Tick), "Case=sirte-2016/Stochastic"),
        new(typeof(TickBenchmarks), nameof(TickBenchmarks.Tick), "Case=libya-2016/Stochastic"),
        new(typeof(RunBenchmarks), nameof(RunBenchmarks.FullRun), "Scenario=sirte-2016.yaml"),
        new(typeof(RunBenchmarks), nameof(RunBenchmarks.FullRun), "Scenario=libya-2016.yaml"),
        new(typeof(ScalingByRegions), nameof(ScalingBenchmarks.Tick), "Regions=10000"),
        new(typeof(EpsteinBenchmarks), nameof(EpsteinBenchmarks.Step), "Side=40"),
        new(typeof(SweepBenchmarks), nameof(SweepBenchmarks.Aggregate), "Threads=1"), // Aggregate ignores Threads
        new(typeof(LoadBenchmarks), nameof(LoadBenchmarks.Load), "Regions=10000"),
    ];
}

/// <summary>A benchmark method, narrowed to the parameter values given as "Name=Value" (all values when none).</summary>
internal sealed class QuickCase(Type type, string method, params string[] parameters)
{
    public Type Type { get; } = type;

    public bool Matches(BenchmarkCase c)
    {
        if (c.Descriptor.Type != Type || c.Descriptor.WorkloadMethod.Name != method) return false;
        foreach (string wanted in parameters)
        {
            bool found = false;
            foreach (var p in c.Parameters.Items)
                found |= wanted == p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture);
            if (!found) return false;
        }
        return true;
    }

    public override string ToString() => $"{Type.Name}.{method}" + (parameters.Length > 0 ? $" [{string.Join(", ", parameters)}]" : "");
}
