
namespace ConflictSim.Scenarios;

/// <summary>
/// Which model a `conflictsim/1` file describes, from its top-level <c>model:</c> key: the Libya conflict engine
/// (the default, no key) or Epstein's civil violence grid. Callers pick the loader by it; each loader then reports
/// the file's errors with positions.
/// </summary>
public static class ScenarioModel
{
    /// <summary><c>model: conflict</c> (or no key): the conflict engine, read by <see cref="ScenarioLoader"/>.</summary>
    public const string Conflict = "conflict";
    /// <summary><c>model: civil-violence</c>: Epstein's civil violence grid, read by <see cref="CivilViolenceGrid.CivilViolenceLoader"/>.</summary>
    public const string CivilViolence = "civil-violence";

    /// <summary>Every model name a file may give, the default first.</summary>
    public static readonly IReadOnlyList<string> Names = [Conflict, CivilViolence];

    /// <summary>
    /// The file's <c>model:</c> value; <see cref="Conflict"/> when absent, not a plain name, or when the YAML does not
    /// parse (the conflict loader then reports the syntax error, so no problem is lost by guessing).
    /// </summary>
    public static string Of(string yaml)
    {
        // A key spelled model must have those letters in the text, unless an escape in a double-quoted key spells
        // them; without either the answer is known without parsing (a 10⁵-region theater: 10 ms instead of a parse).
        if (!yaml.Contains("model", StringComparison.Ordinal) && !yaml.Contains('\\')) return Conflict;
        var root = ScenarioLoader.Parse(yaml, new Diagnostics(""));
        if (root.Get("model") is { IsScalar: true, Value: { Length: > 0 } value })
            return value;
        return Conflict;
    }
}
