using ConflictSim.Analysis.Sensitivity;

namespace ConflictSim.Tests.Sensitivity;

/// <summary>The Sobol' sequence against its published first points and its net property.</summary>
public class SobolSequenceTests
{
    [Fact]
    public void The_first_eight_points_in_three_dimensions_are_the_published_ones()
    {
        // Joe & Kuo's direction numbers, unscrambled, in Gray-code order (as SciPy's Sobol(scramble=False) gives them).
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];
        var sequence = new SobolSequence(3);
        for (uint i = 0; i < expected.Length; i++) Assert.Equal(expected[i], sequence.Point(i));
    }

    [Fact]
    public void Every_dimension_puts_one_of_the_first_2_to_the_m_points_in_each_interval_of_width_2_to_the_minus_m()
    {
        const int m = 10, n = 1 << m;
        var sequence = new SobolSequence(SobolSequence.MaxDimensions);
        var counts = new int[SobolSequence.MaxDimensions, n];
        for (uint i = 0; i < n; i++)
        {
            var p = sequence.Point(i);
            for (int d = 0; d < p.Length; d++) counts[d, (int)(p[d] * n)]++;
        }
        for (int d = 0; d < SobolSequence.MaxDimensions; d++)
            for (int j = 0; j < n; j++) Assert.True(counts[d, j] == 1, $"dimension {d + 1}, interval {j}: {counts[d, j]} points");
    }

    [Fact]
    public void The_first_two_dimensions_form_a_0_m_2_net()
    {
        // t = 0: every box of 2^a by 2^(m−a) elementary intervals holds exactly one of the first 2^m points.
        const int m = 8, n = 1 << m;
        var sequence = new SobolSequence(2);
        var points = Enumerable.Range(0, n).Select(i => sequence.Point((uint)i)).ToArray();
        for (int a = 0; a <= m; a++)
        {
            var boxes = new int[1 << a, 1 << (m - a)];
            foreach (var p in points) boxes[(int)(p[0] * (1 << a)), (int)(p[1] * (1 << (m - a)))]++;
            foreach (int c in boxes) Assert.Equal(1, c);
        }
    }
}
