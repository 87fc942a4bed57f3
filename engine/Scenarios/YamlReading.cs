using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConflictSim.Scenarios;

/// <summary>Every error found in one file, plus the mapping readers whose unknown keys are reported at the end.</summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<ScenarioError> errors = [];
    private readonly List<MappingReader> readers = [];

    public bool Any => errors.Count > 0;

    /// <summary>
    /// Literature keys a file declares under <c>references:</c> (the civil-violence model cites papers, not seed
    /// articles). A <c>source:</c> naming one, optionally followed by a locator (<c>epstein-2002, p. 7244</c>), is
    /// provenance; empty for conflict scenarios, which cite only the seed articles and DOMAIN.md.
    /// </summary>
    public HashSet<string> References { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every <c>fitted_from:</c> in the file: the target id named and the mapping that says it. The schema turns them
    /// into references (the target must exist) and into each target's <see cref="HistoricalTarget.FittedBy"/>.
    /// </summary>
    public List<(YamlScalarNode Target, YamlNode At)> Fitted { get; } = [];

    public bool IsReference(string source)
    {
        int comma = source.IndexOf(',');
        return References.Contains((comma < 0 ? source : source[..comma]).Trim());
    }

    public void At(Mark mark, string message) =>
        errors.Add(new ScenarioError(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));

    public void At(YamlNode node, string message) => At(node.Start, message);

    public void Track(MappingReader reader) => readers.Add(reader);

    /// <summary>Unknown keys can only be told once the schema has asked for every key it knows.</summary>
    public IReadOnlyList<ScenarioError> Finish()
    {
        foreach (var reader in readers) reader.ReportUnknownKeys();
        readers.Clear();
        return errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
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

internal static class Yaml
{
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when IsEmpty(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    public static bool IsEmpty(YamlScalarNode s) => s.Style == ScalarStyle.Plain && s.Value is null or "" or "~" or "null";

    public static string Snake(string pascal) => Regex.Replace(pascal, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();

    /// <summary>Reads an enum written in snake_case (<c>first_day_holds</c> for <c>FirstDayHolds</c>).</summary>
    public static T? ParseEnum<T>(YamlNode node, Diagnostics diag, string what) where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => Snake(v.ToString()));
        if (node is YamlScalarNode s && !IsEmpty(s) && names.TryGetValue(s.Value!, out var value)) return value;
        diag.At(node, $"unknown {what} {Describe(node)}; expected one of {string.Join(", ", names.Keys)}");
        return null;
    }
}

/// <summary>
/// Reads one YAML mapping against a schema: typed getters report wrong types and ranges at the value, every key
/// asked for becomes "known", and whatever is left is reported as unknown when the file is finished. Also
/// carries provenance: whether this mapping or an enclosing one cites a source or states an assumption.
/// </summary>
internal sealed partial class MappingReader
{
    /// <summary>
    /// Keys any mapping may carry about where its numbers come from: a seed article and its words, an outside
    /// publication, an assumption, the target a number was fitted from, and the note <c>conflictsim calibrate</c>
    /// leaves on a number it chose.
    /// </summary>
    private static readonly string[] ProvenanceKeys = ["source", "quote", "assumption", "outside", "fitted_from", "calibrated"];

    private static readonly string[] OutsideKeys = ["publication", "date", "says", "url"];

    private readonly Diagnostics diag;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);
    private readonly List<string> known = [];
    private bool anyKey;

    public YamlMappingNode Node { get; }

    /// <summary>True when numbers read here need no provenance of their own.</summary>
    public bool Covered { get; }

    private MappingReader(YamlMappingNode node, Diagnostics diag, bool covered)
    {
        Node = node;
        this.diag = diag;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode k && !Yaml.IsEmpty(k)) entries[k.Value!] = (k, value);
            else diag.At(key, $"unsupported key {Yaml.Describe(key)}; expected a plain name");
        }
        Covered = CheckProvenance() || covered;
        diag.Track(this);
    }

    public static MappingReader? Of(YamlNode node, Diagnostics diag, bool covered)
    {
        if (node is YamlMappingNode m) return new MappingReader(m, diag, covered);
        diag.At(node, $"expected a mapping, got {Yaml.Describe(node)}");
        return null;
    }

    /// <summary>The value under <paramref name="key"/> without reporting anything; null when absent.</summary>
    public YamlNode? At(string key) => entries.TryGetValue(key, out var e) ? e.Value : null;

    public YamlScalarNode? KeyNode(string key) => entries.TryGetValue(key, out var e) ? e.Key : null;

    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>Marks <paramref name="key"/> as known and returns its value.</summary>
    public YamlNode? Take(string key, bool required = false)
    {
        if (!known.Contains(key)) known.Add(key);
        if (entries.TryGetValue(key, out var e)) return e.Value;
        if (required) diag.At(Node, $"missing required key '{key}'; expected '{key}:' in this mapping");
        return null;
    }

    /// <summary>For mappings whose keys are data (forces, defence …): every entry except provenance, all known.</summary>
    public IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> Entries()
    {
        anyKey = true;
        return entries.Values.Where(e => !ProvenanceKeys.Contains(e.Key.Value)).ToList();
    }

    public MappingReader? Child(string key, bool required = false, bool exempt = false) =>
        Take(key, required) is { } node ? ChildOf(node, exempt) : null;

    public MappingReader? ChildOf(YamlNode node, bool exempt = false) => Of(node, diag, Covered || exempt);

    public string? String(string key, bool required = false) =>
        Take(key, required) is { } node ? Text(node) : null;

    public string? Text(YamlNode node)
    {
        if (node is YamlScalarNode s && !Yaml.IsEmpty(s) && s.Value!.Trim().Length > 0) return s.Value;
        diag.At(node, $"expected text, got {Yaml.Describe(node)}");
        return null;
    }

    public string? Id(string key, bool required = false)
    {
        var id = String(key, required);
        if (id is null || IdPattern().IsMatch(id)) return id;
        diag.At(At(key)!, $"invalid id '{id}'; expected lower-case letters, digits and _");
        return null;
    }

    public double? NumberOrNull(string key, Bounds bounds, bool required = false) =>
        Take(key, required) is { } node ? Number(node, bounds) : null;

    public double Number(string key, Bounds bounds, double fallback, bool required = false) =>
        NumberOrNull(key, bounds, required) ?? fallback;

    public int Int(string key, int min, int max, int fallback, bool required = false) =>
        (int)Number(key, Bounds.WholeBetween(min, max), fallback, required);

    /// <summary>
    /// Reads a number written plainly or in long form <c>{value: 72, source: …, quote: …}</c>, and reports it if
    /// nothing on it or around it says where it comes from.
    /// </summary>
    public double? Number(YamlNode node, Bounds bounds)
    {
        if (node is YamlMappingNode)
        {
            var longForm = ChildOf(node)!;
            return longForm.Take("value", required: true) is { } inner ? longForm.PlainNumber(inner, bounds) : null;
        }
        return PlainNumber(node, bounds);
    }

    private double? PlainNumber(YamlNode node, Bounds bounds)
    {
        if (node is not YamlScalarNode { Style: ScalarStyle.Plain } s
            || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            diag.At(node, $"expected a number, got {Yaml.Describe(node)}");
            return null;
        }
        if (!bounds.Contains(v))
        {
            diag.At(node, $"value {s.Value} is out of range; expected {bounds}");
            return null;
        }
        if (!Covered)
            diag.At(node, "number has no provenance; expected source: + quote:, or assumption:, on it or an enclosing mapping");
        return v;
    }

    public ulong? Unsigned(string key)
    {
        if (Take(key) is not { } node) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            return v;
        diag.At(node, $"expected a whole number >= 0, got {Yaml.Describe(node)}");
        return null;
    }

    public bool Bool(string key, bool fallback)
    {
        if (Take(key) is not { } node) return fallback;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s) return s.Value == "true";
        diag.At(node, $"expected true or false, got {Yaml.Describe(node)}");
        return fallback;
    }

    public T? ChoiceOrNull<T>(string key, string what, bool required = false) where T : struct, Enum =>
        Take(key, required) is { } node ? Yaml.ParseEnum<T>(node, diag, what) : null;

    public T Choice<T>(string key, string what, T fallback) where T : struct, Enum => ChoiceOrNull<T>(key, what) ?? fallback;

    public DateOnly? Date(string key, bool required = false)
    {
        if (Take(key, required) is not { } node) return null;
        if (node is YamlScalarNode s && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        diag.At(node, $"expected a date YYYY-MM-DD, got {Yaml.Describe(node)}");
        return null;
    }

    /// <summary>A list of plain values, each returned with its node so references can be checked later.</summary>
    public IReadOnlyList<YamlScalarNode> Scalars(string key, bool required = false)
    {
        if (Take(key, required) is not { } node) return [];
        if (node is not YamlSequenceNode seq)
        {
            diag.At(node, $"expected a list, got {Yaml.Describe(node)}");
            return [];
        }
        var result = new List<YamlScalarNode>();
        foreach (var item in seq)
        {
            if (item is YamlScalarNode s && !Yaml.IsEmpty(s)) result.Add(s);
            else diag.At(item, $"expected a name, got {Yaml.Describe(item)}");
        }
        return result;
    }

    /// <summary>A list of mappings (regions, factions …); <paramref name="what"/> names one item in messages.</summary>
    public IReadOnlyList<MappingReader> Items(string key, string what, bool required = false)
    {
        if (Take(key, required) is not { } node) return [];
        if (node is not YamlSequenceNode seq)
        {
            diag.At(node, $"expected a list of {what}s, got {Yaml.Describe(node)}");
            return [];
        }
        if (required && seq.Children.Count == 0) diag.At(node, $"'{key}' is empty; expected at least one {what}");
        return seq.Select(item => ChildOf(item)).OfType<MappingReader>().ToList();
    }

    public void Error(YamlNode node, string message) => diag.At(node, message);

    internal void ReportUnknownKeys()
    {
        if (anyKey) return;
        foreach (var (name, (key, _)) in entries)
            if (!known.Contains(name) && !ProvenanceKeys.Contains(name))
                diag.At(key, $"unknown key '{name}'; expected one of {string.Join(", ", known.Concat(ProvenanceKeys))}");
    }

    /// <summary>Checks source/quote/assumption on this mapping; true if it carries provenance.</summary>
    private bool CheckProvenance()
    {
        var source = At("source");
        var quote = At("quote");
        var assumption = At("assumption");
        var name = (source as YamlScalarNode)?.Value ?? "";
        if (source is null)
        {
            if (quote is not null) diag.At(quote, "quote without a source; expected source: naming the article it comes from");
        }
        else if (name != "DOMAIN.md" && !SeedFilePattern().IsMatch(name) && !diag.IsReference(name))
            diag.At(source, $"source {Yaml.Describe(source)} is not a seed article; expected a file name like 002_125b2086e87d3e07.txt, or DOMAIN.md"
                + (diag.References.Count > 0 ? $", or a key declared under references: ({string.Join(", ", diag.References.Order(StringComparer.Ordinal))})" : ""));
        else if (SeedFilePattern().IsMatch(name) && !IsText(quote))
            diag.At(source, $"source {name} has no quote; expected quote: with a short verbatim passage from it");
        else if (quote is not null && !IsText(quote))
            diag.At(quote, $"quote is {Yaml.Describe(quote)}; expected a short verbatim passage");
        if (assumption is not null && !IsText(assumption))
            diag.At(assumption, $"assumption is {Yaml.Describe(assumption)}; expected a sentence saying why the value was chosen");
        var outside = At("outside");
        if (outside is not null) CheckOutside(outside);
        var fitted = At("fitted_from");
        if (fitted is not null) CheckFitted(fitted);
        var calibrated = At("calibrated");
        if (calibrated is not null && !IsText(calibrated))
            diag.At(calibrated, $"calibrated is {Yaml.Describe(calibrated)}; expected the note conflictsim calibrate writes (targets, date, runs)");
        return source is not null || assumption is not null || outside is not null || fitted is not null || calibrated is not null;
    }

    /// <summary>
    /// An outside citation must be findable by someone else: who published it, when, and what it says. A date may be
    /// a year, a month or a day, as publications are dated.
    /// </summary>
    private void CheckOutside(YamlNode outside)
    {
        const string expected = "expected outside: {publication: ..., date: YYYY[-MM[-DD]], says: ...} (url: optional)";
        if (outside is not YamlMappingNode m)
        {
            diag.At(outside, $"outside is {Yaml.Describe(outside)}; {expected}");
            return;
        }
        foreach (var (key, value) in m.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "";
            if (!OutsideKeys.Contains(name)) diag.At(key, $"unknown key '{name}' in outside; {expected}");
            else if (!IsText(value)) diag.At(value, $"outside {name} is {Yaml.Describe(value)}; expected text");
            else if (name == "date" && !OutsideDatePattern().IsMatch(((YamlScalarNode)value).Value!))
                diag.At(value, $"outside date '{((YamlScalarNode)value).Value}' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        foreach (var required in new[] { "publication", "date", "says" })
            if (!m.Children.ContainsKey(new YamlScalarNode(required)))
                diag.At(m, $"outside citation has no '{required}'; {expected}");
    }

    /// <summary><c>fitted_from: target_id</c> or a list of them; resolved against <c>targets:</c> once the file is read.</summary>
    private void CheckFitted(YamlNode fitted)
    {
        var ids = fitted is YamlSequenceNode seq ? seq.Children : [fitted];
        if (ids.Count == 0) diag.At(fitted, "fitted_from is empty; expected the id of the target the number was set from");
        foreach (var id in ids)
        {
            if (id is YamlScalarNode s && !Yaml.IsEmpty(s) && IdPattern().IsMatch(s.Value!)) diag.Fitted.Add((s, Node));
            else diag.At(id, $"fitted_from names {Yaml.Describe(id)}; expected the id of a target declared under targets:");
        }
    }

    /// <summary>A citation of an outside publication, one line: "publication, date: what it says".</summary>
    public static string? OutsideCitation(YamlMappingNode node)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode("outside"), out var o) || o is not YamlMappingNode m) return null;
        string Get(string k) => m.Children.TryGetValue(new YamlScalarNode(k), out var v) && v is YamlScalarNode { Value: { } t } ? t : "";
        return $"{Get("publication")}, {Get("date")}: {Get("says")}";
    }

    private static bool IsText(YamlNode? node) =>
        node is YamlScalarNode s && !Yaml.IsEmpty(s) && s.Value!.Trim().Length > 0;

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex OutsideDatePattern();

    [GeneratedRegex(@"^\d{3}_[0-9a-f]{16}\.txt$")]
    private static partial Regex SeedFilePattern();
}
