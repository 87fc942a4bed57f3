namespace ConflictSim.Scenarios;

/// <summary>Checks that need the whole file: unique ids, references that resolve, and a connected map.</summary>
internal static class ScenarioChecks
{
    public static void Run(ScenarioSpec spec, ScenarioSchema schema, Diagnostics diag)
    {
        var declared = CheckDuplicates(schema.Declarations, diag);
        CheckReferences(spec, schema.References, declared, diag);
        CheckConnected(spec, schema.Declarations, diag);
    }

    /// <summary>
    /// The first declaration of each id, one table per kind of symbol: ordinal string keys hash several times faster
    /// than (kind, id) pairs, which a 10⁵-region theater looks up a million times.
    /// </summary>
    private static Dictionary<string, Declaration>[] CheckDuplicates(List<Declaration> declarations, Diagnostics diag)
    {
        var first = new Dictionary<string, Declaration>[Enum.GetValues<Symbol>().Length];
        for (int k = 0; k < first.Length; k++) first[k] = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        foreach (var d in declarations)
        {
            var table = first[(int)d.Kind];
            if (table.TryAdd(d.Id, d) || d.Kind == Symbol.City) continue; // a city is declared once per district
            var earlier = table[d.Id].At.Line;
            diag.At(d.At, d.Kind switch
            {
                Symbol.Link => $"duplicate link between {Pair(d.Id)} (first on line {earlier}); expected one link per pair of regions",
                Symbol.Relation => $"duplicate relation between {Pair(d.Id)} (first on line {earlier}); expected one relation per pair of factions",
                _ => $"duplicate {Name(d.Kind)} id '{d.Id}' (first on line {earlier}); expected unique {Name(d.Kind)} ids",
            });
        }
        return first;
    }

    private static void CheckReferences(ScenarioSpec spec, List<Reference> references, Dictionary<string, Declaration>[] declared, Diagnostics diag)
    {
        Dictionary<string, LinkKind>? linkKinds = null;
        foreach (var r in references)
        {
            bool exists = declared[(int)r.Kind].ContainsKey(r.Id);
            string? problem = (r.Need, exists) switch
            {
                (Need.Adjacent, false) => $"regions {Pair(r.Id)} are not linked; expected from: and to: to be joined by a link",
                (_, false) when r.Kind == Symbol.Link => $"unknown link '{r.Id}'; expected a pair declared under links:",
                (_, false) when r.Kind == Symbol.City => $"unknown city '{r.Id}'; expected a city that some region declares with city:",
                (_, false) => $"unknown {Name(r.Kind)} '{r.Id}'; expected the id of a {Name(r.Kind)} declared in this file",
                (Need.SeaLink, true) when LinkKindOf(spec, r.Id, ref linkKinds) is var kind && kind != LinkKind.Sea =>
                    $"link {Pair(r.Id)} is a {YamlValues.Snake(kind.ToString())} link; expected a sea link for a blockade",
                (Need.FirstDayOutcome, true) when spec.Outcomes.FirstOrDefault(o => o.Id == r.Id) is var o && (o is null || !ScenarioSchema.IsFirstDay(o.Kind)) =>
                    $"outcome '{r.Id}' is a {(o is null ? "camp" : YamlValues.Snake(o.Kind.ToString()))} outcome; expected a first_day_* outcome",
                _ => null,
            };
            if (problem is not null) diag.At(r.At, problem);
        }
    }

    /// <summary>The kind of the first link declared for the pair; the table is built at the first blockade, once.</summary>
    private static LinkKind LinkKindOf(ScenarioSpec spec, string pairKey, ref Dictionary<string, LinkKind>? kinds)
    {
        if (kinds is null)
        {
            kinds = new Dictionary<string, LinkKind>(spec.Links.Count, StringComparer.Ordinal);
            foreach (var l in spec.Links) kinds.TryAdd(ScenarioSchema.PairKey(l.From, l.To), l.Kind);
        }
        return kinds[pairKey];
    }

    /// <summary>
    /// Links taken as an undirected graph must connect every region; each further component is reported at
    /// its first region in file order.
    /// </summary>
    private static void CheckConnected(ScenarioSpec spec, List<Declaration> declarations, Diagnostics diag)
    {
        var regions = new List<Declaration>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in declarations)
            if (d.Kind == Symbol.Region && index.TryAdd(d.Id, regions.Count)) regions.Add(d);
        var parent = new int[regions.Count];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        foreach (var link in spec.Links)
            if (index.TryGetValue(link.From, out var a) && index.TryGetValue(link.To, out var b))
                parent[Root(parent, a)] = Root(parent, b);

        var firstOfComponent = new Dictionary<int, int>();
        for (int i = 0; i < regions.Count; i++) firstOfComponent.TryAdd(Root(parent, i), i);
        if (firstOfComponent.Count <= 1) return;
        var first = regions[0].Id;
        foreach (var start in firstOfComponent.Values.Skip(1))
            diag.At(regions[start].At,
                $"map is disconnected: region '{regions[start].Id}' starts a component not linked to '{first}' ({firstOfComponent.Count} components); expected links connecting every region");
    }

    /// <summary>
    /// Union-find root with path halving, in a loop: a chain map's links, joined in file order, build a tree as
    /// deep as the map is long, and a recursive root overflowed the stack at 10⁶ regions.
    /// </summary>
    internal static int Root(int[] parent, int x)
    {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }

    private static string Pair(string pairKey) => string.Join(" and ", pairKey.Split('-').Select(id => $"'{id}'"));

    private static string Name(Symbol kind) => kind.ToString().ToLowerInvariant();
}
