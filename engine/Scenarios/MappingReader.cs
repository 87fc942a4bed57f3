using System.Globalization;
using System.Text.RegularExpressions;
using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

/// <summary>
/// Reads one YAML mapping against a schema: typed getters report wrong types and ranges at the value, every key
/// asked for becomes "known", and whatever is left is reported as unknown when the file is finished. Also
/// carries provenance: whether this mapping or an enclosing one cites a source or states an assumption.
/// </summary>
/// <remarks>
/// The reader looks keys up in the document's own table (a short scan; an index only for mappings of more than
/// <see cref="IndexAbove"/> entries, such as a faction's <c>forces:</c>), so reading a region allocates the reader
/// and nothing else. Entries are those with a plain-name key; should two share a name (possible only when one key
/// is tagged), the entry sits where the first one is and holds the last one, as a dictionary filled in file order would.
/// </remarks>
internal sealed partial class MappingReader
{
    /// <summary>
    /// Keys any mapping may carry about where its numbers come from: a seed article and its words, an outside
    /// publication, an assumption, the target a number was fitted from, and the note <c>conflictsim calibrate</c>
    /// leaves on a number it chose.
    /// </summary>
    private static readonly string[] ProvenanceKeys = ["source", "quote", "assumption", "outside", "fitted_from", "calibrated"];

    private static readonly string[] OutsideKeys = ["publication", "date", "says", "url"];

    private const int IndexAbove = 16;

    private readonly Diagnostics diag;
    private readonly int pairs;
    /// <summary>For a long mapping: each name's first and last entry.</summary>
    private readonly Dictionary<string, (int First, int Last)>? index;
    private KnownKeys known;
    private bool anyKey;
    private readonly int slot;

    public Node Node { get; }

    /// <summary>True when numbers read here need no provenance of their own.</summary>
    public bool Covered { get; }

    private MappingReader(Node node, Diagnostics diag, bool covered)
    {
        Node = node;
        this.diag = diag;
        known = diag.NoKeys;
        pairs = node.Count;
        if (pairs > IndexAbove) index = new Dictionary<string, (int, int)>(pairs, StringComparer.Ordinal);
        for (int i = 0; i < pairs; i++)
        {
            var key = node.KeyAt(i);
            if (!IsName(key)) diag.At(key, $"unsupported key {YamlValues.Describe(key)}; expected a plain name");
            else if (index is not null) index[key.Value] = index.TryGetValue(key.Value, out var seen) ? (seen.First, i) : (i, i);
        }
        Covered = CheckProvenance() || covered;
        slot = diag.Track(this);
    }

    public static MappingReader? Of(Node node, Diagnostics diag, bool covered)
    {
        if (node.IsMapping) return new MappingReader(node, diag, covered);
        diag.At(node, $"expected a mapping, got {YamlValues.Describe(node)}");
        return null;
    }

    private static bool IsName(Node key) => key.IsScalar && !YamlValues.IsEmpty(key);

    /// <summary>The entry holding <paramref name="key"/>: the last one with that name; -1 when none.</summary>
    private int Find(string key)
    {
        if (index is not null) return index.TryGetValue(key, out var found) ? found.Last : -1;
        for (int i = pairs - 1; i >= 0; i--)
        {
            var k = Node.KeyAt(i);
            if (k.IsScalar && k.Value == key && !YamlValues.IsEmpty(k)) return i;
        }
        return -1;
    }

    /// <summary>True for the entries a reader lists: plain names, each name once (where it first appears).</summary>
    private bool Listed(int i, out int holder)
    {
        holder = i;
        var key = Node.KeyAt(i);
        if (!IsName(key)) return false;
        if (!Node.Doc.HasTags) return true; // untagged keys with one name are a duplicate, which the parse refused
        holder = Find(key.Value);
        if (index is not null) return index[key.Value].First == i;
        for (int j = 0; j < i; j++)
            if (IsName(Node.KeyAt(j)) && Node.KeyAt(j).Value == key.Value) return false;
        return true;
    }

    /// <summary>The value under <paramref name="key"/> without reporting anything; None when absent.</summary>
    public Node At(string key) => Find(key) is var i and >= 0 ? Node.ValueAt(i) : Node.None;

    public Node KeyNode(string key) => Find(key) is var i and >= 0 ? Node.KeyAt(i) : Node.None;

