
namespace ConflictSim.Tests.Cli;

/// <summary>What one in-process invocation of the CLI produced.</summary>
internal sealed record CliResult(int Exit, string Out, string Err);

internal static class CliHarness
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ConflictSim.Cli.Cli.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "cli", name);

    /// <summary>The same map as data/cli/tiny.yaml, built in code so the CLI is testable without the loader.</summary>
    public static ScenarioSpec TinySpec() => new()
    {
        Id = "tiny",
        Title = "Tiny",
        Start = new DateOnly(2016, 1, 1),
        Days = 10,
        Seed = 1,
        Regions =
        [
            new RegionSpec { Id = "a", Name = "A", Lat = 31, Lon = 16, Terrain = Terrain.Open, Controller = "blue" },
            new RegionSpec { Id = "b", Name = "B", Lat = 31, Lon = 16.1, Terrain = Terrain.Urban, City = "town", Controller = "red" },
            new RegionSpec { Id = "c", Name = "C", Lat = 31, Lon = 16.2, Terrain = Terrain.Urban, City = "town", Controller = "red" },
        ],
        Links =
        [
            new LinkSpec { From = "a", To = "b", Kind = LinkKind.Road, Days = 1 },
            new LinkSpec { From = "b", To = "c", Kind = LinkKind.Road, Days = 1 },
        ],
        Factions =
        [
            new FactionSpec
            {
                Id = "blue", Name = "Blue", AimedFire = 0.05, Morale = 0.8, Cohesion = 0.8, Supply = 1000, Income = 100,
                SupplySources = ["a"], Forces = new Dictionary<string, double> { ["a"] = 500 },
                Objectives = new Dictionary<string, double> { ["b"] = 10, ["c"] = 10 },
            },
            new FactionSpec
            {
                Id = "red", Name = "Red", AimedFire = 0.05, Morale = 0.8, Cohesion = 0.8, Supply = 1000, Income = 100,
                SupplySources = ["c"], Forces = new Dictionary<string, double> { ["b"] = 200, ["c"] = 100 },
            },
        ],
        Relations = [new RelationSpec("blue", "red", -1)],
        Outcomes =
        [
            new OutcomeSpec { Id = "red_killed", Kind = OutcomeKind.Killed, Factions = ["red"], Description = "Red fighters killed" },
            new OutcomeSpec { Id = "town_falls", Kind = OutcomeKind.FirstDayShareAtMost, Factions = ["red"], City = "town", Threshold = 0 },
        ],
    };

    public static CliResult Execute(ScenarioSpec spec, ConflictSim.Cli.Commands.RunOptions options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ConflictSim.Cli.Commands.RunCommand.Execute(spec, options, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh directory under the system temp dir, removed by the caller's using.</summary>
    public static TempDir TempDir() => new();
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("conflictsim-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
