using ConflictSim.Scenarios;

namespace ConflictSim.Cli.Commands;

/// <summary>Loading shared by every command that takes a scenario FILE.</summary>
internal static class ScenarioFile
{
    private const int LargeFileBytes = 16 << 20; // characters of text, about bytes

    /// <summary>
    /// Loads <paramref name="path"/>. A file that cannot be opened is reported here as one line naming the path,
    /// before the loader sees it, so the message is the same whatever the loader says about I/O.
    /// </summary>
    public static bool TryLoad(string path, TextWriter stderr, out LoadResult result)
    {
        result = new LoadResult(null, []);
        if (CannotRead(path) is { } reason)
        {
            stderr.WriteLine($"{Cli.Name}: cannot read '{path}': {reason}");
            return false;
        }
        var (text, error) = Analysis.ScenarioFiles.ReadText(path);
        // Decided before loading, so nothing here holds the text while the loader reads it: the loader lets go of it
        // (and of its own document) as it goes.
        bool large = text is { Length: > LargeFileBytes };
        result = text is null ? new LoadResult(null, [error!]) : ScenarioLoader.LoadText(text, path);
        // A large theater's text and document are garbage from here on; collecting them before the run allocates its
        // state makes the peak lower.
        if (large) GC.Collect();
        return true;
    }

    /// <summary>
    /// True when the file declares <c>model: civil-violence</c> and so goes to <see cref="CivilViolenceCommand"/>.
    /// A file that cannot be read is not one; the conflict path then reports why.
    /// </summary>
    public static bool IsCivilViolence(string path)
    {
        // A file that cannot be read (too large, a device without end, missing) is left to the conflict loader, which
        // reports why. Most files never spell "model", which a scan of the bytes tells without reading the text twice.
        if (Analysis.ScenarioFiles.NamesNoModel(path)) return false;
        return Analysis.ScenarioFiles.ReadText(path).Text is { } text && ScenarioModel.Of(text) == ScenarioModel.CivilViolence;
    }

    /// <summary>Prints every scenario error as FILE:LINE:COL: message, one per line.</summary>
    public static void ReportErrors(string path, LoadResult result, TextWriter stderr)
    {
        foreach (var line in Analysis.ScenarioFiles.ErrorLines(path, result.Errors)) stderr.WriteLine(line);
        if (result.Errors.Count == 0) stderr.WriteLine($"{path}: could not be loaded");
    }

    internal static string? CannotRead(string path) => Analysis.ScenarioFiles.CannotRead(path);
}
