using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConflictSim.Scenarios.Yaml;

/// <summary>
/// Builds a <see cref="Document"/> from a parser's events in one pass, with no node objects: each event becomes a
/// row, and a collection's children wait on one shared stack until its end event writes them as a block. It
/// accepts exactly what YamlDotNet's <c>YamlStream.Load</c> accepts and fails where it fails, with the same
/// messages (a duplicate key, an alias to an anchor of another document, a document that is only an alias), so the
/// errors a user sees did not change when the loader stopped building YamlDotNet's tree. Every document of the
/// stream is read (a syntax error in the second is still an error); the first one's root is the file's.
/// </summary>
internal sealed class DocumentReader
{
    private readonly IParser parser;
    private readonly Document doc;
    private readonly FlowLines? flow;
    private readonly Dictionary<string, int> pool;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spans;
    private int[] flowScratch = new int[64];
    private readonly Dictionary<string, int> anchors = new(StringComparer.Ordinal);
    private int[] pending = new int[256];
    private int pendingCount;
    /// <summary>Open collections: the row, where its children start on <see cref="pending"/>, and (for a long mapping) its keys so far.</summary>
    private readonly Stack<(int Node, int First, HashSet<long>? Keys)> open = new();
    private string? unresolved;

    /// <summary>Marks a child that is an alias naming no anchor of this document; the document then fails at its end.</summary>
    private const int Unresolved = -1;

    private DocumentReader(IParser parser, int capacity, bool keepOffsets, FlowLines? flow)
    {
        this.parser = parser;
        this.flow = flow;
        pool = new Dictionary<string, int>(Math.Min(capacity / 4 + 16, 1 << 20), StringComparer.Ordinal);
        spans = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        doc = new Document(capacity, keepOffsets, new List<string>(Math.Min(capacity / 4 + 16, 1 << 20)));
    }

    /// <summary>
    /// Reads the whole stream. <paramref name="sizeHint"/> (the text's length) presizes the table: generated theaters
    /// run about one node per 8.5 characters. Throws <see cref="YamlException"/> (and whatever the parser throws).
    /// With <paramref name="flow"/>, the parser reads that skeleton and each placeholder is replaced by its line's
    /// mapping; <see cref="FlowMismatchException"/> says a placeholder was not where it should be.
    /// </summary>
    public static Document Read(IParser parser, int sizeHint, bool keepOffsets = false, FlowLines? flow = null)
    {
        // Presized for files up to about 70 MB (10⁵ regions is 37 MB); past that the table grows, so a huge file that is
        // one long string does not reserve rows it never uses.
        var reader = new DocumentReader(parser, Math.Clamp(sizeHint / 8, 64, 1 << 23), keepOffsets, flow);
        reader.ReadStream();
        if (flow is not null && flow.Cursor != flow.Count) throw new FlowMismatchException();
        return reader.doc;
    }

