using ConflictSim.Decisions;
using ConflictSim.Randomness;

namespace ConflictSim;

/// <summary>Overrides a caller may apply on top of what the scenario says.</summary>
public sealed record SimulationOptions
{
    public int? Days { get; init; }
    public CombatMode? Mode { get; init; }
}

/// <summary>
/// One run of a scenario: a pure function of (scenario, options, seed). Step it a day at a time or run it to
/// the end; snapshot and restore its state for undo and forecasts; reset it to run again without reallocating.
/// </summary>
public sealed class Simulation
{
    private readonly IPhase[] _phases;
    private readonly ulong[] _streamKeys;
    private readonly HumanOrderSource[] _human;

    public Scenario Scenario { get; }
    public World World { get; }
    public WorldState State => World.State;
    public ulong Seed { get; private set; }
    /// <summary>Days the run lasts.</summary>
    public int Days { get; }
    public bool Finished => State.Day >= Days;
    public IReadOnlyList<IPhase> Phases => _phases;

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

        var ai = new UtilityAi(scenario);
        var scripted = new ScriptedOrderSource();
        _human = new HumanOrderSource[scenario.FactionCount];
        var sources = new IOrderSource[scenario.FactionCount];
        for (int f = 0; f < sources.Length; f++)
        {
            _human[f] = new HumanOrderSource();
            sources[f] = scenario.OrderSources[f] switch
            {
                OrderSourceKind.Scripted => scripted,
                OrderSourceKind.Human => _human[f],
                _ => ai,
            };
        }

        var state = new WorldState(scenario, names.Count);
        World = new World(scenario, state, options.Mode ?? scenario.Settings.Mode, sources);
        Reset(seed);
    }

    /// <summary>Puts the state back to the scenario's start with a new seed. Allocates nothing.</summary>
    public void Reset(ulong seed)
    {
        Seed = seed;
        var sc = Scenario;
        var s = State;
        s.Day = 0;
        Array.Clear(s.Fighters);
        for (int k = 0; k < sc.InitialForce.Length; k++) s.Fighters[sc.InitialForce[k]] = sc.InitialForceFighters[k];
        Array.Clear(s.LossesToday);
        Array.Fill(s.Supplied, true); // forces start with full supply; the first supply phase checks their paths
        int r = sc.RegionCount;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            for (int i = 0; i < r; i++)
            {
                s.Morale[f * r + i] = sc.InitialMorale[f];
                s.SupplyDays[f * r + i] = sc.SupplyCapacity[f];
            }
            double total = sc.InitialFightersOf(f);
            if (sc.Insurgency.Any) for (int i = 0; i < r; i++) total += sc.Insurgency.InitialCells[f * r + i];
            s.Initial[f] = total;
            s.Cohesion[f] = sc.InitialCohesion[f];
            s.Stock[f] = sc.InitialSupply[f];
            s.Income[f] = sc.InitialIncome[f];
        }
        Array.Copy(sc.InitialController, s.Controller, r);
        Array.Copy(sc.InitialBlockade, s.Blockade, s.Blockade.Length);
        Array.Copy(sc.InitialTrust, s.Trust, s.Trust.Length);
        Array.Copy(sc.InitialBloc, s.Bloc, s.Bloc.Length);
        Array.Copy(sc.Weight, s.Weight, s.Weight.Length);
        for (int f = 0; f < sc.FactionCount; f++) s.Active[f] = f < sc.DeclaredFactionCount;
        Array.Clear(s.CampInfightingDays);
        Array.Copy(sc.PatronAir, s.PatronAir, s.PatronAir.Length);
        Array.Copy(sc.PatronArtillery, s.PatronArtillery, s.PatronArtillery.Length);
        Array.Copy(sc.PatronSupply, s.PatronSupply, s.PatronSupply.Length);
        Array.Clear(s.Reinforced); Array.Clear(s.DefectedIn); Array.Clear(s.Killed); Array.Clear(s.Wounded);
        Array.Clear(s.Deserted); Array.Clear(s.Dispersed); Array.Clear(s.DefectedOut);
        Array.Clear(s.Recruited);
        Array.Copy(sc.Insurgency.InitialCells, s.Cells, s.Cells.Length);
        Array.Clear(s.Detected); Array.Fill(s.CellGoal, -1); Array.Clear(s.AttackPeak); Array.Clear(s.Attacks);
        Array.Clear(s.DispersedSeen);
        Array.Copy(sc.Insurgency.PatronStrikes, s.PatronStrikes, s.PatronStrikes.Length);
        Array.Clear(s.ActiveResidents); Array.Clear(s.Jailed); Array.Clear(s.Armed); Array.Clear(s.Risen);
        Array.Copy(sc.Population.InitialLegitimacy, s.Legitimacy, s.Legitimacy.Length);
        s.TransitCount = 0;
        for (int i = 0; i < _phases.Length; i++)
            s.Streams[i] = Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(seed, 0, _streamKeys[i]));
        Array.Fill(s.OutcomeValue, double.NaN);
        Array.Clear(s.OutcomeFired);
        World.Orders.Clear();
        foreach (var h in _human) h.Clear();
    }

    /// <summary>
    /// Re-derives every random stream from <paramref name="seed"/> and the current day and leaves the rest of the
    /// state alone, so replicas restored from one snapshot diverge from here. Day + 1 keeps a reseed at day 0 apart
    /// from <see cref="Reset"/> with the same seed. Allocates nothing.
    /// </summary>
    public void Reseed(ulong seed)
    {
        Seed = seed;
        var s = State;
        for (int i = 0; i < _phases.Length; i++)
            s.Streams[i] = Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(seed, (ulong)s.Day + 1, _streamKeys[i]));
    }

    /// <summary>Runs one day: every phase in order. Does nothing once the run is finished.</summary>
    public void Step()
    {
        if (Finished) return;
        var s = State;
        for (int i = 0; i < _phases.Length; i++)
            _phases[i].Execute(World, ref s.Streams[i]);
        s.Day++;
    }

    /// <summary>Steps to the end of the run.</summary>
    public void Run()
    {
        while (!Finished) Step();
    }

    /// <summary>A copy of the current state. Restore it later with <see cref="Restore"/>.</summary>
    public WorldState Snapshot()
    {
        var copy = new WorldState(Scenario, _phases.Length);
        State.CopyTo(copy);
        return copy;
    }

    /// <summary>Copies a snapshot of the same scenario back into the live state. Allocates nothing.</summary>
    public void Restore(WorldState snapshot) => snapshot.CopyTo(State);

    /// <summary>The order queue a human player fills for a faction before <see cref="Step"/>.</summary>
    public HumanOrderSource HumanOrders(int faction) => _human[faction];

    /// <summary>Replaces a faction's order source (e.g. hand a faction to a human mid-game).</summary>
    public void UseOrderSource(int faction, IOrderSource source) => World.OrderSources[faction] = source;

    /// <summary>An outcome's current value; null when a first-day outcome has not happened.</summary>
    public double? Outcome(int index)
    {
        double v = State.OutcomeValue[index];
        return double.IsNaN(v) ? null : v;
    }
}
