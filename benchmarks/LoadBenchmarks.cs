using BenchmarkDotNet.Attributes;
using ConflictSim.Generation;
using ConflictSim.Scenarios;

namespace ConflictSim.Benchmarks;

/// <summary>
/// Loading a generated theater (issue 15, "large theaters"): R = 10³, 10⁴ and 10⁵ regions at F = 10 factions, the
/// text made once in GlobalSetup by the engine's generator (seed 1, default degree), as `conflictsim generate` writes
/// it. <see cref="Parse"/> is the text to the loader's document; <see cref="Load"/> is
/// <see cref="ScenarioLoader.LoadText(string, string)"/>, text to a validated spec (it compiles the spec once to
/// check it); <see cref="LoadAndCompile"/> adds the <see cref="Scenario.Compile"/> a run then does. The ns-per-region
/// column is flat across the series when loading is linear in the map.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
public class LoadBenchmarks
{
    private string _text = "";
    private string _name = "";

    [Params(1000, 10_000, 100_000)]
    public int Regions { get; set; }

    [Params(10)]
    public int Factions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = TheaterGenerator.Generate(new TheaterParameters { Regions = Regions, Factions = Factions, Seed = 1 });
        _name = $"synthetic-r{Regions}-f{Factions}.yaml";
        var check = ScenarioLoader.LoadText(_text, _name);
        if (!check.Ok) throw new InvalidOperationException(string.Join(Environment.NewLine, check.Errors.Take(10)));
    }

    [Benchmark]
    public bool Parse() => ScenarioLoader.Parse(_text, new ConflictSim.Scenarios.Diagnostics(_name)).Exists;

    [Benchmark]
    public ScenarioSpec Load() => ScenarioLoader.LoadText(_text, _name).Spec!;

    /// <summary>
    /// A caller's compile after the load. <see cref="Scenario.Compile"/> returns the scenario the loader's last check
    /// compiled for the same spec, so this is <see cref="Load"/> plus a look-up; a gap here means a second compile.
    /// </summary>
    [Benchmark]
    public Scenario LoadAndCompile() => Scenario.Compile(ScenarioLoader.LoadText(_text, _name).Spec!);
}
