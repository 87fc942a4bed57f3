using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After movement in the default order: stochastic Lanchester attrition in every region where hostile factions meet.
/// <para>
/// Each faction present fires at each hostile faction present. Aimed fire follows the square law (losses ∝
/// the firers, spread over targets by their share); area fire — a faction's own rockets and its patrons'
/// airstrikes and artillery — follows the linear law (losses ∝ firers × target density). Fire at the
/// region's holder and its allies is divided by the terrain's defence multiplier; every faction's fire is
/// scaled by quality, morale and supply. The day is integrated with RK4 sub-steps; deterministic mode applies
/// the expected losses, stochastic mode samples Binomial(fighters, expected/fighters), then splits the
/// losses into killed and wounded.
/// </para>
/// </summary>
internal sealed class CombatPhase : IPhase
{
    private readonly int[] _present;
    private readonly double[] _x0, _x, _tmp, _k1, _k2, _k3, _k4;
    private readonly double[] _aimed, _area, _patronArea, _defence, _hostileStrength;
    private readonly bool[] _hostile;
    private readonly bool[] _contested;
    private readonly double[] _inBattle;
    private readonly double[] _clamped;
    private readonly bool[] _standing;

    public string Name => "combat";

    public CombatPhase(Scenario scenario)
    {
        int f = scenario.FactionCount;
        _present = new int[f];
        _x0 = new double[f]; _x = new double[f]; _tmp = new double[f];
        _k1 = new double[f]; _k2 = new double[f]; _k3 = new double[f]; _k4 = new double[f];
        _aimed = new double[f]; _area = new double[f]; _patronArea = new double[f]; _defence = new double[f];
        _hostileStrength = new double[f];
        _hostile = new bool[f * f];
        _contested = new bool[scenario.RegionCount];
        _inBattle = new double[f];
        _clamped = new double[f];
        _standing = new bool[f];
    }

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        Array.Clear(s.LossesToday);
        // One picture serves the whole phase: a battle changes only its own region's fighters.
        world.Presence.Take(s);
        FindBattles(world);
        for (int r = 0; r < s.RegionCount; r++)
            if (_contested[r]) Fight(world, r, rng);
    }

    /// <summary>Marks contested regions and totals each faction's fighters in battle, which patrons spread their fire over.</summary>
    private void FindBattles(World world)
    {
        var s = world.State;
        int nr = s.RegionCount;
        Array.Clear(_inBattle);
        for (int r = 0; r < nr; r++)
        {
            _contested[r] = world.Presence.Contested(world, r);
            if (!_contested[r]) continue;
            foreach (int f in world.Presence.In(r)) _inBattle[f] += s.Fighters[f * nr + r];
        }
    }

    private void Fight(World world, int region, PhaseStreams rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        var settings = sc.Settings;
        int nr = s.RegionCount;

        int n = 0;
        foreach (int f in world.Presence.In(region)) _present[n++] = f;

        int holder = s.Controller[region];
        for (int a = 0; a < n; a++)
        {
            int f = _present[a];
            int force = f * nr + region;
            _x0[a] = _x[a] = s.Fighters[force];
            double eff = sc.Quality[f] * (1 - settings.MoraleWeight + settings.MoraleWeight * s.Morale[force]);
            if (s.SupplyDays[force] <= 0) eff *= settings.UnsuppliedEffect;
            _aimed[a] = sc.AimedFire[f] * eff;
            _area[a] = sc.AreaFire[f] * eff;
            _defence[a] = holder >= 0 && world.Allied(f, holder) ? sc.RegionDefence[region] : 1.0;
            _patronArea[a] = 0;
            for (int b = 0; b < n; b++) _hostile[a * n + b] = world.Hostile(f, _present[b]);
        }

        // Patrons spread their sorties over their client's battles in proportion to the client's fighters there.
        for (int p = 0; p < sc.PatronCount; p++)
        {
            int client = sc.PatronClient[p];
            int ci = IndexOf(client, n);
            if (ci < 0 || _inBattle[client] <= 0) continue;
            double fire = (s.PatronAir[p] + s.PatronArtillery[p]) * sc.PatronLethality[p] * _x0[ci] / _inBattle[client];
            for (int b = 0; b < n; b++) if (_hostile[ci * n + b]) _patronArea[b] += fire;
        }

        StandAside(world, region, n);
        Integrate(n, settings.Substeps);

        double killedScale = sc.RegionKilledScale[region];
        for (int a = 0; a < n; a++)
        {
            int f = _present[a];
            if (_x0[a] <= 0) continue; // stood aside: gone before the first shot
            double expected = Math.Max(0, _x0[a] - _x[a]);
            double killedFraction = Math.Min(1, sc.KilledFraction[f] * killedScale);
            double lost, killed;
            if (world.Deterministic)
            {
                lost = Math.Min(expected, _x0[a]);
                killed = lost * killedFraction;
            }
            else
            {
                // Each side's losses come from its own stream: who commands the other side never shifts them.
                ref var g = ref rng.Of(f);
                lost = Sampling.Binomial(ref g, _x0[a], expected / _x0[a]);
                killed = Sampling.Binomial(ref g, lost, killedFraction);
            }
            int force = f * nr + region;
            s.Fighters[force] = _x0[a] - lost;
            s.LossesToday[force] = lost;
            s.Killed[f] += killed;
            s.Wounded[f] += lost - killed;
        }
    }

    /// <summary>
    /// A local force with a <see cref="Doctrine.StandAside"/> ratio that finds the hostile fighters around it at or above
    /// that multiple of its own leaves before the fight and its fighters go home (dispersed): the bandwagoning of a weak
    /// local actor facing a stronger one (Walt 1987, The Origins of Alliances, ch. 2), as the Petroleum Facilities Guard
    /// did when the LNA came for the oil crescent in September 2016. Judged on the morning's strengths, once, in
    /// faction order, so who stands aside never depends on who else does.
    /// </summary>
    private void StandAside(World world, int region, int n)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nr = s.RegionCount;
        for (int a = 0; a < n; a++)
        {
            double ratio = sc.Doctrines[_present[a]].StandAside;
            if (ratio <= 0 || _x0[a] <= 0) continue;
            double hostile = 0;
            for (int b = 0; b < n; b++) if (_hostile[a * n + b]) hostile += _x0[b];
            if (hostile < ratio * _x0[a]) continue;
            _standing[a] = true;
        }
        for (int a = 0; a < n; a++)
        {
            if (!_standing[a]) continue;
            _standing[a] = false;
            int f = _present[a];
            s.Dispersed[f] += _x0[a];
            s.Fighters[f * nr + region] = 0;
            s.LossesToday[f * nr + region] = 0;
            _x0[a] = _x[a] = 0;
        }
    }

    /// <summary>Classical RK4 over one day in <paramref name="substeps"/> steps; strengths never go below zero.</summary>
    private void Integrate(int n, int substeps)
    {
        double h = 1.0 / substeps;
        for (int step = 0; step < substeps; step++)
        {
            Rates(n, _x, _k1);
            for (int a = 0; a < n; a++) _tmp[a] = _x[a] + 0.5 * h * _k1[a];
            Rates(n, _tmp, _k2);
            for (int a = 0; a < n; a++) _tmp[a] = _x[a] + 0.5 * h * _k2[a];
            Rates(n, _tmp, _k3);
            for (int a = 0; a < n; a++) _tmp[a] = _x[a] + h * _k3[a];
            Rates(n, _tmp, _k4);
            for (int a = 0; a < n; a++)
                _x[a] = Math.Max(0, _x[a] + h / 6 * (_k1[a] + 2 * _k2[a] + 2 * _k3[a] + _k4[a]));
        }
    }

    /// <summary>dx/dt for every faction present: aimed fire split by target share, area fire by target density.</summary>
    private void Rates(int n, double[] x, double[] dxdt)
    {
        // Strengths clamped once per evaluation, not once per pair; the sums run in the same order as ever.
        var xs = _clamped;
        for (int a = 0; a < n; a++) xs[a] = Math.Max(0, x[a]);
        for (int a = 0; a < n; a++)
        {
            double h = 0;
            for (int b = 0; b < n; b++) if (_hostile[a * n + b]) h += xs[b];
            _hostileStrength[a] = h;
        }
        for (int t = 0; t < n; t++)
        {
            double xt = xs[t];
            double loss = _patronArea[t] * xt;
            for (int a = 0; a < n; a++)
            {
                if (!_hostile[a * n + t]) continue;
                double xa = xs[a];
                if (_hostileStrength[a] > 0) loss += _aimed[a] * xa * xt / _hostileStrength[a];
                loss += _area[a] * xa * xt;
            }
            dxdt[t] = -loss / _defence[t];
        }
    }

    private int IndexOf(int faction, int n)
    {
        for (int a = 0; a < n; a++) if (_present[a] == faction) return a;
        return -1;
    }
}
