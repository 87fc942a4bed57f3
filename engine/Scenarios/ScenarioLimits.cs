using System.Globalization;
using ConflictSim.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConflictSim.Scenarios;

/// <summary>
/// How large a scenario file may be. Each limit is checked while the YAML is read, before the tree is built
/// past it, so a file over one is reported at the node that crosses it instead of exhausting memory or the
/// stack. The values leave room above the largest theater `conflictsim generate` writes (10⁶ regions, 1,000
/// factions, mean degree 6: 512 MB, 3·10⁶ links) and far above the hand-written scenarios
/// (under 40 kB, nesting at most 7 deep, no aliases). scenarios/README.md lists them.
/// </summary>
public sealed record ScenarioLimits
{
    /// <summary>
    /// Bytes in a file (characters for text handed to the loader). About twice the largest generated theater, and below
    /// .NET's largest string (2³⁰ characters), so reading the file cannot fail for its size.
    /// </summary>
    public long FileBytes { get; init; } = 1_000_000_000;

    /// <summary>
    /// Mappings and lists open at once. The schema reads nested mappings by recursion, one frame per level; the
    /// scenarios nest at most 7 deep, and 64 keeps any file far from the stack's end.
    /// </summary>
    public int Depth { get; init; } = 64;

    /// <summary>YAML aliases (<c>*name</c>); no scenario uses one, and a few hundred already cover a shared doctrine per faction.</summary>
    public int Aliases { get; init; } = 1_000;

    /// <summary>
    /// Nodes the aliases repeat, counting an alias as the whole node it names: without it, 30 aliases of lists
    /// of aliases make a file of a few lines that the schema reads as 10⁹ nodes.
    /// </summary>
    public int AliasedNodes { get; init; } = 1_000_000;

    /// <summary>`conflictsim generate`'s maximum map.</summary>
    public int Regions { get; init; } = 1_000_000;

    /// <summary>`conflictsim generate`'s maximum; per-force arrays are factions × regions.</summary>
    public int Factions { get; init; } = 1_000;

    /// <summary>A planar map of R regions has at most 3R − 6 links, so three per region at the region limit.</summary>
    public int Links { get; init; } = 3_000_000;

    /// <summary>The limits the loader applies unless given others (the values above; see scenarios/README.md "Limits").</summary>
    public static ScenarioLimits Default { get; } = new();

    internal static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>A limit crossed while reading, at the node that crosses it.</summary>
internal sealed class LimitExceededException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}

