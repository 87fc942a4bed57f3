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

    private KnownKeys(string[] keys) => this.keys = keys;

    /// <summary>The root of a new tree; one per file, so loads on other threads share nothing.</summary>
    public static KnownKeys Empty() => new([]);

    public IReadOnlyList<string> Keys => keys;

    public bool Contains(string key)
    {
        foreach (var k in keys)
            if (ReferenceEquals(k, key) || k == key) return true;
        return false;
    }

    /// <summary>These keys and then <paramref name="key"/> (not already among them).</summary>
    public KnownKeys With(string key)
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
