using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class MetricsPhase : IPhase
{
    public string Name => "metrics";
    public void Execute(World world, ref Xoshiro256StarStar rng) { }
}
