using System.Globalization;

namespace ConflictSim.Wargame.Game;

/// <summary>The turn clock: the phase and which cells have marked their orders ready.</summary>
/// <param name="Turn">The turn being played (1 for the first); once published, the turn just published until the next opens.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Day">Game day (days since the start).</param>
/// <param name="Date">Game date.</param>
/// <param name="TurnDays">Days per turn.</param>
/// <param name="LastDay">The run's last day.</param>
/// <param name="Branch">The branch being played.</param>
/// <param name="Ready">Per cell id: whether it has marked its orders ready.</param>
public sealed record TurnClock(int Turn, TurnPhase Phase, int Day, string Date, int TurnDays, int LastDay, string Branch, IReadOnlyDictionary<string, bool> Ready);

/// <summary>What a cell's page is sent: its clock, its picture, its own orders and its own messages. Nothing else.</summary>
/// <param name="Role">"cell".</param>
/// <param name="Cell">The cell.</param>
/// <param name="Clock">The turn clock.</param>
/// <param name="Picture">Its picture, fog of war applied.</param>
/// <param name="Orders">Its own orders for the turn being planned.</param>
/// <param name="Feed">Messages to or from it.</param>
/// <param name="CanForecast">Whether White lets it ask for forecasts.</param>
public sealed record CellView(string Role, Cell Cell, TurnClock Clock, CellPicture Picture, IReadOnlyList<DraftOrder> Orders, IReadOnlyList<FeedItem> Feed, bool CanForecast);

/// <summary>The adjudication as White reviews it.</summary>
/// <param name="Replicates">K.</param>
/// <param name="Seed">The turn's master seed, as a string (a 64-bit seed does not survive a JavaScript number).</param>
/// <param name="Days">Days played.</param>
/// <param name="Fighters">Per faction id: P10/P50/P90 and the canonical run's figure.</param>
/// <param name="Control">Per region id: per faction id (or "none"), the share of replicates holding it; and the canonical controller.</param>
/// <param name="NearestMedian">The replicate nearest the median and its seed.</param>
/// <param name="NearestMedianSeed">Its seed.</param>
/// <param name="Failure">Set when the engine failed.</param>
public sealed record AdjudicationView(int Replicates, string Seed, int Days, IReadOnlyDictionary<string, FighterBandView> Fighters,
    IReadOnlyDictionary<string, RegionControlView> Control, int NearestMedian, string NearestMedianSeed, string? Failure);

/// <summary>One faction's band at the turn's end.</summary>
/// <param name="P10">10th percentile of fighters.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Canonical">The canonical run's fighters.</param>
/// <param name="Median">The nearest-median replicate's fighters.</param>
public sealed record FighterBandView(double P10, double P50, double P90, double Canonical, double Median);

/// <summary>One region's control at the turn's end across the replicates.</summary>
/// <param name="Share">Per faction id ("none" for nobody): share of replicates.</param>
/// <param name="Canonical">The canonical run's controller (null: nobody).</param>
public sealed record RegionControlView(IReadOnlyDictionary<string, double> Share, string? Canonical);

/// <summary>A scenario event White can fire early, late or never.</summary>
/// <param name="Id">Event id.</param>
/// <param name="Day">Its own day.</param>
/// <param name="Probability">Its probability on that day.</param>
public sealed record EventView(string Id, int Day, double Probability);

