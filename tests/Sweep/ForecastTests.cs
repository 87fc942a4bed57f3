using System.Globalization;
using System.Text;
using System.Text.Json;
using ConflictSim.Analysis;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sweep;

public class ForecastTests
{
    private static readonly Scenario Sirte = Scenario.Compile(ScenarioLoader.LoadFile(Repository.Scenario("sirte-2016.yaml")).Spec!);

    private static WorldState StateAt(int day)
    {
        var sim = new Simulation(Sirte, Sirte.Spec.Seed);
        while (sim.State.Day < day) sim.Step();
        return sim.Snapshot();
    }

    private static ForecastResult Fork(WorldState from, int runs, int threads) =>
        Forecast.Run(new ForecastRequest { Scenario = Sirte, From = from, Seed = 11, Runs = runs, Threads = threads });

    private static OutcomeForecast FallDay(ForecastResult r) => r.Outcomes.Single(o => o.Id == "sirte_fall_day");

    [Fact]
    public void Replicas_forked_at_day_60_differ_where_restoring_alone_repeats_one_future()
    {
        var day60 = StateAt(60);
        // What a host got before Reseed: the streams are part of the state, so every restored copy replays one future.
        var sim = new Simulation(Sirte, 1);
        var restoredOnly = new HashSet<double>();
        for (int i = 0; i < 20; i++)
        {
            sim.Restore(day60);
            sim.Run();
            restoredOnly.Add(sim.State.OutcomeValue[Sirte.OutcomeIndex("sirte_fall_day")]);
        }
        Assert.Single(restoredOnly);

        var forecast = Fork(day60, 20, 2);
        var fall = FallDay(forecast);
        Assert.Equal(20, fall.Summary.N);
        Assert.True(fall.Min < fall.Max || fall.Happened is { Count: > 0 and < 20 },
            $"20 replicas from day 60 gave one sirte_fall_day ({fall.Min}); expected reseeded replicas to differ");
        Assert.Equal(60, forecast.FromDay);
        Assert.Equal(Sirte.Spec.Days, forecast.ToDay);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_thread_count()
    {
        var day60 = StateAt(60);
        Assert.Equal(Dump(Fork(day60, 24, 1)), Dump(Fork(day60, 24, 2)));
    }

    [Fact]
    public void Fighter_bands_start_at_the_forked_state_and_control_probabilities_sum_to_at_most_one()
    {
        var day60 = StateAt(60);
        var r = Fork(day60, 16, 2);
        for (int f = 0; f < r.Factions.Count; f++)
        {
            // Every replica starts from the same state, so day 60's band is one value: the state's own count.
            double now = day60.FightersOf(f) + day60.InTransitOf(f);
            Assert.All(r.Fighters(60, f), q => Assert.Equal(now, q));
            var band = r.Fighters(r.ToDay, f);
            for (int q = 1; q < band.Count; q++) Assert.True(band[q - 1] <= band[q]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Fighters(59, 0));
        for (int region = 0; region < r.Regions.Count; region++)
        {
            double total = Enumerable.Range(0, r.Factions.Count).Sum(f => r.Control(region, f));
            Assert.InRange(total, 0, 1 + 1e-12);
        }
    }

    [Fact]
    public void A_forecast_from_day_0_agrees_with_a_sweep_of_the_scenario()
    {
        const int runs = 200;
        var forecast = Fork(new Simulation(Sirte, Sirte.Spec.Seed).Snapshot(), runs, 2);
        using var dir = CliHarness.TempDir();
        Assert.Equal(0, CliHarness.Run(["sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", $"{runs}", "--out", dir.Path]).Exit);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        var swept = summary.RootElement.GetProperty("points")[0].GetProperty("outcomes");
        foreach (var o in forecast.Outcomes)
        {
            var s = swept.GetProperty(o.Id);
            Assert.Equal(runs, o.Summary.N);
            // Different seeds (a reseed at day 0 is not a reset), same model: the means agree within sampling error.
            if (o.Summary.Present < 2 || s.GetProperty("n").GetInt64() < 2) continue;
            double meanS = s.GetProperty("mean").GetDouble(), sdS = s.GetProperty("sd").GetDouble();
            double se = Math.Sqrt(o.Summary.Sd * o.Summary.Sd / o.Summary.Present + sdS * sdS / s.GetProperty("n").GetInt64());
            Assert.True(Math.Abs(o.Summary.Mean - meanS) <= 4 * se + 1e-9,
                $"{o.Id}: forecast mean {o.Summary.Mean} vs sweep {meanS} (se {se})");
        }
    }

    private static string Dump(ForecastResult r)
    {
        var sb = new StringBuilder();
        void N(double v) => sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(' ');
        foreach (var o in r.Outcomes)
        {
            sb.Append(o.Id).Append(' ').Append(o.Summary.N).Append(' ').Append(o.Summary.Present).Append(' ');
            N(o.Summary.Mean); N(o.Summary.Sd); N(o.Min); N(o.Max);
            foreach (var q in o.Summary.Quantiles) N(q);
            sb.Append(o.Happened).Append(o.Yes).Append('\n');
        }
        for (int d = r.FromDay; d <= r.ToDay; d++)
            for (int f = 0; f < r.Factions.Count; f++)
                foreach (var q in r.Fighters(d, f)) N(q);
        for (int region = 0; region < r.Regions.Count; region++)
            for (int f = 0; f < r.Factions.Count; f++) N(r.Control(region, f));
        return sb.ToString();
    }
}
