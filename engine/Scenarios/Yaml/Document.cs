using YamlDotNet.Core;

namespace ConflictSim.Scenarios.Yaml;

/// <summary>What a node is; an alias is not a kind, it is the node it names.</summary>
internal enum NodeKind : byte { Scalar = 1, Sequence = 2, Mapping = 3 }

/// <summary>
/// A parsed YAML file as a table of nodes rather than a tree of objects: a 10⁵-region theater has 4·10⁶ nodes, and
/// YamlDotNet's representation model spends about 180 bytes on each (775 MB live) where this spends 13 plus 4 per
/// child. Node i has a kind and style byte, a line and column, and one datum: a scalar's value (an index into
/// <see cref="strings"/>, where every distinct value is stored once, so the keys and the repeated
/// <c>assumption:</c> text cost nothing per node) or a collection's block in <see cref="children"/>: its count, then
/// its children (a mapping's keys and values alternating). Built by <see cref="DocumentReader"/> from parser events;
/// read through <see cref="Node"/> handles.
/// </summary>
internal sealed class Document
{
    private const int KindMask = 3, StyleShift = 2;

    internal byte[] kinds;
    internal int[] lines, columns, data;
    internal int[] children;
    /// <summary>Character offsets of each node's start and end, kept only for <see cref="ScenarioLoader.Patch"/>.</summary>
    internal int[]? starts, ends;
    internal readonly List<string> strings;
    /// <summary>Tags of the nodes that have one (rare); a scalar's decides whether two keys are the same key.</summary>
    internal Dictionary<int, int>? tags;
    internal int count, childCount;

    internal Document(int capacity, bool keepOffsets, List<string> strings)
    {
        kinds = new byte[capacity];
        lines = new int[capacity];
        columns = new int[capacity];
        data = new int[capacity];
        // A block per collection on top of one slot per node: about an eighth more than the nodes.
        children = new int[Math.Max(16, capacity + capacity / 8)];
        if (keepOffsets) (starts, ends) = (new int[capacity], new int[capacity]);
        this.strings = strings;
    }

    /// <summary>The first document's root; <see cref="Node.None"/> when the file holds no document.</summary>
    public Node Root { get; internal set; }

    /// <summary>True when some scalar carries a tag, the only way two entries of one mapping may share a key's text.</summary>
    public bool HasTags => tags is { Count: > 0 };

    internal NodeKind Kind(int i) => (NodeKind)(kinds[i] & KindMask);

    internal int Style(int i) => kinds[i] >> StyleShift;

    internal static byte Pack(NodeKind kind, int style) => (byte)((int)kind | style << StyleShift);

    /// <summary>A row at a line and column (no offsets: only for a document read without them).</summary>
    internal int Add(NodeKind kind, int style, int line, int column, int datum)
    {
        if (count == kinds.Length) Grow();
        int i = count++;
        kinds[i] = Pack(kind, style);
        lines[i] = line;
        columns[i] = column;
        data[i] = datum;
        return i;
    }

    internal int Add(NodeKind kind, int style, Mark start, Mark end, int datum)
    {
        if (count == kinds.Length) Grow();
        int i = count++;
        kinds[i] = Pack(kind, style);
        lines[i] = Clamp(start.Line);
        columns[i] = Clamp(start.Column);
        data[i] = datum;
        if (starts is not null)
        {
            starts[i] = Clamp(start.Index);
            ends![i] = Clamp(end.Index);
        }
        return i;
    }

    /// <summary>Stores a collection's children as one block and returns where it starts.</summary>
    internal int AddBlock(int entries, ReadOnlySpan<int> items)
    {
        EnsureChildren(items.Length + 1);
        int at = childCount;
        children[at] = entries;
        items.CopyTo(children.AsSpan(at + 1));
        childCount += items.Length + 1;
        return at;
    }

    private void EnsureChildren(int more)
    {
        if (childCount + more <= children.Length) return;
        Array.Resize(ref children, Math.Max(children.Length * 2, childCount + more));
    }

