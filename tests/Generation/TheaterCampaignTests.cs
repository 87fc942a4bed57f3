using ConflictSim.Generation;

namespace ConflictSim.Tests.Generation;

/// <summary>
/// Issue 15: generated theaters carry sea lanes, patrons, events and an insurgency, and each of them does work in
/// a run (events fire, sea lanes carry supply, patrons add fire and supply, cells live and are struck, residents
/// rise). Each claim is checked against a variant of the same theater without the feature, so it can fail.
/// </summary>
public class TheaterCampaignTests
{
    private static ScenarioSpec Spec(int regions = 1000, int factions = 10, ulong seed = 1, bool plain = false) =>
        TheaterGeneratorTests.Spec(regions, factions, seed, plain: plain);

    private static Simulation Run(ScenarioSpec spec, int days, CombatMode mode = CombatMode.Deterministic)
    {
        var sim = new Simulation(Scenario.Compile(spec), 1, new SimulationOptions { Days = 1000, Mode = mode });
        for (int d = 0; d < days; d++) sim.Step();
        return sim;
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(1000, 10)]
    [InlineData(10_000, 20)]
    public void Every_sea_zone_is_unheld_and_joins_at_least_two_ports_by_sea_lanes(int regions, int factions)
    {
        var sc = Scenario.Compile(Spec(regions, factions));

        int zones = 0;
        for (int r = 0; r < sc.RegionCount; r++)
        {
            if (sc.RegionTerrain[r] != Terrain.Sea) continue;
            zones++;
            Assert.Equal(-1, sc.InitialController[r]);
            int ports = 0;
            for (int a = sc.AdjStart[r]; a < sc.AdjStart[r + 1]; a++)
            {
                Assert.Equal(LinkKind.Sea, sc.LinkKinds[sc.AdjLink[a]]);
                if (sc.RegionTerrain[sc.AdjRegion[a]] != Terrain.Sea) ports++;
            }
            Assert.True(ports >= 2, $"{sc.RegionIds[r]} joins {ports} port(s)");
        }
        // One zone per twelve coast columns of the whole map: the sea grows with the coast, as √R.
        Assert.Equal(Math.Max(1, Theater.ColumnsFor(regions) / Theater.CoastColumnsPerZone), zones);
    }

    [Fact]
    public void Sea_lanes_carry_supply_to_ground_no_land_route_reaches()
    {
        var spec = Spec();
        var withoutSea = spec with
        {
            Links = spec.Links.Where(l => l.Kind != LinkKind.Sea).ToList(),
            Events = spec.Events.Where(e => e.Effects.All(x => x.Kind is not (EffectKind.Blockade or EffectKind.Lift))).ToList(),
        };

        var a = Run(spec, 1);
        var b = Run(withoutSea, 1);

        int onlyBySea = 0, onlyByLand = 0;
        var sc = a.Scenario;
        for (int f = 0; f < sc.FactionCount; f++)
            for (int r = 0; r < sc.RegionCount; r++)
            {
                if (sc.RegionTerrain[r] == Terrain.Sea) continue;
                int i = f * sc.RegionCount + r;
                if (a.State.Supplied[i] && !b.State.Supplied[i]) onlyBySea++;
                if (!a.State.Supplied[i] && b.State.Supplied[i]) onlyByLand++;
            }
        Assert.True(onlyBySea > 0, "no land region is supplied only across the sea");
        Assert.Equal(0, onlyByLand); // a lane only ever adds a route
    }

    [Fact]
    public void A_blockade_closes_its_lane_to_the_navys_enemies_until_it_is_lifted()
    {
        var spec = Spec();
        var blockade = spec.Events.First(e => e.Effects[0].Kind == EffectKind.Blockade);
        var fx = blockade.Effects[0];
        var lift = spec.Events.FirstOrDefault(e => e.Effects[0].Kind == EffectKind.Lift && e.Effects[0].Link == fx.Link);
        var sim = Run(spec, blockade.Day + 1);
        var sc = sim.Scenario;
        int link = sc.LinkBetween(sc.RegionIndex(fx.Link!.Split('-')[0]), sc.RegionIndex(fx.Link.Split('-')[1]));
        int navy = sc.FactionIndex(fx.Faction!);

        Assert.Equal(LinkKind.Sea, sc.LinkKinds[link]);
        Assert.Equal(navy, sim.State.Blockade[link]);
        int closedFor = 0;
        for (int f = 0; f < sc.FactionCount; f++)
            if (!sim.World.LinkOpenFor(link, f)) { closedFor++; Assert.True(sim.World.Hostile(f, navy)); }
        Assert.True(closedFor > 0, "the blockade closes the lane to nobody");
        Assert.NotNull(lift);
        for (int d = blockade.Day + 1; d <= lift.Day; d++) sim.Step();
        Assert.Equal(-1, sim.State.Blockade[link]);
    }

