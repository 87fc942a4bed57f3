using ConflictSim.Decisions;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Orders from a human player and from the scenario's script.</summary>
public class OrderSourceTests
{
    private static ScenarioSpec HumanBlue()
    {
        var spec = TestScenarios.Front();
        var factions = spec.Factions.ToArray();
        factions[0] = factions[0] with { Orders = OrderSourceKind.Human };
        return spec with { Factions = factions };
    }

    [Fact]
    public void A_human_order_moves_fighters_along_a_link()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), from = sc.RegionIndex("base"), to = sc.RegionIndex("town");
        Assert.Null(sim.HumanOrders(blue).Submit(sim.World, new Order(blue, from, to, 400)));
        sim.Step(); // departs
        Assert.Equal(1100, sim.State.Fighters[sc.Force(blue, from)]);
        sim.Step(); // arrives after the one-day link
        Assert.True(sim.State.Fighters[sc.Force(blue, to)] >= 400 + 500 - 100, "reinforcement arrived (less any losses)");
    }

    [Fact]
    public void A_human_gets_a_reason_for_an_impossible_order()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue");
        var source = sim.HumanOrders(blue);
        Assert.Contains("not linked", source.Submit(sim.World, new Order(blue, sc.RegionIndex("base"), sc.RegionIndex("hills"), 10)));
        Assert.Contains("only 1500", source.Submit(sim.World, new Order(blue, sc.RegionIndex("base"), sc.RegionIndex("town"), 5000)));
        Assert.Contains("open sea", source.Submit(sim.World, new Order(blue, sc.RegionIndex("base"), sc.RegionIndex("sea"), 10)));
        Assert.Empty(source.Pending);
    }

    [Fact]
    public void One_player_can_command_two_factions_without_losing_either_factions_orders()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front() with { Phases = ["decisions", "movement"] }), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), green = sc.FactionIndex("green");
        var player = new HumanOrderSource();
        sim.UseOrderSource(blue, player);
        sim.UseOrderSource(green, player);
        Assert.Null(player.Submit(sim.World, new Order(blue, sc.RegionIndex("base"), sc.RegionIndex("town"), 100)));
        Assert.Null(player.Submit(sim.World, new Order(green, sc.RegionIndex("hills"), sc.RegionIndex("desert"), 50)));
        sim.Step();
        Assert.Equal(1400, sim.State.Fighters[sc.Force(blue, sc.RegionIndex("base"))]);
        Assert.Equal(50, sim.State.Fighters[sc.Force(green, sc.RegionIndex("hills"))]);
        Assert.Empty(player.Pending);
    }

    [Fact]
    public void An_order_for_a_faction_that_does_not_exist_is_refused()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        var sc = sim.Scenario;
        Assert.Contains("no such faction", sim.HumanOrders(0).Submit(sim.World, new Order(99, sc.RegionIndex("base"), sc.RegionIndex("town"), 10)));
    }

    [Fact]
    public void Without_orders_a_human_faction_holds_still()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue() with { Phases = ["decisions", "movement"] }), 1);
        var before = (double[])sim.State.Fighters.Clone();
        for (int i = 0; i < 5; i++) sim.Step();
        int blue = sim.Scenario.FactionIndex("blue"), r = sim.Scenario.RegionCount;
        for (int i = 0; i < r; i++) Assert.Equal(before[blue * r + i], sim.State.Fighters[blue * r + i]);
    }

    [Fact]
    public void Scripted_orders_are_issued_on_their_day()
    {
        var spec = TestScenarios.Front();
        var factions = spec.Factions.ToArray();
        factions[0] = factions[0] with { Orders = OrderSourceKind.Scripted };
        spec = spec with
        {
            Factions = factions,
            Phases = ["decisions", "movement"],
            Orders = [new OrderSpec { Day = 3, Faction = "blue", From = "base", To = "town", Fraction = 0.5 }],
        };
        var sim = new Simulation(Scenario.Compile(spec), 1);
        var sc = sim.Scenario;
        int baseForce = sc.Force(sc.FactionIndex("blue"), sc.RegionIndex("base"));
        for (int i = 0; i < 3; i++) sim.Step();
        Assert.Equal(1500, sim.State.Fighters[baseForce]);
        sim.Step();
        Assert.Equal(750, sim.State.Fighters[baseForce]);
    }

    [Fact]
    public void Any_faction_can_be_handed_a_new_order_source_mid_game()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front()), 1);
        int blue = sim.Scenario.FactionIndex("blue");
        for (int i = 0; i < 3; i++) sim.Step();
        var human = new HumanOrderSource();
        sim.UseOrderSource(blue, human);
        Assert.Same(human, sim.World.OrderSources[blue]);
    }
}
