using System.Text;
using ConflictSim.Decisions;

namespace ConflictSim.Hosting;

/// <summary>One line of a session's log: what was done, on which turn and day.</summary>
public sealed record LogEntry(int Turn, int Day, string Kind, string Text);

/// <summary>
/// A hosted run: one <see cref="Simulation"/> plus what a host needs around it — who commands each faction, the
/// players' queued orders and the injects waiting for their day (both kept in the state, so a snapshot, a rewind
/// or a save carries them), turns with a snapshot at the start of each for <see cref="Rewind"/>, and a log of
/// every action. A session is a pure function of (scenario, options, seed, the log's actions): two sessions given
/// the same calls end in identical states.
/// </summary>
public sealed class Session
{
    private readonly List<WorldState> _turnStarts = new();
    private readonly List<LogEntry> _log = new();

    /// <summary>The run the session drives: its state, view and outcomes. Stepping it directly bypasses the session's turns and log.</summary>
    public Simulation Simulation { get; }
    /// <summary>The compiled scenario being played.</summary>
    public Scenario Scenario => Simulation.Scenario;
    /// <summary>Turns played: <see cref="Advance"/> starts turn <see cref="Turn"/> and ends it one higher.</summary>
    public int Turn { get; private set; }
    /// <summary>Days completed since the start (0 before the first step).</summary>
    public int Day => Simulation.State.Day;
    /// <summary>True once the run has reached its last day; orders and injects are then refused.</summary>
    public bool Finished => Simulation.Finished;
    /// <summary>Every action taken through the session, in order, refused ones included.</summary>
    public IReadOnlyList<LogEntry> Log => _log;

    /// <summary>Starts a session on a new run of <paramref name="scenario"/> with <paramref name="seed"/>; <paramref name="options"/> override its days and mode.</summary>
    public Session(Scenario scenario, ulong seed, SimulationOptions? options = null)
        : this(new Simulation(scenario, seed, options)) { }

    private Session(Simulation simulation) => Simulation = simulation;

    // ---- Who commands ----

    /// <summary>Hands a faction to a player (<see cref="OrderSourceKind.Human"/>), the AI or the script, from the next step on.</summary>
    public void Command(string faction, OrderSourceKind source)
    {
        Simulation.Command(FactionIndex(faction), source);
        Record("command", $"{faction} → {source.ToString().ToLowerInvariant()}");
    }

    /// <summary>Who issues the orders of the faction with this id now: the AI, the scenario's script or a player; throws <see cref="ArgumentException"/> on an unknown id.</summary>
    public OrderSourceKind CommanderOf(string faction) => Simulation.CommanderOf(FactionIndex(faction));

    // ---- Orders ----

    /// <summary>Queues a player's order for the next day, by ids. Refused with a code when it could not run.</summary>
    public OrderResult Submit(string faction, string from, string to, double fighters)
    {
        var sc = Scenario;
        int f = sc.FactionIndex(faction), a = sc.RegionIndex(from), b = sc.RegionIndex(to);
        var result = f < 0 ? new OrderResult(OrderStatus.UnknownFaction, $"no faction '{faction}'")
            : a < 0 || b < 0 ? new OrderResult(OrderStatus.UnknownRegion, $"no region '{(a < 0 ? from : to)}'")
            : Simulation.Submit(new Order(f, a, b, fighters));
        Record(result.IsAccepted ? "order" : "order-refused", $"{faction} {fighters:0} {from} → {to}: {result.Message}");
        return result;
    }

    /// <summary>Players' orders queued for the next step, in submission order (indices, not ids).</summary>
    public ReadOnlySpan<Order> PendingOrders => Simulation.PendingOrders;

    /// <summary>Withdraws the orders queued for a faction (all factions when null).</summary>
    public void ClearOrders(string? faction = null)
    {
        Simulation.ClearOrders(faction is null ? -1 : FactionIndex(faction));
        Record("orders-cleared", faction ?? "all");
    }

    // ---- Injects and events ----

    /// <summary>
    /// Queues an effect to apply at the start of day <paramref name="day"/> (default: the next day stepped),
    /// through the same code as the scenario's events. Refused with a code on an unknown id, a missing field or a
    /// value out of range; every inject, accepted or not, is logged with its note.
    /// </summary>
    public InjectResult Inject(EffectSpec effect, int? day = null, string? note = null)
    {
        var result = Queue(effect, day ?? Day);
        Record(result.IsAccepted ? "inject" : "inject-refused",
            $"{Describe(effect)} on day {day ?? Day}{(note is null ? "" : " — " + note)}: {result.Message}");
        return result;
    }

