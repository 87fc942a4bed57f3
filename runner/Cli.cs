using System.CommandLine;
using System.CommandLine.Invocation;
using ConflictSim.Cli.Commands;

namespace ConflictSim.Cli;

/// <summary>
/// The whole command line, runnable in-process: tests pass their own writers and read the exit code
/// instead of starting a process.
/// </summary>
internal static class Cli
{
    public const string Name = "conflictsim";

    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            is [System.Reflection.AssemblyInformationalVersionAttribute v, ..] ? v.InformationalVersion : "0";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var root = BuildRoot(stdout, stderr);
            var parsed = root.Parse(args);

            // The library's own error action prints in colour followed by the full help text; an analyst's
            // script wants one line on stderr and a usage exit code it can tell apart from a bad scenario.
            if (parsed.Action is ParseErrorAction)
            {
                string command = parsed.CommandResult.Command is RootCommand ? Name : $"{Name} {parsed.CommandResult.Command.Name}";
                string message = parsed.Errors.Count > 0 ? parsed.Errors[0].Message : "invalid command line";
                stderr.WriteLine($"{Name}: {message} (see '{command} --help')");
                return ExitCodes.Usage;
            }

            return parsed.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            // Nobody reading a simulation summary should see a stack trace; the message is enough to report it.
            stderr.WriteLine($"{Name}: internal error: {e.Message}");
            return ExitCodes.Internal;
        }
    }

    internal static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "ConflictSim: agent-based simulation of the Libyan conflict, 2015-2018.\n" +
            $"With no command, sweeps the default scenario ({DefaultScenario.RelativePath}, {SweepCommand.DefaultRuns} runs) into " +
            "results/sirte-2016/ and prints its summary.")
        {
            RunCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
            BlocsCommand.Create(stdout, stderr),
            SweepCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout, stderr),
            CompareCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            DiscoverCommand.Create(stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
            ServeCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
            CalibrateCommand.Create(stdout, stderr),
        };
        root.SetAction((_, _) => SweepCommand.RunDefault(stdout, stderr));
        return root;
    }
}
