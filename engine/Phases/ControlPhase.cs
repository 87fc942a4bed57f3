using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class ControlPhase(Scenario scenario) : IPhase
{
    public string Name => "control";
    public void Execute(World world, ref Xoshiro256StarStar rng) { _ = scenario; }
}
