using ConflictSim.Randomness;

namespace ConflictSim.Phases;

public sealed class EventsPhase : IPhase
{
    public string Name => "events";
    public void Execute(World world, ref Xoshiro256StarStar rng) { }
}