    public bool Has(string key) => Find(key) >= 0;

    /// <summary>Marks <paramref name="key"/> as known and returns its value.</summary>
    public Node Take(string key, bool required = false)
    {
        known = known.Add(key);
        if (Find(key) is var i and >= 0) return Node.ValueAt(i);
        if (required) diag.At(Node, $"missing required key '{key}'; expected '{key}:' in this mapping");
        return Node.None;
    }

    /// <summary>For mappings whose keys are data (forces, defence …): every entry except provenance, all known.</summary>
    public IReadOnlyList<(Node Key, Node Value)> Entries()
    {
        anyKey = true;
        var result = new List<(Node, Node)>(pairs);
        for (int i = 0; i < pairs; i++)
            if (Listed(i, out int holder) && !ProvenanceKeys.Contains(Node.KeyAt(holder).Value))
                result.Add((Node.KeyAt(holder), Node.ValueAt(holder)));
        return result;
    }

    public MappingReader? Child(string key, bool required = false, bool exempt = false) =>
        Take(key, required) is { Exists: true } node ? ChildOf(node, exempt) : null;

    public MappingReader? ChildOf(Node node, bool exempt = false) => Of(node, diag, Covered || exempt);

    public string? String(string key, bool required = false) =>
        Take(key, required) is { Exists: true } node ? Text(node) : null;

    public string? Text(Node node)
    {
        if (YamlValues.IsText(node)) return node.Value;
        diag.At(node, $"expected text, got {YamlValues.Describe(node)}");
        return null;
    }

    public string? Id(string key, bool required = false)
    {
        var id = String(key, required);
        if (id is null || IdPattern().IsMatch(id)) return id;
        diag.At(At(key), $"invalid id '{id}'; expected lower-case letters, digits and _");
        return null;
    }

    public double? NumberOrNull(string key, Bounds bounds, bool required = false) =>
        Take(key, required) is { Exists: true } node ? Number(node, bounds) : null;

    public double Number(string key, Bounds bounds, double fallback, bool required = false) =>
        NumberOrNull(key, bounds, required) ?? fallback;

    public int Int(string key, int min, int max, int fallback, bool required = false) =>
        (int)Number(key, Bounds.WholeBetween(min, max), fallback, required);

    /// <summary>
    /// Reads a number written plainly or in long form <c>{value: 72, source: …, quote: …}</c>, and reports it if
    /// nothing on it or around it says where it comes from.
    /// </summary>
    public double? Number(Node node, Bounds bounds)
    {
        if (node.IsMapping)
        {
            var longForm = ChildOf(node)!;
            return longForm.Take("value", required: true) is { Exists: true } inner ? longForm.PlainNumber(inner, bounds) : null;
        }
        return PlainNumber(node, bounds);
    }

    private double? PlainNumber(Node node, Bounds bounds)
    {
        if (!node.IsScalar || !node.IsPlain
            || !double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            diag.At(node, $"expected a number, got {YamlValues.Describe(node)}");
            return null;
        }
        if (!bounds.Contains(v))
        {
            diag.At(node, $"value {node.Value} is out of range; expected {bounds}");
            return null;
        }
        if (!Covered)
            diag.At(node, "number has no provenance; expected source: + quote:, or assumption:, on it or an enclosing mapping");
        return v;
    }

