using ConflictSim.CivilViolenceGrid;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The bit tricks behind the civil violence grid's vision scans: the von Neumann arms interleaved in the order the
/// plain scan visits them, and the k-th candidate, with and without BMI2 giving the same answer (a run must not
/// depend on the machine).
/// </summary>
public class VisionBitsTests
{
    private static Arbitrary<(uint Row, uint Column, int Vision)> Windows() =>
        (from row in Gen.Choose(int.MinValue, int.MaxValue)
         from column in Gen.Choose(int.MinValue, int.MaxValue)
         from v in Gen.Choose(1, KindLattice.MaxVision)
         select ((uint)row, (uint)column, v)).ToArbitrary();

    [Fact]
    public void Cross_puts_the_site_at_distance_d_of_each_arm_at_bit_4_d_minus_1_plus_east_west_south_north()
    {
        Prop.ForAll(Windows(), w =>
        {
            ulong arms = VisionBits.Cross(w.Row, w.Column, w.Vision);
            int v = w.Vision;
            ulong expected = 0;
            for (int d = 1; d <= v; d++)
            {
                // Window bit i is offset i − v: east is +d, west −d; the column's south is +d, north −d.
                if ((w.Row >> (v + d) & 1) != 0) expected |= 1UL << (4 * (d - 1));
                if ((w.Row >> (v - d) & 1) != 0) expected |= 1UL << (4 * (d - 1) + 1);
                if ((w.Column >> (v + d) & 1) != 0) expected |= 1UL << (4 * (d - 1) + 2);
                if ((w.Column >> (v - d) & 1) != 0) expected |= 1UL << (4 * (d - 1) + 3);
            }
            Assert.Equal(expected, arms);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Spread_and_select_give_the_same_bits_with_and_without_BMI2()
    {
        Prop.ForAll(Windows(), w =>
        {
            ulong mask = (ulong)w.Row << 32 | w.Column;
            uint low = w.Row & 0xFFFF;
            ulong spread = 0;
            for (int i = 0; i < 16; i++) spread |= (ulong)(low >> i & 1) << (4 * i);
            Assert.Equal(spread, VisionBits.Spread(low));
            Assert.Equal(spread, VisionBits.SpreadByShifts(low));
            int seen = 0;
            for (int bit = 0; bit < 64; bit++)
            {
                if ((mask >> bit & 1) == 0) continue;
                Assert.Equal(bit, VisionBits.Select(mask, seen));
                Assert.Equal(bit, VisionBits.SelectByClearing(mask, seen));
                seen++;
            }
        }).QuickCheckThrowOnFailure();
    }
}
