namespace ConflictSim.Cli.Commands;

/// <summary>Finds the scenario `conflictsim` runs when given no arguments.</summary>
internal static class DefaultScenario
{
    public static readonly string RelativePath = Path.Combine("scenarios", "sirte-2016.yaml");

    /// <summary>
    /// The repository copy wins (searched from <paramref name="workingDirectory"/> upwards) so an edited scenario
    /// is picked up without a rebuild; the copy shipped next to the binary is the fallback.
    /// </summary>
    public static string? Locate(string workingDirectory, string baseDirectory)
    {
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        string shipped = Path.Combine(baseDirectory, RelativePath);
        return File.Exists(shipped) ? shipped : null;
    }

    public static string? Locate() => Locate(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
}
