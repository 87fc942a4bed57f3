using ConflictSim.Randomness;

namespace ConflictSim.Decisions;

/// <summary>
/// The built-in commander: for every force it scores hold, and a move to each neighbour (attack, advance,
/// reinforce or withdraw), then picks one by softmax with the doctrine's temperature — a random-utility
/// (logit) choice, McFadden 1974 — or the best in deterministic mode.
/// <para>
/// Utilities combine the pull of the faction's objectives (value discounted by distance, so distant goals
/// draw forces along the roads), the odds of an attack against the doctrine's required force ratio after
/// terrain, the need of a threatened friendly region, and the urge of a demoralised force in contact to fall
/// back. Each force issues at most one order a day.
/// </para>
/// </summary>
internal sealed class UtilityAi : IOrderSource
{
    /// <summary>Share of an objective's pull that survives each day of travel between it and a force.</summary>
    public const double DistanceDiscount = 0.8;
    /// <summary>Forces smaller than this stay put: too few to matter, and it keeps remnants from wandering.</summary>
    public const double MinimumForce = 5;
    /// <summary>Utility of holding quiet ground: the baseline every option is measured against.</summary>
    public const double IdleHold = 0.1;
    /// <summary>What a move with nothing to gain costs (fatigue, exposure); keeps idle forces from wandering.</summary>
    public const double MoveCost = 0.5;
    /// <summary>
    /// Objectives further than this many days' march exert no pull (0.8^60 ≈ 1.5·10⁻⁶ of their value): a
    /// commander plans a campaign, not a year's march, and it keeps a search local on a continent-sized map.
    /// </summary>
    public const int PlanningHorizonDays = 60;
    private const int MaxOptions = 64;
    /// <summary>
    /// Most doubles all factions' pull caches hold together: 4 M, 32 MB. A cache is one value per region per faction,
    /// 160 MB at 100,000 regions and 200 factions; past the budget, factions (the later ids) compute their pull
    /// afresh each day into the shared scratch, which gives the same values.
    /// </summary>
    private const long PullCacheSlots = 1L << 22;

    /// <summary>The pull in use: a faction's cache, or the scratch array when it has none.</summary>
    private double[] _pull;
    private readonly double[] _scratch;
    private readonly TravelTime _travel;
    /// <summary>Per faction: the regions it has objectives in (at most 64, or caching is off for it).</summary>
    private readonly int[][] _objectives;
    /// <summary>Per faction: the last pull computed, and what it was computed from.</summary>
    private readonly double[][] _pullCache;
    private readonly ulong[] _cachedUnsecured;
    private readonly int[] _cachedClosedCount;
    private readonly int[][] _cachedClosed;
    private readonly bool[] _cacheValid;
    private readonly int[] _closed = new int[MaxCachedClosed];
    /// <summary>Per link: one end is at sea. Per faction: it has an objective at sea.</summary>
    private readonly bool[] _touchesSea, _seaObjective;
    /// <summary>Hostile strength per region memoised for one faction's orders (stamp = the call it belongs to).</summary>
    private readonly double[] _enemy;
    private readonly int[] _enemyStamp;
    /// <summary>Hostile strength in and next to each region, memoised like <see cref="_enemy"/>.</summary>
    private readonly double[] _enemyNear;
    private readonly int[] _enemyNearStamp;

    private int _call;
    private const int MaxCachedClosed = 64;
    /// <summary>
    /// Days from each objective region to every region within the horizon with every link open, shared by all
    /// factions and computed once: a faction with no link closed to it reads its pull from these instead of
    /// searching the map again whenever its objectives change hands. Compressed rows, indexed by _fieldOf[region].
    /// </summary>
    private readonly int[] _fieldOf;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldRegion;
    private readonly byte[] _fieldDays;
    /// <summary>DistanceDiscount^d for d = 0..horizon, by the same repeated product <see cref="Pow"/> used.</summary>
    private readonly double[] _discount = new double[PlanningHorizonDays + 1];
    private readonly double[] _utility = new double[MaxOptions];
    private readonly int[] _target = new int[MaxOptions];
    private readonly double[] _amount = new double[MaxOptions];

