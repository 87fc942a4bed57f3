namespace ConflictSim.Scenarios;

/// <summary>A problem in a scenario file, located at the node that caused it (1-based line and column).</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>The result of loading: a spec when there were no errors, and every error found otherwise.</summary>
public sealed record LoadResult(ScenarioSpec? Spec, IReadOnlyList<ScenarioError> Errors)
{
    public bool Ok => Spec is not null && Errors.Count == 0;
}

/// <summary>Reads `conflictsim/1` YAML scenario files and reports every problem with its position.</summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a file. Never throws for bad content or a missing file; errors carry file:line:col.</summary>
    public static LoadResult LoadFile(string path) => throw new NotImplementedException();

    /// <summary>Loads and validates YAML text; <paramref name="fileName"/> is used in error positions.</summary>
    public static LoadResult LoadText(string yaml, string fileName) => throw new NotImplementedException();
}
