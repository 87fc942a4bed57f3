namespace ConflictSim.Decisions;

public sealed class UtilityAi(Scenario scenario) : IOrderSource
{
    public void Issue(World world, int faction, ref Randomness.Xoshiro256StarStar rng, OrderBook orders) { _ = scenario; }
}
