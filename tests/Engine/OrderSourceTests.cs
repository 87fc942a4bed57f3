using ConflictSim.Decisions;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Orders from a human player and from the scenario's script; every refusal has its code.</summary>
public class OrderSourceTests
{
    private static ScenarioSpec HumanBlue()
    {
        var spec = TestScenarios.Front();
        var factions = spec.Factions.ToArray();
        factions[0] = factions[0] with { Orders = OrderSourceKind.Human };
        return spec with { Factions = factions };
    }

    private static Order Move(Simulation sim, string faction, string from, string to, double fighters)
    {
        var sc = sim.Scenario;
        return new Order(sc.FactionIndex(faction), sc.RegionIndex(from), sc.RegionIndex(to), fighters);
    }

    [Fact]
    public void A_human_order_moves_fighters_along_a_link()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), from = sc.RegionIndex("base"), to = sc.RegionIndex("town");
        Assert.Equal(OrderResult.Accepted, sim.Submit(new Order(blue, from, to, 400)));
        sim.Step(); // departs
        Assert.Equal(1100, sim.View.Fighters[sc.Force(blue, from)]);
        sim.Step(); // arrives after the one-day link
        Assert.True(sim.View.Fighters[sc.Force(blue, to)] >= 400 + 500 - 100, "reinforcement arrived (less any losses)");
    }

    [Fact]
    public void Every_order_that_could_not_run_is_refused_with_its_code()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        Assert.Equal(OrderStatus.NotLinked, sim.Submit(Move(sim, "blue", "base", "hills", 10)).Status);
        Assert.Equal(OrderStatus.TooManyFighters, sim.Submit(Move(sim, "blue", "base", "town", 5000)).Status);
        Assert.Equal(OrderStatus.OpenSea, sim.Submit(Move(sim, "blue", "base", "sea", 10)).Status);
        Assert.Equal(OrderStatus.NoFighters, sim.Submit(Move(sim, "blue", "base", "town", 0)).Status);
        Assert.Equal(OrderStatus.NoFighters, sim.Submit(Move(sim, "blue", "base", "town", double.NaN)).Status);
        Assert.Equal(OrderStatus.NotCommanded, sim.Submit(Move(sim, "red", "gate", "town", 10)).Status);
        Assert.Equal(OrderStatus.UnknownFaction, sim.Submit(new Order(99, 0, 1, 10)).Status);
        Assert.Equal(OrderStatus.UnknownRegion, sim.Submit(new Order(0, 0, 99, 10)).Status);
        Assert.Contains("only 1500", sim.Submit(Move(sim, "blue", "base", "town", 5000)).Message);
        Assert.Equal(0, sim.PendingOrders.Length);
    }

    [Fact]
    public void Fighters_already_ordered_elsewhere_cannot_be_ordered_again()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        Assert.True(sim.Submit(Move(sim, "blue", "base", "town", 1000)).IsAccepted);
        var second = sim.Submit(Move(sim, "blue", "base", "town", 600));
        Assert.Equal(OrderStatus.TooManyFighters, second.Status);
        Assert.Contains("only 500", second.Message);
        Assert.True(sim.Submit(Move(sim, "blue", "base", "town", 500)).IsAccepted);
    }

    [Fact]
    public void An_order_over_a_blockaded_link_is_refused()
    {
        var spec = HumanBlue();
        var factions = spec.Factions.ToArray();
        factions[1] = factions[1] with { Orders = OrderSourceKind.Human };
        // The lane leads to coast rather than open water, so the blockade is the only thing in the way.
        var closed = Scenario.Compile(spec with
        {
            Factions = factions,
            Regions = [.. spec.Regions.Select(r => r.Id == "sea" ? r with { Terrain = Terrain.Coast } : r)],
            Phases = ["events"],
        });
        var sim2 = new Simulation(closed, 1);
        for (int d = 0; d <= 10; d++) sim2.Step();
        var result = sim2.Submit(Move(sim2, "red", "harbour", "sea", 10));
        Assert.Equal(OrderStatus.LinkClosed, result.Status);
        Assert.Contains("blockaded by blue", result.Message);
    }

    [Fact]
    public void A_splinter_that_has_not_formed_takes_no_orders()
    {
        var spec = HumanBlue();
        var factions = spec.Factions.ToArray();
        factions[0] = factions[0] with { Splinter = new SplinterSpec { Name = "Blue split", Below = 0.1, Share = 0.3 } };
        var sim = new Simulation(Scenario.Compile(spec with { Factions = factions }), 1);
        int slot = sim.Scenario.FactionIndex(Scenario.SplinterId("blue"));
        sim.Command(slot, OrderSourceKind.Human);
        var result = sim.Submit(new Order(slot, sim.Scenario.RegionIndex("base"), sim.Scenario.RegionIndex("town"), 1));
        Assert.Equal(OrderStatus.FactionInactive, result.Status);
    }

    [Fact]
    public void One_player_can_command_two_factions_without_losing_either_factions_orders()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front() with { Phases = ["decisions", "movement"] }), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), green = sc.FactionIndex("green");
        sim.Command(blue, OrderSourceKind.Human);
        sim.Command(green, OrderSourceKind.Human);
        Assert.True(sim.Submit(Move(sim, "blue", "base", "town", 100)).IsAccepted);
        Assert.True(sim.Submit(Move(sim, "green", "hills", "desert", 50)).IsAccepted);
        sim.Step();
        Assert.Equal(1400, sim.View.Fighters[sc.Force(blue, sc.RegionIndex("base"))]);
        Assert.Equal(50, sim.View.Fighters[sc.Force(green, sc.RegionIndex("hills"))]);
        Assert.Equal(0, sim.PendingOrders.Length);
    }

    [Fact]
    public void Without_orders_a_human_faction_holds_still()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue() with { Phases = ["decisions", "movement"] }), 1);
        var before = sim.View.Fighters.ToArray();
        for (int i = 0; i < 5; i++) sim.Step();
        int blue = sim.Scenario.FactionIndex("blue"), r = sim.Scenario.RegionCount;
        for (int i = 0; i < r; i++) Assert.Equal(before[blue * r + i], sim.View.Fighters[blue * r + i]);
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
        Assert.Equal(1500, sim.View.Fighters[baseForce]);
        sim.Step();
        Assert.Equal(750, sim.View.Fighters[baseForce]);
    }

    [Fact]
    public void Handing_a_faction_back_to_the_ai_drops_its_queued_orders()
    {
        var sim = new Simulation(Scenario.Compile(HumanBlue()), 1);
        int blue = sim.Scenario.FactionIndex("blue");
        Assert.True(sim.Submit(Move(sim, "blue", "base", "town", 100)).IsAccepted);
        sim.Command(blue, OrderSourceKind.Ai);
        Assert.Equal(OrderSourceKind.Ai, sim.CommanderOf(blue));
        Assert.Equal(0, sim.PendingOrders.Length);
    }
}