    private void Grow()
    {
        int n = kinds.Length * 2;
        Array.Resize(ref kinds, n);
        Array.Resize(ref lines, n);
        Array.Resize(ref columns, n);
        Array.Resize(ref data, n);
        if (starts is not null)
        {
            Array.Resize(ref starts, n);
            Array.Resize(ref ends, n);
        }
    }

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : (int)v;

    internal string TagOf(int i) => tags is not null && tags.TryGetValue(i, out int t) ? strings[t] : "";

    /// <summary>
    /// Replaces a scalar's value and style (a command-line override), returning how to put it back. The new text is
    /// appended to the pool (not looked up: the pool's index is dropped once the file is read) and the undo removes it,
    /// so a template loaded a million times does not grow; undos run latest first.
    /// </summary>
    internal Action SetScalar(int node, string value, ScalarStyleCode style)
    {
        var (oldKind, oldData, pooled) = (kinds[node], data[node], strings.Count);
        data[node] = Append(value);
        kinds[node] = Pack(NodeKind.Scalar, (int)style);
        return () =>
        {
            (kinds[node], data[node]) = (oldKind, oldData);
            strings.RemoveRange(pooled, strings.Count - pooled);
        };
    }

    /// <summary>
    /// Adds <c>key: value</c> (a plain scalar) at the end of a mapping, at no position (line 1, column 1, as YamlDotNet
    /// places a node it did not read). The mapping's block is copied to the end of <see cref="children"/>; the undo
    /// points it back and drops what was appended.
    /// </summary>
    internal Action AddPair(int mapping, string key, string value)
    {
        var (nodes, used, oldBlock, pooled) = (count, childCount, data[mapping], strings.Count);
        int k = Add(NodeKind.Scalar, (int)ScalarStyleCode.Plain, Mark.Empty, Mark.Empty, Append(key));
        int v = Add(NodeKind.Scalar, (int)ScalarStyleCode.Plain, Mark.Empty, Mark.Empty, Append(value));
        int pairs = children[oldBlock];
        EnsureChildren(pairs * 2 + 3);
        int at = childCount;
        children[at] = pairs + 1;
        Array.Copy(children, oldBlock + 1, children, at + 1, pairs * 2);
        children[at + 1 + pairs * 2] = k;
        children[at + 2 + pairs * 2] = v;
        childCount += pairs * 2 + 3;
        data[mapping] = at;
        return () =>
        {
            (count, childCount, data[mapping]) = (nodes, used, oldBlock);
            strings.RemoveRange(pooled, strings.Count - pooled);
        };
    }

    private int Append(string s)
    {
        strings.Add(s);
        return strings.Count - 1;
    }
}

/// <summary>Scalar styles as YamlDotNet numbers them (<see cref="ScalarStyle"/>), in three bits.</summary>
internal enum ScalarStyleCode { Any = 0, Plain = 1, SingleQuoted = 2, DoubleQuoted = 3, Literal = 4, Folded = 5 }

/// <summary>
/// Where a node starts, without the node: what declarations and references keep, so that once the schema has read the
/// file nothing holds on to its <see cref="Document"/>.
/// </summary>
internal readonly record struct Position(int Line, int Column)
{
    public static implicit operator Position(Node node) => new(node.Line, node.Column);
}