    public UtilityAi(Scenario scenario)
    {
        int nr = scenario.RegionCount, nf = scenario.FactionCount;
        _pull = _scratch = new double[nr];
        _enemy = new double[nr];
        _enemyStamp = new int[nr];
        _enemyNear = new double[nr];
        _enemyNearStamp = new int[nr];
        _travel = new TravelTime(nr);
        _objectives = new int[nf][];
        _pullCache = new double[nf][];
        _cachedUnsecured = new ulong[nf];
        _cachedClosedCount = new int[nf];
        _cachedClosed = new int[nf][];
        _cacheValid = new bool[nf];
        long cached = 0;
        for (int f = 0; f < nf; f++)
        {
            var list = new List<int>();
            foreach (int r in scenario.Objective.RegionsOf(f)) if (scenario.Objective.Of(f, r) > 0) list.Add(r);
            _objectives[f] = list.ToArray();
            bool cache = list.Count is > 0 and <= 64 && (cached += nr) <= PullCacheSlots;
            _pullCache[f] = cache ? new double[nr] : [];
            _cachedClosed[f] = new int[MaxCachedClosed];
        }
        _touchesSea = new bool[scenario.LinkCount];
        for (int l = 0; l < _touchesSea.Length; l++)
            _touchesSea[l] = scenario.RegionTerrain[scenario.LinkFrom[l]] == Terrain.Sea || scenario.RegionTerrain[scenario.LinkTo[l]] == Terrain.Sea;
        _seaObjective = new bool[nf];
        for (int f = 0; f < nf; f++)
            foreach (int o in _objectives[f]) _seaObjective[f] |= scenario.RegionTerrain[o] == Terrain.Sea;
        for (int d = 0; d <= PlanningHorizonDays; d++) _discount[d] = Pow(DistanceDiscount, d);
        (_fieldOf, _fieldStart, _fieldRegion, _fieldDays) = OpenMapFields(scenario);
    }

    public void Issue(World world, int faction, ref Xoshiro256StarStar rng, OrderBook orders)
    {
        var s = world.State;
        var sc = world.Scenario;
        ComputePull(world, faction);
        _call++;
        int nr = s.RegionCount;
        for (int r = 0; r < nr; r++)
        {
            double x = s.Fighters[faction * nr + r];
            if (x < MinimumForce) continue;
            int options = Score(world, faction, r, x);
            int choice = Choose(world, sc.Doctrines[faction].Temperature, options, ref rng);
            if (_target[choice] < 0) continue;
            double n = world.Whole(_amount[choice]);
            if (n > 0) orders.Add(new Order(faction, r, _target[choice], n));
        }
    }

