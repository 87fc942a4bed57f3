using System.Globalization;
using System.Text.RegularExpressions;
using ConflictSim.Scenarios.Yaml;
using YamlDotNet.Core;

namespace ConflictSim.Scenarios;

/// <summary>Every error found in one file, plus the mapping readers whose unknown keys are reported at the end.</summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<ScenarioError> errors = [];
    /// <summary>
    /// In the order the readers were made: a reader still to report, or what a released one reported (null for
    /// nothing), so the unknown-key errors come out in the same order whenever each reader finished.
    /// </summary>
    private readonly List<object?> readers = [];

    public bool Any => errors.Count > 0;

    /// <summary>
    /// Literature keys a file declares under <c>references:</c> (the civil-violence model cites papers, not seed
    /// articles). A <c>source:</c> naming one, optionally followed by a locator (<c>epstein-2002, p. 7244</c>), is
    /// provenance; empty for conflict scenarios, which cite only the seed articles and DOMAIN.md.
    /// </summary>
    public HashSet<string> References { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every <c>fitted_from:</c> in the file: where the target id is, the id, and the line of the mapping that says it. The schema turns them
    /// into references (the target must exist) and into each target's <see cref="HistoricalTarget.FittedBy"/>.
    /// </summary>
    public List<(Position Target, string Id, int Line)> Fitted { get; } = [];

    /// <summary>The keys the readers of this file have been asked for, shared between readers asked the same ones.</summary>
    public KnownKeys NoKeys { get; } = KnownKeys.Empty();

    public bool IsReference(string source)
    {
        int comma = source.IndexOf(',');
        return References.Contains((comma < 0 ? source : source[..comma]).Trim());
    }

    public void At(Mark mark, string message) =>
        errors.Add(new ScenarioError(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));

    public void At(Node node, string message) => errors.Add(ErrorAt(node, message));

    public void At(Position at, string message) => errors.Add(new ScenarioError(file, Math.Max(1, at.Line), Math.Max(1, at.Column), message));

    /// <summary>Keeps <paramref name="reader"/> until the file is finished; returns its place for <see cref="Release"/>.</summary>
    public int Track(MappingReader reader)
    {
        readers.Add(reader);
        return readers.Count - 1;
    }

    /// <summary>
    /// The schema is done with the reader at <paramref name="slot"/> (nothing will ask it for a key again): its unknown
    /// keys are worked out now and it is let go, so a theater's 10⁵ region readers do not all live to the end.
    /// </summary>
    public void Release(int slot, MappingReader reader)
    {
        var found = new List<ScenarioError>();
        reader.ReportUnknownKeys(found);
        readers[slot] = found.Count > 0 ? found : null;
    }

    /// <summary>
    /// The schema has read the whole file: every reader still held reports its unknown keys now and is let go, so
    /// nothing keeps the document alive through the checks that follow.
    /// </summary>
    public void ReleaseAll()
    {
        for (int i = 0; i < readers.Count; i++)
            if (readers[i] is MappingReader reader) Release(i, reader);
    }

    public ScenarioError ErrorAt(Node node, string message) => new(file, Math.Max(1, node.Line), Math.Max(1, node.Column), message);

    /// <summary>Unknown keys can only be told once the schema has asked for every key it knows.</summary>
    public IReadOnlyList<ScenarioError> Finish()
    {
        foreach (var entry in readers)
        {
            if (entry is MappingReader reader) reader.ReportUnknownKeys(errors);
            else if (entry is List<ScenarioError> released) errors.AddRange(released);
        }
        readers.Clear();
        // A stable sort by position: errors at one place keep the order they were found in.
        var order = new int[errors.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = errors[a].Line.CompareTo(errors[b].Line);
            if (c == 0) c = errors[a].Column.CompareTo(errors[b].Column);
            return c != 0 ? c : a.CompareTo(b);
        });
        var sorted = new List<ScenarioError>(order.Length);
        foreach (int i in order) sorted.Add(errors[i]);
        return sorted;
    }
}

/// <summary>An allowed interval for a number, phrased the way error messages name it.</summary>
internal readonly record struct Bounds(double Min, double Max, bool MinOpen = false, bool Whole = false)
{
    public static Bounds Between(double min, double max) => new(min, max);
    /// <summary>
    /// The most any count or stock may be: fighters, cells, residents, supply, sorties. Far above any real one (the
    /// world's population is under 10¹⁰), and low enough that the engine's sums and products of them over the largest
    /// theater stay finite; a force of 10³⁰⁸ once overflowed the daily losses to infinity and the ledgers to NaN.
    /// </summary>
    public const double MaxAmount = 1e12;

    public static Bounds AtLeast(double min) => new(min, MaxAmount);
    public static Bounds WholeAtLeast(double min) => new(min, MaxAmount, Whole: true);
    public static Bounds AboveZeroTo(double max) => new(0, max, MinOpen: true);
    public static Bounds WholeBetween(double min, double max) => new(min, max, Whole: true);

    public bool Contains(double v) => (MinOpen ? v > Min : v >= Min) && v <= Max && (!Whole || Math.Floor(v) == v);

    public override string ToString()
    {
        string kind = Whole ? "a whole number" : "a number";
        // Most counts have no real upper bound, so the message leads with the lower one a user is likelier to cross.
        if (Max == MaxAmount) return $"{kind} >= {Fmt(Min)} and at most 1e12";
        return $"{kind} in {(MinOpen ? "(" : "[")}{Fmt(Min)}, {Fmt(Max)}]";
    }

    private static string Fmt(double v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How scalar values read and how messages name them.</summary>
internal static class YamlValues
{
    public static string Describe(Node node) => node.Kind switch
    {
        NodeKind.Scalar when IsEmpty(node) => "nothing",
        NodeKind.Scalar => $"'{node.Value}'",
        NodeKind.Sequence => "a list",
        _ => "a mapping",
    };

    /// <summary>A plain scalar YAML reads as null: nothing, <c>~</c> or <c>null</c>.</summary>
    public static bool IsEmpty(Node s) => s.IsScalar && s.IsPlain && s.Value is "" or "~" or "null";

    /// <summary>A scalar that is neither empty nor blank.</summary>
    public static bool IsText(Node node) => node.IsScalar && !IsEmpty(node) && !string.IsNullOrWhiteSpace(node.Value);

    public static string Snake(string pascal) => Regex.Replace(pascal, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();

    /// <summary>Reads an enum written in snake_case (<c>first_day_holds</c> for <c>FirstDayHolds</c>).</summary>
    public static T? ParseEnum<T>(Node node, Diagnostics diag, string what) where T : struct, Enum
    {
        if (node.IsScalar && !IsEmpty(node) && SnakeNames<T>.ByName.TryGetValue(node.Value, out var value)) return value;
        diag.At(node, $"unknown {what} {Describe(node)}; expected one of {SnakeNames<T>.List}");
        return null;
    }

    /// <summary>An enum's snake_case names, worked out once per type rather than once per value read.</summary>
    private static class SnakeNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => Snake(v.ToString()), StringComparer.Ordinal);
        public static readonly string List = string.Join(", ", ByName.Keys);
    }
}
