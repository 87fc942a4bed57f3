using ConflictSim.Decisions;
using ConflictSim.Hosting;

namespace ConflictSim.Wargame.Game;

/// <summary>A published turn, as the exports and the after-action review read it.</summary>
/// <param name="Turn">1 for the first turn.</param>
/// <param name="StartDay">Day the turn started.</param>
/// <param name="EndDay">Day it ended.</param>
/// <param name="Choice">"canonical", "median" or "manual".</param>
/// <param name="Seed">The seed of the published run (the session's own streams for the canonical run: its master seed).</param>
/// <param name="Replicates">K of its adjudication (0 for a manual publish without one).</param>
/// <param name="Orders">The cells' orders as locked.</param>
/// <param name="Edits">White's edits, each with whether it fell outside the band.</param>
/// <param name="Note">White's note.</param>
/// <param name="Bands">The fighter bands White saw, per faction (scenario order), or empty.</param>
public sealed record TurnRecord(int Turn, int StartDay, int EndDay, string Choice, ulong Seed, int Replicates,
    IReadOnlyList<DraftOrder> Orders, IReadOnlyList<EditRecord> Edits, string? Note, IReadOnlyList<Band> Bands)
{
    /// <summary>The seed as text, for a page: a 64-bit seed does not survive a JavaScript number.</summary>
    public string SeedText => Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A published edit and whether it lay outside the adjudication's band (flagged).</summary>
/// <param name="Edit">The edit.</param>
/// <param name="OutOfBand">True when it lay outside P10–P90 (fighters) or gave a region to a faction holding it in under 10% of replicates.</param>
public sealed record EditRecord(StateEdit Edit, bool OutOfBand);

/// <summary>One line of play: its engine session, the turn being planned and what was published before it.</summary>
internal sealed class Branch
{
    public required string Name { get; init; }
    public string? Parent { get; init; }
    public int ForkTurn { get; init; }
    public required Session Engine { get; init; }
    public TurnPhase Phase { get; set; } = TurnPhase.Planning;
    public List<DraftOrder> Drafts { get; } = new();
    public HashSet<string> Ready { get; } = new(StringComparer.Ordinal);
    public Adjudication? Adjudication { get; set; }
    /// <summary>The state when the turn was locked, its day-0 orders queued: what the replicates start from.</summary>
    public WorldState? LockedStart { get; set; }
    public Order[] Standing { get; set; } = [];
    public int LockedDays { get; set; }
    /// <summary>The state at the start of each turn's planning, [0] the scenario's start.</summary>
    public List<WorldState> Starts { get; } = new();
    public List<TurnRecord> Turns { get; } = new();
}
