using BenchmarkDotNet.Attributes;
using ConflictSim.Cli.Commands;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Benchmarks;

/// <summary>
/// Sweep throughput on sirte-2016 through the whole runner: plan, pipeline, aggregator, runs.csv, checkpoint and
/// final outputs, at 1 and 2 worker threads. Runs/s = Runs / mean time. <see cref="Aggregate"/> isolates the
/// aggregator's share of a run (statistics of the outcomes and a quantile sketch for each of 241 days × 10 tracked metrics, fed real runs in turn).
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

    [GlobalSetup]
    public void Setup()
    {
        _file = ScenarioFiles.Path("sirte-2016.yaml");
        _dir = Directory.CreateTempSubdirectory("conflictsim-bench-").FullName;
        // The plan and header as the command builds them.
        var plan = SweepPlan.Build(_file, [], [], [], null, null);
        var header = SweepRunner.HeaderOf(plan, new SweepOptions { Runs = Runs, Out = _dir });
        _state = new SweepState(header);
        // Real runs' results, recorded as a sweep records them: the per-day values vary from run to run, so the
        // sketches leave exact mode as they do in a sweep (one slot fed again and again would keep them exact).
        var job = new PipelineJob
        {
            Points = [plan.Points[0].Scenario],
            Options = new SimulationOptions(),
            MasterSeed = header.Seed,
            From = 0,
            To = Recorded,
            Map = seq => (0, (int)seq),
            Threads = 1,
        };
        RunPipeline.RunAsync(job, slot =>
        {
            var copy = new RunSlot(slot.Outcomes.Length, slot.Series.Length) { Seq = slot.Seq, Point = slot.Point, Run = slot.Run, Seed = slot.Seed };
            slot.Outcomes.CopyTo(copy.Outcomes, 0);
            slot.Series.CopyTo(copy.Series, 0);
            _slots[slot.Seq] = copy;
        }, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Distinct runs the aggregator is fed in turn.</summary>
    private const int Recorded = 256;
    private readonly RunSlot[] _slots = new RunSlot[Recorded];

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(OperationsPerInvoke = Runs)]
    public int Sweep() => SweepCommand.Run(_file, [], [], [], null,
        o => o with { Runs = Runs, Threads = Threads, Out = _dir, Overwrite = true }, TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();

    [Benchmark]
    public long Aggregate()
    {
        _state.Add(_slots[_state.Committed % Recorded]);
        return _state.Committed++;
    }
}