    public ulong? Unsigned(string key)
    {
        if (Take(key) is not { Exists: true } node) return null;
        if (node.IsScalar && node.IsPlain && ulong.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            return v;
        diag.At(node, $"expected a whole number >= 0, got {YamlValues.Describe(node)}");
        return null;
    }

    public bool Bool(string key, bool fallback)
    {
        if (Take(key) is not { Exists: true } node) return fallback;
        if (node.IsScalar && node.IsPlain && node.Value is "true" or "false") return node.Value == "true";
        diag.At(node, $"expected true or false, got {YamlValues.Describe(node)}");
        return fallback;
    }

    public T? ChoiceOrNull<T>(string key, string what, bool required = false) where T : struct, Enum =>
        Take(key, required) is { Exists: true } node ? YamlValues.ParseEnum<T>(node, diag, what) : null;

    public T Choice<T>(string key, string what, T fallback) where T : struct, Enum => ChoiceOrNull<T>(key, what) ?? fallback;

    public DateOnly? Date(string key, bool required = false) =>
        Take(key, required) is { Exists: true } node ? DateOf(node) : null;

    /// <summary>A date YYYY-MM-DD, or null after reporting what the node is instead.</summary>
    public DateOnly? DateOf(Node node)
    {
        if (node.IsScalar && DateOnly.TryParseExact(node.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        diag.At(node, $"expected a date YYYY-MM-DD, got {YamlValues.Describe(node)}");
        return null;
    }

    /// <summary>A list of plain values, each returned with its node so references can be checked later.</summary>
    public IReadOnlyList<Node> Scalars(string key, bool required = false)
    {
        if (Take(key, required) is not { Exists: true } node) return [];
        if (!node.IsSequence)
        {
            diag.At(node, $"expected a list, got {YamlValues.Describe(node)}");
            return [];
        }
        var result = new List<Node>(node.Count);
        for (int i = 0; i < node.Count; i++)
        {
            var item = node.Item(i);
            if (item.IsScalar && !YamlValues.IsEmpty(item)) result.Add(item);
            else diag.At(item, $"expected a name, got {YamlValues.Describe(item)}");
        }
        return result;
    }

    /// <summary>A list of mappings (regions, factions …); <paramref name="what"/> names one item in messages.</summary>
    public IReadOnlyList<MappingReader> Items(string key, string what, bool required = false)
    {
        if (Take(key, required) is not { Exists: true } node) return [];
        if (!node.IsSequence)
        {
            diag.At(node, $"expected a list of {what}s, got {YamlValues.Describe(node)}");
            return [];
        }
        if (required && node.Count == 0) diag.At(node, $"'{key}' is empty; expected at least one {what}");
        var result = new List<MappingReader>(node.Count);
        for (int i = 0; i < node.Count; i++)
            if (ChildOf(node.Item(i)) is { } item) result.Add(item);
        return result;
    }

    /// <summary>
    /// Reads each mapping of the list with <paramref name="read"/> and releases its reader when <paramref name="read"/>
    /// returns, which therefore must be all the schema asks of it; errors as <see cref="Items"/>.
    /// </summary>
    public List<T> ReadItems<T>(string key, string what, Func<MappingReader, T> read, bool required = false)
    {
        if (Take(key, required) is not { Exists: true } node) return [];
        if (!node.IsSequence)
        {
            diag.At(node, $"expected a list of {what}s, got {YamlValues.Describe(node)}");
            return [];
        }
        if (required && node.Count == 0) diag.At(node, $"'{key}' is empty; expected at least one {what}");
        var result = new List<T>(node.Count);
        for (int i = 0; i < node.Count; i++)
        {
            if (ChildOf(node.Item(i)) is not { } item) continue;
            result.Add(read(item));
            item.Release();
        }
        return result;
    }

    public void Error(Node node, string message) => diag.At(node, message);

    /// <summary>Says the schema will ask this reader nothing more; its unknown keys are reported now (see <see cref="Diagnostics.Release"/>).</summary>
    public void Release() => diag.Release(slot, this);

    internal void ReportUnknownKeys(List<ScenarioError> into)
    {
        if (anyKey) return;
        for (int i = 0; i < pairs; i++)
        {
            if (!Listed(i, out int holder)) continue;
            var key = Node.KeyAt(holder);
            string name = key.Value;
            if (!known.Contains(name) && !ProvenanceKeys.Contains(name))
                into.Add(diag.ErrorAt(key, $"unknown key '{name}'; expected one of {string.Join(", ", known.Keys.Concat(ProvenanceKeys))}"));
        }
    }

    /// <summary>Checks source/quote/assumption on this mapping; true if it carries provenance.</summary>
    private bool CheckProvenance()
    {
        // Most mappings carry none of these keys; one pass over the keys says so without six look-ups.
        bool any = false;
        for (int i = 0; i < pairs && !any; i++)
        {
            var key = Node.KeyAt(i);
            any = key.IsScalar && ProvenanceKeys.Contains(key.Value);
        }
        if (!any) return false;

        var source = At("source");
        var quote = At("quote");
        var assumption = At("assumption");
        var name = source.IsScalar ? source.Value : "";
        if (!source.Exists)
        {
            if (quote.Exists) diag.At(quote, "quote without a source; expected source: naming the article it comes from");
        }
        else if (name != "DOMAIN.md" && !SeedFilePattern().IsMatch(name) && !diag.IsReference(name))
            diag.At(source, $"source {YamlValues.Describe(source)} is not a seed article; expected a file name like 002_125b2086e87d3e07.txt, or DOMAIN.md"
                + (diag.References.Count > 0 ? $", or a key declared under references: ({string.Join(", ", diag.References.Order(StringComparer.Ordinal))})" : ""));
        else if (SeedFilePattern().IsMatch(name) && !YamlValues.IsText(quote))
            diag.At(source, $"source {name} has no quote; expected quote: with a short verbatim passage from it");
        else if (quote.Exists && !YamlValues.IsText(quote))
            diag.At(quote, $"quote is {YamlValues.Describe(quote)}; expected a short verbatim passage");
        if (assumption.Exists && !YamlValues.IsText(assumption))
            diag.At(assumption, $"assumption is {YamlValues.Describe(assumption)}; expected a sentence saying why the value was chosen");
        var outside = At("outside");
        if (outside.Exists) CheckOutside(outside);
        var fitted = At("fitted_from");
        if (fitted.Exists) CheckFitted(fitted);
        var calibrated = At("calibrated");
        if (calibrated.Exists && !YamlValues.IsText(calibrated))
            diag.At(calibrated, $"calibrated is {YamlValues.Describe(calibrated)}; expected the note conflictsim calibrate writes (targets, date, runs)");
        return source.Exists || assumption.Exists || outside.Exists || fitted.Exists || calibrated.Exists;
    }

    /// <summary>
    /// An outside citation must be findable by someone else: who published it, when, and what it says. A date may be
    /// a year, a month or a day, as publications are dated.
    /// </summary>
    private void CheckOutside(Node outside)
    {
        const string expected = "expected outside: {publication: ..., date: YYYY[-MM[-DD]], says: ...} (url: optional)";
        if (!outside.IsMapping)
        {
            diag.At(outside, $"outside is {YamlValues.Describe(outside)}; {expected}");
            return;
        }
        for (int i = 0; i < outside.Count; i++)
        {
            var key = outside.KeyAt(i);
            var value = outside.ValueAt(i);
            string name = key.IsScalar ? key.Value : "";
            if (!OutsideKeys.Contains(name)) diag.At(key, $"unknown key '{name}' in outside; {expected}");
            else if (!YamlValues.IsText(value)) diag.At(value, $"outside {name} is {YamlValues.Describe(value)}; expected text");
            else if (name == "date" && !OutsideDatePattern().IsMatch(value.Value))
                diag.At(value, $"outside date '{value.Value}' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        foreach (var required in (string[])["publication", "date", "says"])
            if (!outside.Get(required).Exists)
                diag.At(outside, $"outside citation has no '{required}'; {expected}");
    }

    /// <summary><c>fitted_from: target_id</c> or a list of them; resolved against <c>targets:</c> once the file is read.</summary>
    private void CheckFitted(Node fitted)
    {
        int n = fitted.IsSequence ? fitted.Count : 1;
        if (n == 0) diag.At(fitted, "fitted_from is empty; expected the id of the target the number was set from");
        for (int i = 0; i < n; i++)
        {
            var id = fitted.IsSequence ? fitted.Item(i) : fitted;
            if (id.IsScalar && !YamlValues.IsEmpty(id) && IdPattern().IsMatch(id.Value)) diag.Fitted.Add((id, id.Value, Node.Line));
            else diag.At(id, $"fitted_from names {YamlValues.Describe(id)}; expected the id of a target declared under targets:");
        }
    }

    /// <summary>A citation of an outside publication, one line: "publication, date: what it says".</summary>
    public static string? OutsideCitation(Node node)
    {
        var m = node.Get("outside");
        if (!m.IsMapping) return null;
        string Get(string k) => m.Get(k) is { IsScalar: true } v ? v.Value : "";
        return $"{Get("publication")}, {Get("date")}: {Get("says")}";
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex OutsideDatePattern();

    [GeneratedRegex(@"^\d{3}_[0-9a-f]{16}\.txt$")]
    private static partial Regex SeedFilePattern();
}