/// <summary>
/// One node of a <see cref="Document"/>: a handle (the table and a row), cheap to copy and compare. Scalar values
/// are strings from the pool, so reading one allocates nothing.
/// </summary>
internal readonly struct Node : IEquatable<Node>
{
    private readonly Document? doc;
    private readonly int index;

    internal Node(Document doc, int index) => (this.doc, this.index) = (doc, index);

    /// <summary>No node: a key that is absent.</summary>
    public static Node None => default;

    public bool Exists => doc is not null;
    public int Index => index;
    internal Document Doc => doc!;

    public NodeKind Kind => doc!.Kind(index);
    public bool IsScalar => doc is not null && doc.Kind(index) == NodeKind.Scalar;
    public bool IsSequence => doc is not null && doc.Kind(index) == NodeKind.Sequence;
    public bool IsMapping => doc is not null && doc.Kind(index) == NodeKind.Mapping;

    /// <summary>A scalar's text (never null); "" for a collection.</summary>
    public string Value => IsScalar ? doc!.strings[doc.data[index]] : "";

    /// <summary>A scalar's style, or a collection's (<see cref="YamlDotNet.Core.Events.MappingStyle"/> numbering: 2 is flow).</summary>
    public int Style => doc!.Style(index);

    public bool IsPlain => Style == (int)ScalarStyleCode.Plain;

    /// <summary>The tag written on the node, "" when none.</summary>
    public string Tag => doc!.TagOf(index);

    /// <summary>1-based line and column of where the node starts, as YamlDotNet's marks give them.</summary>
    public int Line => doc!.lines[index];
    public int Column => doc!.columns[index];

    /// <summary>Character offsets of the node's start and end (only in a document read with offsets).</summary>
    public int StartIndex => doc!.starts![index];
    public int EndIndex => doc!.ends![index];

    /// <summary>Items of a sequence, entries of a mapping.</summary>
    public int Count => IsScalar ? 0 : doc!.children[doc.data[index]];

    /// <summary>Item <paramref name="i"/> of a sequence.</summary>
    public Node Item(int i) => new(doc!, doc!.children[doc.data[index] + 1 + i]);

    /// <summary>Key of entry <paramref name="i"/> of a mapping.</summary>
    public Node KeyAt(int i) => new(doc!, doc!.children[doc.data[index] + 1 + 2 * i]);

    /// <summary>Value of entry <paramref name="i"/> of a mapping.</summary>
    public Node ValueAt(int i) => new(doc!, doc!.children[doc.data[index] + 2 + 2 * i]);

    /// <summary>
    /// The value under an untagged scalar key with this text: what YamlDotNet's
    /// <c>Children.TryGetValue(new YamlScalarNode(key))</c> finds. None when absent or when this is not a mapping.
    /// </summary>
    public Node Get(string key)
    {
        if (!IsMapping) return None;
        var d = doc!;
        int block = d.data[index], pairs = d.children[block];
        for (int i = 0; i < pairs; i++)
        {
            int k = d.children[block + 1 + 2 * i];
            if (d.Kind(k) == NodeKind.Scalar && d.strings[d.data[k]] == key && (d.tags is null || !d.tags.ContainsKey(k)))
                return new Node(d, d.children[block + 2 + 2 * i]);
        }
        return None;
    }

    public bool Equals(Node other) => ReferenceEquals(doc, other.doc) && index == other.index;
    public override bool Equals(object? obj) => obj is Node n && Equals(n);
    public override int GetHashCode() => index;
    public static bool operator ==(Node a, Node b) => a.Equals(b);
    public static bool operator !=(Node a, Node b) => !a.Equals(b);

    /// <summary>The node as YamlDotNet prints it (<c>a</c>, <c>[ 1, 2 ]</c>, <c>{ { k, v } }</c>), for its duplicate-key message.</summary>
    public override string ToString()
    {
        if (doc is null) return "";
        var text = new System.Text.StringBuilder();
        Print(text, 0);
        return text.ToString();
    }

    private void Print(System.Text.StringBuilder text, int depth)
    {
        // YamlDotNet stops at 1000 levels; the depth limit keeps a document far below that.
        switch (Kind)
        {
            case NodeKind.Scalar:
                text.Append(Value);
                break;
            case NodeKind.Sequence:
                text.Append("[ ");
                for (int i = 0; i < Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Item(i).Print(text, depth + 1);
                }
                text.Append(" ]");
                break;
            default:
                text.Append("{ ");
                for (int i = 0; i < Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append("{ ");
                    KeyAt(i).Print(text, depth + 1);
                    text.Append(", ");
                    ValueAt(i).Print(text, depth + 1);
                    text.Append(" }");
                }
                text.Append(" }");
                break;
        }
    }
}
