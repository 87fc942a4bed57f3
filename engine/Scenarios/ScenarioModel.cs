using YamlDotNet.RepresentationModel;

namespace ConflictSim.Scenarios;

/// <summary>
/// Which model a `conflictsim/1` file describes, from its top-level <c>model:</c> key: the Libya conflict engine
/// (the default, no key) or Epstein's civil violence grid. Callers pick the loader by it; each loader then reports
/// the file's errors with positions.
/// </summary>
public static class ScenarioModel
{
    public const string Conflict = "conflict";
    public const string CivilViolence = "civil-violence";

    public static readonly IReadOnlyList<string> Names = [Conflict, CivilViolence];

    /// <summary>
    /// The file's <c>model:</c> value; <see cref="Conflict"/> when absent, not a plain name, or when the YAML does not
    /// parse (the conflict loader then reports the syntax error, so no problem is lost by guessing).
    /// </summary>
    public static string Of(string yaml)
    {
        var root = ScenarioLoader.Parse(yaml, new Diagnostics(""));
        if (root is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("model"), out var node)
            && node is YamlScalarNode { Value: { Length: > 0 } value })
            return value;
        return Conflict;
    }
}
