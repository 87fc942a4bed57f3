using ConflictSim.Generation;
using ConflictSim.Scenarios;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Generation;

/// <summary>Synthetic theaters (issue 5): valid, seeded, connected, with fronts that actually fight.</summary>
public class TheaterGeneratorTests
{
    private static Scenario Load(int regions, int factions, ulong seed = 1, double degree = TheaterParameters.DefaultDegree, bool plain = false) =>
        Scenario.Compile(Spec(regions, factions, seed, degree, plain));

    internal static ScenarioSpec Spec(int regions, int factions, ulong seed = 1, double degree = TheaterParameters.DefaultDegree, bool plain = false)
    {
        var p = new TheaterParameters { Regions = regions, Factions = factions, Seed = seed, MeanDegree = degree, Plain = plain };
        var result = ScenarioLoader.LoadText(TheaterGenerator.Generate(p), "generated.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors.Take(10)));
        return result.Spec!;
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(100, 5)]
    [InlineData(1000, 10)]
    [InlineData(1000, 200)]
    [InlineData(10_000, 50)]
    public void A_generated_theater_loads_without_errors(int regions, int factions)
    {
        var sc = Load(regions, factions);

        Assert.Equal(regions, sc.RegionCount);
        Assert.Equal(factions, sc.FactionCount);
        AssertConnected(sc);
        AssertEveryFactionHoldsGroundWithFighters(sc);
    }

    [Fact]
    public void The_same_seed_gives_the_same_text_and_another_seed_another()
    {
        var p = new TheaterParameters { Regions = 500, Factions = 7, Seed = 42 };

        string a = TheaterGenerator.Generate(p), b = TheaterGenerator.Generate(p with { });
        string c = TheaterGenerator.Generate(p with { Seed = 43 });

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Not only the header: the map itself differs.
        Assert.NotEqual(a[a.IndexOf("regions:", StringComparison.Ordinal)..], c[c.IndexOf("regions:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Writing_to_a_text_writer_gives_the_same_text_as_the_string()
    {
        var p = new TheaterParameters { Regions = 200, Factions = 4, Seed = 9 };
        var writer = new StringWriter { NewLine = "\n" };

        TheaterGenerator.Generate(p, writer);

        Assert.Equal(TheaterGenerator.Generate(p), writer.ToString());
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(4.0)]
    [InlineData(5.5)]
    public void The_mean_link_degree_is_the_one_asked_for(double degree)
    {
        // Land links over land regions: the sea's few zones and lanes come on top of the degree asked for.
        foreach (bool plain in new[] { true, false })
        {
            var sc = Load(2000, 10, degree: degree, plain: plain);
            int land = 0, landLinks = 0;
            for (int r = 0; r < sc.RegionCount; r++) if (sc.RegionTerrain[r] != Terrain.Sea) land++;
            for (int l = 0; l < sc.LinkCount; l++) if (sc.LinkKinds[l] != LinkKind.Sea) landLinks++;

            double mean = 2.0 * landLinks / land;
            Assert.InRange(mean, degree - 0.01, degree + 0.01);
            AssertConnected(sc);
        }
    }

    [Fact]
    public void Links_are_a_day_to_three_and_the_terrain_is_mixed()
    {
        var sc = Load(1000, 10);

        Assert.All(sc.LinkDays, d => Assert.InRange(d, 1, 3));
        foreach (var terrain in new[] { Terrain.Coast, Terrain.Desert, Terrain.Open, Terrain.Hills, Terrain.Urban, Terrain.Sea })
            Assert.Contains(terrain, sc.RegionTerrain);
        Assert.InRange(sc.CityCount, 2, 20);
        Assert.DoesNotContain(Terrain.Sea, Load(1000, 10, plain: true).RegionTerrain);
    }

    /// <summary>Forces are (faction, region) pairs with fighters: one per region at most, so O(R) whatever F is.</summary>
    [Theory]
    [InlineData(1000, 2)]
    [InlineData(1000, 200)]
    public void Forces_stay_proportional_to_regions_not_to_factions_times_regions(int regions, int factions)
    {
        var sc = Load(regions, factions);

        int forces = 0;
        for (int r = 0; r < sc.RegionCount; r++)
        {
            int here = 0;
            for (int f = 0; f < sc.FactionCount; f++) if (sc.InitialFightersAt(sc.Force(f, r)) > 0) here++;
            Assert.True(here <= 1, $"{here} factions in {sc.RegionIds[r]}");
            forces += here;
        }
        Assert.InRange(forces, regions / 4, regions);
    }

    [Fact]
    public void Coalitions_are_allied_within_and_hostile_across()
    {
        var sc = Load(1000, 20);
        var sim = new Simulation(sc, 1);
        int hostile = 0, allied = 0, neutralPairs = 0;
        for (int a = 0; a < sc.FactionCount; a++)
            for (int b = a + 1; b < sc.FactionCount; b++)
            {
                if (sim.World.Hostile(a, b)) hostile++;
                else if (sim.World.Allied(a, b)) allied++;
                else neutralPairs++;
            }
        Assert.True(hostile > 0 && allied > 0, $"hostile {hostile}, allied {allied}");
        Assert.True(neutralPairs > 0, "one faction in ten stands neutral");
        Assert.Equal(3, sc.CampCount);
    }

    [Theory]
    [InlineData(10, 2, 10)]
    [InlineData(100, 5, 5)]
    [InlineData(1000, 10, 5)]
    [InlineData(1000, 200, 5)]
    public void Fighting_starts_within_a_few_days(int regions, int factions, int days)
    {
        var sim = new Simulation(Load(regions, factions), 1, new SimulationOptions { Days = days });

        sim.Run();

        double lost = 0;
        for (int f = 0; f < sim.Scenario.FactionCount; f++) lost += sim.State.Killed[f] + sim.State.Wounded[f];
        Assert.True(lost > 0, $"nobody was hurt in {days} days");
    }

    [Theory]
    [InlineData(1000, 10, CombatMode.Stochastic)]
    [InlineData(1000, 10, CombatMode.Deterministic)]
    [InlineData(300, 50, CombatMode.Stochastic)]
    public void Steady_state_ticks_allocate_nothing(int regions, int factions, CombatMode mode)
    {
        var sim = new Simulation(Load(regions, factions), 1, new SimulationOptions { Days = 1000, Mode = mode });
        for (int i = 0; i < 30; i++) sim.Step(); // JIT, first-use paths, the opening moves

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 30; i++) sim.Step();
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Any_small_theater_loads_connected_with_every_faction_armed()
    {
        var gen =
            from regions in Gen.Choose(2, 400)
            from factions in Gen.Choose(2, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            from degree in Gen.Choose(20, 60)
            where factions <= regions
            select (regions, factions, (ulong)seed, degree / 10.0);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (regions, factions, seed, degree) = t;
            var sc = Load(regions, factions, seed, degree);
            AssertConnected(sc);
            AssertEveryFactionHoldsGroundWithFighters(sc);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40)); // each case parses YAML; 40 keep the suite quick
    }

    [Theory]
    [InlineData(1, 1, "--regions")]
    [InlineData(10, 1, "--factions")]
    [InlineData(10, 11, "more than --regions")]
    public void Bad_parameters_are_refused_before_anything_is_written(int regions, int factions, string expected)
    {
        var p = new TheaterParameters { Regions = regions, Factions = factions };
        var writer = new StringWriter();

        Assert.Contains(expected, p.Problem());
        Assert.Throws<ArgumentException>(() => TheaterGenerator.Generate(p, writer));
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void Every_number_is_marked_synthetic_and_the_header_names_the_command()
    {
        var p = new TheaterParameters { Regions = 50, Factions = 3, Seed = 5, MeanDegree = 4.5 };
        string text = TheaterGenerator.Generate(p);

        Assert.Contains("conflictsim generate --regions 50 --factions 3 --seed 5 --degree 4.5", text);
        Assert.Empty(ScenarioLoader.ReadCitations(text)); // nothing claims an article
        Assert.DoesNotContain("source:", text);
    }

    private static void AssertConnected(Scenario sc)
    {
        var seen = new bool[sc.RegionCount];
        var queue = new Queue<int>([0]);
        seen[0] = true;
        int reached = 1;
        while (queue.Count > 0)
        {
            int r = queue.Dequeue();
            for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++)
            {
                int n = sc.AdjRegion[a];
                if (seen[n]) continue;
                seen[n] = true;
                reached++;
                queue.Enqueue(n);
            }
        }
        Assert.Equal(sc.RegionCount, reached);
    }

    private static void AssertEveryFactionHoldsGroundWithFighters(Scenario sc)
    {
        var held = new int[sc.FactionCount];
        foreach (int c in sc.InitialController) if (c >= 0) held[c]++;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            double fighters = 0;
            for (int r = 0; r < sc.RegionCount; r++) fighters += sc.InitialFightersAt(sc.Force(f, r));
            Assert.True(held[f] > 0, $"{sc.FactionIds[f]} holds no ground");
            Assert.True(fighters > 0, $"{sc.FactionIds[f]} has no fighters");
            Assert.True(HasSource(sc, f), $"{sc.FactionIds[f]} has no supply source");
        }
    }

    private static bool HasSource(Scenario sc, int f)
    {
        for (int r = 0; r < sc.RegionCount; r++) if (sc.IsSupplySource[sc.Force(f, r)]) return true;
        return false;
    }
}
