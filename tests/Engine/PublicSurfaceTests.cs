using System.Reflection;
using System.Text;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// The engine's public surface, listed in tests/data/golden/public-api.txt: a change to it shows in review as lines
/// added or removed there (regenerate with CONFLICTSIM_UPDATE_GOLDEN=1). Every public member must carry an XML doc
/// comment or be one a reader needs no words for (a record's generated members, an enum value, an obvious count).
/// </summary>
public class PublicSurfaceTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    internal static List<string> Listing()
    {
        var lines = new List<string>();
        foreach (var type in typeof(Simulation).Assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {type.FullName}");
            var members = type.GetMembers(Declared)
                .Where(m => !(m is MethodInfo mi && (mi.IsSpecialName || mi.Name.StartsWith('<'))) && m.Name != "EqualityContract")
                .Where(m => !(type.IsEnum && m is FieldInfo { IsSpecialName: true }))
                .Select(Describe)
                .Distinct()
                .OrderBy(x => x, StringComparer.Ordinal);
            foreach (var m in members) lines.Add("    " + m);
        }
        return lines;
    }

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class" : "class";

    private static string Describe(MemberInfo m) => m switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo mi => $"{mi.Name}({Parameters(mi)})",
        PropertyInfo p => $"property {p.Name}",
        FieldInfo f => $"field {f.Name}",
        EventInfo e => $"event {e.Name}",
        Type t => $"nested {t.Name}",
        _ => m.Name,
    };

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name));

    [Fact]
    public void The_public_surface_is_the_listed_one()
    {
        var listing = Listing();
        string golden = Path.Combine(Repository.Root, "tests", "data", "golden", "public-api.txt");
        var text = new StringBuilder();
        int types = listing.Count(l => !l.StartsWith(' ')), members = listing.Count - types;
        text.Append("# ConflictSim.Engine public surface: ").Append(types).Append(" types, ").Append(members).Append(" members\n");
        foreach (var l in listing) text.Append(l).Append('\n');
        if (Environment.GetEnvironmentVariable("CONFLICTSIM_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, text.ToString());
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), text.ToString());
    }
}
