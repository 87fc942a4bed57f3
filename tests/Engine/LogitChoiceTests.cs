using ConflictSim.Decisions;
using ConflictSim.Randomness;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The utility AI's choice against McFadden's (1974) closed form: option i is taken with probability
/// exp(u_i/T) / Σ_j exp(u_j/T). The best option is placed mid-list on purpose: the options after it are the ones
/// a shift read from the already-overwritten best weight (1) instead of its utility got wrong.
/// </summary>
public class LogitChoiceTests
{
    private static double[] ClosedForm(double[] u, double t)
    {
        var p = new double[u.Length];
        double sum = 0;
        for (int i = 0; i < u.Length; i++) sum += p[i] = Math.Exp(u[i] / t);
        for (int i = 0; i < u.Length; i++) p[i] /= sum;
        return p;
    }

    private static int ArgMax(double[] u)
    {
        int best = 0;
        for (int i = 1; i < u.Length; i++) if (u[i] > u[best]) best = i;
        return best;
    }

    [Theory]
    [InlineData(0.2, new[] { 0.3, 1.7, 2.4, 0.9, 2.39, -1.0 })]
    [InlineData(0.1, new[] { 0.1, 0.05, 0.6, 0.55, 0.59 })]
    [InlineData(1.0, new[] { -3.0, 7.5, 7.0, 6.0, 2.0 })]
    [InlineData(0.05, new[] { 0.5, 0.5, 0.5 })]
    public void Weights_are_the_closed_form_logit_probabilities(double temperature, double[] utilities)
    {
        var weights = (double[])utilities.Clone();
        var rng = Xoshiro256StarStar.FromSeed(1);
        UtilityAi.Logit(weights, ArgMax(utilities), temperature, ref rng);
        double total = weights.Sum();
        var expected = ClosedForm(utilities, temperature);
        for (int i = 0; i < weights.Length; i++) Assert.Equal(expected[i], weights[i] / total, 1e-12);
    }

    [Fact]
    public void Draws_follow_the_closed_form_by_a_chi_square_test()
    {
        double[] utilities = [0.3, 1.0, 1.2, 0.9, 1.1, 0.2];
        const double temperature = 0.5;
        const int draws = 200_000;
        var counts = new int[utilities.Length];
        var rng = Xoshiro256StarStar.FromSeed(42);
        var scratch = new double[utilities.Length];
        int best = ArgMax(utilities);
        for (int n = 0; n < draws; n++)
        {
            utilities.CopyTo(scratch, 0);
            counts[UtilityAi.Logit(scratch, best, temperature, ref rng)]++;
        }
        var p = ClosedForm(utilities, temperature);
        double chi2 = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = draws * p[i];
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        // 5 degrees of freedom: P(χ² > 20.52) = 0.001. The shifted-by-1 defect gives χ² in the tens of thousands.
        Assert.True(chi2 < 20.52, $"chi-square {chi2:0.00} over {draws} draws; counts {string.Join(", ", counts)}");
    }
}
