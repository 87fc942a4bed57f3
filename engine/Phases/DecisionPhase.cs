using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After events in the default order: each faction's order source — the utility AI, the scenario's script, or a human — fills today's
/// order book. Factions decide in id order, all from the same start-of-day picture.
/// </summary>
internal sealed class DecisionPhase : IPhase
{
    public string Name => "decisions";

    public void Execute(World world, PhaseStreams rng)
    {
        world.Orders.Clear();
        world.Presence.Take(world.State); // order sources read it; orders move nobody until the movement phase
        for (int f = 0; f < world.Scenario.FactionCount; f++)
            world.SourceOf(f).Issue(world, f, ref rng.Of(f), world.Orders);
    }
}
