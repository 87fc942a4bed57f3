namespace ConflictSim.Analysis;

internal static class ScenarioFiles
{
    /// <summary>Most scenario errors printed; a file with a million duplicates would otherwise print 100 MB.</summary>
    public const int MaxErrorsShown = 100;

    /// <summary>The errors as FILE:LINE:COL lines, at most <see cref="MaxErrorsShown"/>, then a line saying how many more.</summary>
    public static IEnumerable<string> ErrorLines(string path, IReadOnlyList<Scenarios.ScenarioError> errors)
    {
        for (int i = 0; i < errors.Count && i < MaxErrorsShown; i++) yield return errors[i].ToString();
        if (errors.Count > MaxErrorsShown)
        {
            // Located at the first error not shown, so the line keeps the FILE:LINE:COL form every error line has.
            var next = errors[MaxErrorsShown];
            yield return (next with { Message = $"… and {errors.Count - MaxErrorsShown:N0} more errors from here on (the first {MaxErrorsShown} are shown; fix them and validate again)" }).ToString();
        }
    }

    /// <summary>Why the file cannot be opened, in a few words, or null when it can.</summary>
    internal static string? CannotRead(string path)
    {
        if (path.Length == 0) return "the path is empty; expected a scenario file";
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
