using System.Globalization;
using System.Text.RegularExpressions;
using ConflictSim.Analysis;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Randomness;

namespace ConflictSim.Wargame.Game;

/// <summary>A message in a cell's feed (White sees every feed).</summary>
/// <param name="Seq">Log line it came from.</param>
/// <param name="Turn">Turn being played.</param>
/// <param name="Day">Game day.</param>
/// <param name="From">"white" or the sending cell.</param>
/// <param name="To">Cells it is for ("white" for a cell's message to control).</param>
/// <param name="Text">The message.</param>
public sealed record FeedItem(long Seq, int Turn, int Day, string From, IReadOnlyList<string> To, string Text);

/// <summary>
/// The teaching wargame's session service: one scenario played in turns by player cells under a White cell.
/// It hosts the engine's <see cref="Session"/> (per branch), knows the cells, the turn length and the turn's phase,
/// checks every action against the caller's role, and writes every action to the append-only log before
/// answering. All of the game's rules live here; the web layer only calls <see cref="Execute"/> and the views.
/// A session is a pure function of its setup and its log's actions: <see cref="Resume"/> replays them and checks
/// the state's fingerprint after each.
/// </summary>
public sealed partial class WargameSession : IDisposable
{
    /// <summary>Replicates per adjudication unless the setup says otherwise.</summary>
    public const int DefaultReplicates = 200;
    /// <summary>Days per turn unless the setup says otherwise.</summary>
    public const int DefaultTurnDays = 7;
    /// <summary>Runs of a forecast unless asked otherwise.</summary>
    public const int DefaultForecastRuns = 1000;
    /// <summary>Longest message or rationale accepted.</summary>
    public const int MaxText = 2000;

    private static readonly ulong AdjudicationPurpose = Xoshiro256StarStar.Key("wargame-adjudication");
    private static readonly ulong ForecastPurpose = Xoshiro256StarStar.Key("wargame-forecast");

    private readonly object _gate = new();
    private readonly Dictionary<string, Branch> _branches = new(StringComparer.Ordinal);
    private readonly List<string> _branchOrder = new();
    private readonly Dictionary<string, Dictionary<string, PictureOverride>> _overrides = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forecasters = new(StringComparer.Ordinal);
    private readonly List<FeedItem> _feed = new();
    private readonly List<LogLine> _lines = new();
    private readonly GameLog _log;
    private Branch _current;
    private int _nextOrder = 1;
    private bool _replaying;
    /// <summary>Work an action leaves to run after the lock is released (a forecast reads a snapshot, so the game goes on meanwhile).</summary>
    private Func<ActionResult>? _deferred;

    /// <summary>The compiled scenario.</summary>
    public Scenario Scenario { get; }
    /// <summary>How the session was set up.</summary>
    public SessionSetup Setup { get; }
    /// <summary>The player cells.</summary>
    public IReadOnlyList<Cell> Cells => Setup.Cells;
    /// <summary>Raised after every accepted or refused action (outside the service's lock), so a host can push new pictures.</summary>
    public event Action? Changed;
    /// <summary>Threads the adjudication and forecasts use (0: all cores).</summary>
    public int Threads { get; set; }
    /// <summary>Test seam: when set, the adjudication throws this, as an engine failure would.</summary>
    internal Func<Exception?>? AdjudicationFault { get; set; }

    private WargameSession(Scenario scenario, SessionSetup setup, GameLog log)
    {
        Scenario = scenario;
        Setup = setup;
        _log = log;
        var engine = new Session(scenario, setup.Seed);
        foreach (var c in setup.Cells)
            foreach (var f in c.Factions) engine.Command(f, OrderSourceKind.Human);
        _current = new Branch { Name = "main", Engine = engine };
        _current.Starts.Add(engine.Simulation.Snapshot());
        _branches["main"] = _current;
        _branchOrder.Add("main");
    }

    /// <summary>
    /// Starts a new session; with <paramref name="logPath"/> its log is written there (the file must not hold a log
    /// already). Throws <see cref="ArgumentException"/> on a cell with an unknown or doubly commanded faction.
    /// </summary>
    public static WargameSession Start(Scenario scenario, SessionSetup setup, string? logPath = null)
    {
        Check(scenario, setup);
        if (logPath is not null && File.Exists(logPath) && new FileInfo(logPath).Length > 0)
            throw new ArgumentException($"{logPath} already holds a session; resume it instead");
        var session = new WargameSession(scenario, setup, logPath is null ? GameLog.InMemory() : GameLog.Append(logPath));
        session.Write(new LogLine { Seq = 0, At = Now(), Actor = Role.WhiteId, Branch = "main", Accepted = true, Message = "session started", Setup = setup, State = session.StateHex() });
        return session;
    }

