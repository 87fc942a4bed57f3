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

    private static readonly Dictionary<string, (string? Text, Scenarios.ScenarioError? Error)> streamed = new(StringComparer.Ordinal);

    /// <summary>
    /// The scenario's text, as <see cref="Scenarios.ScenarioLoader.ReadText(string)"/> gives it. A pipe or device
    /// (<c>cat file | conflictsim run /dev/stdin</c>) can be read only once, yet a command reads its file twice (which
    /// model? then load): its text is kept for the process, keyed by path. Regular files are read afresh.
    /// </summary>
    public static (string? Text, Scenarios.ScenarioError? Error) ReadText(string path)
    {
        if (path.Length == 0 || FileKind.Of(Path.GetFullPath(path)) is FileKind.Kind.Regular or FileKind.Kind.Missing or FileKind.Kind.Directory)
            return Scenarios.ScenarioLoader.ReadText(path);
        lock (streamed)
        {
            if (!streamed.TryGetValue(path, out var read)) streamed[path] = read = Scenarios.ScenarioLoader.ReadText(path);
            return read;
        }
    }

    /// <summary>Why the file cannot be opened, in a few words, or null when it can.</summary>
    internal static string? CannotRead(string path)
    {
        if (path.Length == 0) return "the path is empty; expected a scenario file";
        if (Directory.Exists(path)) return "it is a directory";
        lock (streamed) if (streamed.ContainsKey(path)) return null; // already read whole
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