/// <summary>What White's control room is sent: the truth and every control.</summary>
/// <param name="Role">"white".</param>
/// <param name="Clock">The turn clock.</param>
/// <param name="Truth">The true state.</param>
/// <param name="Orders">Every cell's orders.</param>
/// <param name="Feed">Every message.</param>
/// <param name="Adjudication">The turn's adjudication, once run.</param>
/// <param name="Turns">Published turns on this branch.</param>
/// <param name="Branches">Every branch: name, parent, the turn it left from, turns published, day.</param>
/// <param name="Events">The scenario's events.</param>
/// <param name="Overrides">Per cell: per region, White's override.</param>
/// <param name="Forecasters">Cells allowed to ask for forecasts.</param>
/// <param name="Cells">The cells.</param>
/// <param name="Pictures">What each cell sees now, to compare with the truth.</param>
/// <param name="Fingerprint">The whole session's fingerprint (<see cref="WargameSession.Fingerprint"/>): equal after a resume.</param>
public sealed record WhiteView(string Role, TurnClock Clock, TruePicture Truth, IReadOnlyList<DraftOrder> Orders, IReadOnlyList<FeedItem> Feed,
    AdjudicationView? Adjudication, IReadOnlyList<TurnRecord> Turns, IReadOnlyList<BranchView> Branches, IReadOnlyList<EventView> Events,
    IReadOnlyDictionary<string, Dictionary<string, PictureOverride>> Overrides, IReadOnlyList<string> Forecasters, IReadOnlyList<Cell> Cells,
    IReadOnlyDictionary<string, CellPicture> Pictures, string Fingerprint);

/// <summary>A branch in the list.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Parent">The branch it was rewound from.</param>
/// <param name="ForkTurn">The turn it starts from.</param>
/// <param name="Turns">Turns published on it.</param>
/// <param name="Day">Its game day.</param>
/// <param name="Phase">Its phase.</param>
public sealed record BranchView(string Name, string? Parent, int ForkTurn, int Turns, int Day, TurnPhase Phase);

/// <summary>The after-action review of one turn start: the truth and what each cell believed.</summary>
/// <param name="Turn">Turns published before it (0 = the start).</param>
/// <param name="Day">Its day.</param>
/// <param name="Date">Its date.</param>
/// <param name="Truth">The true state.</param>
/// <param name="Believed">Per cell id: its picture then (with today's overrides).</param>
/// <param name="Totals">Per turn start 0..n, per faction id: fighters, for the strength chart.</param>
/// <param name="Outcomes">Per turn start, per outcome id: its value then (null when not set).</param>
public sealed record ReviewView(int Turn, int Day, string Date, TruePicture Truth, IReadOnlyDictionary<string, CellPicture> Believed,
    IReadOnlyList<Dictionary<string, double>> Totals, IReadOnlyList<Dictionary<string, double?>> Outcomes);

public sealed partial class WargameSession
{
    private TurnClock Clock(Branch b) => new(b.Phase == TurnPhase.Published ? b.Engine.Turn : b.Engine.Turn + 1, b.Phase, b.Engine.Day, DateOf(b.Engine.Day).ToString("yyyy-MM-dd"), Setup.TurnDays,
        b.Engine.Simulation.Days, b.Name, Setup.Cells.ToDictionary(c => c.Id, c => b.Ready.Contains(c.Id)));

    /// <summary>The turn clock.</summary>
    public TurnClock ClockView() { lock (_gate) return Clock(_current); }

    /// <summary>A cell's page data: only what the cell may know. Throws <see cref="ArgumentException"/> for a cell not in the session.</summary>
    public CellView ViewOf(string cellId)
    {
        lock (_gate)
        {
            var cell = CellOf(cellId) ?? throw new ArgumentException($"no cell '{cellId}'");
            _overrides.TryGetValue(cellId, out var o);
            return new CellView("cell", cell, Clock(_current), Picture.Of(_current.Engine.Simulation, cell, o),
                _current.Drafts.Where(d => d.Cell == cellId).ToArray(),
                _feed.Where(f => f.From == cellId || f.To.Contains(cellId)).ToArray(), _forecasters.Contains(cellId));
        }
    }

    /// <summary>White's control room data.</summary>
    public WhiteView WhiteViewNow()
    {
        lock (_gate)
        {
            var b = _current;
            var sim = b.Engine.Simulation;
            return new WhiteView("white", Clock(b), Picture.Truth(sim), b.Drafts.ToArray(), _feed.ToArray(), AdjudicationOf(b), b.Turns.ToArray(),
                _branchOrder.Select(n => _branches[n]).Select(x => new BranchView(x.Name, x.Parent, x.ForkTurn, x.Engine.Turn, x.Engine.Day, x.Phase)).ToArray(),
                Scenario.Spec.Events.Select(e => new EventView(e.Id, e.Day, e.Probability)).ToArray(),
                _overrides.ToDictionary(x => x.Key, x => new Dictionary<string, PictureOverride>(x.Value)), _forecasters.Order().ToArray(), Setup.Cells,
                Setup.Cells.ToDictionary(c => c.Id, c => Picture.Of(sim, c, _overrides.GetValueOrDefault(c.Id))), Fingerprint());
        }
    }

