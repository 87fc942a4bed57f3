namespace ConflictSim.Analysis;

internal static class ScenarioFiles
{
    /// <summary>Why the file cannot be opened, in a few words, or null when it can.</summary>
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
