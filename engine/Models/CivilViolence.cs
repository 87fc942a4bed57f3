using ConflictSim.Randomness;

namespace ConflictSim.Models;

/// <summary>
/// The rules of Epstein's civil violence model (J. M. Epstein, "Modeling civil violence: an agent-based
/// computational approach", PNAS 99 suppl. 3, 2002), shared by the classic grid model and by the per-region
/// uprising phase so both answer to the same equations.
/// </summary>
internal static class CivilViolence
{
    /// <summary>Epstein's k: calibrated so that one cop and one active (C/A = 1) give P ≈ 0.9.</summary>
    public const double K = 2.3;

    /// <summary>Epstein's threshold T: net risk must exceed it before a citizen turns active.</summary>
    public const double Threshold = 0.1;

    /// <summary>G = H·(1 − L): hardship H in [0,1] weighed by the regime's illegitimacy.</summary>
    public static double Grievance(double hardship, double legitimacy) => hardship * (1 - legitimacy);

    /// <summary>
    /// Estimated arrest probability P = 1 − exp(−k·C/A), where C is cops in view and A is 1 + actives in view
    /// (the citizen counts itself, so A ≥ 1). <paramref name="copsOverActives"/> is C/A as the caller rounds it.
    /// DetMath, not Math.Exp: the probability decides who turns active, so its last bit must not depend on the machine.
    /// </summary>
    public static double ArrestProbability(double copsOverActives, double k = K) => 1 - DetMath.Exp(-k * copsOverActives);

    /// <summary>Epstein's rule A: active when G − N > T, with net risk N = R·P.</summary>
    public static bool Activates(double grievance, double riskAversion, double arrestProbability, double threshold = Threshold) =>
        grievance - riskAversion * arrestProbability > threshold;

    /// <summary>
    /// Share of a population with hardship H ~ U(0,1) and risk aversion R ~ U(0,1), independent (Epstein's
    /// distributions), for whom H·(1 − L) − R·P &gt; T. The closed form of ∫₀¹ max(0, 1 − (T + r·P)/g) dr with
    /// g = 1 − L: what the regional uprising uses instead of drawing each resident.
    /// </summary>
    public static double ActiveShare(double legitimacy, double arrestProbability, double threshold = Threshold)
    {
        double g = 1 - legitimacy;
        if (g <= threshold) return 0;
        double p = arrestProbability;
        // r beyond (g − T)/P has no resident angry enough; below it the share with large enough H is linear in r.
        double rMax = p > 0 ? Math.Min(1, (g - threshold) / p) : 1;
        return rMax - (threshold * rMax + p * rMax * rMax / 2) / g;
    }
}
