using System.Text.Json.Serialization;

namespace ConflictSim.Wargame.Game;

/// <summary>
/// Everything anyone can do in a session, as data: the web layer turns a request into one of these, the service
/// checks it against the caller's role and the turn's phase, and the log stores it as JSON, so replaying the log's
/// actions through <see cref="WargameSession.Execute"/> rebuilds the session exactly.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SubmitOrder), "order")]
[JsonDerivedType(typeof(CancelOrder), "cancel-order")]
[JsonDerivedType(typeof(MarkReady), "ready")]
[JsonDerivedType(typeof(LockTurn), "lock")]
[JsonDerivedType(typeof(UnlockTurn), "unlock")]
[JsonDerivedType(typeof(AdjudicateTurn), "adjudicate")]
[JsonDerivedType(typeof(PublishTurn), "publish")]
[JsonDerivedType(typeof(OpenTurn), "open")]
[JsonDerivedType(typeof(ChangeEvent), "event")]
[JsonDerivedType(typeof(ApplyInject), "inject")]
[JsonDerivedType(typeof(SendMessage), "message")]
[JsonDerivedType(typeof(SetOverride), "override")]
[JsonDerivedType(typeof(ClearOverride), "clear-override")]
[JsonDerivedType(typeof(RewindTo), "rewind")]
[JsonDerivedType(typeof(SwitchBranch), "switch-branch")]
[JsonDerivedType(typeof(AllowForecast), "allow-forecast")]
[JsonDerivedType(typeof(RequestForecast), "forecast")]
public abstract record GameAction
{
    /// <summary>Whether only White may take this action.</summary>
    [JsonIgnore] public abstract bool WhiteOnly { get; }
}

/// <summary>A cell's order for one of its factions (see <see cref="OrderKind"/> for how it spreads over the turn).</summary>
public sealed record SubmitOrder(string Faction, OrderKind Kind, string From, string? To, double Fighters) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => false;
}

/// <summary>A cell withdraws one of its own draft orders.</summary>
public sealed record CancelOrder(int Id) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => false;
}

/// <summary>A cell says its orders are in (or takes that back); shown on the turn clock.</summary>
public sealed record MarkReady(bool Ready) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => false;
}

/// <summary>White closes the orders.</summary>
public sealed record LockTurn : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White reopens the orders of a locked or adjudicated turn (the adjudication is discarded).</summary>
public sealed record UnlockTurn : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White runs the locked turn K times (null: the session's K, 200 by default) from the current state.</summary>
public sealed record AdjudicateTurn(int? Replicates = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>An edit of the adjudicated result before it is published: a force's fighters set, or a region handed over.</summary>
/// <param name="Faction">The faction whose fighters are set, or who is given the region (null with a region: nobody holds it).</param>
/// <param name="Region">The region.</param>
/// <param name="Fighters">The faction's fighters in the region after the edit; null for a change of control.</param>
/// <param name="Rationale">Why: required for every edit.</param>
public sealed record StateEdit(string? Faction, string Region, double? Fighters, string Rationale);

/// <summary>White publishes the turn: the canonical seeded run, the replicate nearest the median, or (after an engine failure) the turn's start, each with optional edits.</summary>
/// <param name="Choice">"canonical", "median" or "manual".</param>
/// <param name="Edits">Edits within (or, flagged, outside) the band; each with its rationale.</param>
/// <param name="Note">White's note for the log and the debrief.</param>
public sealed record PublishTurn(string Choice, IReadOnlyList<StateEdit>? Edits = null, string? Note = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White opens the next turn's planning after a publish.</summary>
public sealed record OpenTurn : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White fires a scenario event early or late (on <paramref name="Day"/>), or never.</summary>
/// <param name="Event">The event's id.</param>
/// <param name="When">"early", "late" or "never".</param>
/// <param name="Day">The day (days since the start) for early or late.</param>
/// <param name="Notify">Cells told about it (their feeds get <paramref name="Note"/>).</param>
/// <param name="Note">What the notified cells read.</param>
public sealed record ChangeEvent(string Event, string When, int? Day = null, IReadOnlyList<string>? Notify = null, string? Note = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White's ad-hoc inject: "trust" (Faction, Other, Amount), "patron" (Patron, Amount = air sorties, Amount2 = artillery), "reinforce" (Faction, Region, Amount).</summary>
/// <param name="Kind">"trust", "patron" or "reinforce".</param>
/// <param name="Faction">Faction concerned.</param>
/// <param name="Other">The other faction of a trust shift.</param>
/// <param name="Patron">The patron of a support change.</param>
/// <param name="Region">Where reinforcements arrive.</param>
/// <param name="Amount">Trust delta, air sorties, or fighters.</param>
/// <param name="Amount2">Artillery for a patron inject.</param>
/// <param name="Day">Day it applies (default: the turn's first day).</param>
/// <param name="Notify">Cells told about it.</param>
/// <param name="Note">What they read, and the log's note.</param>
public sealed record ApplyInject(string Kind, string? Faction = null, string? Other = null, string? Patron = null, string? Region = null,
    double? Amount = null, double? Amount2 = null, int? Day = null, IReadOnlyList<string>? Notify = null, string? Note = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>A message: from White to chosen cells, or from a cell to White.</summary>
public sealed record SendMessage(IReadOnlyList<string>? To, string Text) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => false;
}

/// <summary>
/// White changes what one cell sees in one region: <paramref name="Visible"/> forces the region observed or hidden;
/// <paramref name="Owner"/> shows another controller ("none" for nobody); <paramref name="Faction"/> with
/// <paramref name="Low"/>/<paramref name="High"/> shows that faction there at that strength band.
/// </summary>
public sealed record SetOverride(string Cell, string Region, bool? Visible = null, string? Owner = null, string? Faction = null, double? Low = null, double? High = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White removes its overrides of a cell's picture in a region.</summary>
public sealed record ClearOverride(string Cell, string Region) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White goes back to the start of turn <paramref name="Turn"/> (0 = the beginning) as a new branch; the old one stays playable.</summary>
public sealed record RewindTo(int Turn, string Branch) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White makes another branch the one being played.</summary>
public sealed record SwitchBranch(string Branch) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>White lets a cell ask for forecasts (or stops it).</summary>
public sealed record AllowForecast(string Cell, bool Allowed) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => true;
}

/// <summary>A forecast from here: N runs (default 1,000) to day D (default: the end).</summary>
public sealed record RequestForecast(int? Runs = null, int? ToDay = null) : GameAction
{
    /// <inheritdoc/>
    public override bool WhiteOnly => false;
}

/// <summary>The answer to an action: accepted or refused, in words, with whatever the action produced.</summary>
/// <param name="Accepted">True when the action was carried out.</param>
/// <param name="Message">What happened, or why not, in a sentence a student can read.</param>
/// <param name="Value">The action's product, when it has one (an order's id, a forecast).</param>
public sealed record ActionResult(bool Accepted, string Message, object? Value = null)
{
    internal static ActionResult Ok(string message, object? value = null) => new(true, message, value);
    internal static ActionResult Refused(string message) => new(false, message);
}