    /// <summary>Fills the option arrays for the force at region r; option 0 is hold.</summary>
    private int Score(World world, int f, int r, double x)
    {
        var s = world.State;
        var sc = world.Scenario;
        var d = sc.Doctrines[f];
        int nr = s.RegionCount;
        double morale = s.Morale[f * nr + r];
        double enemyHere = EnemyStrength(world, f, r);
        double ownEffect = Effectiveness(world, f, r);
        double ownHere = x * ownEffect;
        double localOdds = ownHere / (enemyHere * Defence(world, f, r) + 1);
        double stake = sc.Objective.Of(f, r) + sc.RegionValue[r];

        double threat = EnemyNear(world, f, r);
        bool quiet = threat <= 0;
        bool cutOff = !s.Supplied[f * nr + r];

        // Holding is worth the stake in proportion to the threat to it; idle ground is worth little
        // (the doctrine's garrison already keeps the supply bases).
        int k = 0;
        _target[k] = -1; _amount[k] = 0;
        _utility[k++] = enemyHere > 0 ? 0.5 * (1 + stake) : quiet ? IdleHold : 0.5 * (1 + stake) * threat / (threat + ownHere + 1);

        double movable = sc.IsSupplySource[f * nr + r] ? Math.Max(0, x - d.Garrison) : x;
        for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1] && k < MaxOptions; a++)
        {
            int n = sc.AdjRegion[a];
            if (!world.LinkOpenFor(sc.AdjLink[a], f) || sc.RegionTerrain[n] == Terrain.Sea) continue;
            double gain = _pull[n] - _pull[r];
            double enemy = EnemyStrength(world, f, n);
            int holder = s.Controller[n];
            bool friendly = holder < 0 || world.Allied(f, holder);
            double u;
            double amount = movable * d.Commit;
            if (enemy > 0 || (holder >= 0 && world.Hostile(f, holder)))
            {
                // Forces on every side of the target commit together, so odds count the whole converging assault.
                double assault = amount + Converging(world, f, n, r, d.Commit);
                double odds = assault * ownEffect / (enemy * Defence(world, f, n) + 1);
                // Logistic(3·ln(odds/ratio)) written as 1/(1 + (ratio/odds)³): the same curve without a log and an exp.
                double shortfall = d.AttackRatio / (odds + 1e-9);
                double success = 1 / (1 + shortfall * shortfall * shortfall);
                double prize = gain + sc.Objective.Of(f, n) + 0.5 * sc.RegionValue[n];
                u = d.Aggression * prize * success - d.Caution * (1 - success) * 0.5;
            }
            else if (friendly && enemyHere > 0 && localOdds < 1)
            {
                // Falling back: worth more the worse the odds here and the lower the morale.
                u = d.Caution * (1 - morale) * (1 - localOdds);
                amount = movable;
            }
            else
            {
                // Any step toward an objective beats idling; a step away or sideways costs.
                u = gain > 0 ? IdleHold + 2 * d.Aggression * gain : d.Aggression * gain - MoveCost;
                double need = EnemyNear(world, f, n);
                if (need > 0) u += (sc.Objective.Of(f, n) + sc.RegionValue[n] + 1) * need / (need + s.Fighters[f * nr + n] + 1);
                // Columns advance whole through quiet ground; splitting them there only scatters the force.
                else if (quiet) amount = movable;
            }
            // A cut-off force values any step back toward its supply lines (breakout).
            if (cutOff && s.Supplied[f * nr + n]) u += d.Caution * 0.5;
            if (amount <= 0) continue;
            _target[k] = n; _amount[k] = amount; _utility[k++] = u;
        }
        return k;
    }

    private int Choose(World world, double temperature, int options, ref Xoshiro256StarStar rng)
    {
        int best = 0;
        for (int i = 1; i < options; i++) if (_utility[i] > _utility[best]) best = i;
        if (world.Deterministic) return best;
        return Logit(_utility.AsSpan(0, options), best, temperature, ref rng);
    }

    /// <summary>
    /// Draws option i with the logit probability exp(u_i/T) / Σ_j exp(u_j/T) (McFadden 1974), given the index
    /// of the largest utility. Overwrites the utilities with their unnormalised weights.
    /// </summary>
    internal static int Logit(Span<double> utility, int best, double temperature, ref Xoshiro256StarStar rng)
    {
        // Shift by the maximum so exp never overflows. It is read once, before the loop overwrites the utilities
        // with weights: shifting later options by utility[best] would shift them by its weight, 1, instead.
        double max = utility[best];
        double total = 0;
        for (int i = 0; i < utility.Length; i++)
        {
            // The best option's weight is exp(0) = 1 exactly; DetMath.Exp gives the same 1.0, at the cost of a polynomial.
            utility[i] = i == best ? 1.0 : DetMath.Exp((utility[i] - max) / temperature);
            total += utility[i];
        }
        double u = rng.NextDouble() * total;
        for (int i = 0; i < utility.Length; i++)
        {
            u -= utility[i];
            if (u < 0) return i;
        }
        return best;
    }

    /// <summary>
    /// Pull of the faction's unsecured objectives at every region: the largest of value × discount^days over
    /// objectives it does not hold or that are under attack. One shortest-path search per objective.
    /// <para>
    /// The pull changes only when the set of unsecured objectives or the links closed to the faction change,
    /// which is rare from one day to the next, so it is cached per faction against exactly those two inputs;
    /// a cache hit gives the very array a fresh computation would.
    /// </para>
    /// </summary>
    private void ComputePull(World world, int f)
    {
        var s = world.State;
        var objectives = _objectives[f];
        var cache = _pullCache[f];
        if (cache.Length == 0)
        {
            _pull = _scratch;
            if (objectives.Length == 0) Array.Clear(_scratch);
            else Fill(world, f, _scratch, ClosedLinks(world, f) == 0); // too many objectives to key a cache on, or past the budget
            return;
        }
        ulong unsecured = 0;
        for (int k = 0; k < objectives.Length; k++)
        {
            int o = objectives[k];
            if (s.Controller[o] != f || world.Presence.EnemiesIn(world, o, f)) unsecured |= 1UL << k;
        }
        int closed = ClosedLinks(world, f);
        if (_cacheValid[f] && unsecured == _cachedUnsecured[f] && closed >= 0 && SameClosed(f, closed))
        {
            _pull = cache;
            return;
        }
        Fill(world, f, cache, closed == 0);
        _pull = cache;
        _cachedUnsecured[f] = unsecured;
        _cacheValid[f] = closed >= 0;
        if (closed >= 0)
        {
            Array.Copy(_closed, _cachedClosed[f], closed);
            _cachedClosedCount[f] = closed;
        }
    }

    private void Fill(World world, int f, double[] pull, bool allLinksOpen)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount;
        Array.Clear(pull);
        foreach (int o in _objectives[f])
        {
            double value = sc.Objective.Of(f, o);
            if (s.Controller[o] == f && !world.Presence.EnemiesIn(world, o, f)) continue;
            if (allLinksOpen)
            {
                int field = _fieldOf[o];
                for (int i = _fieldStart[field]; i < _fieldStart[field + 1]; i++)
                {
                    int r = _fieldRegion[i];
                    double p = value * _discount[_fieldDays[i]];
                    if (p > pull[r]) pull[r] = p;
                }
                continue;
            }
            _travel.From(world, f, o, PlanningHorizonDays);
            var days = _travel.Days;
            foreach (int r in _travel.Reached)
            {
                double p = value * _discount[days[r]];
                if (p > pull[r]) pull[r] = p;
            }
        }
    }

    /// <summary>Travel days from every region that is some faction's objective, over the open map, within the horizon.</summary>
    private (int[] FieldOf, int[] Start, int[] Region, byte[] Days) OpenMapFields(Scenario scenario)
    {
        int nr = scenario.RegionCount, nf = scenario.FactionCount;
        var fieldOf = new int[nr];
        Array.Fill(fieldOf, -1);
        int fields = 0;
        var wanted = new bool[nr];
        for (int f = 0; f < nf; f++)
            foreach (int r in scenario.Objective.RegionsOf(f))
                if (scenario.Objective.Of(f, r) > 0) wanted[r] = true;
        for (int r = 0; r < nr; r++) if (wanted[r]) fieldOf[r] = fields++;
        var start = new int[fields + 1];
        var regions = new List<int>();
        var days = new List<byte>();
        for (int r = 0; r < nr; r++)
        {
            if (fieldOf[r] < 0) continue;
            _travel.From(scenario, r, PlanningHorizonDays);
            foreach (int n in _travel.Reached)
            {
                regions.Add(n);
                days.Add((byte)_travel.Days[n]);
            }
            start[fieldOf[r] + 1] = regions.Count;
        }
        return (fieldOf, start, regions.ToArray(), days.ToArray());
    }

    /// <summary>
    /// Lists in <see cref="_closed"/> the blockaded links closed to the faction today that its travel could use; -1
    /// when too many to cache. A march never enters the sea (<see cref="TravelTime"/>), so a lane with a sea end is
    /// crossed only out of a sea region that is itself an objective: for any other faction its closing changes no
    /// travel time, and it must not cost the faction the shared open-map fields.
    /// </summary>
    private int ClosedLinks(World world, int f)
    {
        var blockade = world.State.Blockade;
        int n = 0;
        for (int l = 0; l < blockade.Length; l++)
        {
            if (blockade[l] < 0 || (_touchesSea[l] && !_seaObjective[f]) || world.LinkOpenFor(l, f)) continue;
            if (n == MaxCachedClosed) return -1;
            _closed[n++] = l;
        }
        return n;
    }

    private bool SameClosed(int f, int n)
    {
        if (_cachedClosedCount[f] != n) return false;
        var cached = _cachedClosed[f];
        for (int i = 0; i < n; i++) if (cached[i] != _closed[i]) return false;
        return true;
    }

    /// <summary>
    /// Hostile fighting power in region r, judged as combat will judge it: quality, morale and supply. Scoring
    /// asks for the same region many times (every force next to it, and their neighbours), so it is memoised
    /// for the faction's turn; nothing it reads changes while orders are being written.
    /// </summary>
    private double EnemyStrength(World world, int f, int r)
    {
        if (_enemyStamp[r] == _call) return _enemy[r];
        _enemyStamp[r] = _call;
        return _enemy[r] = ComputeEnemyStrength(world, f, r);
    }

    /// <summary>
    /// Under observed information (the default) the commander knows only what <see cref="Observation"/> shows: no
    /// enemy where it does not observe, and where it does, the band's estimate at the enemy's reputed effectiveness
    /// (its quality at its starting morale, in supply), since an enemy's morale and stocks are not seen.
    /// </summary>
    internal static double ComputeEnemyStrength(World world, int f, int r)
    {
        var s = world.State;
        var sc = world.Scenario;
        bool perfect = sc.Settings.Information == InformationMode.Perfect;
        if (!perfect && !Observation.Sees(world, f, r)) return 0;
        double sum = 0;
        double w = sc.Settings.MoraleWeight;
        foreach (int e in world.Presence.In(r))
        {
            if (!world.Hostile(f, e)) continue;
            double x = s.Fighters[e * s.RegionCount + r];
            sum += perfect ? x * Effectiveness(world, e, r) : StrengthBand.Estimate(x) * sc.Quality[e] * (1 - w + w * sc.InitialMorale[e]);
        }
        return sum;
    }

    /// <summary>Per-fighter effectiveness of a force, the same factor the combat phase applies to its fire.</summary>
    private static double Effectiveness(World world, int f, int r)
    {
        var s = world.State;
        var sc = world.Scenario;
        int i = f * s.RegionCount + r;
        double w = sc.Settings.MoraleWeight;
        double eff = sc.Quality[f] * (1 - w + w * s.Morale[i]);
        return s.SupplyDays[i] <= 0 ? eff * sc.Settings.UnsuppliedEffect : eff;
    }

    /// <summary>Own fighters already in <paramref name="target"/> plus the committed share of those next to it, other than at <paramref name="from"/>.</summary>
    private static double Converging(World world, int f, int target, int from, double commit)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount;
        double sum = s.Fighters[f * nr + target];
        for (int a = sc.AdjStart[target]; a < sc.AdjStart[target + 1]; a++)
        {
            int m = sc.AdjRegion[a];
            if (m != from && world.LinkOpenFor(sc.AdjLink[a], f)) sum += commit * s.Fighters[f * nr + m];
        }
        return sum;
    }

    /// <summary>Hostile strength in and next to region r: the threat a reinforcement would meet.</summary>
    private double EnemyNear(World world, int f, int r)
    {
        if (_enemyNearStamp[r] == _call) return _enemyNear[r];
        var sc = world.Scenario;
        double sum = EnemyStrength(world, f, r);
        for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++) sum += EnemyStrength(world, f, sc.AdjRegion[a]);
        _enemyNearStamp[r] = _call;
        return _enemyNear[r] = sum;
    }

    /// <summary>The terrain multiplier the faction would face attacking region r.</summary>
    private static double Defence(World world, int f, int r)
    {
        int holder = world.State.Controller[r];
        return holder >= 0 && world.Hostile(f, holder) ? world.Scenario.RegionDefence[r] : 1.0;
    }

    private static double Pow(double b, int e)
    {
        double p = 1;
        for (int i = 0; i < e; i++) p *= b;
        return p;
    }
}