/// <summary>
/// Passes a parser's events through unchanged and throws <see cref="LimitExceededException"/> at the first one
/// that crosses a <see cref="ScenarioLimits"/> limit. It also refuses an alias whose anchor is not complete
/// before it: YamlDotNet would resolve such an alias afterwards, and one naming its own ancestor makes a cycle
/// that every walk over the tree would follow forever.
/// </summary>
internal sealed class LimitedParser(IParser inner, ScenarioLimits limits, FlowLines? flow = null) : IParser
{
    private sealed class Frame(bool mapping, string? counts, int limit)
    {
        public readonly bool Mapping = mapping;
        /// <summary>What the items of this list are ("region" …) when the list is counted; null otherwise.</summary>
        public readonly string? Counts = counts;
        public readonly int Limit = limit;
        public bool ExpectKey = true;
        public string? Key;
        public int Items;
        public long Nodes = 1;
        public string? Anchor;
    }

    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, long> anchored = new(StringComparer.Ordinal);
    private readonly HashSet<string> openAnchors = new(StringComparer.Ordinal);
    private int aliases;
    private long aliasedNodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        switch (inner.Current)
        {
            case MappingStart m: Enter(m, mapping: true, m.Anchor); break;
            case SequenceStart s: Enter(s, mapping: false, s.Anchor); break;
            case MappingEnd or SequenceEnd: Leave(); break;
            case Scalar s when flow is not null && s.Value == FlowLines.Placeholder && flow.IsNext(s.Start.Line, s.Start.Column, out int pairs):
                // The flow mapping the placeholder stands for: a level deeper, and its keys and values are nodes.
                Place(s, null);
                CheckDepth(s);
                AddNodes(1 + 2L * pairs);
                break;
            case Scalar s:
                Place(s, s.Value);
                AddNodes(1);
                if (!s.Anchor.IsEmpty) anchored[s.Anchor.Value] = 1;
                break;
            case AnchorAlias a: Alias(a); break;
        }
        return true;
    }

    private void Enter(NodeEvent e, bool mapping, AnchorName anchor)
    {
        var (counts, limit) = Place(e, null);
        CheckDepth(e);
        var frame = new Frame(mapping, mapping ? null : counts, limit);
        if (!anchor.IsEmpty)
        {
            frame.Anchor = anchor.Value;
            openAnchors.Add(anchor.Value);
        }
        open.Push(frame);
    }

    private void CheckDepth(ParsingEvent e)
    {
        if (open.Count >= limits.Depth)
            throw new LimitExceededException(e.Start,
                $"nesting is {open.Count + 1} levels deep, which exceeds the limit of {limits.Depth} levels; expected mappings and lists nested at most {limits.Depth} deep");
    }

    private void Leave()
    {
        var done = open.Pop();
        if (done.Anchor is { } name)
        {
            openAnchors.Remove(name);
            anchored[name] = done.Nodes;
        }
        AddNodes(done.Nodes);
    }

    private void Alias(AnchorAlias a)
    {
        Place(a, null);
        string name = a.Value.Value;
        if (++aliases > limits.Aliases)
            throw new LimitExceededException(a.Start,
                $"alias *{name} is alias number {ScenarioLimits.N(aliases)}, which exceeds the limit of {ScenarioLimits.N(limits.Aliases)} aliases; expected the values written out");
        if (openAnchors.Contains(name))
            throw new LimitExceededException(a.Start, $"alias *{name} is inside the node it names; expected an alias to a complete node");
        if (!anchored.TryGetValue(name, out long nodes))
            throw new LimitExceededException(a.Start, $"alias *{name} names no anchor before it; expected &{name} on an earlier node");
        aliasedNodes += nodes;
        if (aliasedNodes > limits.AliasedNodes)
            throw new LimitExceededException(a.Start,
                $"alias *{name} brings the nodes repeated through aliases to {ScenarioLimits.N(aliasedNodes)}, which exceeds the limit of {ScenarioLimits.N(limits.AliasedNodes)}; expected fewer or smaller aliased nodes");
        AddNodes(nodes);
    }

    private void AddNodes(long nodes)
    {
        if (open.TryPeek(out var parent)) parent.Nodes += nodes;
    }

    /// <summary>
    /// Places a node in its parent: counts it when the parent is a counted list, and tells which list (if any)
    /// the node starts when it is the value of a top-level <c>regions:</c>, <c>factions:</c> or <c>links:</c>.
    /// </summary>
    private (string? Counts, int Limit) Place(ParsingEvent e, string? scalar)
    {
        if (!open.TryPeek(out var parent)) return (null, 0);
        if (parent.Mapping)
        {
            bool isKey = parent.ExpectKey;
            parent.ExpectKey = !isKey;
            if (isKey)
            {
                parent.Key = scalar;
                return (null, 0);
            }
            if (open.Count != 1) return (null, 0);
            return parent.Key switch
            {
                "regions" => ("region", limits.Regions),
                "factions" => ("faction", limits.Factions),
                "links" => ("link", limits.Links),
                _ => (null, 0),
            };
        }
        if (parent.Counts is { } what && ++parent.Items > parent.Limit)
            throw new LimitExceededException(e.Start,
                $"{what} number {ScenarioLimits.N(parent.Items)} exceeds the limit of {ScenarioLimits.N(parent.Limit)} {what}s; expected at most {ScenarioLimits.N(parent.Limit)} {what}s in a file");
        return (null, 0);
    }
}
