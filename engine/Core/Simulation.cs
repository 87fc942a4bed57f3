using ConflictSim.Decisions;
using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>Overrides a caller may apply on top of what the scenario says.</summary>
public sealed record SimulationOptions
{
    /// <summary>Run length in days, instead of the scenario's <c>days</c>; null = the scenario's.</summary>
    public int? Days { get; init; }
    /// <summary>Combat mode, instead of the scenario's <c>settings.mode</c>; null = the scenario's.</summary>
    public CombatMode? Mode { get; init; }
}

/// <summary>
/// One run of a scenario: a pure function of (scenario, options, seed). Step it a day at a time or run it to
/// the end; snapshot and restore its state for undo; reseed it to fork a forecast from here; save it and load it
/// in another process; reset it to run again without reallocating. For a hosted game (players, injects, turns,
/// rewind) use <see cref="Hosting.Session"/>, which owns one.
/// </summary>
public sealed class Simulation
{
    private readonly IPhase[] _phases;
    private readonly ulong[] _streamKeys;
    private readonly ulong[] _seed;
    /// <summary>Per faction: the key its streams are derived with (<see cref="PhaseStreams.SeedOf"/>), computed once.</summary>
    private readonly ulong[] _factionKeys;

    /// <summary>The compiled scenario being run.</summary>
    public Scenario Scenario { get; }
    internal World World { get; }
    /// <summary>The live state. Read it through <see cref="View"/>; hand it to <see cref="Restore"/> or save it.</summary>
    public WorldState State => World.State;
    /// <summary>A read-only view of the live state by faction and region.</summary>
    public StateView View => new(State);
    /// <summary>The seed the run was last reset or reseeded with.</summary>
    public ulong Seed => _seed[0];
    /// <summary>Days the run lasts.</summary>
    public int Days { get; }
    /// <summary>Combat mode in force: the options' override, else the scenario's.</summary>
    public CombatMode Mode => World.Mode;
    /// <summary>True once <see cref="Days"/> days have been stepped; stepping further does nothing more.</summary>
    public bool Finished => State.Day >= Days;
    /// <summary>The phases of a tick, in order.</summary>
    public IReadOnlyList<string> PhaseNames => Scenario.Spec.Phases;

    /// <summary>Sets up a run of <paramref name="scenario"/> from day 0 with <paramref name="seed"/>; <paramref name="options"/> override its days and mode. Throws <see cref="ArgumentOutOfRangeException"/> when the days are negative.</summary>
    public Simulation(Scenario scenario, ulong seed, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        Scenario = scenario;
        Days = options.Days ?? scenario.Spec.Days;
        if (Days < 0) throw new ArgumentOutOfRangeException(nameof(options), "days must be ≥ 0");

        var names = scenario.Spec.Phases;
        _phases = new IPhase[names.Count];
        _streamKeys = new ulong[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            _phases[i] = PhaseCatalog.Create(names[i], scenario);
            _streamKeys[i] = Xoshiro256StarStar.Key(names[i]);
        }

        _factionKeys = new ulong[scenario.FactionCount];
        for (int f = 0; f < _factionKeys.Length; f++) _factionKeys[f] = PhaseStreams.FactionKey(scenario.FactionIds[f]);

        // One stream group per phase, and one more for the injects, applied before the day's phases.
        var state = new WorldState(scenario, names.Count + 1);
        _seed = state.SeedField;
        World = new World(scenario, state, options.Mode ?? scenario.Settings.Mode);
                Reset(seed);
    }

    /// <summary>Puts the state back to the scenario's start with a new seed. Allocates nothing.</summary>
    public void Reset(ulong seed)
    {
        State.Reset(Scenario);
        SeedStreams(0, seed);
    }

    /// <summary>
    /// Gives every random stream a fresh start from <paramref name="seed"/>, leaving the rest of the state as it is:
    /// replicas restored from one snapshot and reseeded with different seeds diverge from there on, which is a
    /// forecast "from here". The streams are derived from the seed and the current day, so reseeding with the run's
    /// own seed at day 0 is the same as a reset's. Allocates nothing.
    /// </summary>
    public void Reseed(ulong seed) => SeedStreams(State.Day, seed);

    private void SeedStreams(int day, ulong seed)
    {
        _seed[0] = seed;
        ulong effective = day == 0 ? seed : Xoshiro256StarStar.DeriveSeed(seed, (ulong)day, ReseedPurpose);
        var streams = State.Streams;
        int per = PhaseStreams.PerPhase(Scenario.FactionCount);
        for (int i = 0; i <= _phases.Length; i++)
        {
            ulong key = i < _phases.Length ? _streamKeys[i] : InjectKey;
            streams[i * per] = Xoshiro256StarStar.FromSeed(PhaseStreams.SeedOf(effective, key, PhaseStreams.SharedKey));
            for (int f = 0; f < _factionKeys.Length; f++)
                streams[i * per + 1 + f] = Xoshiro256StarStar.FromSeed(PhaseStreams.SeedOf(effective, key, _factionKeys[f]));
        }
    }

