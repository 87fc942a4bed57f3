using ConflictSim.CivilViolenceGrid;
using ConflictSim.Cli.Output;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `run` and `validate` for files with <c>model: civil-violence</c> (Epstein's grid model). The options mean what they
/// mean for the conflict engine, with `--days` counting steps; `--deterministic` has no meaning here.
/// </summary>
internal static class CivilViolenceCommand
{
    public static int Run(string path, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Deterministic)
        {
            stderr.WriteLine($"{Cli.Name}: --deterministic does not apply to the civil-violence model (its rules have no expected-value form); drop it");
            return ExitCodes.Usage;
        }
        var result = Load(path);
        if (!result.Ok) return Report(path, result.Errors, stderr);

        var model = new CivilViolenceModel(result.Spec!, options.Seed ?? result.Spec!.Seed, options.Days);
        if (options.TimelinePath is { } timelinePath)
        {
            if (!RunWithTimeline(model, timelinePath, stderr)) return ExitCodes.BadInput;
        }
        else
        {
            model.Run();
        }

        if (options.Json) CivilViolenceReport.WriteJson(model, stdout);
        else CivilViolenceReport.WriteSummary(model, stdout);
        return ExitCodes.Ok;
    }

    public static int Validate(string path, TextWriter stdout, TextWriter stderr)
    {
        var result = Load(path);
        if (!result.Ok) return Report(path, result.Errors, stderr);
        var s = result.Spec!;
        stdout.WriteLine($"{path}: ok (civil-violence, {s.Width}×{s.Height} torus, {s.Citizens} citizens, {s.Cops} cops, {s.Steps} steps)");
        return ExitCodes.Ok;
    }

    /// <summary>Through the runner's one reader, so a piped file read once already (to learn its model) is not read again.</summary>
    private static CivilViolenceLoadResult Load(string path)
    {
        var (text, error) = Analysis.ScenarioFiles.ReadText(path);
        return text is null ? new CivilViolenceLoadResult(null, [error!]) : CivilViolenceLoader.LoadText(text, path);
    }

    private static int Report(string path, IReadOnlyList<Scenarios.ScenarioError> errors, TextWriter stderr)
    {
        foreach (var error in errors) stderr.WriteLine(error.ToString());
        if (errors.Count == 0) stderr.WriteLine($"{path}: could not be loaded");
        return ExitCodes.BadInput;
    }

    private static bool RunWithTimeline(CivilViolenceModel model, string path, TextWriter stderr)
    {
        try
        {
            using var timeline = CivilViolenceTimeline.Open(path, model);
            timeline.WriteStep();
            while (!model.Finished)
            {
                model.Step();
                timeline.WriteStep();
            }
            timeline.Commit();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot write timeline '{path}': {e.Message}");
            return false;
        }
    }
}
