namespace ConflictSim.Scenarios.Yaml;

/// <summary>
/// The lines of a file that are a list item holding a one-line flow mapping of simple scalars, such as every region
/// and link a generated theater writes: <c>  - {id: r0, name: "Region 0", lat: 32.97, terrain: coast}</c>.
/// YamlDotNet's parser spends 1.4 s on the 4·10⁶ events of a 10⁵-region theater, most of the load; these lines are
/// read here instead, by a scanner that knows only this shape, and the parser reads a skeleton of the file in which
/// each such mapping is a placeholder scalar (<c>0</c>) at the same line and column.
/// </summary>
/// <remarks>
/// <para>A line is taken only when its meaning cannot depend on what surrounds it: it is <c>- {</c> after spaces;
/// keys are plain names; values are plain words (letters, digits, <c>_ . + -</c>) or double-quoted text without
/// escapes; no key repeats; nothing but spaces or a comment follows the <c>}</c>; and the next line that is not
/// blank is indented no deeper than the dash, so the item cannot continue onto it. Anything else (anchors, tags,
/// nested collections, escapes, tabs, other line breaks) is left to the parser.</para>
/// <para>Whether the line really is a list item (and not, say, text inside a block scalar) is proved by the skeleton's
/// parse: <see cref="DocumentReader"/> requires each placeholder to arrive as a plain scalar <c>0</c> at its exact
/// position as an item of a list, and every placeholder to arrive. If anything differs, or the skeleton does not parse,
/// the file is read again by the parser alone, so errors and edge cases are YamlDotNet's own.</para>
/// </remarks>
internal sealed class FlowLines
{
    /// <summary>Below this many lines the skeleton is not worth building.</summary>
    public const int Worthwhile = 64;

    public const string Placeholder = "0";

    private readonly string text;
    private readonly List<int> lines = [], braces = [], lineStarts = [], pairCounts = [];

    /// <summary>The next placeholder the parse should meet.</summary>
    public int Cursor { get; private set; }

    public int Count => lines.Count;

    private FlowLines(string text) => this.text = text;

    /// <summary>The flow lines of <paramref name="text"/>, or null when there are fewer than <paramref name="atLeast"/> or the text has line breaks other than LF and CRLF.</summary>
    public static FlowLines? Find(string text, int atLeast = Worthwhile)
    {
        if (atLeast == int.MaxValue) return null;
        // YamlDotNet also breaks lines at CR, NEL, LS and PS and skips a byte-order mark; positions here count only LF.
        if (text.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029') >= 0 || text.Contains('\uFEFF')) return null;
        var found = new FlowLines(text);
        int pos = 0, line = 1, pending = -1, pendingIndent = 0, pendingPairs = 0, pendingStart = 0, pendingBrace = 0;
        while (pos <= text.Length)
        {
            int eol = text.IndexOf('\n', pos);
            if (eol < 0) eol = text.Length;
            int end = eol > pos && text[eol - 1] == '\r' ? eol - 1 : eol;
            if (text.AsSpan(pos, end - pos).Contains('\r')) return null;

            int indent = 0;
            while (pos + indent < end && text[pos + indent] == ' ') indent++;
            bool blank = pos + indent == end;
            if (!blank && pending >= 0)
            {
                if (text[pos + indent] != '\t' && indent <= pendingIndent) found.Add(pending, pendingBrace, pendingStart, pendingPairs);
                pending = -1;
            }
            if (!blank && Item(text, pos + indent, end, out int pairs))
                (pending, pendingIndent, pendingPairs, pendingStart, pendingBrace) = (line, indent, pairs, pos, pos + indent + 2);

            if (eol == text.Length) break;
            pos = eol + 1;
            line++;
        }
        if (pending >= 0) found.Add(pending, pendingBrace, pendingStart, pendingPairs);
        return found.Count >= atLeast && found.Count > 0 ? found : null;
    }

    private void Add(int line, int brace, int lineStart, int pairs)
    {
        lines.Add(line);
        braces.Add(brace);
        lineStarts.Add(lineStart);
        pairCounts.Add(pairs);
    }

    /// <summary>The text with each flow mapping replaced by the placeholder; lines and the columns before each brace are unchanged.</summary>
    public string Skeleton()
    {
        var skeleton = new System.Text.StringBuilder(text.Length / 4);
        int from = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            int brace = braces[i];
            skeleton.Append(text, from, brace - from).Append(Placeholder);
            from = Close(brace) + 1;
        }
        skeleton.Append(text, from, text.Length - from);
        return skeleton.ToString();
    }

    /// <summary>True when <paramref name="line"/>, <paramref name="column"/> is the next placeholder's place; then <paramref name="pairs"/> is its size.</summary>
    public bool IsNext(long line, long column, out int pairs)
    {
        pairs = 0;
        if (Cursor >= lines.Count || line != lines[Cursor] || column != braces[Cursor] - lineStarts[Cursor] + 1) return false;
        pairs = pairCounts[Cursor];
        return true;
    }

