using ConflictSim.Scenarios;

namespace ConflictSim.Cli.Commands;

/// <summary>Loading shared by every command that takes a scenario FILE.</summary>
internal static class ScenarioFile
{
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
        result = ScenarioLoader.LoadFile(path);
        return true;
    }

    /// <summary>Prints every scenario error as FILE:LINE:COL: message, one per line.</summary>
    public static void ReportErrors(string path, LoadResult result, TextWriter stderr)
    {
        foreach (var error in result.Errors) stderr.WriteLine(error.ToString());
        if (result.Errors.Count == 0) stderr.WriteLine($"{path}: could not be loaded");
    }

    internal static string? CannotRead(string path)
    {
        if (Directory.Exists(path)) return "it is a directory";
        try
        {
            using var _ = File.OpenRead(path);
            return null;
        }
        catch (FileNotFoundException) { return "no such file"; }
        catch (DirectoryNotFoundException) { return "no such file"; }
        catch (UnauthorizedAccessException) { return "permission denied"; }
        catch (IOException e) { return e.Message; }
    }
}
