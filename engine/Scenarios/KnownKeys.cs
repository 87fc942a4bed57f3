namespace ConflictSim.Scenarios;

/// <summary>
/// The keys a <see cref="MappingReader"/> has been asked for, in the order asked (the order an unknown-key message
/// lists them in). Readers asked the same keys in the same order (every region of a theater) share one instance: a
/// reader moves along a small tree of these, so 10⁵ regions keep one list of keys, not 10⁵.
/// </summary>
internal sealed class KnownKeys
{
    private readonly string[] keys;
    private Dictionary<string, KnownKeys>? next;
    // The step the previous reader took from here: the next reader of a list asks the same key, so one reference
    // comparison replaces the scan and the look-up.
    private string? lastKey;
    private KnownKeys? lastNext;

    private KnownKeys(string[] keys) => this.keys = keys;

    /// <summary>The root of a new tree; one per file, so loads on other threads share nothing.</summary>
    public static KnownKeys Empty() => new([]);

    public IReadOnlyList<string> Keys => keys;

    /// <summary>These keys with <paramref name="key"/> (this instance when it is among them already).</summary>
    public KnownKeys Add(string key)
    {
        if (ReferenceEquals(key, lastKey)) return lastNext!;
        if (Contains(key)) return this;
        var after = With(key);
        (lastKey, lastNext) = (key, after);
        return after;
    }

    public bool Contains(string key)
    {
        foreach (var k in keys)
            if (ReferenceEquals(k, key) || k == key) return true;
        return false;
    }

    /// <summary>These keys and then <paramref name="key"/> (not already among them).</summary>
    private KnownKeys With(string key)
    {
        next ??= new Dictionary<string, KnownKeys>(StringComparer.Ordinal);
        if (!next.TryGetValue(key, out var after))
        {
            var longer = new string[keys.Length + 1];
            keys.CopyTo(longer, 0);
            longer[^1] = key;
            next[key] = after = new KnownKeys(longer);
        }
        return after;
    }
}
