using ConflictSim.Randomness;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The objectives table's two layouts: whatever the scenario's shape picks, every look-up gives what the dense
/// faction × region table would, and the listed regions are exactly the non-zero ones, ascending.
/// </summary>
public class ObjectiveTableTests
{
    private static Arbitrary<(int Factions, int Regions, int Entries, int Seed)> Tables() =>
        (from f in Gen.Choose(1, 12)
         from r in Gen.Choose(1, 40)
         from n in Gen.Choose(0, 60)
         from seed in Gen.Choose(1, int.MaxValue)
         select (f, r, n, seed)).ToArbitrary();

    [Fact]
    public void Sparse_and_dense_layouts_agree_on_every_slot()
    {
        Prop.ForAll(Tables(), t =>
        {
            var rng = Xoshiro256StarStar.FromSeed((ulong)t.Seed);
            var entries = new List<(int, int, double)>();
            var expected = new double[t.Factions * t.Regions];
            for (int k = 0; k < t.Entries; k++)
            {
                int f = rng.NextInt(t.Factions), r = rng.NextInt(t.Regions);
                // Repeats, zeros and overwrites included: the last value for a slot is the one that counts.
                double v = rng.NextInt(4) == 0 ? 0 : Math.Round(rng.NextDouble() * 10, 2);
                entries.Add((f, r, v));
                expected[f * t.Regions + r] = v;
            }
            var dense = new ObjectiveTable(t.Factions, t.Regions, entries, dense: true);
            var sparse = new ObjectiveTable(t.Factions, t.Regions, entries, dense: false);
            Assert.True(dense.Dense);
            Assert.False(sparse.Dense);
            for (int f = 0; f < t.Factions; f++)
            {
                var listed = new List<int>();
                for (int r = 0; r < t.Regions; r++)
                {
                    Assert.Equal(expected[f * t.Regions + r], dense.Of(f, r));
                    Assert.Equal(expected[f * t.Regions + r], sparse.Of(f, r));
                    if (expected[f * t.Regions + r] != 0) listed.Add(r);
                }
                Assert.Equal(listed, sparse.RegionsOf(f).ToArray());
                Assert.Equal(listed, dense.RegionsOf(f).ToArray());
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_shape_picks_the_layout()
    {
        Assert.True(new ObjectiveTable(200, 10_000, []).Dense); // 2,000,000 slots, under 2^21
        Assert.False(new ObjectiveTable(200, 100_000, []).Dense);
    }
}