    private void ReadStream()
    {
        doc.Root = Node.None;
        bool first = true;
        while (parser.MoveNext())
        {
            // YamlDotNet consumes an event by moving on to the next, and only then acts on what it consumed: a
            // duplicate key, a document that is only an alias or names a missing anchor is refused after the next
            // event has been read, so an error in that event (a syntax error, a limit) is the one reported.
            if (after != After.Nothing) Settle();
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    unresolved = null;
                    break;
                case DocumentEnd:
                    // The parser never leaves a collection open at a document's end; were it to, no row would be safe to read.
                    if (open.Count > 0) throw new YamlException(parser.Current.Start, parser.Current.End, "the document ends inside an open mapping or list");
                    after = After.Document;
                    if (first && pendingCount > 0) doc.Root = new Node(doc, pending[0]);
                    first = false;
                    pendingCount = 0;
                    break;
                case Scalar s when flow is not null && s.Start.Line >= flow.NextLine:
                    Splice(s);
                    break;
                case Scalar s:
                    Place(Anchor(doc.Add(NodeKind.Scalar, (int)s.Style, s.Start, s.End, Intern(s.Value)), s));
                    break;
                case SequenceStart q:
                    Open(Anchor(doc.Add(NodeKind.Sequence, (int)q.Style, q.Start, q.End, 0), q));
                    break;
                case MappingStart m:
                    Open(Anchor(doc.Add(NodeKind.Mapping, (int)m.Style, m.Start, m.End, 0), m));
                    break;
                case SequenceEnd or MappingEnd:
                    Close();
                    break;
                case AnchorAlias a:
                    if (open.Count == 0)
                    {
                        after = After.RootAlias;
                        break;
                    }
                    if (anchors.TryGetValue(a.Value.Value, out int target)) Place(target);
                    else
                    {
                        Place(Unresolved);
                        unresolved ??= a.Value.Value;
                    }
                    break;
            }
        }
    }

    /// <summary>What YamlDotNet would check once the next event has been read.</summary>
    private enum After { Nothing, Pair, Document, RootAlias }

    private After after;

    private void Settle()
    {
        var what = after;
        after = After.Nothing;
        switch (what)
        {
            case After.Pair:
                CheckLastPair();
                break;
            case After.Document when unresolved is not null:
                throw new YamlException(Mark.Empty, Mark.Empty, $"The anchor '{unresolved}' does not exists");
            case After.RootAlias:
                throw new YamlException(Mark.Empty, Mark.Empty, "A document cannot contain only an alias");
        }
    }

    /// <summary>
    /// YamlDotNet registers an anchor when its node starts, so a later node with the same anchor takes the name over
    /// and an alias names the most recent one. The node's tag, if it has one, is kept too.
    /// </summary>
    private int Anchor(int node, NodeEvent e)
    {
        if (!e.Anchor.IsEmpty) anchors[e.Anchor.Value] = node;
        if (!e.Tag.IsEmpty) (doc.tags ??= [])[node] = Intern(e.Tag.Value);
        return node;
    }

    /// <summary>The placeholder for the next flow line, replaced by that line's mapping.</summary>
    private void Splice(Scalar s)
    {
        if (!flow!.IsNext(s.Start.Line, s.Start.Column, out _) || s.Value != FlowLines.Placeholder || s.Style != ScalarStyle.Plain
            || !s.Anchor.IsEmpty || !s.Tag.IsEmpty || open.Count == 0 || doc.Kind(open.Peek().Node) != NodeKind.Sequence)
            throw new FlowMismatchException();
        Place(flow.Build(doc, Intern, ref flowScratch));
    }

    private int Intern(ReadOnlySpan<char> s)
    {
        if (spans.TryGetValue(s, out int id)) return id;
        var text = s.ToString();
        id = doc.strings.Count;
        doc.strings.Add(text);
        pool.Add(text, id);
        return id;
    }

    private int Intern(string s)
    {
        if (pool.TryGetValue(s, out int id)) return id;
        id = doc.strings.Count;
        doc.strings.Add(s);
        pool.Add(s, id);
        return id;
    }

    /// <summary>Adds a complete node (scalar, alias, flow line) to the open collection.</summary>
    private void Place(int node)
    {
        Push(node);
        PairDone();
    }

    private void Push(int node)
    {
        if (pendingCount == pending.Length) Array.Resize(ref pending, pending.Length * 2);
        pending[pendingCount++] = node;
    }

    private void Open(int node)
    {
        Push(node);
        open.Push((node, pendingCount, null));
    }

    /// <remarks>
    /// On some broken input (a line that is only <c>: </c> before the next key) YamlDotNet's parser ends a mapping on a
    /// key with no value; its own tree builder then failed with an ArgumentException (the command line's "internal
    /// error"). Here the mapping keeps its complete entries, and the key without a value is left out of them: the
    /// schema then reports the entries that make no sense, at the line where the parser went astray.
    /// </remarks>
    private void Close()
    {
        var (node, firstChild, _) = open.Pop();
        var items = pending.AsSpan(firstChild, pendingCount - firstChild);
        doc.data[node] = doc.AddBlock(doc.Kind(node) == NodeKind.Mapping ? items.Length / 2 : items.Length, items);
        pendingCount = firstChild;
        PairDone(); // the collection was a value: its entry is complete only now
    }

    /// <summary>A node is complete: if it was a mapping's value, its entry is checked once the next event is read.</summary>
    private void PairDone() => after = After.Pair;

    /// <summary>
    /// YamlDotNet adds each entry to a mapping as soon as its value has been read (and the event after it), and refuses
    /// a key equal to an earlier one there and then: scalars are equal when tag and text are, collections only when
    /// they are the same node (an alias used twice as a key). The error is at the second key.
    /// </summary>
    private void CheckLastPair()
    {
        if (open.Count == 0) return;
        var (parent, first, keys) = open.Peek();
        int n = pendingCount - first;
        if (n == 0 || n % 2 != 0 || doc.Kind(parent) != NodeKind.Mapping) return;
        int key = pending[pendingCount - 2];
        if (key == Unresolved) return;
        if (keys is null && n / 2 <= 16)
        {
            for (int j = first; j < pendingCount - 2; j += 2)
                if (SameKey(key, pending[j])) Duplicate(key);
            return;
        }
        if (keys is null)
        {
            keys = new HashSet<long>(n);
            for (int j = first; j < pendingCount - 2; j += 2)
                if (pending[j] != Unresolved) keys.Add(Identity(pending[j]));
            open.Pop();
            open.Push((parent, first, keys));
        }
        if (!keys.Add(Identity(key))) Duplicate(key);
    }

    /// <summary>A scalar key is its (tag, text); a collection is itself, kept apart from scalars by the sign.</summary>
    private long Identity(int k) => doc.Kind(k) == NodeKind.Scalar ? (long)(TagId(k) + 1) << 32 | (uint)doc.data[k] : -1L - k;

    private bool SameKey(int a, int b)
    {
        if (a == Unresolved || b == Unresolved) return false;
        bool scalarA = doc.Kind(a) == NodeKind.Scalar, scalarB = doc.Kind(b) == NodeKind.Scalar;
        if (scalarA != scalarB) return false;
        if (!scalarA) return a == b;
        return doc.data[a] == doc.data[b] && TagId(a) == TagId(b);
    }

    private int TagId(int node) => doc.tags is not null && doc.tags.TryGetValue(node, out int t) ? t : -1;

    private void Duplicate(int key)
    {
        var node = new Node(doc, key);
        var at = new Mark(0, node.Line, node.Column);
        throw new YamlException(at, at, $"Duplicate key {node}");
    }
}

/// <summary>A flow line's placeholder was not read as a list item where it stands: the skeleton is not the file.</summary>
internal sealed class FlowMismatchException() : Exception("a flow line's placeholder was not read where it stands");
