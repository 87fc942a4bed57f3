namespace ConflictSim.Models;

/// <summary>
/// Lanchester's attrition laws (Lanchester 1916; Taylor, "Lanchester Models of Warfare", 1983), in the closed
/// forms the combat phase is tested against. Coefficients are kills per firer per day.
/// </summary>
internal static class Lanchester
{
    /// <summary>
    /// Square law (aimed fire): dA/dt = −β·B, dB/dt = −α·A. Valid until one side reaches zero.
    /// A(t) = A₀ cosh(√(αβ) t) − √(β/α) B₀ sinh(√(αβ) t), and symmetrically for B.
    /// </summary>
    public static (double A, double B) SquareLaw(double a0, double b0, double alpha, double beta, double t)
    {
        double g = Math.Sqrt(alpha * beta);
        double ch = Math.Cosh(g * t), sh = Math.Sinh(g * t);
        return (a0 * ch - Math.Sqrt(beta / alpha) * b0 * sh, b0 * ch - Math.Sqrt(alpha / beta) * a0 * sh);
    }

    /// <summary>The square law's invariant α·A² − β·B²: who wins, and with how many left.</summary>
    public static double SquareLawInvariant(double a, double b, double alpha, double beta) => alpha * a * a - beta * b * b;

    /// <summary>
    /// Linear law (area fire): dA/dt = −β·A·B, dB/dt = −α·A·B. α·A − β·B = K is conserved, so A follows the
    /// logistic A' = K·A − α·A², giving A(t) = K·A₀ / (α·A₀ + (K − α·A₀)·e^(−K t)).
    /// </summary>
    public static (double A, double B) LinearLaw(double a0, double b0, double alpha, double beta, double t)
    {
        double k = alpha * a0 - beta * b0;
        double a = Math.Abs(k) < 1e-12
            ? a0 / (1 + alpha * a0 * t)
            : k * a0 / (alpha * a0 + (k - alpha * a0) * Math.Exp(-k * t));
        return (a, (alpha * a - k) / beta);
    }
}
