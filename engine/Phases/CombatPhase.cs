using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class CombatPhase(Scenario scenario) : IPhase
{
    public string Name => "combat";
    public void Execute(World world, ref Xoshiro256StarStar rng) { _ = scenario; }
}
