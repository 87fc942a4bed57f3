using System.CommandLine;
using ConflictSim.Analysis.Report;

namespace ConflictSim.Cli.Commands;

/// <summary>`conflictsim report DIR [--out FILE]`: one self-contained HTML report of a sweep, merged sweep, compare or check directory.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep, merge, compare or check --out directory." };
        var output = new Option<string?>("--out") { Description = $"The HTML file to write; default DIR/{HtmlReport.DefaultName}.", HelpName = "FILE" };
        var command = new Command("report", "Write one self-contained HTML report (interactive charts, no network) of a sweep, comparison or check.") { dir, output };
        command.SetAction(parsed => Execute(parsed.GetValue(dir)!, parsed.GetValue(output), stdout, stderr));
        return command;
    }

    public static int Execute(string dir, string? output, TextWriter stdout, TextWriter stderr)
    {
        string path = output ?? Path.Combine(dir, HtmlReport.DefaultName);
        string? problem;
        try
        {
            problem = HtmlReport.Write(dir, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot write '{path}': {e.Message}";
        }
        if (problem is not null)
        {
            stderr.WriteLine($"{Cli.Name}: report: {problem}");
            return ExitCodes.BadInput;
        }
        stdout.WriteLine($"report written to {path}");
        return ExitCodes.Ok;
    }
}
