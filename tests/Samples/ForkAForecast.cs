using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Samples;

/// <summary>Sample: stop a game at day 60, fork replicas with fresh random streams, and see where they end.</summary>
public class ForkAForecast
{
    [Fact]
    public void Forecast_the_fall_of_sirte_from_day_60()
    {
        var scenario = Scenario.Compile(SeedRuns.Load("sirte-2016.yaml"));
        var game = new Session(scenario, seed: 1);
        game.Advance(60);

        int fall = scenario.OutcomeIndex("sirte_fall_day");
        var days = new List<double?>();
        for (ulong replica = 0; replica < 10; replica++)
        {
            var future = game.Fork(seed: 100 + replica); // same state, its own dice
            future.Simulation.Run();
            days.Add(future.Simulation.Outcome(fall));
        }

        Assert.Equal(60, game.Day); // the game itself has not moved
        Assert.True(days.Distinct().Count() > 1);
    }
}

/// <summary>Sample: the same question in one call, with the analysis library's statistics.</summary>
public class ForecastFromASession
{
    [Fact]
    public void Forecast_a_thousand_runs_from_day_60()
    {
        var scenario = Scenario.Compile(SeedRuns.Load("sirte-2016.yaml"));
        var game = new Session(scenario, seed: 1);
        game.Advance(60);

        var forecast = ConflictSim.Analysis.Forecast.From(game, runs: 1000, seed: 2016);

        var fall = forecast.Outcomes.Single(o => o.Id == "sirte_fall_day");
        // Under issue 13's recalibration Sirte falls in about 60% of runs from day 0, fewer from this day 60: an open question.
        Assert.InRange(fall.Happened!.Probability, 0.05, 0.95);
        Assert.InRange(fall.Happened.Probability, fall.Happened.Lo, fall.Happened.Hi); // its Wilson interval
        int port = scenario.RegionIndex("sirte_port"), bm = scenario.FactionIndex("bunyan_marsus");
        Assert.InRange(forecast.Control(port, bm), 0, 1); // P(Bunyan Marsus holds the port at the end)
    }
}
