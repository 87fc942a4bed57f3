using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class MoralePhase(Scenario scenario) : IPhase
{
    public string Name => "morale";
    public void Execute(World world, ref Xoshiro256StarStar rng) { _ = scenario; }
}
