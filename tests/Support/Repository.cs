namespace ConflictSim.Tests.Support;

/// <summary>Paths in the repository and beside it, found from wherever the test assembly runs.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string Scenario(string name) => Path.Combine(Scenarios, name);

    /// <summary>
    /// The source articles: shared/seeds beside the clone (where CI puts it), or $CONFLICTSIM_SEEDS.
    /// Null when neither exists, e.g. on a newcomer's machine without the article set.
    /// </summary>
    public static string? Seeds
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("CONFLICTSIM_SEEDS");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
            string beside = Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));
            return Directory.Exists(beside) ? beside : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConflictSim.sln"))) return dir.FullName;
        throw new InvalidOperationException($"ConflictSim.sln not found above {AppContext.BaseDirectory}");
    }
}
