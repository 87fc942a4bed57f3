using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Samples;

/// <summary>Sample: take command of one faction, give it orders, and hear why a bad one is refused.</summary>
public class PlayAFaction
{
    [Fact]
    public void Command_bunyan_marsus_for_a_week()
    {
        var game = new Session(Scenario.Compile(SeedRuns.Load("sirte-2016.yaml")), seed: 1);
        game.Command("bunyan_marsus", OrderSourceKind.Human); // the other factions stay with the AI

        var refused = game.Submit("bunyan_marsus", "misrata", "ouagadougou", 500);
        Assert.Equal(OrderStatus.NotLinked, refused.Status); // refused.Message says which regions, in words

        var sc = game.Scenario;
        int from = sc.RegionIndex("misrata");
        string to = sc.RegionIds[sc.AdjRegion[sc.AdjStart[from]]]; // the first road out of Misrata
        Assert.True(game.Submit("bunyan_marsus", "misrata", to, 500).IsAccepted);

        game.Advance(7); // one turn; the order goes out on its first day
        Assert.Equal(0, game.PendingOrders.Length);
        Assert.Contains(game.Log, e => e.Kind == "order");
    }
}
