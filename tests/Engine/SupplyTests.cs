using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Supply paths, encirclement and naval blockade.</summary>
public class SupplyTests
{
    private static Simulation SupplyOnly(params string[] phases) =>
        new(Scenario.Compile(TestScenarios.Front() with { Phases = phases.Length > 0 ? phases : ["supply"] }), 1);

    private static bool Supplied(Simulation sim, string faction, string region) =>
        sim.State.Supplied[sim.Scenario.Force(sim.Scenario.FactionIndex(faction), sim.Scenario.RegionIndex(region))];

    [Fact]
    public void A_city_with_open_roads_and_sea_is_supplied()
    {
        var sim = SupplyOnly();
        sim.Step();
        Assert.True(Supplied(sim, "red", "centre"));
        Assert.True(Supplied(sim, "red", "gate"));
    }

    [Fact]
    public void Taking_the_desert_and_blockading_the_harbour_encircles_the_city()
    {
        var sim = SupplyOnly();
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue");
        sim.State.Controller[sc.RegionIndex("desert")] = blue;
        sim.Step();
        Assert.True(Supplied(sim, "red", "centre"), "the sea lane still supplies the city");

        sim.State.Blockade[sc.LinkIndex("harbour-sea")] = blue;
        sim.Step();
        Assert.False(Supplied(sim, "red", "centre"));
        Assert.False(Supplied(sim, "red", "harbour"));
        Assert.True(Supplied(sim, "blue", "town"));
    }

    [Fact]
    public void A_blockade_does_not_close_the_sea_to_the_blockaders_friends()
    {
        var sim = SupplyOnly();
        var sc = sim.Scenario;
        sim.State.Blockade[sc.LinkIndex("harbour-sea")] = sc.FactionIndex("red");
        Assert.True(sim.World.LinkOpenFor(sc.LinkIndex("harbour-sea"), sc.FactionIndex("red")));
        Assert.True(sim.World.LinkOpenFor(sc.LinkIndex("harbour-sea"), sc.FactionIndex("green")));
        Assert.False(sim.World.LinkOpenFor(sc.LinkIndex("harbour-sea"), sc.FactionIndex("blue")));
    }

    [Fact]
    public void A_cut_off_force_runs_down_its_supply_then_loses_morale()
    {
        var sim = SupplyOnly("supply", "morale");
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), red = sc.FactionIndex("red");
        sim.State.Controller[sc.RegionIndex("desert")] = blue;
        sim.State.Blockade[sc.LinkIndex("harbour-sea")] = blue;
        int centre = sc.Force(red, sc.RegionIndex("centre"));
        double carried = sc.SupplyCapacity[red];
        for (int day = 0; day < carried; day++) sim.Step();
        Assert.Equal(0, sim.State.SupplyDays[centre]);
        double morale = sim.State.Morale[centre];
        for (int day = 0; day < 10; day++) sim.Step();
        Assert.True(sim.State.Morale[centre] < morale - 0.1, $"morale {sim.State.Morale[centre]} should fall from {morale}");
    }
}
