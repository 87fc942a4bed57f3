using System.Text.RegularExpressions;
using ConflictSim.Scenarios.Yaml;
using YamlDotNet.Core;

namespace ConflictSim.Scenarios;

/// <summary>
/// A problem in a scenario file, located at the node that caused it (1-based line and column). Line 0 means no
/// position: the problem is in a command-line override, and <see cref="File"/> names it.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    /// <summary>
    /// The error as <c>FILE:LINE:COL: message</c>, or <c>FILE: message</c> when it has no position, always on one line:
    /// a message quoting a value such as <c>"is\nis"</c> shows its control characters escaped, or the text after the
    /// line break would read as a second error with no position.
    /// </summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {OneLine(Message)}" : $"{File}: {OneLine(Message)}";

    private static string OneLine(string message)
    {
        if (!message.Any(Breaks)) return message;
        var sb = new System.Text.StringBuilder(message.Length + 8);
        foreach (char c in message)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when Breaks(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    // Control characters, and the Unicode line and paragraph separators some terminals and editors break on.
    private static bool Breaks(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}

/// <summary>The result of loading: a spec when there were no errors, and every error found otherwise.</summary>
public sealed record LoadResult(ScenarioSpec? Spec, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>True when a spec was read and no error was found.</summary>
    public bool Ok => Spec is not null && Errors.Count == 0;
}

/// <summary>A source article and the verbatim passage a scenario quotes from it, at the quote's position.</summary>
public sealed record Citation(string Source, string Quote, int Line, int Column);

/// <summary>Reads `conflictsim/1` YAML scenario files and reports every problem with its position.</summary>
public static partial class ScenarioLoader
{
    /// <summary>
    /// Loads and validates a file. Never throws for bad content, a missing file or one over
    /// <see cref="ScenarioLimits"/>; errors carry file:line:col.
    /// </summary>
    public static LoadResult LoadFile(string path) => LoadFile(path, ScenarioLimits.Default);

    internal static LoadResult LoadFile(string path, ScenarioLimits limits)
    {
        var (text, error) = ReadText(path, limits);
        return text is null ? new LoadResult(null, [error!]) : LoadText(text, path, limits);
    }

    /// <summary>Most bytes read from a pipe or a device, which say nothing of their length before they are read.</summary>
    public const int StreamBytes = 64 << 20;

    /// <summary>
    /// A scenario file's text, or the one located error that stops it being read: no such file, a file over the size
    /// limit (checked before reading), or a pipe or device that gives more than <see cref="StreamBytes"/> (such as
    /// /dev/zero, which would otherwise be read until memory ran out).
    /// </summary>
    public static (string? Text, ScenarioError? Error) ReadText(string path) => ReadText(path, ScenarioLimits.Default);

    internal static (string? Text, ScenarioError? Error) ReadText(string path, ScenarioLimits limits)
    {
        ScenarioError Fail(string message) => new(path.Length == 0 ? "\"\"" : path, 1, 1, message);
        if (path.Length == 0) return (null, Fail("cannot read file: the path is empty; expected a scenario file"));
        try
        {
            long bytes = new FileInfo(path).Length;
            if (bytes > limits.FileBytes) return (null, Fail(TooLarge(bytes, "bytes", limits)));
            if (bytes > 0) return (File.ReadAllText(path), null);
            // Zero length is an empty file, or a pipe or device whose length is only known by reading it.
            using var stream = File.OpenRead(path);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > Math.Min(StreamBytes, limits.FileBytes))
                    return (null, Fail($"more than {ScenarioLimits.N(Math.Min(StreamBytes, limits.FileBytes))} bytes come from this pipe or device; expected a scenario file"));
                buffer.Write(chunk, 0, n);
            }
            buffer.Position = 0;
            using var reader = new StreamReader(buffer, detectEncodingFromByteOrderMarks: true);
            return (reader.ReadToEnd(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, Fail($"cannot read file: {e.Message}"));
        }
    }

    /// <summary>Loads and validates YAML text; <paramref name="fileName"/> is used in error positions.</summary>
    public static LoadResult LoadText(string yaml, string fileName) => LoadText(yaml, fileName, ScenarioLimits.Default);

    internal static LoadResult LoadText(string yaml, string fileName, ScenarioLimits limits, int flowLinesFrom = FlowLines.Worthwhile)
    {
        var diag = new Diagnostics(fileName);
        if (Parse(yaml, diag, limits, flowLinesFrom: flowLinesFrom) is not { Exists: true } root) return new LoadResult(null, diag.Finish());

        var schema = new ScenarioSchema(diag);
        var spec = schema.Read(root);
        if (spec is not null) ScenarioChecks.Run(spec, schema, diag);
        var errors = diag.Finish();
        if (errors.Count > 0 || spec is null) return new LoadResult(null, errors);

        try
        {
            Scenario.Compile(spec);
        }
        catch (ArgumentException e)
        {
            // The checks above should have caught it; this keeps a gap in them from escaping as an exception.
            return new LoadResult(null, [new ScenarioError(fileName, 1, 1, $"scenario does not compile: {e.Message}; expected a consistent scenario")]);
        }
        return new LoadResult(spec, []);
    }

    /// <summary>Every <c>source:</c> + <c>quote:</c> pair in the file, in file order; empty if the YAML does not parse.</summary>
    public static IReadOnlyList<Citation> ReadCitations(string yaml)
    {
        var citations = new List<Citation>();
        if (Parse(yaml, new Diagnostics("")) is { Exists: true } root) Collect(root, citations);
        return citations;
    }

    /// <summary>
    /// Walks with a stack of its own, children pushed in reverse so the order is the file's; a node reached again
    /// through an alias is the same quote at the same place and is listed once.
    /// </summary>
    private static void Collect(Node root, List<Citation> citations)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node.Index)) continue;
            if (node.IsMapping)
            {
                if (node.Get("source") is { IsScalar: true } source && node.Get("quote") is { IsScalar: true } quote)
                    citations.Add(new Citation(source.Value, quote.Value, quote.Line, quote.Column));
                for (int i = node.Count - 1; i >= 0; i--) pending.Push(node.ValueAt(i));
            }
            else if (node.IsSequence)
                for (int i = node.Count - 1; i >= 0; i--) pending.Push(node.Item(i));
        }
    }

    private static string TooLarge(long size, string unit, ScenarioLimits limits) =>
        $"file is {ScenarioLimits.N(size)} {unit}, which exceeds the limit of {ScenarioLimits.N(limits.FileBytes)} bytes; expected a scenario of at most {ScenarioLimits.N(limits.FileBytes)} bytes";

    /// <summary>The first document's root node, or <see cref="Node.None"/> after reporting why there is none.</summary>
    internal static Node Parse(string yaml, Diagnostics diag) => Parse(yaml, diag, ScenarioLimits.Default);

    /// <param name="yaml">The text.</param>
    /// <param name="diag">Where a reason there is no root goes.</param>
    /// <param name="limits">The limits the parse enforces.</param>
    /// <param name="keepOffsets">Keep each node's character offsets (for <see cref="Patch"/>); reads without flow lines.</param>
    /// <param name="flowLinesFrom">Read flow lines apart from the parser when there are at least this many (tests set 1, or int.MaxValue for never).</param>
    internal static Node Parse(string yaml, Diagnostics diag, ScenarioLimits limits, bool keepOffsets = false, int flowLinesFrom = FlowLines.Worthwhile)
    {
        if (yaml.Length > limits.FileBytes)
        {
            diag.At(Mark.Empty, TooLarge(yaml.Length, "characters", limits));
            return Node.None;
        }
        // The flow lines' skeleton first; should its parse fail in any way, the file itself is parsed, so every error
        // (and every file the skeleton does not describe) is the parser's own.
        if (!keepOffsets && FlowLines.Find(yaml, flowLinesFrom) is { } flow)
        {
            try
            {
                var skeleton = new Parser(new Scanner(new StringReader(flow.Skeleton())));
                var read = DocumentReader.Read(new LimitedParser(skeleton, limits, flow), yaml.Length, flow: flow);
                if (read.Root.Exists) return read.Root;
            }
            catch (Exception e) when (e is YamlException or LimitExceededException or InvalidOperationException or FlowMismatchException)
            {
            }
        }
        var scanner = new Scanner(new StringReader(yaml));
        Document document;
        try
        {
            document = DocumentReader.Read(new LimitedParser(new Parser(scanner), limits), yaml.Length, keepOffsets);
        }
        catch (LimitExceededException e)
        {
            diag.At(e.At, e.Message);
            return Node.None;
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes the message with both marks; the position already goes in the error itself.
            diag.At(e.Start, $"YAML syntax error: {MarkPrefix().Replace(e.Message, "")}; expected well-formed YAML");
            return Node.None;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unterminated flow collections.
            diag.At(scanner.CurrentPosition, "YAML syntax error: cannot read on from here; expected well-formed YAML (an unclosed bracket or quote?)");
            return Node.None;
        }
        if (!document.Root.Exists)
        {
            diag.At(Mark.Empty, "file is empty; expected a conflictsim/1 scenario");
            return Node.None;
        }
        return document.Root;
    }

    [GeneratedRegex(@"^\([^)]*\) - \([^)]*\):\s*")]
    private static partial Regex MarkPrefix();
}
