using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// derna-2015 moves the way articles 004 and 003 say when its levers are turned: ISIS's legitimacy, the
/// killing of the commanders, and the refusal to let the Fatayah pocket leave by sea. Arms share seeds 1..Seeds
/// (common random numbers), so comparisons are paired; each asserts a direction with a margin, not a level
/// (levels are in scenarios/README.md, "Calibration: derna-2015").
/// </summary>
public class DernaDirectionTests
{
    private const int Seeds = 100;

    private static readonly ScenarioSpec Spec = SeedRuns.Load("derna-2015.yaml");

    private static List<Dictionary<string, double?>> Runs(ScenarioSpec spec) => SeedRuns.Outcomes(spec, Seeds);

    private static readonly Lazy<List<Dictionary<string, double?>>> Shipped = new(() => Runs(Spec));

    /// <summary>Mean over seeds; a first-day outcome that never fires counts as the run's length (it did not happen in time).</summary>
    private static double Mean(List<Dictionary<string, double?>> runs, string id) => runs.Average(r => r[id] ?? Spec.Days);

    private static ScenarioSpec WithIsisLegitimacy(double legitimacy) => Spec with
    {
        Factions = Spec.Factions.Select(f => f.Id == "isis" ? f with { Legitimacy = legitimacy } : f).ToList(),
    };

    private static ScenarioSpec WithoutEvent(string id)
    {
        Assert.Contains(Spec.Events, e => e.Id == id);
        return Spec with { Events = Spec.Events.Where(e => e.Id != id).ToList() };
    }

    [Fact]
    public void Derna_cites_the_articles_it_is_built_from()
    {
        var sources = ScenarioLoader.ReadCitations(File.ReadAllText(Repository.Scenario("derna-2015.yaml")))
            .Select(c => c.Source).ToHashSet();
        Assert.Contains("004_2181f8d535f78e9e.txt", sources);
        Assert.Contains("003_6068cf003668bb43.txt", sources);
    }

    [Fact]
    public void A_more_legitimate_isis_faces_a_smaller_uprising()
    {
        // Shipped: 0.9 before the killings, 0.4 after. A less hated ISIS (1.0, then 0.5) angers fewer residents.
        var moreLegitimate = Runs(WithIsisLegitimacy(1.0));
        double shipped = Mean(Shipped.Value, "uprising"), higher = Mean(moreLegitimate, "uprising");
        Assert.True(shipped - higher > 50, $"uprising {shipped:0} at legitimacy 0.9, {higher:0} at 1.0");
        Assert.True(Mean(moreLegitimate, "peak_active") < Mean(Shipped.Value, "peak_active"));
    }

    [Fact]
    public void Without_the_killings_the_town_is_not_lost()
    {
        var noKillings = Runs(WithoutEvent("commanders_killed"));
        Assert.All(noKillings, r => Assert.Null(r["town_lost_day"]));
        Assert.Equal(0, Mean(noKillings, "uprising"));
        Assert.True(Mean(Shipped.Value, "town_lost_day") < 10, $"town lost on day {Mean(Shipped.Value, "town_lost_day"):0.0}");
    }

    [Fact]
    public void Without_the_residents_anger_the_town_falls_much_later()
    {
        // The killings still turn the DMSC against ISIS (betrayal), but ISIS keeps its legitimacy: no resident rises.
        var spec = Spec with
        {
            Events = Spec.Events.Select(e => e.Id != "commanders_killed" ? e
                : e with { Effects = e.Effects.Where(x => x.Kind != EffectKind.Legitimacy).ToList() }).ToList(),
        };
        var calm = Runs(spec);
        Assert.Equal(0, Mean(calm, "uprising"));
        double shipped = Mean(Shipped.Value, "town_lost_day"), without = Mean(calm, "town_lost_day");
        Assert.True(without > 2 * shipped, $"town lost on day {shipped:0.0} with the uprising, {without:0.0} without");
    }

    [Fact]
    public void Closing_the_sea_lane_is_what_breaks_the_fatayah_pocket()
    {
        var open = Runs(WithoutEvent("sea_exit_refused"));
        int fellShipped = Shipped.Value.Count(r => r["fatayah_fall_day"] is not null);
        int fellOpen = open.Count(r => r["fatayah_fall_day"] is not null);
        Assert.True(fellShipped > Seeds * 8 / 10, $"the hills fell in {fellShipped} of {Seeds} runs");
        Assert.True(fellOpen < Seeds / 10, $"the hills fell in {fellOpen} of {Seeds} runs with the sea lane open");
        // Once the hills are lost the survivors go underground: more cells than when ISIS keeps its pocket.
        Assert.True(Mean(Shipped.Value, "isis_cells") > Mean(open, "isis_cells") + 100);
    }
}