    private static readonly ulong ReseedPurpose = Xoshiro256StarStar.Key("reseed");
    private static readonly ulong InjectKey = Xoshiro256StarStar.Key("injects");

    /// <summary>Runs one day: every phase in order. Does nothing once the run is finished.</summary>
    public void Step() => Step(-1, null);

    /// <summary>
    /// <see cref="Step()"/>, copying the state into <paramref name="capture"/> just before phase <paramref name="phase"/>
    /// runs: what that phase is handed on a real day, for timing it alone with <see cref="ExecutePhase"/>
    /// (benchmarks/PhaseBenchmarks.cs). With no capture it is the plain step.
    /// </summary>
    internal void Step(int phase, WorldState? capture)
    {
        if (Finished) return;
        var s = State;
        int per = PhaseStreams.PerPhase(Scenario.FactionCount);
        if (s.InjectCount > 0) Phases.EventsPhase.ApplyInjects(World, new PhaseStreams(s.Streams.AsSpan(_phases.Length * per, per)));
        for (int i = 0; i < _phases.Length; i++)
        {
            if (i == phase && capture is not null) s.CopyTo(capture);
            ExecutePhase(i);
        }
        s.Day++;
    }

    /// <summary>Runs phase <paramref name="index"/> of today's tick with the streams <see cref="Step()"/> gives it, without advancing the day.</summary>
    internal void ExecutePhase(int index)
    {
        int per = PhaseStreams.PerPhase(Scenario.FactionCount);
        _phases[index].Execute(World, new PhaseStreams(State.Streams.AsSpan(index * per, per)));
    }

    /// <summary>
    /// Applies an effect to the state at once, between steps, through the events' own code and with the injects'
    /// streams: a host's manual edit of an adjudicated result rather than an inject waiting for its day.
    /// </summary>
    internal void ApplyNow(in Effect effect)
    {
        int per = PhaseStreams.PerPhase(Scenario.FactionCount);
        Phases.EventsPhase.Apply(World, in effect, new PhaseStreams(State.Streams.AsSpan(_phases.Length * per, per)));
    }

    /// <summary>Steps to the end of the run.</summary>
    public void Run()
    {
        while (!Finished) Step();
    }

    /// <summary>A copy of the current state. Restore it later with <see cref="Restore"/>.</summary>
    public WorldState Snapshot()
    {
        var copy = NewState();
        State.CopyTo(copy);
        return copy;
    }

    /// <summary>An empty state of this scenario, to hold snapshots without allocating each time.</summary>
    public WorldState NewState() => new(Scenario, _phases.Length + 1);

    /// <summary>Copies a snapshot of the same scenario back into the live state. Allocates nothing.</summary>
    public void Restore(WorldState snapshot) => snapshot.CopyTo(State);

    /// <summary>Writes the live state (streams included) to <paramref name="stream"/>; see <see cref="StateFile"/>.</summary>
    public void Save(Stream stream) => StateFile.Write(State, Scenario, stream);

    /// <summary>
    /// Replaces the live state with one saved by <see cref="Save"/> from the same scenario, so the run continues bit
    /// for bit as the saved one would have. Throws <see cref="InvalidDataException"/> on a file of another
    /// scenario, another version or with a damaged byte, and leaves the live state untouched then.
    /// </summary>
    public void Load(Stream stream)
    {
        var incoming = NewState();
        StateFile.Read(incoming, Scenario, stream);
        Restore(incoming);
    }

    /// <summary>Who issues the faction's orders from the next step on: the AI, the scenario's script or a human player.</summary>
    public void Command(int faction, OrderSourceKind source)
    {
        if ((uint)faction >= (uint)Scenario.FactionCount) throw new ArgumentOutOfRangeException(nameof(faction));
        State.Commander[faction] = source;
        if (source != OrderSourceKind.Human) HumanOrderSource.Clear(State, faction);
    }

    /// <summary>Who issues the faction's orders now: the AI, the scenario's script or a human player.</summary>
    public OrderSourceKind CommanderOf(int faction) => State.Commander[faction];

    /// <summary>Queues a human player's order for the next step, checked as the movement phase will check it.</summary>
    public OrderResult Submit(in Order order) =>
        Finished ? new OrderResult(OrderStatus.Finished, "the run has ended") : HumanOrderSource.Submit(World, order);

    /// <summary>Orders queued for the next step, in submission order.</summary>
    public ReadOnlySpan<Order> PendingOrders => State.Pending.AsSpan(0, State.PendingCount);

    /// <summary>Drops the queued orders of one faction, or of all when <paramref name="faction"/> is -1.</summary>
    public void ClearOrders(int faction = -1) => HumanOrderSource.Clear(State, faction);

    /// <summary>What the faction can see today (<see cref="Observation"/> for the rule).</summary>
    public Observation Observe(int faction) => Observation.Of(World, faction);

    /// <summary>Share of the city's districts the faction controls.</summary>
    public double CityShare(int city, int faction) => World.CityShare(city, faction);

    /// <summary>An outcome's current value; null when a first-day outcome has not happened.</summary>
    public double? Outcome(int index)
    {
        double v = State.OutcomeValue[index];
        return double.IsNaN(v) ? null : v;
    }
}
