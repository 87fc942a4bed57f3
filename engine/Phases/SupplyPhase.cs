using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class SupplyPhase(Scenario scenario) : IPhase
{
    public string Name => "supply";
    public void Execute(World world, ref Xoshiro256StarStar rng) { _ = scenario; }
}
