using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConflictSim.Generation;
using ConflictSim.Scenarios;

namespace ConflictSim.Benchmarks;

/// <summary>
/// One tick of a generated theater (engine/Generation, issue 5), after 30 days of war so the fronts are
/// engaged. Since issue 15 the theater has sea lanes and a blockade, patrons, scheduled events and an
/// insurgency, so every phase of the default order has work in days 31–50 (<see cref="ScalingPlain"/> keeps
/// the feature-less theater for comparison). Each invocation restores the day-30 snapshot (an allocation-free
/// array copy, under 1% of the ticks that follow) and steps <see cref="Ticks"/> days, so the mean is per tick;
/// the events dated in those days fire in every invocation. The table adds ns per region per tick: flat across
/// the region series means a tick is linear in the map.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
public abstract class ScalingBenchmarks
{
    public const int Ticks = 20;
    public const int WarmUpDays = 30;

    private Simulation _sim = null!;
    private WorldState _day30 = null!;

    public abstract int Regions { get; set; }
    public abstract int Factions { get; set; }
    /// <summary>The feature-less theater (<c>generate --plain</c>) instead of the full one.</summary>
    protected virtual bool Plain => false;

    [GlobalSetup]
    public void Setup()
    {
        _sim = Build(Regions, Factions, Plain);
        for (int i = 0; i < WarmUpDays; i++) _sim.Step();
        _day30 = _sim.Snapshot();
    }

    /// <summary>Generates (seed 1, default degree), loads and compiles a theater, as `conflictsim generate` then `run` would.</summary>
    public static Simulation Build(int regions, int factions, bool plain = false)
    {
        var text = TheaterGenerator.Generate(new TheaterParameters { Regions = regions, Factions = factions, Seed = 1, Plain = plain });
        var result = ScenarioLoader.LoadText(text, $"synthetic-r{regions}-f{factions}.yaml");
        if (!result.Ok) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Take(10)));
        return new Simulation(Scenario.Compile(result.Spec!), seed: 1, new SimulationOptions { Days = 100_000 });
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public void Tick()
    {
        _sim.Restore(_day30);
        for (int i = 0; i < Ticks; i++) _sim.Step();
    }
}

/// <summary>R = 10 … 100,000 regions at F = 10 factions.</summary>
public class ScalingByRegions : ScalingBenchmarks
{
    [Params(10, 100, 1000, 10_000, 100_000)]
    public override int Regions { get; set; }

    [Params(10)]
    public override int Factions { get; set; }
}

/// <summary>F = 2 … 200 factions at R = 1,000 regions.</summary>
public class ScalingByFactions : ScalingBenchmarks
{
    [Params(1000)]
    public override int Regions { get; set; }

    [Params(2, 10, 50, 200)]
    public override int Factions { get; set; }
}

/// <summary>
/// The feature-less theaters of issue 5 (<c>generate --plain</c>: no sea, patrons, events or insurgency) at the
/// ends of both series, to measure what the features cost in the same session as the full series.
/// </summary>
public class ScalingPlain : ScalingBenchmarks
{
    [Params(1000, 100_000)]
    public override int Regions { get; set; }

    [Params(10)]
    public override int Factions { get; set; }

    protected override bool Plain => true;
}

/// <summary>Adds the per-region column to the default summary.</summary>
public sealed class ScalingConfig : ManualConfig
{
    public ScalingConfig() => AddColumn(new NsPerRegionColumn());
}

/// <summary>Mean time per tick divided by the theater's regions: the cost a region adds to a tick.</summary>
public sealed class NsPerRegionColumn : IColumn
{
    public string Id => nameof(NsPerRegionColumn);
    public string ColumnName => "ns/region";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Mean time per operation (a tick, a load) divided by the number of regions, in nanoseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || benchmarkCase.Parameters["Regions"] is not int regions || regions <= 0) return "-";
        return (stats.Mean / regions).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
