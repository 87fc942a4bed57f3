namespace ConflictSim.Wargame.Game;

/// <summary>
/// What a cell can order for one of its factions. How each spreads over a turn of L days (days 0..L−1 of the turn):
/// <list type="bullet">
/// <item><see cref="Move"/>: the fighters leave on the turn's first day (day 0) and travel the link's days, as the
/// engine's movement phase moves any order; nothing more that turn.</item>
/// <item><see cref="Standing"/>: on day 0 as a move; then again at the start of each later day of the turn, moving
/// min(fighters, what stands in the origin that day) — skipped on a day when fewer than one is there. A reinforcing
/// stream, e.g. "send 50 a day from Misrata to Abu Grein".</item>
/// <item><see cref="Withdraw"/>: every fighter the faction has in the origin leaves for the destination on day 0
/// (the count is taken when the order is given, and checked again by the engine on the day).</item>
/// <item><see cref="Hold"/>: the faction's fighters in the region stay all turn; any move out of it queued by the
/// cell is withdrawn. (A player's faction never moves without an order, so a hold is the cell's statement of intent,
/// shown to White and kept in the log.)</item>
/// </list>
/// Orders of the cells' factions are the only ones those factions get: a faction given to a cell no longer takes
/// orders from the AI.
/// </summary>
public enum OrderKind
{
    /// <summary>Move fighters to a linked region, once, on the turn's first day.</summary>
    Move,
    /// <summary>Move up to this many fighters every day of the turn.</summary>
    Standing,
    /// <summary>Pull every fighter out of the region to a linked one.</summary>
    Withdraw,
    /// <summary>Stay put in the region.</summary>
    Hold,
}

/// <summary>An order a cell has given for the turn being planned, as it stands in the orders panel.</summary>
/// <param name="Id">Number, unique in the session.</param>
/// <param name="Cell">The cell that gave it.</param>
/// <param name="Kind">Move, standing, withdraw or hold.</param>
/// <param name="Faction">The faction ordered.</param>
/// <param name="From">The region its fighters are in.</param>
/// <param name="To">The destination (null for a hold).</param>
/// <param name="Fighters">Fighters moved (each day for a standing order; all of them for a withdrawal; 0 for a hold).</param>
public sealed record DraftOrder(int Id, string Cell, OrderKind Kind, string Faction, string From, string? To, double Fighters);
