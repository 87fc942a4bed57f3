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

    /// <summary>
    /// True when a regular file's bytes cannot spell a <c>model:</c> key (no "model", no backslash that an escape could
    /// spell it with; UTF-8, the encoding read without a byte-order mark, keeps ASCII as it is): then it is a conflict
    /// scenario, known from a scan in blocks instead of the text, which at 10⁵ regions is a 73 MB string read only to
    /// be thrown away before the load reads it again. False whenever in doubt (another encoding, a pipe, an error).
    /// </summary>
    public static bool NamesNoModel(string path)
    {
        try
        {
            if (path.Length == 0 || FileKind.Of(Path.GetFullPath(path)) != FileKind.Kind.Regular) return false;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[1 << 20];
            int kept = 0;
            bool first = true;
            while (true)
            {
                int n = stream.Read(buffer, kept, buffer.Length - kept);
                if (n == 0) return true;
                var block = buffer.AsSpan(0, kept + n);
                // UTF-16 and UTF-32 (marked, or starting with a zero byte) spell ASCII with zero bytes between.
                if (first && (block[0] is 0xFF or 0xFE or 0)) return false;
                first = false;
                if (block.IndexOf("model"u8) >= 0 || block.IndexOf((byte)'\\') >= 0) return false;
                // The last four bytes go round again, so a word split between blocks is still seen.
                kept = Math.Min(4, block.Length);
                block[^kept..].CopyTo(buffer);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
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
