namespace ConflictSim.Wargame.Game;

/// <summary>A player cell: a team of students commanding one or more of the scenario's factions.</summary>
/// <param name="Id">Short id used in links, the log and exports (letters, digits, '-' and '_').</param>
/// <param name="Name">What the cell is called on screen.</param>
/// <param name="Factions">Ids of the factions it commands; the other factions stay with the AI or the script.</param>
public sealed record Cell(string Id, string Name, IReadOnlyList<string> Factions);

/// <summary>Who is acting: the White cell (control) or one player cell, as the caller's token says.</summary>
/// <param name="Id">"white", or a cell's id.</param>
public readonly record struct Role(string Id)
{
    /// <summary>The id of the White cell.</summary>
    public const string WhiteId = "white";
    /// <summary>The White cell.</summary>
    public static Role White => new(WhiteId);
    /// <summary>True for the White cell.</summary>
    public bool IsWhite => Id == WhiteId;
    /// <summary>The id.</summary>
    public override string ToString() => Id;
}

/// <summary>Where a turn stands. A turn goes Planning → Locked → Adjudicated → Published, then the next turn opens in Planning.</summary>
public enum TurnPhase
{
    /// <summary>Cells give, change and withdraw orders.</summary>
    Planning,
    /// <summary>White has closed the orders; the turn is being (or is about to be) adjudicated.</summary>
    Locked,
    /// <summary>The K replicates have run; White sees the bands and chooses what to publish.</summary>
    Adjudicated,
    /// <summary>The result is the live state; cells see their new picture until White opens the next turn.</summary>
    Published,
}