    /// <summary>
    /// Changes the live state now — a White cell's edit of an adjudicated turn, such as fighters set in a region or
    /// a region handed over — through the same code and checks as an inject, but applied at once rather than at
    /// the start of a day. Refused (and logged) like an inject; <paramref name="why"/> is logged with it.
    /// </summary>
    public InjectResult Edit(EffectSpec effect, string why)
    {
        ArgumentNullException.ThrowIfNull(effect);
        InjectResult result;
        if (InjectRules.Check(effect) is { } problem) result = problem;
        else
        {
            try
            {
                var resolved = Scenario.Resolve(effect);
                if (resolved.Kind == EffectKind.Blockade && Scenario.LinkKinds[resolved.Link] != LinkKind.Sea)
                    result = new InjectResult(InjectStatus.OutOfRange, $"link '{effect.Link}' is not a sea lane; only sea lanes are blockaded");
                else
                {
                    Simulation.ApplyNow(in resolved);
                    result = new InjectResult(InjectStatus.Accepted, "applied");
                }
            }
            catch (ArgumentException e) { result = new InjectResult(InjectStatus.UnknownId, e.Message); }
        }
        Record(result.IsAccepted ? "edit" : "edit-refused", $"{Describe(effect)} — {why}: {result.Message}");
        return result;
    }

    /// <summary>How many injects are waiting for their day.</summary>
    public int QueuedInjects => Simulation.State.InjectCount;

    /// <summary>A scenario event will not happen (if its day has not come).</summary>
    public InjectResult CancelEvent(string id)
    {
        int e = EventIndex(id);
        if (e < 0) return Refuse("cancel", InjectStatus.UnknownId, $"no event '{id}'");
        if (Scenario.EventDay[e] < Day) return Refuse("cancel", InjectStatus.InThePast, $"event '{id}' was due on day {Scenario.EventDay[e]}, before today (day {Day})");
        Simulation.State.EventOff[e] = true;
        Record("event-cancelled", id);
        return new InjectResult(InjectStatus.Accepted, "cancelled");
    }

    /// <summary>
    /// Moves a scenario event to another day (earlier or later): it is cancelled on its own day and its effects are
    /// queued as injects on <paramref name="day"/>. It then happens for certain; its probability is the host's call.
    /// </summary>
    public InjectResult RescheduleEvent(string id, int day)
    {
        var sc = Scenario;
        int e = EventIndex(id);
        if (e < 0) return Refuse("reschedule", InjectStatus.UnknownId, $"no event '{id}'");
        if (day < Day) return Refuse("reschedule", InjectStatus.InThePast, $"day {day} is before today (day {Day})");
        var s = Simulation.State;
        int effects = sc.EventEffectStart[e + 1] - sc.EventEffectStart[e];
        if (s.InjectCount + effects > WorldState.InjectCapacity) return Refuse("reschedule", InjectStatus.QueueFull, "the inject queue is full");
        s.EventOff[e] = true;
        for (int i = sc.EventEffectStart[e]; i < sc.EventEffectStart[e + 1]; i++)
            s.Injects[s.InjectCount++] = new ScheduledInject(day, sc.Effects[i]);
        Record("event-rescheduled", $"{id} → day {day}");
        return new InjectResult(InjectStatus.Accepted, $"rescheduled to day {day}");
    }

    private InjectResult Queue(EffectSpec spec, int day)
    {
        if (Finished) return new InjectResult(InjectStatus.Finished, "the run has ended");
        if (day < Day) return new InjectResult(InjectStatus.InThePast, $"day {day} is before today (day {Day})");
        if (InjectRules.Check(spec) is { } problem) return problem;
        Effect effect;
        try { effect = Scenario.Resolve(spec); }
        catch (ArgumentException e) { return new InjectResult(InjectStatus.UnknownId, e.Message); }
        if (effect.Kind == EffectKind.Blockade && Scenario.LinkKinds[effect.Link] != LinkKind.Sea)
            return new InjectResult(InjectStatus.OutOfRange, $"link '{spec.Link}' is not a sea lane; only sea lanes are blockaded");
        var s = Simulation.State;
        if (s.InjectCount == WorldState.InjectCapacity) return new InjectResult(InjectStatus.QueueFull, $"the inject queue is full ({WorldState.InjectCapacity})");
        s.Injects[s.InjectCount++] = new ScheduledInject(day, effect);
        return new InjectResult(InjectStatus.Accepted, "queued");
    }

    // ---- Turns ----

    /// <summary>
    /// Plays one turn of <paramref name="days"/> days (fewer if the run ends), snapshotting its start for
    /// <see cref="Rewind"/>. Orders queued before the call go out on the turn's first day; a host that keeps
    /// standing orders submits them again in <paramref name="beforeEachDay"/>, which is called with the day's index
    /// within the turn (0 = the first) before each day is stepped.
    /// </summary>
    public void Advance(int days, Action<int>? beforeEachDay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        _turnStarts.Add(Simulation.Snapshot());
        int from = Day;
        for (int d = 0; d < days && !Finished; d++)
        {
            beforeEachDay?.Invoke(d);
            Simulation.Step();
        }
        Turn++;
        Record("advance", $"days {from}–{Day}");
    }

