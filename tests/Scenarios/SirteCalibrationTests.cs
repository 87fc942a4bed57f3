using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// sirte-2016 against what the articles report, averaged over seeds. Bands are wide on purpose: they catch a
/// model change that breaks the calibration, not the last decimal (the figures are in scenarios/README.md).
/// </summary>
public class SirteCalibrationTests
{
    /// <summary>
    /// 200, not 60: port_day is bimodal (a quarter of runs take the port on day 16, the rest weeks later), so a
    /// 60-seed median jumps between the modes with the draws (18 on this engine's per-faction streams, 26 over 1,000
    /// runs, 28 on the old streams over 1,000).
    /// </summary>
    private const int Seeds = 200;
    private static readonly Lazy<Dictionary<string, List<double?>>> Outcomes = new(RunMany);

    private static Dictionary<string, List<double?>> RunMany()
    {
        var runs = SeedRuns.Outcomes(SeedRuns.Load("sirte-2016.yaml"), Seeds);
        return runs[0].Keys.ToDictionary(id => id, id => runs.Select(r => r[id]).ToList());
    }

    private static double Mean(string outcome) => Outcomes.Value[outcome].Where(v => v is not null).Average(v => v!.Value);
    private static double Share(string outcome) => Outcomes.Value[outcome].Count(v => v is not null) / (double)Seeds;

    [Fact]
    public void The_advance_reaches_30_km_from_Sirte_within_weeks_at_about_the_reported_cost()
    {
        // 000: "advancing to within 30km Sirte ... cost 72 lives ... and over 150 injured" (late May / early June).
        Assert.Equal(1.0, Share("approach_day"));
        Assert.InRange(Mean("approach_day"), 10, 35);
        Assert.InRange(Mean("gna_killed_at_approach"), 40, 110);
        // "over 150" has no upper bound; issue 13's recalibration under observed information (ISIS fire 0.023) puts the
        // mean near 290, the top of the approach_wounded target's 90% interval (scenarios/README.md, "Targets").
        Assert.InRange(Mean("gna_wounded_at_approach"), 80, 350);
    }

    [Fact]
    public void The_port_is_held_and_the_city_cut_off_by_about_early_July()
    {
        // 002 (~10 July, day 59): the port is held by Bunyan Marsus, ISIS tries to break out of its encirclement.
        var port = Outcomes.Value["port_day"].Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        var encircled = Outcomes.Value["encircled_day"].Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        Assert.InRange(port[port.Count / 2], 20, 70);
        // Under observed information (issue 13) the encirclement comes about three weeks after 002's 10 July: a known
        // miss (scenarios/README.md, "Targets"), held here so it does not drift further.
        Assert.InRange(encircled[encircled.Count / 2], 20, 100);
    }

    [Fact]
    public void Sirte_usually_falls_and_not_before_autumn()
    {
        // 001: ISIS lost Sirte in December 2016 (days 203-233 from the 12 May start).
        Assert.InRange(Share("sirte_fall_day"), 0.5, 1.0);
        Assert.InRange(Mean("sirte_fall_day"), 150, 235);
    }

    [Fact]
    public void Some_ISIS_fighters_escape_the_pocket_by_dispersing_or_defecting()
    {
        // 002: leaders may have evacuated, fighters tried to defect south, ISIS may have "dispersed".
        Assert.True(Mean("isis_dispersed") > 0);
        Assert.True(Mean("isis_defected") > 0);
        Assert.True(Mean("isis_killed") > Mean("isis_dispersed") + Mean("isis_defected"), "most ISIS losses are dead, not escaped");
    }
}
