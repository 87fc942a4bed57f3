using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// libya-2016 moves the way the articles say when its key levers are turned. Arms share seeds (common random
/// numbers), so the comparison is paired; each asserts a direction with a margin, not a point value.
/// </summary>
public class LibyaDirectionTests
{
    private const int Seeds = 150;

    private static readonly ScenarioSpec Spec = SeedRuns.Load("libya-2016.yaml");

    private static ScenarioSpec Without(string eventId) => Spec with { Events = Spec.Events.Where(e => e.Id != eventId).ToList() };

    private static List<Dictionary<string, double?>> Runs(ScenarioSpec spec) => SeedRuns.Outcomes(spec, Seeds);

    private static readonly Lazy<List<Dictionary<string, double?>>> WithLeak = new(() => Runs(Spec));
    private static readonly Lazy<List<Dictionary<string, double?>>> NoLeak = new(() => Runs(Without("leak")));

    private static double Mean(List<Dictionary<string, double?>> runs, string id) => runs.Average(r => r[id] ?? 0);

    [Fact]
    public void Without_the_leak_the_gna_camp_fragments_less_often()
    {
        double with = Mean(WithLeak.Value, "gna_camp_fragmented"), without = Mean(NoLeak.Value, "gna_camp_fragmented");
        Assert.True(with - without > 0.05, $"fragmented with the leak {with:0.000}, without {without:0.000}");
        Assert.True(Mean(WithLeak.Value, "gna_camp_largest_share") < Mean(NoLeak.Value, "gna_camp_largest_share"));
    }

    [Fact]
    public void Both_futures_of_article_000_occur()
    {
        var runs = WithLeak.Value.Concat(NoLeak.Value).ToList();
        int unified = runs.Count(r => r["unified_at_end"] == 1 && r["gna_camp_fragmented"] == 0 && r["lna_camp_fragmented"] == 0);
        int bothFragmented = runs.Count(r => r["gna_camp_fragmented"] == 1 && r["lna_camp_fragmented"] == 1);
        Assert.True(unified > 0, "no run ends with the GNA, Bunyan Marsus and the LNA in one bloc and neither camp fragmented");
        Assert.True(bothFragmented > 0, "no run ends with both camps fragmented");
    }

    [Fact]
    public void The_political_compromise_is_what_brings_the_lna_into_the_gna_bloc()
    {
        var noDeal = Runs(Without("political_compromise"));
        int with = WithLeak.Value.Count(r => r["unified"] is not null), without = noDeal.Count(r => r["unified"] is not null);
        Assert.True(with > Seeds / 10, $"unified in {with} of {Seeds} runs");
        Assert.True(without * 3 < with, $"unified in {without} runs without the compromise against {with} with it");
    }
}