    /// <summary>
    /// Rebuilds a session from its log by replaying every action through <see cref="Execute"/>, checking the live
    /// state's fingerprint after each against the logged one; then appends to the same log. Throws
    /// <see cref="InvalidDataException"/> when the log is not a session's or does not replay to the same states.
    /// </summary>
    public static WargameSession Resume(Scenario scenario, string logPath)
    {
        var lines = GameLog.Read(logPath);
        if (lines.Count == 0 || lines[0].Setup is not { } setup) throw new InvalidDataException($"{logPath}:1:1: not a session log (no setup line)");
        Check(scenario, setup);
        var session = new WargameSession(scenario, setup, GameLog.InMemory());
        session._lines.Add(lines[0]);
        session._replaying = true;
        for (int i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Action is null) throw new InvalidDataException($"{logPath}:{i + 1}:1: a log line without an action");
            session.Execute(new Role(line.Actor), line.Action);
            string state = session.StateHex();
            if (state != line.State)
                throw new InvalidDataException($"{logPath}:{i + 1}:1: replay diverged: state {state} after '{line.Action.GetType().Name}', the log says {line.State}");
        }
        session._replaying = false;
        session._lines.Clear();
        session._lines.AddRange(lines);
        var resumed = new WargameSession(scenario, setup, GameLog.Append(logPath));
        resumed.Adopt(session);
        return resumed;
    }

    private void Adopt(WargameSession replayed)
    {
        _branches.Clear(); _branchOrder.Clear();
        foreach (var (k, v) in replayed._branches) _branches[k] = v;
        _branchOrder.AddRange(replayed._branchOrder);
        _current = replayed._current;
        foreach (var (k, v) in replayed._overrides) _overrides[k] = v;
        _forecasters.UnionWith(replayed._forecasters);
        _feed.AddRange(replayed._feed);
        _lines.AddRange(replayed._lines);
        _nextOrder = replayed._nextOrder;
    }

    private static void Check(Scenario scenario, SessionSetup setup)
    {
        if (setup.TurnDays < 1 || setup.TurnDays > 366) throw new ArgumentException($"turn length {setup.TurnDays} days; expected 1..366");
        if (setup.Replicates < 1 || setup.Replicates > 10000) throw new ArgumentException($"{setup.Replicates} replicates; expected 1..10000");
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in setup.Cells)
        {
            if (!IdPattern().IsMatch(c.Id) || c.Id == Role.WhiteId) throw new ArgumentException($"cell id '{c.Id}': expected letters, digits, '-' or '_' (and not 'white')");
            foreach (var f in c.Factions)
            {
                if (scenario.FactionIndex(f) < 0) throw new ArgumentException($"cell '{c.Id}': no faction '{f}' in the scenario; expected one of {string.Join(", ", scenario.FactionIds)}");
                if (!taken.TryAdd(f, c.Id)) throw new ArgumentException($"faction '{f}' is given to both '{taken[f]}' and '{c.Id}'");
            }
        }
        if (setup.Cells.Select(c => c.Id).Distinct().Count() != setup.Cells.Count) throw new ArgumentException("two cells have the same id");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();

    // ---- State, as the views read it ----

    /// <summary>The branch being played.</summary>
    public string CurrentBranch { get { lock (_gate) return _current.Name; } }
    /// <summary>Every branch, in the order they were made.</summary>
    public IReadOnlyList<string> Branches { get { lock (_gate) return _branchOrder.ToArray(); } }
    /// <summary>The phase of the turn being played.</summary>
    public TurnPhase Phase { get { lock (_gate) return _current.Phase; } }
    /// <summary>Turns published on the current branch; the turn being played is <see cref="Turn"/> + 1.</summary>
    public int Turn { get { lock (_gate) return _current.Engine.Turn; } }
    /// <summary>Game day on the current branch.</summary>
    public int Day { get { lock (_gate) return _current.Engine.Day; } }
    /// <summary>The current branch's engine session (read it only under <see cref="Read{T}"/>).</summary>
    internal Session Engine => _current.Engine;
    /// <summary>Lines logged so far.</summary>
    public IReadOnlyList<LogLine> LogLines { get { lock (_gate) return _lines.ToArray(); } }
    /// <summary>The current adjudication, if the turn has one.</summary>
    public Adjudication? Adjudication { get { lock (_gate) return _current.Adjudication; } }
    /// <summary>The drafts of the turn being planned.</summary>
    public IReadOnlyList<DraftOrder> Drafts { get { lock (_gate) return _current.Drafts.ToArray(); } }
    /// <summary>Published turns of the current branch.</summary>
    public IReadOnlyList<TurnRecord> TurnRecords { get { lock (_gate) return _current.Turns.ToArray(); } }
    /// <summary>Every feed item.</summary>
    public IReadOnlyList<FeedItem> Feed { get { lock (_gate) return _feed.ToArray(); } }

    /// <summary>The calendar date of a game day.</summary>
    public DateOnly DateOf(int day) => Scenario.Spec.Start.AddDays(day);

    /// <summary>Runs <paramref name="read"/> under the service's lock, so it sees one consistent state.</summary>
    public T Read<T>(Func<T> read) { lock (_gate) return read(); }

    /// <summary>The live state's fingerprint on the current branch, hex.</summary>
    public string StateHex() { lock (_gate) return _current.Engine.Simulation.State.Fingerprint().ToString("x16", CultureInfo.InvariantCulture); }

    /// <summary>
    /// A fingerprint of the whole session: every branch's live state, phase, drafts and turn records, the overrides
    /// and the feed. Two sessions with the same fingerprint are the same game.
    /// </summary>
    public string Fingerprint()
    {
        lock (_gate)
        {
            var h = new System.Text.StringBuilder();
            foreach (var name in _branchOrder)
            {
                var b = _branches[name];
                h.Append(name).Append(':').Append(b.Engine.Simulation.State.Fingerprint().ToString("x16", CultureInfo.InvariantCulture))
                 .Append(':').Append(b.Phase).Append(':').Append(b.Engine.Turn).Append(':').Append(string.Join(',', b.Drafts)).Append(':')
                 .Append(string.Join(',', b.Turns.Select(t => $"{t.Turn}/{t.Choice}/{t.Seed}/{t.Edits.Count}"))).Append(';');
            }
            h.Append(_current.Name).Append('|').Append(string.Join(',', _overrides.SelectMany(o => o.Value.Select(v => $"{o.Key}/{v.Key}/{v.Value}"))))
             .Append('|').Append(string.Join(',', _feed.Select(f => f.Text)));
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(h.ToString())))[..32].ToLowerInvariant();
        }
    }

    /// <summary>The cell with this id, or null.</summary>
    public Cell? CellOf(string id) => Setup.Cells.FirstOrDefault(c => c.Id == id);

    // ---- Actions ----

    /// <summary>
    /// Carries out an action for <paramref name="actor"/>, or refuses it in words: a cell acting for a faction it does
    /// not command, on another cell's order or with a White action is refused, and so is anything the turn's phase
    /// does not allow. Every action, refused or not, is logged (and flushed) before this returns.
    /// </summary>
    public ActionResult Execute(Role actor, GameAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ActionResult result;
        Func<ActionResult>? later;
        lock (_gate)
        {
            ulong? seed = null;
            try { result = Dispatch(actor, action, ref seed); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // A check the service missed still answers in words and leaves the session as it was before the action.
                result = ActionResult.Refused(e.Message);
            }
            var line = new LogLine
            {
                Seq = _lines.Count, At = Now(), Actor = actor.Id, Branch = _current.Name, Turn = _current.Engine.Turn, Day = _current.Engine.Day,
                Action = action, Accepted = result.Accepted, Message = result.Message, Seed = seed, State = StateHex(),
            };
            Write(line);
            later = _deferred;
            _deferred = null;
        }
        if (later is not null) result = later();
        if (!_replaying) Changed?.Invoke();
        return result;
    }

    private void Write(LogLine line)
    {
        _lines.Add(line);
        if (!_replaying) _log.Write(line);
    }

    private ActionResult Dispatch(Role actor, GameAction action, ref ulong? seed)
    {
        bool white = actor.IsWhite;
        if (!white && CellOf(actor.Id) is null) return ActionResult.Refused($"'{actor.Id}' is not a cell of this session");
        if (action.WhiteOnly && !white) return ActionResult.Refused($"only White can {Verb(action)}; {actor.Id} is a player cell");
        switch (action)
        {
            case SubmitOrder o:
                return white ? ActionResult.Refused("White does not give orders; the cells do") : Order(CellOf(actor.Id)!, o);
            case CancelOrder c:
                return white ? ActionResult.Refused("White does not give orders; the cells do") : Cancel(actor.Id, c.Id);
            case MarkReady r:
                if (white) return ActionResult.Refused("White has no orders to mark ready");
                if (_current.Phase != TurnPhase.Planning) return ActionResult.Refused($"the turn is {PhaseOf(_current)}, not in planning");
                if (r.Ready) _current.Ready.Add(actor.Id); else _current.Ready.Remove(actor.Id);
                return ActionResult.Ok(r.Ready ? "orders marked ready" : "orders marked not ready");
            case LockTurn:
                if (_current.Phase != TurnPhase.Planning) return ActionResult.Refused($"the turn is {PhaseOf(_current)}; only a turn in planning can be locked");
                if (_current.Engine.Finished) return ActionResult.Refused("the run has reached its last day");
                _current.Phase = TurnPhase.Locked;
                _current.LockedStart = _current.Engine.Simulation.Snapshot();
                _current.Standing = StandingOrders(_current);
                _current.LockedDays = Math.Min(Setup.TurnDays, _current.Engine.Simulation.Days - _current.Engine.Day);
                return ActionResult.Ok($"turn {_current.Engine.Turn + 1} locked with {_current.Drafts.Count} orders");
            case UnlockTurn:
                if (_current.Phase is not (TurnPhase.Locked or TurnPhase.Adjudicated)) return ActionResult.Refused($"the turn is {PhaseOf(_current)}; only a locked or adjudicated turn can be unlocked");
                _current.Phase = TurnPhase.Planning;
                _current.Adjudication = null;
                return ActionResult.Ok("orders reopened");
            case AdjudicateTurn a:
                return Adjudicate(a, ref seed);
            case PublishTurn p:
                return Publish(p, ref seed);
            case OpenTurn:
                if (_current.Phase != TurnPhase.Published) return ActionResult.Refused($"the turn is {PhaseOf(_current)}; the next turn opens after a publish");
                if (_current.Engine.Finished) return ActionResult.Refused("the run has reached its last day; the game is over");
                _current.Phase = TurnPhase.Planning;
                _current.Drafts.Clear();
                _current.Ready.Clear();
                return ActionResult.Ok($"turn {_current.Engine.Turn + 1} open for orders");
            case ChangeEvent e:
                return ChangeScenarioEvent(e);
            case ApplyInject i:
                return AdHocInject(i);
            case SendMessage m:
                return Message(actor, m);
            case SetOverride o:
                return Override(o);
            case ClearOverride c:
                if (!_overrides.TryGetValue(c.Cell, out var map) || !map.Remove(c.Region)) return ActionResult.Refused($"no override of {c.Region} for {c.Cell}");
                return ActionResult.Ok($"override of {c.Region} for {c.Cell} removed");
            case RewindTo r:
                return Rewind(r);
            case SwitchBranch s:
                if (!_branches.TryGetValue(s.Branch, out var branch)) return ActionResult.Refused($"no branch '{s.Branch}'; the branches are {string.Join(", ", _branchOrder)}");
                _current = branch;
                return ActionResult.Ok($"playing branch '{s.Branch}'");
            case AllowForecast a:
                if (CellOf(a.Cell) is null) return ActionResult.Refused($"no cell '{a.Cell}'");
                if (a.Allowed) _forecasters.Add(a.Cell); else _forecasters.Remove(a.Cell);
                return ActionResult.Ok(a.Allowed ? $"{a.Cell} may ask for forecasts" : $"{a.Cell} may no longer ask for forecasts");
            case RequestForecast f:
                return ForecastFrom(actor, f, ref seed);
            default:
                return ActionResult.Refused($"unknown action {action.GetType().Name}");
        }
    }

    private static string Verb(GameAction a) => a switch
    {
        LockTurn => "lock the turn", UnlockTurn => "unlock the turn", AdjudicateTurn => "adjudicate", PublishTurn => "publish",
        OpenTurn => "open the next turn", ChangeEvent => "change a scenario event", ApplyInject => "apply an inject",
        SetOverride or ClearOverride => "override what a cell sees", RewindTo => "rewind", SwitchBranch => "switch branches",
        AllowForecast => "allow forecasts", _ => "do that",
    };

    private static string PhaseOf(Branch b) => b.Phase.ToString().ToLowerInvariant();

    // ---- Orders ----

    private ActionResult Order(Cell cell, SubmitOrder o)
    {
        var b = _current;
        if (b.Phase != TurnPhase.Planning) return ActionResult.Refused($"orders are closed: the turn is {PhaseOf(b)}");
        if (!cell.Factions.Contains(o.Faction)) return ActionResult.Refused($"{cell.Name} does not command '{o.Faction}'; it commands {string.Join(", ", cell.Factions)}");
        var sc = Scenario;
        int f = sc.FactionIndex(o.Faction), from = sc.RegionIndex(o.From);
        if (from < 0) return ActionResult.Refused($"no region '{o.From}'");
        var sim = b.Engine.Simulation;
        if (o.Kind == OrderKind.Hold)
        {
            int removed = b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From && d.Kind != OrderKind.Hold);
            b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From);
            Requeue(b, f);
            var hold = new DraftOrder(_nextOrder++, cell.Id, OrderKind.Hold, o.Faction, o.From, null, 0);
            b.Drafts.Add(hold);
            return ActionResult.Ok($"{o.Faction} holds {o.From}{(removed > 0 ? $" ({removed} order(s) out of it withdrawn)" : "")}", hold.Id);
        }
        int to = o.To is null ? -1 : sc.RegionIndex(o.To);
        if (to < 0) return ActionResult.Refused(o.To is null ? "the order needs a destination" : $"no region '{o.To}'");
        double fighters = o.Fighters;
        if (o.Kind == OrderKind.Withdraw)
        {
            // A withdrawal takes everyone: the faction's other orders out of the region give way to it.
            b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From);
            Requeue(b, f);
            fighters = Math.Floor(sim.View.Fighters[sim.View.Force(f, from)]);
            if (fighters < 1) return ActionResult.Refused($"{o.Faction} has no fighters in {o.From} to withdraw");
        }
        else if (!double.IsFinite(fighters) || fighters < 1) return ActionResult.Refused("an order must move at least one fighter");
        var result = sim.Submit(new Order(f, from, to, fighters));
        if (!result.IsAccepted) return ActionResult.Refused(result.Message);
        var draft = new DraftOrder(_nextOrder++, cell.Id, o.Kind, o.Faction, o.From, o.To, Math.Floor(fighters));
        b.Drafts.RemoveAll(d => d.Kind == OrderKind.Hold && d.Faction == o.Faction && d.From == o.From);
        b.Drafts.Add(draft);
        b.Ready.Remove(cell.Id);
        string what = o.Kind switch
        {
            OrderKind.Standing => $"standing order: up to {draft.Fighters:0} of {o.Faction} from {o.From} to {o.To} every day of the turn",
            OrderKind.Withdraw => $"{o.Faction} withdraws all {draft.Fighters:0} fighters from {o.From} to {o.To}",
            _ => $"{draft.Fighters:0} of {o.Faction} move from {o.From} to {o.To}",
        };
        return ActionResult.Ok(what, draft.Id);
    }

    private ActionResult Cancel(string cell, int id)
    {
        var b = _current;
        if (b.Phase != TurnPhase.Planning) return ActionResult.Refused($"orders are closed: the turn is {PhaseOf(b)}");
        var draft = b.Drafts.FirstOrDefault(d => d.Id == id);
        if (draft is null) return ActionResult.Refused($"no order {id} in this turn");
        if (draft.Cell != cell) return ActionResult.Refused($"order {id} is not {cell}'s to withdraw");
        b.Drafts.Remove(draft);
        Requeue(b, Scenario.FactionIndex(draft.Faction));
        b.Ready.Remove(cell);
        return ActionResult.Ok($"order {id} withdrawn");
    }

    /// <summary>Queues a faction's day-0 orders again from its drafts, in the order they were given (each was accepted with these before, with no fewer fighters free).</summary>
    private void Requeue(Branch b, int faction)
    {
        var sim = b.Engine.Simulation;
        sim.ClearOrders(faction);
        var sc = Scenario;
        foreach (var d in b.Drafts)
            if (d.Kind != OrderKind.Hold && sc.FactionIndex(d.Faction) == faction)
                sim.Submit(new Order(faction, sc.RegionIndex(d.From), sc.RegionIndex(d.To!), d.Fighters));
    }

    private Order[] StandingOrders(Branch b)
    {
        var sc = Scenario;
        return b.Drafts.Where(d => d.Kind == OrderKind.Standing)
            .Select(d => new Order(sc.FactionIndex(d.Faction), sc.RegionIndex(d.From), sc.RegionIndex(d.To!), d.Fighters)).ToArray();
    }

    // ---- Adjudication and publish ----

    private ActionResult Adjudicate(AdjudicateTurn a, ref ulong? seed)
    {
        var b = _current;
        if (b.Phase is not (TurnPhase.Locked or TurnPhase.Adjudicated)) return ActionResult.Refused($"the turn is {PhaseOf(b)}; lock it first");
        int k = a.Replicates ?? Setup.Replicates;
        if (k < 1 || k > 10000) return ActionResult.Refused($"{k} replicates; expected 1..10000");
        ulong turnSeed = Xoshiro256StarStar.DeriveSeed(Setup.Seed, (ulong)b.Engine.Turn, AdjudicationPurpose);
        seed = turnSeed;
        var sim = b.Engine.Simulation;
        try
        {
            if (AdjudicationFault?.Invoke() is { } fault) throw fault;
            b.Adjudication = Adjudicator.Run(Scenario, new SimulationOptions { Days = sim.Days, Mode = sim.Mode }, sim.Seed, b.LockedStart!, b.Standing,
                b.LockedDays, turnSeed, k, Threads);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The RCAT fallback: the session stays up and White can publish a manual adjudication.
            b.Adjudication = new Adjudication
            {
                Seed = turnSeed, Replicates = 0, Days = b.LockedDays, Fighters = [], Controllers = [], FighterBands = [], ControlShare = [],
                CanonicalFighters = [], CanonicalControllers = [], Failure = $"the engine failed during adjudication: {e.Message}",
            };
            b.Phase = TurnPhase.Adjudicated;
            return ActionResult.Refused(b.Adjudication.Failure + "; publish a manual adjudication (the turn's start, edited)");
        }
        b.Phase = TurnPhase.Adjudicated;
        return ActionResult.Ok($"{k} replicates of {b.LockedDays} days run (seed {turnSeed})");
    }

    private ActionResult Publish(PublishTurn p, ref ulong? seed)
    {
        var b = _current;
        var adj = b.Adjudication;
        if (b.Phase != TurnPhase.Adjudicated || adj is null) return ActionResult.Refused($"the turn is {PhaseOf(b)}; adjudicate it before publishing");
        var edits = p.Edits ?? [];
        if (p.Note is { Length: > MaxText }) return ActionResult.Refused($"the note is over {MaxText} characters");
        foreach (var e in edits)
        {
            if (string.IsNullOrWhiteSpace(e.Rationale)) return ActionResult.Refused($"the edit of {e.Region} has no rationale; every edit needs one");
            if (e.Rationale.Length > MaxText) return ActionResult.Refused($"the rationale of the edit of {e.Region} is over {MaxText} characters");
            if (Scenario.RegionIndex(e.Region) < 0) return ActionResult.Refused($"no region '{e.Region}'");
            if (e.Faction is not null && Scenario.FactionIndex(e.Faction) < 0) return ActionResult.Refused($"no faction '{e.Faction}'");
            if (e.Fighters is { } x && (e.Faction is null || !double.IsFinite(x) || x < 0 || x > 1e7)) return ActionResult.Refused($"the edit of {e.Region} sets fighters {x} for '{e.Faction}'; expected a faction and a number in [0, 1e7]");
        }
        var outcome = b.Engine.Copy();
        var osim = outcome.Simulation;
        ulong published;
        switch (p.Choice)
        {
            case "canonical":
                if (adj.Failure is not null) return ActionResult.Refused("the adjudication failed; only a manual publish is possible");
                osim.Restore(b.LockedStart!);
                TurnPlay.Play(osim, b.Standing, b.LockedDays);
                published = Setup.Seed;
                break;
            case "median":
                if (adj.Failure is not null) return ActionResult.Refused("the adjudication failed; only a manual publish is possible");
                Adjudicator.Replay(osim, b.LockedStart!, b.Standing, b.LockedDays, adj, adj.NearestMedian);
                published = adj.SeedOf(adj.NearestMedian);
                break;
            case "manual":
                // The turn's start with its orders dropped: White writes the result as edits, the day stays.
                osim.Restore(b.LockedStart!);
                osim.ClearOrders();
                published = 0;
                break;
            default:
                return ActionResult.Refused($"publish what? '{p.Choice}'; expected canonical, median or manual");
        }
        seed = published;
        var records = new List<EditRecord>();
        foreach (var e in edits)
        {
            int r = Scenario.RegionIndex(e.Region), f = e.Faction is null ? -1 : Scenario.FactionIndex(e.Faction);
            EffectSpec spec = e.Fighters is { } x
                ? Inject.Fighters(e.Faction!, e.Region, x - osim.View.Fighters[osim.View.Force(f, r)])
                : Inject.Control(e.Region, e.Faction);
            if (spec.Kind == EffectKind.Fighters && spec.Amount == 0) { records.Add(new EditRecord(e, false)); continue; }
            var applied = outcome.Edit(spec, e.Rationale);
            if (!applied.IsAccepted) return ActionResult.Refused($"the edit of {e.Region} was refused: {applied.Message}");
            records.Add(new EditRecord(e, false));
        }
        // Flag against the band after all edits: the faction's total and the region's control.
        for (int i = 0; i < records.Count; i++)
        {
            var e = records[i].Edit;
            int r = Scenario.RegionIndex(e.Region), f = e.Faction is null ? -1 : Scenario.FactionIndex(e.Faction);
            bool outside;
            if (adj.Failure is not null) outside = true;
            else if (e.Fighters is not null) outside = !adj.FighterBands[f].Holds(osim.View.FightersOf(f) + osim.View.InTransitOf(f));
            else outside = f >= 0 ? adj.ControlShare[r * Scenario.FactionCount + f] < 0.1
                : 1 - Enumerable.Range(0, Scenario.FactionCount).Sum(g => adj.ControlShare[r * Scenario.FactionCount + g]) < 0.1;
            records[i] = records[i] with { OutOfBand = outside };
        }
        int startDay = b.Engine.Day;
        string why = $"{p.Choice}{(edits.Count > 0 ? $" with {edits.Count} edit(s), {records.Count(x => x.OutOfBand)} out of band" : "")}{(p.Note is null ? "" : ": " + p.Note)}";
        b.Engine.Publish(outcome, why);
        b.Turns.Add(new TurnRecord(b.Engine.Turn, startDay, b.Engine.Day, p.Choice, published, adj.Replicates, b.Drafts.ToArray(), records, p.Note, adj.FighterBands));
        b.Starts.Add(b.Engine.Simulation.Snapshot());
        b.Phase = TurnPhase.Published;
        b.Adjudication = adj;
        // The start-of-turn debrief every cell reads: the turn, the new date, and White's note (never the edits or the bands).
        _feed.Add(new FeedItem(_lines.Count, b.Engine.Turn, b.Engine.Day, Role.WhiteId, Setup.Cells.Select(c => c.Id).ToList(),
            $"Turn {b.Engine.Turn} is published: it is now {DateOf(b.Engine.Day):d MMMM yyyy}.{(string.IsNullOrWhiteSpace(p.Note) ? "" : " " + p.Note)}"));
        return ActionResult.Ok($"turn {b.Engine.Turn} published ({why}); now day {b.Engine.Day}, {DateOf(b.Engine.Day):yyyy-MM-dd}", records.Select(x => x.OutOfBand).ToArray());
    }

    // ---- Injects, messages, overrides ----

    private ActionResult ChangeScenarioEvent(ChangeEvent e)
    {
        if (_current.Phase is TurnPhase.Locked or TurnPhase.Adjudicated) return ActionResult.Refused("injects wait until the turn is published or reopened; the adjudication has started from the locked state");
        if (Notify(e.Notify, out var cells) is { } bad) return bad;
        int index = Scenario.EventIds.IndexOf(e.Event);
        if (index < 0) return ActionResult.Refused($"no event '{e.Event}'; the scenario's events are {string.Join(", ", Scenario.EventIds)}");
        int due = Scenario.Spec.Events[index].Day;
        InjectResult r;
        switch (e.When)
        {
            case "never": r = _current.Engine.CancelEvent(e.Event); break;
            case "early" or "late":
                if (e.Day is not { } day) return ActionResult.Refused($"firing '{e.Event}' {e.When} needs a day");
                if (e.When == "early" ? day >= due : day <= due) return ActionResult.Refused($"day {day} is not {(e.When == "early" ? "before" : "after")} the event's own day {due}");
                r = _current.Engine.RescheduleEvent(e.Event, day);
                break;
            default: return ActionResult.Refused($"'{e.When}': expected early, late or never");
        }
        if (!r.IsAccepted) return ActionResult.Refused(r.Message);
        Tell(cells, e.Note);
        return ActionResult.Ok($"event {e.Event}: {r.Message}");
    }

    private ActionResult AdHocInject(ApplyInject i)
    {
        if (_current.Phase is TurnPhase.Locked or TurnPhase.Adjudicated) return ActionResult.Refused("injects wait until the turn is published or reopened; the adjudication has started from the locked state");
        if (Notify(i.Notify, out var cells) is { } bad) return bad;
        if (i.Note is { Length: > MaxText }) return ActionResult.Refused($"the note is over {MaxText} characters");
        EffectSpec spec;
        switch (i.Kind)
        {
            case "trust": spec = Hosting.Inject.TrustShift(i.Faction ?? "", i.Other ?? "", i.Amount ?? double.NaN); break;
            case "patron": spec = Hosting.Inject.PatronSupport(i.Patron ?? "", i.Amount, i.Amount2); break;
            case "reinforce": spec = Hosting.Inject.Reinforce(i.Faction ?? "", i.Region ?? "", i.Amount ?? double.NaN); break;
            default: return ActionResult.Refused($"'{i.Kind}': expected trust, patron or reinforce");
        }
        var r = _current.Engine.Inject(spec, i.Day, i.Note);
        if (!r.IsAccepted) return ActionResult.Refused(r.Message);
        Tell(cells, i.Note);
        return ActionResult.Ok($"{i.Kind} inject queued for day {i.Day ?? _current.Engine.Day}");
    }

    private ActionResult? Notify(IReadOnlyList<string>? to, out List<string> cells)
    {
        cells = new List<string>();
        foreach (var c in to ?? [])
        {
            if (CellOf(c) is null) return ActionResult.Refused($"no cell '{c}'");
            cells.Add(c);
        }
        return null;
    }

    private void Tell(List<string> cells, string? note)
    {
        if (cells.Count > 0 && !string.IsNullOrWhiteSpace(note))
            _feed.Add(new FeedItem(_lines.Count, _current.Engine.Turn + 1, _current.Engine.Day, Role.WhiteId, cells, note));
    }

    private ActionResult Message(Role actor, SendMessage m)
    {
        if (string.IsNullOrWhiteSpace(m.Text)) return ActionResult.Refused("the message is empty");
        if (m.Text.Length > MaxText) return ActionResult.Refused($"the message is over {MaxText} characters");
        List<string> to;
        if (actor.IsWhite)
        {
            if (Notify(m.To, out to) is { } bad) return bad;
            if (to.Count == 0) to = Setup.Cells.Select(c => c.Id).ToList();
        }
        else
        {
            if (m.To is { Count: > 0 } && m.To.Any(t => t != Role.WhiteId)) return ActionResult.Refused("a cell's messages go to White only");
            to = [Role.WhiteId];
        }
        _feed.Add(new FeedItem(_lines.Count, _current.Engine.Turn + 1, _current.Engine.Day, actor.Id, to, m.Text));
        return ActionResult.Ok($"message sent to {string.Join(", ", to)}");
    }

    private ActionResult Override(SetOverride o)
    {
        if (CellOf(o.Cell) is not { } cell) return ActionResult.Refused($"no cell '{o.Cell}'");
        if (Scenario.RegionIndex(o.Region) < 0) return ActionResult.Refused($"no region '{o.Region}'");
        if (o.Owner is not null && o.Owner != "none" && Scenario.FactionIndex(o.Owner) < 0) return ActionResult.Refused($"no faction '{o.Owner}' (or 'none')");
        if (o.Faction is not null)
        {
            if (Scenario.FactionIndex(o.Faction) < 0) return ActionResult.Refused($"no faction '{o.Faction}'");
            if (cell.Factions.Contains(o.Faction)) return ActionResult.Refused($"{o.Cell} knows its own forces exactly; a band override is for others'");
            if (o.Low is not { } lo || o.High is not { } hi || !(lo >= 0) || !(hi > lo) || hi > 1e7) return ActionResult.Refused("a strength override needs 0 ≤ low < high ≤ 1e7");
        }
        if (o.Visible is null && o.Owner is null && o.Faction is null) return ActionResult.Refused("the override changes nothing");
        if (!_overrides.TryGetValue(o.Cell, out var map)) _overrides[o.Cell] = map = new(StringComparer.Ordinal);
        map[o.Region] = new PictureOverride(o.Visible, o.Owner, o.Faction, o.Low, o.High);
        return ActionResult.Ok($"{o.Cell}'s picture of {o.Region} overridden");
    }

    // ---- Branches ----

    private ActionResult Rewind(RewindTo r)
    {
        if (!IdPattern().IsMatch(r.Branch)) return ActionResult.Refused($"branch name '{r.Branch}': expected letters, digits, '-' or '_'");
        if (_branches.ContainsKey(r.Branch)) return ActionResult.Refused($"there is a branch '{r.Branch}' already");
        var from = _current;
        if (r.Turn < 0 || r.Turn > from.Engine.Turn) return ActionResult.Refused($"turn {r.Turn} is not between 0 and {from.Engine.Turn}");
        var engine = from.Engine.Copy();
        engine.Rewind(r.Turn);
        engine.Simulation.ClearOrders();
        var branch = new Branch { Name = r.Branch, Parent = from.Name, ForkTurn = r.Turn, Engine = engine };
        for (int k = 0; k <= r.Turn; k++) branch.Starts.Add(from.Starts[k]);
        for (int k = 0; k < r.Turn; k++) branch.Turns.Add(from.Turns[k]);
        _branches[r.Branch] = branch;
        _branchOrder.Add(r.Branch);
        _current = branch;
        return ActionResult.Ok($"branch '{r.Branch}' starts at turn {r.Turn + 1} (day {engine.Day}); '{from.Name}' stays playable");
    }

    // ---- Forecast ----

    private ActionResult ForecastFrom(Role actor, RequestForecast f, ref ulong? seed)
    {
        if (!actor.IsWhite && !_forecasters.Contains(actor.Id)) return ActionResult.Refused("White has not allowed your cell to ask for forecasts");
        int runs = f.Runs ?? DefaultForecastRuns;
        if (runs < 1 || runs > 20000) return ActionResult.Refused($"{runs} runs; expected 1..20000");
        var engine = _current.Engine;
        int to = f.ToDay ?? engine.Simulation.Days;
        if (to <= engine.Day || to > engine.Simulation.Days) return ActionResult.Refused($"day {to}: expected a day after today ({engine.Day}) up to the end ({engine.Simulation.Days})");
        ulong s = Xoshiro256StarStar.DeriveSeed(Setup.Seed, (ulong)_lines.Count, ForecastPurpose);
        seed = s;
        string message = $"{runs} runs from day {engine.Day} to day {to}";
        // A forecast changes nothing: a replay skips it rather than running it again.
        if (_replaying) return ActionResult.Ok(message);
        var request = new Analysis.ForecastRequest
        {
            Scenario = Scenario,
            Options = new SimulationOptions { Days = to, Mode = engine.Simulation.Mode },
            From = engine.Simulation.Snapshot(),
            Seed = s,
            Runs = runs,
            Threads = Threads > 0 ? Threads : Environment.ProcessorCount,
        };
        var cell = actor.IsWhite ? null : CellOf(actor.Id);
        _deferred = () => ActionResult.Ok(message, ForecastView.Of(Analysis.Forecast.Run(request), Scenario, cell));
        return ActionResult.Ok(message);
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Closes the log.</summary>
    public void Dispose() => _log.Dispose();
}
