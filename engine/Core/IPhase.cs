using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>
/// One step of a tick with one job. Phases share nothing but the <see cref="World"/>; each gets its own
/// random stream, keyed by its name, so adding a phase leaves every other phase's draws unchanged.
/// </summary>
public interface IPhase
{
    string Name { get; }
    void Execute(World world, ref Xoshiro256StarStar rng);
}
