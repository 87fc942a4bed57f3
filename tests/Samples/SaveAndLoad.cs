using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Samples;

/// <summary>Sample: save a game to a file and load it later; it continues exactly as it would have.</summary>
public class SaveAndLoad
{
    [Fact]
    public void Save_at_day_30_and_continue_after_loading()
    {
        var scenario = Scenario.Compile(SeedRuns.Load("libya-2016.yaml"));
        var game = new Session(scenario, seed: 7);
        game.Advance(30);

        string path = Path.Combine(Path.GetTempPath(), $"conflictsim-{Guid.NewGuid():N}.session");
        using (var file = File.Create(path)) game.Save(file);

        Session loaded;
        using (var file = File.OpenRead(path)) loaded = Session.Load(scenario, file);
        File.Delete(path);

        game.Advance(30);
        loaded.Advance(30);
        Assert.Null(game.Simulation.State.FirstDifference(loaded.Simulation.State)); // bit for bit
    }
}
