using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After supply in the default order: morale, rout, dispersal and defection.
/// <para>
/// Morale falls with the share of a force lost today and with each day out of supply, and recovers toward a
/// level set by the faction's cohesion (a breakpoint model in the spirit of Helmbold's and Dupuy's work on
/// casualty-driven breakpoints). A force in contact whose morale is below its doctrine's rout level breaks:
/// some desert, the rest fall back to friendly ground; if it has nowhere to go, a share slips away and
/// disperses instead (002: "ISIS had 'dispersed' within Libya during the battle"). Low-morale fighters may
/// defect to a named faction (002: "Libyan ISIS members have attempted to defect to friendly Islamist
/// militias south of Sirte"). Cohesion falls with the faction's losses and drifts back.
/// </para>
/// </summary>
internal sealed class MoralePhase(Scenario scenario) : IPhase
{
    private readonly double[] _lostShare = new double[scenario.FactionCount];

    public string Name => "morale";

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        var settings = sc.Settings;
        int nr = s.RegionCount;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            var doctrine = sc.Doctrines[f];
            double target = sc.InitialCohesion[f] > 0 ? sc.InitialMorale[f] * s.Cohesion[f] / sc.InitialCohesion[f] : sc.InitialMorale[f];
            double alive = 0, lost = 0;
            for (int r = 0; r < nr; r++)
            {
                int i = f * nr + r;
                double x = s.Fighters[i];
                alive += x;
                lost += s.LossesToday[i];
                if (x <= 0) continue;
                double m = s.Morale[i];
                m -= settings.LossShock * s.LossesToday[i] / (x + s.LossesToday[i]);
                if (s.SupplyDays[i] <= 0) m -= settings.UnsuppliedMoraleLoss;
                m += settings.MoraleRecovery * (target - m);
                s.Morale[i] = m = Math.Clamp(m, 0, 1);

                if (m < doctrine.RoutMorale && world.EnemiesIn(r, f)) Rout(world, f, r, ref rng.Of(f));
                if (sc.DefectTo[f] >= 0 && m < doctrine.DefectMorale && s.Fighters[i] > 0) Defect(world, f, r, ref rng.Of(f));
            }
            _lostShare[f] = alive + lost > 0 ? lost / (alive + lost) : 0;
        }
        for (int f = 0; f < sc.FactionCount; f++)
        {
            double c = s.Cohesion[f] - settings.CohesionShock * _lostShare[f];
            c += settings.CohesionRecovery * (sc.InitialCohesion[f] - c);
            s.Cohesion[f] = Math.Clamp(c, 0, 1);
        }
    }

    private static void Rout(World world, int f, int r, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        int i = s.Force(f, r);
        double x = s.Fighters[i];
        if (sc.Doctrines[f].RoutedGoHome)
        {
            // A raid that breaks is over: its fighters slip home rather than regroup behind the line and come again.
            s.Fighters[i] = 0;
            s.Dispersed[f] += x;
            return;
        }
        int retreat = -1, link = -1;
        double best = -1;
        for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++)
        {
            int n = sc.AdjRegion[a];
            int holder = s.Controller[n];
            if (sc.RegionTerrain[n] == Terrain.Sea || !world.LinkOpenFor(sc.AdjLink[a], f) || (holder >= 0 && !world.Allied(f, holder)) || world.EnemiesIn(n, f)) continue;
            double own = s.Fighters[s.Force(f, n)];
            if (own > best) { best = own; retreat = n; link = sc.AdjLink[a]; }
        }
        if (retreat >= 0)
        {
            double deserters = Draw(world, ref rng, x, sc.Settings.RoutDesertion);
            if (!s.Send(f, retreat, x - deserters, s.Morale[i], s.SupplyDays[i], s.Day + sc.LinkDays[link])) return;
            s.Fighters[i] = 0;
            s.Deserted[f] += deserters;
        }
        else
        {
            double escaped = Draw(world, ref rng, x, sc.Doctrines[f].DispersalRate);
            s.Fighters[i] = x - escaped;
            s.Dispersed[f] += escaped;
        }
    }

    private static void Defect(World world, int f, int r, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        var doctrine = sc.Doctrines[f];
        int i = s.Force(f, r);
        double rate = doctrine.DefectionRate * (1 - s.Morale[i] / doctrine.DefectMorale);
        double n = Draw(world, ref rng, s.Fighters[i], rate);
        if (n <= 0) return;
        int to = sc.DefectTo[f];
        int region = sc.DefectRegion[f] >= 0 ? sc.DefectRegion[f] : r;
        s.Fighters[i] -= n;
        s.Join(s.Force(to, region), n, sc.InitialMorale[to], sc.SupplyCapacity[to]);
        s.DefectedOut[f] += n;
        s.DefectedIn[to] += n;
    }

    /// <summary>Expected share in deterministic mode, a binomial draw otherwise.</summary>
    private static double Draw(World world, ref Xoshiro256StarStar rng, double n, double p) =>
        world.Deterministic ? n * p : Sampling.Binomial(ref rng, n, p);
}
