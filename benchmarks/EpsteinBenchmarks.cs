using BenchmarkDotNet.Attributes;
using ConflictSim.CivilViolenceGrid;

namespace ConflictSim.Benchmarks;

/// <summary>
/// One step of Epstein's civil violence grid (scenarios/epstein-2002.yaml, the paper's rules) on a 40×40 torus and
/// on larger ones at the same densities, with the paper's von Neumann vision and with Mesa's Moore square. Each
/// invocation steps a running model 10 times; the model is warmed past its opening outburst first, so the figure is
/// the steady state. Agent-updates per second = (citizens + cops) / mean.
/// </summary>
[MemoryDiagnoser]
public class EpsteinBenchmarks
{
    private const int Steps = 10;
    private CivilViolenceModel _model = null!;

    [Params(40, 200, 1000)]
    public int Side { get; set; }

    [Params(Neighbourhood.VonNeumann, Neighbourhood.Moore)]
    public Neighbourhood Vision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = ScenarioFiles.LoadCivilViolence("epstein-2002.yaml") with { Width = Side, Height = Side, Neighbourhood = Vision };
        _model = new CivilViolenceModel(spec, seed: 1, steps: int.MaxValue);
        for (int i = 0; i < 50; i++) _model.Step();
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public void Step()
    {
        for (int i = 0; i < Steps; i++) _model.Step();
    }
}
