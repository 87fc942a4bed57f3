using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>
/// One step of a tick with one job. Phases share nothing but the <see cref="World"/>; each gets its own
/// streams, keyed by its name (and, per faction, by the faction's), so adding a phase leaves every other phase's
/// draws unchanged. A phase decides each day whether it has work, so an inject the file never foresaw takes effect.
/// </summary>
internal interface IPhase
{
    string Name { get; }
    void Execute(World world, PhaseStreams rng);
}