    private AdjudicationView? AdjudicationOf(Branch b)
    {
        if (b.Adjudication is not { } a || b.Phase is TurnPhase.Planning or TurnPhase.Locked) return null;
        var sc = Scenario;
        int nf = sc.FactionCount;
        if (a.Failure is not null)
            return new AdjudicationView(0, a.Seed.ToString(CultureInfo.InvariantCulture), a.Days, new Dictionary<string, FighterBandView>(), new Dictionary<string, RegionControlView>(), -1, "", a.Failure);
        var fighters = new Dictionary<string, FighterBandView>(StringComparer.Ordinal);
        for (int f = 0; f < nf; f++)
        {
            var band = a.FighterBands[f];
            if (band.P90 <= 0 && a.CanonicalFighters[f] <= 0) continue;
            fighters[sc.FactionIds[f]] = new FighterBandView(band.P10, band.P50, band.P90, a.CanonicalFighters[f], a.Fighters[a.NearestMedian * nf + f]);
        }
        var control = new Dictionary<string, RegionControlView>(StringComparer.Ordinal);
        for (int r = 0; r < sc.RegionCount; r++)
        {
            var share = new Dictionary<string, double>(StringComparer.Ordinal);
            double held = 0;
            for (int f = 0; f < nf; f++) if (a.ControlShare[r * nf + f] > 0) { share[sc.FactionIds[f]] = a.ControlShare[r * nf + f]; held += a.ControlShare[r * nf + f]; }
            if (held < 1 - 1e-9) share["none"] = 1 - held;
            int c = a.CanonicalControllers[r];
            control[sc.RegionIds[r]] = new RegionControlView(share, c >= 0 ? sc.FactionIds[c] : null);
        }
        return new AdjudicationView(a.Replicates, a.Seed.ToString(CultureInfo.InvariantCulture), a.Days, fighters, control, a.NearestMedian,
            a.SeedOf(a.NearestMedian).ToString(CultureInfo.InvariantCulture), null);
    }

    /// <summary>The after-action review at the start of turn <paramref name="turn"/> + 1 (0 = the game's start) on the current branch.</summary>
    public ReviewView Review(int turn)
    {
        lock (_gate)
        {
            var b = _current;
            if (turn < 0 || turn >= b.Starts.Count) throw new ArgumentOutOfRangeException(nameof(turn), $"turn {turn} is not between 0 and {b.Starts.Count - 1}");
            var sc = Scenario;
            var sim = new Simulation(sc, Setup.Seed, new SimulationOptions { Days = b.Engine.Simulation.Days, Mode = b.Engine.Simulation.Mode });
            var totals = new List<Dictionary<string, double>>();
            var outcomes = new List<Dictionary<string, double?>>();
            foreach (var start in b.Starts)
            {
                sim.Restore(start);
                var t = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int f = 0; f < sc.FactionCount; f++) if (sim.View.Active[f]) t[sc.FactionIds[f]] = sim.View.FightersOf(f) + sim.View.InTransitOf(f);
                totals.Add(t);
                var o = new Dictionary<string, double?>(StringComparer.Ordinal);
                for (int i = 0; i < sc.Outcomes.Length; i++) o[sc.Outcomes[i].Id] = sim.Outcome(i);
                outcomes.Add(o);
            }
            sim.Restore(b.Starts[turn]);
            return new ReviewView(turn, sim.State.Day, DateOf(sim.State.Day).ToString("yyyy-MM-dd"), Picture.Truth(sim),
                Setup.Cells.ToDictionary(c => c.Id, c => Picture.Of(sim, c, _overrides.GetValueOrDefault(c.Id))), totals, outcomes);
        }
    }
}
