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
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A check the service missed still answers in words, and the action is logged like any other, so a
                // replay goes through the same code and fails the same way: the log and the state stay in step.
                result = ActionResult.Refused(e is ArgumentException or InvalidOperationException ? e.Message : $"the action failed ({e.GetType().Name}); the session goes on");
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

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Closes the log.</summary>
    public void Dispose() => _log.Dispose();
}
