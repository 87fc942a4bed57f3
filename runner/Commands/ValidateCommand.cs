using System.CommandLine;
using ConflictSim.Scenarios;

namespace ConflictSim.Cli.Commands;

/// <summary>`conflictsim validate FILE`: checks a scenario without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML, format conflictsim/1)." };
        var command = new Command("validate", "Check a scenario file and list every error with its line and column.") { file };
        command.SetAction(parsed => Execute(parsed.GetValue(file)!, stdout, stderr));
        return command;
    }

    public static int Execute(string path, TextWriter stdout, TextWriter stderr)
    {
        if (ScenarioFile.IsCivilViolence(path)) return CivilViolenceCommand.Validate(path, stdout, stderr);
        return ScenarioFile.TryLoad(path, stderr, out var result) ? Report(path, result, stdout, stderr) : ExitCodes.BadInput;
    }

    /// <summary>Reports a load result; separate from loading so it can be exercised with a result built in code.</summary>
    internal static int Report(string path, LoadResult result, TextWriter stdout, TextWriter stderr)
    {
        if (!result.Ok)
        {
            ScenarioFile.ReportErrors(path, result, stderr);
            return ExitCodes.BadInput;
        }
        var spec = result.Spec!;
        stdout.WriteLine(
            $"{path}: ok ({spec.Regions.Count} regions, {spec.Factions.Count} factions, " +
            $"{spec.Events.Count} events, {spec.Outcomes.Count} outcomes)");
        return ExitCodes.Ok;
    }
}
