using BenchmarkDotNet.Attributes;
using ConflictSim.Cli.Commands;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Benchmarks;

/// <summary>
/// Sweep throughput on sirte-2016 through the whole runner: plan, pipeline, aggregator, runs.csv, checkpoint and
/// final outputs, at 1 and 2 worker threads. Runs/s = Runs / mean time. <see cref="Aggregate"/> isolates the
/// aggregator's share of a run (statistics for 12 outcomes and 241 days × 8 tracked metrics).
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    public const int Runs = 200;

    [Params(1, 2)]
    public int Threads;

    private string _file = null!;
    private string _dir = null!;
    private SweepState _state = null!;
    private RunSlot _slot = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = ScenarioFiles.Path("sirte-2016.yaml");
        _dir = Directory.CreateTempSubdirectory("conflictsim-bench-").FullName;
        // A finished run's results, to feed the aggregator alone.
        var plan = SweepPlan.Build(_file, [], [], [], null, null);
        var header = SweepRunner.HeaderOf(plan, new SweepOptions { Runs = Runs, Out = _dir });
        _state = new SweepState(header);
        var sim = new Simulation(plan.Points[0].Scenario, 1);
        _slot = new RunSlot(header.Outcomes.Length, (header.PointDays[0] + 1) * header.Metrics);
        for (int i = 0; i < _slot.Series.Length; i++) _slot.Series[i] = 1000 + i % 97;
        sim.Run();
        for (int i = 0; i < _slot.Outcomes.Length; i++) _slot.Outcomes[i] = sim.State.OutcomeValue[i];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(OperationsPerInvoke = Runs)]
    public int Sweep() => SweepCommand.Run(_file, [], [], [], null,
        o => o with { Runs = Runs, Threads = Threads, Out = _dir, Overwrite = true }, TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();

    [Benchmark]
    public long Aggregate()
    {
        _state.Add(_slot);
        return _state.Committed++;
    }
}