    /// <summary>
    /// Ends the turn with a result adjudicated elsewhere: the state of <paramref name="outcome"/> — a replicate a
    /// host chose from its own forks of this turn, or this session's copy after a manual edit — becomes the live
    /// state, as if this session had played the turn. The turn's start is kept for <see cref="Rewind"/>.
    /// </summary>
    public void Publish(Session outcome, string why)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!ReferenceEquals(outcome.Scenario, Scenario)) throw new ArgumentException("the outcome belongs to another scenario", nameof(outcome));
        if (outcome.Day < Day) throw new ArgumentException($"the outcome is at day {outcome.Day}, before this session's day {Day}", nameof(outcome));
        _turnStarts.Add(Simulation.Snapshot());
        int from = Day;
        Simulation.Restore(outcome.Simulation.State);
        Turn++;
        Record("publish", $"days {from}–{Day}: {why}");
    }

    /// <summary>Turns whose start can be returned to: 0 up to <see cref="Turn"/>.</summary>
    public int TurnsRecorded => _turnStarts.Count;

    /// <summary>
    /// Goes back to the start of turn <paramref name="turn"/> (0 = the beginning), with the orders, injects and
    /// commanders as they stood then; the later turns are dropped. <see cref="Fork"/> first to keep them as a branch.
    /// </summary>
    public void Rewind(int turn)
    {
        if (turn < 0 || turn > Turn) throw new ArgumentOutOfRangeException(nameof(turn), $"turn {turn} is not between 0 and {Turn}");
        if (turn == Turn) return;
        Simulation.Restore(_turnStarts[turn]);
        _turnStarts.RemoveRange(turn, _turnStarts.Count - turn);
        int from = Turn;
        Turn = turn;
        Record("rewind", $"turn {from} → {turn}");
    }

    // ---- Branches and randomness ----

    /// <summary>
    /// An independent copy of this session — state, history, log — whose random streams start afresh from
    /// <paramref name="seed"/>: a replica for a forecast from here, or a branch of the game.
    /// </summary>
    public Session Fork(ulong seed)
    {
        var copy = Copy();
        copy.Simulation.Reseed(seed);
        copy.Record("fork", $"reseeded {seed}");
        return copy;
    }

    /// <summary>An exact copy (the same streams): a branch that plays on identically until the two are given different orders.</summary>
    public Session Copy()
    {
        var sim = new Simulation(Scenario, Simulation.Seed, new SimulationOptions { Days = Simulation.Days, Mode = Simulation.Mode });
        sim.Restore(Simulation.State);
        var copy = new Session(sim) { Turn = Turn };
        foreach (var snapshot in _turnStarts)
        {
            var start = sim.NewState();
            snapshot.CopyTo(start);
            copy._turnStarts.Add(start);
        }
        copy._log.AddRange(_log);
        return copy;
    }

    /// <summary>Gives every random stream a fresh start from <paramref name="seed"/>, from today on.</summary>
    public void Reseed(ulong seed)
    {
        Simulation.Reseed(seed);
        Record("reseed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // ---- Observation ----

    /// <summary>What a faction can see today.</summary>
    public Observation Observe(string faction) => Simulation.Observe(FactionIndex(faction));

    // ---- Save and load ----

    /// <summary>Writes the whole session — options, turn, log, every turn's starting state and the live state — to a stream.</summary>
    public void Save(Stream stream) => SessionFile.Write(this, stream);

    /// <summary>Reads a session saved by <see cref="Save"/>; it continues bit for bit. Throws <see cref="InvalidDataException"/> on a bad file.</summary>
    public static Session Load(Scenario scenario, Stream stream) => SessionFile.Read(scenario, stream);

    internal IReadOnlyList<WorldState> TurnStarts => _turnStarts;

    internal static Session Restored(Simulation sim, int turn, List<WorldState> starts, List<LogEntry> log)
    {
        var session = new Session(sim) { Turn = turn };
        session._turnStarts.AddRange(starts);
        session._log.AddRange(log);
        return session;
    }

    // ---- Helpers ----

    private int FactionIndex(string id)
    {
        int f = Scenario.FactionIndex(id);
        return f >= 0 ? f : throw new ArgumentException($"no faction '{id}'", nameof(id));
    }

    private int EventIndex(string id) => Scenario.EventIds.IndexOf(id);

    private InjectResult Refuse(string what, InjectStatus status, string message)
    {
        Record(what + "-refused", message);
        return new InjectResult(status, message);
    }

    private void Record(string kind, string text) => _log.Add(new LogEntry(Turn, Day, kind, text));

    private static string Describe(EffectSpec e)
    {
        var b = new StringBuilder(e.Kind.ToString().ToLowerInvariant());
        void Add(string key, string? value) { if (value is not null) b.Append(' ').Append(key).Append('=').Append(value); }
        Add("faction", e.Faction); Add("other", e.Other); Add("region", e.Region); Add("patron", e.Patron); Add("link", e.Link);
        if (!double.IsNaN(e.Amount)) b.Append(" amount=").Append(e.Amount.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        if (e.Amount2 != 0 && !double.IsNaN(e.Amount2)) b.Append(" amount2=").Append(e.Amount2.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return b.ToString();
    }
}
