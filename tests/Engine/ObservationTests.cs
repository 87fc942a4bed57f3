using ConflictSim.Decisions;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>What a faction sees: its own forces exactly, others as bands where it observes, cells never.</summary>
public class ObservationTests
{
    [Theory]
    [InlineData(1, 1, 25)]
    [InlineData(24, 1, 25)]
    [InlineData(25, 25, 50)]
    [InlineData(199, 100, 200)]
    [InlineData(200, 200, 400)]
    [InlineData(399, 200, 400)]
    [InlineData(400, 400, 800)]
    [InlineData(1e6, 819200, 1638400)]
    public void Strength_bands_double(double fighters, double low, double high)
    {
        Assert.Equal((low, high), StrengthBand.Of(fighters));
        Assert.Equal(Math.Sqrt(low * high), StrengthBand.Estimate(fighters));
    }

    [Fact]
    public void A_faction_sees_itself_exactly_and_others_only_in_observed_regions_as_bands()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front()), 1);
        var sc = sim.Scenario;
        int blue = sc.FactionIndex("blue"), green = sc.FactionIndex("green");
        var seen = sim.Observe(blue);
        // Blue holds base and town; it sees them and their neighbours (gate, desert, sea), not centre, harbour or hills.
        foreach (var (region, expected) in new[] { ("base", true), ("town", true), ("gate", true), ("desert", true), ("centre", false), ("harbour", false), ("hills", false) })
            Assert.Equal(expected, seen.Observed[sc.RegionIndex(region)]);
        Assert.Contains(seen.Forces, f => f.Faction == blue && f.Exact && f.Low == 1500 && f.Morale is not null);
        var gate = Assert.Single(seen.Forces, f => f.Region == sc.RegionIndex("gate"));
        Assert.Equal((200.0, 400.0), (gate.Low, gate.High)); // red's 300 at the gate, as a band
        Assert.Null(gate.Morale);
        Assert.DoesNotContain(seen.Forces, f => f.Faction == green); // green's 100 in the hills are out of sight
        Assert.DoesNotContain(seen.Forces, f => f.Region == sc.RegionIndex("centre"));
        Assert.Equal(sim.View.TrustBetween(blue, green), seen.Trust[green]);
    }

    [Fact]
    public void Underground_cells_are_never_seen()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Underground(cells: 100, gnaAtCrossroads: 200)), 1);
        int isis = sim.Scenario.FactionIndex("isis"), gna = sim.Scenario.FactionIndex("gna");
        Assert.True(sim.View.CellsOf(isis) > 0);
        Assert.DoesNotContain(sim.Observe(gna).Forces, f => f.Faction == isis);
    }

    [Fact]
    public void The_ai_judges_enemies_from_what_it_observes_unless_it_has_perfect_information()
    {
        double Seen(InformationMode information, string region)
        {
            var spec = TestScenarios.Front();
            var sim = new Simulation(Scenario.Compile(spec with { Settings = spec.Settings with { Information = information } }), 1);
            sim.World.Presence.Take(sim.State);
            return UtilityAi.ComputeEnemyStrength(sim.World, sim.Scenario.FactionIndex("blue"), sim.Scenario.RegionIndex(region));
        }
        // Red (quality 1.2, starting morale 0.85, morale weight 0.5): 300 at the gate, 500 in the centre.
        double reputed = 1.2 * (0.5 + 0.5 * 0.85);
        Assert.Equal(Math.Sqrt(200 * 400) * reputed, Seen(InformationMode.Observed, "gate"), 9); // next to blue's town: a band
        Assert.Equal(0, Seen(InformationMode.Observed, "centre"));                               // out of sight
        Assert.Equal(300 * reputed, Seen(InformationMode.Perfect, "gate"), 9);
        Assert.Equal(500 * reputed, Seen(InformationMode.Perfect, "centre"), 9);
    }
}
