namespace ConflictSim.Randomness;

/// <summary>
/// The random streams one phase draws from: one shared stream, and one per faction for the draws that belong to a
/// faction (its orders, its losses, its routs, its cells, its split). Each is keyed by the phase's and the faction's
/// names, so handing one faction to a human, who draws nothing, leaves every other faction's draws as they were:
/// common random numbers between "as played" and "as the AI would have played" hold faction by faction.
/// </summary>
internal readonly ref struct PhaseStreams
{
    private readonly Span<Xoshiro256StarStar> _streams;

    internal PhaseStreams(Span<Xoshiro256StarStar> streams) => _streams = streams;

    /// <summary>Draws that belong to no faction: whether an event happens, a patron's strikes, the population's moods.</summary>
    public ref Xoshiro256StarStar Shared => ref _streams[0];

    /// <summary>Draws that belong to one faction.</summary>
    public ref Xoshiro256StarStar Of(int faction) => ref _streams[1 + faction];

    /// <summary>Streams a phase slot holds: the shared one and one per faction slot.</summary>
    internal static int PerPhase(int factions) => factions + 1;

    /// <summary>
    /// The seed of one stream: the shared stream keeps the derivation streams had before they were split by faction
    /// (key 0); a faction's stream mixes in the FNV key of its id, so adding a faction leaves the others alone.
    /// </summary>
    internal static ulong SeedOf(ulong seed, ulong phaseKey, ulong ownerKey) => Xoshiro256StarStar.DeriveSeed(seed, ownerKey, phaseKey);

    internal const ulong SharedKey = 0;

    internal static ulong FactionKey(string factionId) => Xoshiro256StarStar.Key("faction:" + factionId);
}
