using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class MovementPhase : IPhase
{
    public string Name => "movement";
    public void Execute(World world, ref Xoshiro256StarStar rng) { }
}