    /// <summary>The line of the next placeholder; int.MaxValue once all have been met.</summary>
    public int NextLine => Cursor < lines.Count ? lines[Cursor] : int.MaxValue;

    /// <summary>
    /// Adds the next placeholder's mapping to <paramref name="doc"/> (keys and values interned through
    /// <paramref name="intern"/>, which looks a span up without making a string) and returns the mapping's row.
    /// </summary>
    public int Build(Document doc, Func<ReadOnlySpan<char>, int> intern, ref int[] scratch)
    {
        int brace = braces[Cursor], lineStart = lineStarts[Cursor], line = lines[Cursor], pairs = pairCounts[Cursor];
        Cursor++;
        int mapping = doc.Add(NodeKind.Mapping, FlowStyle, line, brace - lineStart + 1, 0);
        if (scratch.Length < 2 * pairs) scratch = new int[Math.Max(2 * pairs, scratch.Length * 2)];
        int p = brace + 1;
        for (int i = 0; i < pairs; i++)
        {
            int keyStart = p;
            while (text[p] != ':') p++;
            scratch[2 * i] = doc.Add(NodeKind.Scalar, (int)ScalarStyleCode.Plain, line, keyStart - lineStart + 1, intern(text.AsSpan(keyStart, p - keyStart)));
            p += 2;
            int valueStart = p;
            if (text[p] == '"')
            {
                int close = text.IndexOf('"', p + 1);
                scratch[2 * i + 1] = doc.Add(NodeKind.Scalar, (int)ScalarStyleCode.DoubleQuoted, line, valueStart - lineStart + 1, intern(text.AsSpan(p + 1, close - p - 1)));
                p = close + 1;
            }
            else
            {
                while (text[p] != ',' && text[p] != '}') p++;
                scratch[2 * i + 1] = doc.Add(NodeKind.Scalar, (int)ScalarStyleCode.Plain, line, valueStart - lineStart + 1, intern(text.AsSpan(valueStart, p - valueStart)));
            }
            p += 2; // ", " or "}" and whatever follows, unread
        }
        doc.data[mapping] = doc.AddBlock(pairs, scratch.AsSpan(0, 2 * pairs));
        return mapping;
    }

    /// <summary>YamlDotNet's number for a flow mapping's style.</summary>
    private const int FlowStyle = (int)YamlDotNet.Core.Events.MappingStyle.Flow;

    /// <summary>Where the mapping that opens at <paramref name="brace"/> closes (the line was checked, so it does).</summary>
    private int Close(int brace)
    {
        int p = brace + 1;
        while (true)
        {
            char c = text[p];
            if (c == '"') p = text.IndexOf('"', p + 1);
            else if (c == '}') return p;
            p++;
        }
    }

    /// <summary>Checks one line from its first non-space character; true, with the number of entries, for a flow line.</summary>
    private static bool Item(string text, int p, int end, out int pairs)
    {
        pairs = 0;
        if (end - p < 6 || text[p] != '-' || text[p + 1] != ' ' || text[p + 2] != '{') return false;
        p += 3;
        Span<(int Start, int Length)> keys = stackalloc (int, int)[32];
        while (true)
        {
            int keyStart = p;
            while (p < end && IsWord(text[p])) p++;
            int keyLength = p - keyStart;
            if (keyLength == 0 || p + 2 > end || text[p] != ':' || text[p + 1] != ' ') return false;
            if (pairs == keys.Length) return false;
            var key = text.AsSpan(keyStart, keyLength);
            for (int i = 0; i < pairs; i++)
                if (text.AsSpan(keys[i].Start, keys[i].Length).SequenceEqual(key)) return false;
            keys[pairs++] = (keyStart, keyLength);
            p += 2;
            if (p >= end) return false;
            if (text[p] == '"')
            {
                p++;
                while (p < end && text[p] != '"')
                {
                    if (!IsQuotable(text[p])) return false;
                    p++;
                }
                if (p >= end) return false;
                p++;
            }
            else
            {
                // A plain word; a leading '-' must be a sign, since "- " or a lone '-' is YAML syntax.
                if (!IsWord(text[p]) && !(text[p] == '-' && p + 1 < end && (char.IsAsciiDigit(text[p + 1]) || text[p + 1] == '.'))) return false;
                p++;
                while (p < end && (IsWord(text[p]) || text[p] is '.' or '+' or '-')) p++;
            }
            if (p + 1 < end && text[p] == ',' && text[p + 1] == ' ') { p += 2; continue; }
            if (p < end && text[p] == '}') { p++; break; }
            return false;
        }
        // After the mapping: spaces, then the end of the line or a comment.
        int spaces = 0;
        while (p < end && text[p] == ' ') { p++; spaces++; }
        return p == end || (spaces > 0 && text[p] == '#');
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Characters YamlDotNet takes as they are inside double quotes: printable, no escape, no line break.</summary>
    private static bool IsQuotable(char c) =>
        c is >= ' ' and <= '~' and not '\\' || c is >= '\u00A0' and <= '\uD7FF' || c is >= '\uE000' and <= '\uFFFD' and not '\uFEFF';
}
