using BenchmarkDotNet.Attributes;

namespace ConflictSim.Benchmarks;

/// <summary>
/// What a host pays for the operations a game and a forecast are made of, on libya-2016 at day 60 (the wargame's
/// scenario, mid-game): a snapshot restored and reseeded (one replica of a forecast or an adjudication), one
/// replica of a 7-day turn, and a state saved to and loaded from memory. Restore and reseed allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class HostingBenchmarks
{
    private Simulation _sim = null!;
    private WorldState _day60 = null!;
    private readonly MemoryStream _file = new();
    private ulong _seed;

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulation(ScenarioFiles.Load("libya-2016.yaml"), seed: 1);
        for (int i = 0; i < 60; i++) _sim.Step();
        _day60 = _sim.Snapshot();
        _sim.Save(_file);
    }

    [Benchmark]
    public void RestoreAndReseed()
    {
        _sim.Restore(_day60);
        _sim.Reseed(++_seed);
    }

    [Benchmark]
    public void TurnReplica()
    {
        _sim.Restore(_day60);
        _sim.Reseed(++_seed);
        for (int d = 0; d < 7; d++) _sim.Step();
    }

    [Benchmark]
    public void SaveState()
    {
        _file.Position = 0;
        _sim.Restore(_day60);
        _sim.Save(_file);
    }

    [Benchmark]
    public void LoadState()
    {
        _file.Position = 0;
        _sim.Load(_file);
    }
}
