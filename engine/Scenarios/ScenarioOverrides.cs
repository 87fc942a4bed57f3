using System.Globalization;
using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

/// <summary>
/// One number in a scenario replaced before the schema reads it. <paramref name="Path"/> walks the YAML tree by
/// dotted keys (<c>factions.isis.morale</c>); a list item is named by its <c>id:</c> value or by its 0-based
/// index (<c>events.leak.effects.0.amount</c>). <paramref name="Origin"/> is how the user wrote it (for example
/// <c>--vary factions.isis.morale=1.5</c>) and starts every error message about it.
/// </summary>
public sealed record ScenarioOverride(string Path, double Value, string Origin);

/// <summary>
/// Applies overrides to the YAML tree, so the schema validates an overridden number exactly as if the file said
/// it: range, whole-number and provenance rules all hold, and nothing downstream knows about overrides.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>
    /// Loads YAML text with <paramref name="overrides"/> applied. Errors the overrides cause are reported as
    /// <c>ORIGIN: message</c> (no line, since the number came from the command line, not the file).
    /// </summary>
    public static LoadResult LoadText(string yaml, string fileName, IReadOnlyList<ScenarioOverride> overrides) =>
        overrides.Count == 0 ? LoadText(yaml, fileName) : Prepare(yaml, fileName).Load(overrides);

    /// <summary>
    /// Parses the text once for many loads with different overrides (a sweep's points): each
    /// <see cref="ScenarioTemplate.Load"/> is <see cref="LoadText(string, string, IReadOnlyList{ScenarioOverride})"/>
    /// without the parse.
    /// </summary>
    public static ScenarioTemplate Prepare(string yaml, string fileName) => new(yaml, fileName);

    /// <summary>Applies the overrides to a parsed tree, reads and checks it; the tree is left as it was found.</summary>
    internal static LoadResult LoadTree(Node root, string fileName, IReadOnlyList<ScenarioOverride> overrides)
    {
        var undo = new List<Action>();
        try
        {
            var placed = new List<(ScenarioOverride Override, (int Line, int Column) At)>();
            var errors = new List<ScenarioError>();
            foreach (var o in overrides)
            {
                if (Apply(root, o, undo) is { } problem) errors.Add(OverrideError(o, problem));
                else placed.Add((o, Locate(root, o.Path)));
            }
            if (errors.Count > 0) return new LoadResult(null, errors);

            var diag = new Diagnostics(fileName);
            var schema = new ScenarioSchema(diag);
            var spec = schema.Read(root);
            if (spec is not null) ScenarioChecks.Run(spec, schema, diag);
            foreach (var e in diag.Finish()) errors.Add(Attribute(e, placed, overrides));
            if (errors.Count > 0 || spec is null) return new LoadResult(null, errors);
            try
            {
                Scenario.Compile(spec);
            }
            catch (ArgumentException e)
            {
                return new LoadResult(null, [OverrideError(overrides[0], $"scenario does not compile: {e.Message}")]);
            }
            return new LoadResult(spec, []);
        }
        finally
        {
            // Latest first, so an override of a key another one added unwinds in the right order.
            for (int i = undo.Count - 1; i >= 0; i--) undo[i]();
        }
    }

    /// <summary>Errors without a position print as <c>ORIGIN: message</c>.</summary>
    private static ScenarioError OverrideError(ScenarioOverride o, string message) => new(o.Origin, 0, 0, message);

    /// <summary>
    /// The file loaded cleanly before, so every error now is an override's doing: the one whose number sits at the
    /// error's position, or (for a key the override added, which has no position) all of them.
    /// </summary>
    private static ScenarioError Attribute(ScenarioError e, List<(ScenarioOverride Override, (int Line, int Column) At)> placed, IReadOnlyList<ScenarioOverride> all)
    {
        foreach (var (o, at) in placed)
            if (at.Line == e.Line && at.Column == e.Column && at.Line > 0) return OverrideError(o, e.Message);
        var origins = string.Join(", ", all.Select(o => o.Origin));
        return new ScenarioError(origins, 0, 0, $"{e.Message} (at {e.File}:{e.Line}:{e.Column})");
    }

    /// <summary>Replaces the number at the path, noting how to put it back; returns what is wrong instead, or null.</summary>
    private static string? Apply(Node root, ScenarioOverride o, List<Action> undo)
    {
        if (!double.IsFinite(o.Value)) return "expected a finite number";
        var parts = o.Path.Split('.');
        if (parts.Any(p => p.Length == 0)) return $"malformed path '{o.Path}'; expected keys joined by dots, like factions.isis.morale";
        Node node = root;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            string where = string.Join('.', parts, 0, i);
            if (node.IsMapping)
            {
                if (node.Get(parts[i]) is { Exists: true } child) node = child;
                else if (last)
                {
                    // A key the file leaves at its default: add it, and let the schema say whether it exists.
                    undo.Add(node.Doc.AddPair(node.Index, parts[i], Format(o.Value)));
                    return null;
                }
                else return $"unknown path: no '{parts[i]}' in {(where.Length == 0 ? "the scenario" : where)}";
            }
            else if (node.IsSequence)
            {
                if (Item(node, parts[i]) is { Exists: true } item) node = item;
                else return $"unknown path: no item with id '{parts[i]}' (or index) in {where}";
            }
            else return $"unknown path: {where} is a value, not a mapping or list";
        }
        // Long form {value: 72, source: …} keeps its provenance; only the value changes.
        if (node.IsMapping && node.Get("value") is { Exists: true } inner) node = inner;
        if (!node.IsScalar || !double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return $"{o.Path} is not a number in the scenario; expected the path of a number";
        undo.Add(node.Doc.SetScalar(node.Index, Format(o.Value), ScalarStyleCode.Plain));
        return null;
    }

    private static Node Item(Node seq, string name)
    {
        for (int i = 0; i < seq.Count; i++)
            if (seq.Item(i) is { IsMapping: true } m && m.Get("id") is { IsScalar: true } id && id.Value == name)
                return m;
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < seq.Count)
            return seq.Item(index);
        return Node.None;
    }

    /// <summary>The node an override path (<c>factions.isis.morale</c>, <c>events.x.effects.0.patron.air_sorties</c>) names, or None.</summary>
    private static Node Find(Node root, string path)
    {
        Node node = root;
        foreach (var part in path.Split('.'))
        {
            node = node.IsMapping ? node.Get(part) : node.IsSequence ? Item(node, part) : Node.None;
            if (!node.Exists) return Node.None;
        }
        return node;
    }

    /// <summary>Where the replaced number sits in the file (line 1, column 1, as for YamlDotNet's empty mark, for a key the override added).</summary>
    private static (int Line, int Column) Locate(Node root, string path)
    {
        if (Find(root, path) is not { Exists: true } node) return (1, 1);
        if (node.IsMapping && node.Get("value") is { Exists: true } inner) node = inner;
        return (node.Line, node.Column);
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A scenario file parsed once and loaded many times with different overrides: each load applies its numbers to
/// the one tree, reads and checks it exactly as <see cref="ScenarioLoader.LoadText(string, string, IReadOnlyList{ScenarioOverride})"/>
/// does (same checks, same messages), then puts the tree back. Loads are serialised, so one template may be shared.
/// </summary>
public sealed class ScenarioTemplate
{
    private readonly string _yaml, _fileName;
    private readonly Node _root;
    private readonly IReadOnlyList<ScenarioError> _parseErrors = [];
    private readonly Lock _gate = new();

    internal ScenarioTemplate(string yaml, string fileName)
    {
        (_yaml, _fileName) = (yaml, fileName);
        var diag = new Diagnostics(fileName);
        _root = ScenarioLoader.Parse(yaml, diag);
        if (!_root.Exists) _parseErrors = diag.Finish();
    }

    /// <summary>The scenario with <paramref name="overrides"/> applied; never throws for bad content.</summary>
    public LoadResult Load(IReadOnlyList<ScenarioOverride> overrides)
    {
        if (overrides.Count == 0) return ScenarioLoader.LoadText(_yaml, _fileName);
        if (!_root.Exists) return new LoadResult(null, _parseErrors);
        lock (_gate) return ScenarioLoader.LoadTree(_root, _fileName, overrides);
    }
}
