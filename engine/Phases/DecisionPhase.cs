using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class DecisionPhase : IPhase
{
    public string Name => "decisions";
    public void Execute(World world, ref Xoshiro256StarStar rng) { }
}
