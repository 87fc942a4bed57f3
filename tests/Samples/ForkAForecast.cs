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

        int fall = Array.FindIndex(scenario.Outcomes, o => o.Id == "sirte_fall_day");
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