    [Fact]
    public void Patrons_supply_their_clients_and_add_fire_in_their_battles()
    {
        var spec = Spec();
        Assert.Contains(spec.Patrons, p => p.AirSorties > 0);
        Assert.Contains(spec.Patrons, p => p.Artillery > 0);
        Assert.Contains(spec.Patrons, p => p.Supply > 0);
        Assert.Contains(spec.Patrons, p => p.StrikesPerMonth > 0);
        var unsupplied = spec with { Patrons = spec.Patrons.Select(p => p with { Supply = 0 }).ToList() };
        var harmless = spec with { Patrons = spec.Patrons.Select(p => p with { Lethality = 0 }).ToList() };

        // Supply: on day 1 each client's stock is larger by exactly its patrons' deliveries (stocks are ample).
        var a = Run(spec, 1);
        var b = Run(unsupplied, 1);
        var sc = a.Scenario;
        foreach (var p in spec.Patrons.Where(p => p.Supply > 0))
        {
            int client = sc.FactionIndex(p.Client);
            double delivered = spec.Patrons.Where(q => q.Client == p.Client).Sum(q => q.Supply);
            Assert.Equal(delivered, a.State.Stock[client] - b.State.Stock[client], 6);
        }

        // Fire: in deterministic mode, the clients' enemies lose more with their patrons' sorties and guns than without.
        var fire = Run(spec, 10);
        var none = Run(harmless, 10);
        double killedWith = 0, killedWithout = 0;
        for (int f = 0; f < sc.FactionCount; f++) { killedWith += fire.State.Killed[f]; killedWithout += none.State.Killed[f]; }
        Assert.True(killedWith > killedWithout, $"killed {killedWith} with patrons' fire, {killedWithout} without");
    }

    [Fact]
    public void Cells_start_underground_recruit_and_are_struck_by_a_patron()
    {
        var spec = Spec();
        var insurgents = spec.Factions.Where(f => f.Insurgency is not null).ToList();
        Assert.Single(insurgents); // about one faction in ten
        var unstruck = spec with
        {
            Patrons = spec.Patrons.Select(p => p with { StrikesPerMonth = 0 }).ToList(),
            Events = spec.Events.Where(e => e.Effects[0].Kind != EffectKind.Strikes).ToList(),
        };

        var start = new Simulation(Scenario.Compile(spec), 1);
        var struck = Run(spec, 60);
        var spared = Run(unstruck, 60);
        int f = struck.Scenario.FactionIndex(insurgents[0].Id);

        Assert.True(start.State.CellsOf(f) > 0, "no cells at the start");
        Assert.True(struck.State.Recruited[f] > 0, "the cells never grew");
        Assert.True(struck.State.CellsOf(f) < spared.State.CellsOf(f),
            $"strikes left {struck.State.CellsOf(f)} cells, as many as without them ({spared.State.CellsOf(f)})");
    }

    [Fact]
    public void Events_of_every_kind_fire_over_the_run()
    {
        var spec = Spec();
        var kinds = spec.Events.Select(e => e.Effects[0].Kind).ToHashSet();
        foreach (var kind in new[] { EffectKind.Reinforce, EffectKind.Relation, EffectKind.Cohesion, EffectKind.Morale, EffectKind.Income,
                     EffectKind.Supply, EffectKind.Betrayal, EffectKind.Legitimacy, EffectKind.Disperse, EffectKind.Blockade, EffectKind.Lift,
                     EffectKind.Patron, EffectKind.Strikes })
            Assert.Contains(kind, kinds);
        Assert.True(spec.Events.Select(e => e.Day).Distinct().Count() > spec.Events.Count / 2, "events bunch on a few days");
        Assert.All(spec.Events, e => Assert.InRange(e.Day, 1, spec.Days));

        var sim = Run(spec, spec.Days);
        var sc = sim.Scenario;
        double reinforced = 0, scheduled = 0;
        for (int f = 0; f < sc.FactionCount; f++) reinforced += sim.State.Reinforced[f];
        foreach (var e in spec.Events) if (e.Effects[0].Kind == EffectKind.Reinforce) scheduled += e.Effects[0].Amount;
        Assert.Equal(scheduled, reinforced);
        foreach (var e in spec.Events.Where(e => e.Effects[0].Kind == EffectKind.Legitimacy))
            Assert.True(sim.State.Legitimacy[sc.FactionIndex(e.Effects[0].Faction!)] < 1);
        double risen = 0;
        for (int f = 0; f < sc.FactionCount; f++) risen += sim.State.Risen[f];
        Assert.True(risen > 0, "harsh rule raised nobody");
        var defectors = spec.Factions.Where(f => f.Doctrine.DefectTo is not null).ToList();
        Assert.NotEmpty(defectors);
        Assert.True(defectors.Sum(f => sim.State.DefectedOut[sc.FactionIndex(f.Id)]) > 0, "no demoralised fighter defected");
    }

    [Fact]
    public void A_plain_theater_has_no_sea_patrons_events_or_cells_and_the_same_land()
    {
        var plain = Spec(plain: true);
        var full = Spec();

        Assert.Empty(plain.Patrons);
        Assert.Empty(plain.Events);
        Assert.DoesNotContain(plain.Factions, f => f.Insurgency is not null);
        Assert.DoesNotContain(plain.Regions, r => r.Terrain == Terrain.Sea);
        Assert.Equal(1000, plain.Regions.Count);
        Assert.Equal(1000, full.Regions.Count); // the sea zones are counted in --regions
        Assert.NotEmpty(full.Events);

        // The sea and the campaign are drawn last from streams of their own: the land is the plain theater's of R − zones regions.
        var land = full.Regions.Where(r => r.Terrain != Terrain.Sea).ToList();
        var same = Spec(land.Count, 10, plain: true);
        Assert.Equal(same.Regions.Select(r => (r.Id, r.Lat, r.Lon, r.Terrain, r.Controller, r.Population)),
            land.Select(r => (r.Id, r.Lat, r.Lon, r.Terrain, r.Controller, r.Population)));
        Assert.Equal(same.Factions.Select(f => f.Forces.Sum(x => x.Value)), full.Factions.Select(f => f.Forces.Sum(x => x.Value)));
    }
}
