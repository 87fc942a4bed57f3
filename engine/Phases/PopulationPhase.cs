using ConflictSim.Models;
using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// Popular uprisings: Epstein's civil violence model (PNAS 2002) as a mean field over each region's residents,
/// with the region's ruler (its controller) as the regime and the ruler's fighters there as its cops.
/// <para>
/// Residents are quiet, active or jailed. Each day, in every region with residents and a ruler:
/// </para>
/// <list type="number">
/// <item>Jailed residents go free at rate 2 / J_max (<c>max_jail_term</c>): Epstein's terms are uniform on
/// [0, J_max], so the mean term J_max / 2 is kept, with geometric instead of uniform durations.</item>
/// <item>A resident sees <c>vision_residents</c> = n_v others (Epstein's vision v, as a head count), so with
/// population N, ruler's fighters C and actives A, cops in view are C·n_v/N and actives in view 1 + A·n_v/N
/// (the resident counts itself). P = 1 − exp(−k·C_v/A_v), k = 2.3, with no rounding of C/A in the mean field.
/// Epstein's rule A — active when H·(1 − L) − R·P &gt; T = 0.1 — with H, R ~ U(0,1) gives the share who want
/// to be active in closed form (<see cref="CivilViolence.ActiveShare"/>); every free resident re-decides each
/// day, so actives become that share of the free (Binomial in stochastic mode). Jailed residents are taken to be
/// a random sample of the population, so jail does not deplete the angriest as it does on Epstein's lattice.</item>
/// <item>Each of the ruler's fighters arrests one active it sees (Epstein's rule C), if any: with A·n_v/N actives
/// in its view, expected arrests are C·(1 − e^(−A·n_v/N)), at most A.</item>
/// <item>A share <c>arm_rate</c> of the actives bring out their weapons and join, as fighters in the region, the
/// faction the region names in <c>rises_for</c> (else the ruler's <c>rebels_join</c>), unless it is allied to
/// the ruler (004: "People came out with weapons they had been hiding for many months, everyone came together
/// against them"). They leave the population for good; combat then decides the region.</item>
/// </list>
/// <para>
/// L is the ruler's <see cref="WorldState.Legitimacy"/>; a <c>legitimacy</c> event lowers it after harsh rule
/// (004: "The killings angered residents already weary of the jihadists' reign of terror"). A region without a
/// ruler has no regime to rebel against: its actives go quiet.
/// </para>
/// </summary>
internal sealed class PopulationPhase(Scenario scenario) : IPhase
{
    private readonly int _regions = scenario.RegionCount;

    public string Name => "population";

    public void Execute(World world, PhaseStreams streams)
    {
        var sc = world.Scenario;
        var plan = sc.Population;
        if (!plan.Any) return;
        var s = world.State;
        if (!HasWork(s)) return;
        ref var rng = ref streams.Shared;
        var settings = sc.Settings;
        double release = Math.Min(1, 2 / settings.MaxJailTerm);
        for (int r = 0; r < _regions; r++)
        {
            double people = world.Whole(plan.Population[r]) - s.Armed[r];
            if (people <= 0) continue;
            s.Jailed[r] -= Draw(world, ref rng, s.Jailed[r], release);
            double free = people - s.Jailed[r];
            int ruler = s.Controller[r];
            if (ruler < 0 || free <= 0) { s.ActiveResidents[r] = 0; continue; }

            double seen = Math.Min(1, settings.VisionResidents / people);
            double cops = s.Fighters[s.Force(ruler, r)];
            double p = ArrestProbability(cops * seen / (1 + s.ActiveResidents[r] * seen));
            double active = Draw(world, ref rng, free, CivilViolence.ActiveShare(s.Legitimacy[ruler], p));

            if (active > 0 && cops > 0)
            {
                double expected = Math.Min(active, cops * (1 - DetMath.Exp(-active * seen)));
                double arrested = Draw(world, ref rng, active, expected / active);
                active -= arrested;
                s.Jailed[r] += arrested;
            }

            int joins = plan.RisesFor[r] >= 0 ? plan.RisesFor[r] : plan.RebelsJoin[ruler];
            if (active > 0 && joins >= 0 && !world.Allied(joins, ruler))
            {
                double armed = Draw(world, ref rng, active, settings.ArmRate);
                active -= armed;
                s.Armed[r] += armed;
                s.Join(s.Force(joins, r), armed, sc.InitialMorale[joins], sc.SupplyCapacity[joins]);
                s.Recruited[joins] += armed;
                s.Risen[joins] += armed;
            }
            s.ActiveResidents[r] = active;
        }
    }

    /// <summary>
    /// Epstein's P = 1 − exp(−k·C/A), as <see cref="CivilViolence.ArrestProbability"/> but through DetMath so
    /// the result is bit-identical on every machine.
    /// </summary>
    public static double ArrestProbability(double copsOverActives) => 1 - DetMath.Exp(-CivilViolence.K * copsOverActives);

    /// <summary>Expected share in deterministic mode, a binomial draw otherwise.</summary>
    /// <summary>
    /// Whether anyone can turn active today: some ruler short of full legitimacy (G = H·(1 − L) &gt; 0 somewhere),
    /// or residents still active or in jail. Asked each day, not fixed when the scenario is compiled, so a
    /// legitimacy inject mid-game starts the mechanism.
    /// </summary>
    private bool HasWork(WorldState s)
    {
        for (int f = 0; f < s.FactionCount; f++) if (s.Active[f] && s.Legitimacy[f] < 1) return true;
        for (int r = 0; r < _regions; r++) if (s.Jailed[r] > 0 || s.ActiveResidents[r] > 0) return true;
        return false;
    }

    private static double Draw(World world, ref Xoshiro256StarStar rng, double n, double p) =>
        world.Deterministic ? n * p : Sampling.Binomial(ref rng, n, p);
}
