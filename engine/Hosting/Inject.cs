namespace ConflictSim.Hosting;

/// <summary>
/// The interventions a host (a White cell, an analyst) can make mid-run. Each is an event effect written with the
/// scenario's ids, so it goes through the very code a scenario event does, keeps the ledger, and is saved and
/// rewound with the state until its day comes.
/// </summary>
public static class Inject
{
    /// <summary>Trust between two factions moves by <paramref name="delta"/> (both ways, clamped to [−1, 1]).</summary>
    public static EffectSpec TrustShift(string faction, string other, double delta) =>
        new() { Kind = EffectKind.Relation, Faction = faction, Other = other, Amount = delta };

    /// <summary>A patron's daily air sorties and artillery are set (null leaves one as it is).</summary>
    public static EffectSpec PatronSupport(string patron, double? airSorties, double? artillery) =>
        new() { Kind = EffectKind.Patron, Patron = patron, Amount = airSorties ?? double.NaN, Amount2 = artillery ?? double.NaN };

    /// <summary>Fresh fighters arrive for a faction in a region, at its starting morale and full supply.</summary>
    public static EffectSpec Reinforce(string faction, string region, double fighters) =>
        new() { Kind = EffectKind.Reinforce, Faction = faction, Region = region, Amount = fighters };

    /// <summary>A faction's legitimacy in the eyes of the residents it rules moves by <paramref name="delta"/>.</summary>
    public static EffectSpec Legitimacy(string faction, double delta) =>
        new() { Kind = EffectKind.Legitimacy, Faction = faction, Amount = delta };

    /// <summary>Fighters added to (negative: taken from) a force, as they stand; see <see cref="EffectKind.Fighters"/>.</summary>
    public static EffectSpec Fighters(string faction, string region, double delta) =>
        new() { Kind = EffectKind.Fighters, Faction = faction, Region = region, Amount = delta };

    /// <summary>A region changes hands (null: nobody holds it).</summary>
    public static EffectSpec Control(string region, string? faction) =>
        new() { Kind = EffectKind.Control, Region = region, Faction = faction };

    /// <summary>A sea link is closed to a faction's enemies.</summary>
    public static EffectSpec Blockade(string link, string byFaction) =>
        new() { Kind = EffectKind.Blockade, Link = link, Faction = byFaction };

    /// <summary>A blockade is lifted.</summary>
    public static EffectSpec Lift(string link) => new() { Kind = EffectKind.Lift, Link = link };
}

/// <summary>Why an inject was refused, or <see cref="Accepted"/>.</summary>
public enum InjectStatus
{
    /// <summary>Queued (or, for an event, cancelled or rescheduled) as asked.</summary>
    Accepted,
    /// <summary>An id (faction, region, patron, link or event) the scenario does not have.</summary>
    UnknownId,
    /// <summary>The effect lacks a field its kind needs, or changes nothing.</summary>
    MissingField,
    /// <summary>A value outside its range, two factions that should differ, a blockade on a link that is not a sea lane, or an unknown kind.</summary>
    OutOfRange,
    /// <summary>The day asked for is before today, or the event's day has passed.</summary>
    InThePast,
    /// <summary>The inject queue already holds <see cref="WorldState.InjectCapacity"/> effects.</summary>
    QueueFull,
    /// <summary>The run has reached its last day.</summary>
    Finished,
}

/// <summary>The answer to an inject: a code and a sentence.</summary>
public readonly record struct InjectResult(InjectStatus Status, string Message)
{
    /// <summary>True when the inject was queued (or the event change made).</summary>
    public bool IsAccepted => Status == InjectStatus.Accepted;
}
