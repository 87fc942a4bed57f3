using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ConflictSim.Cli.Output;

namespace ConflictSim.Cli.Commands;

/// <summary>What `conflictsim run` was asked to do, beyond which scenario.</summary>
internal sealed record RunOptions
{
    /// <summary>Overrides the scenario's seed.</summary>
    public ulong? Seed { get; init; }
    /// <summary>Overrides the scenario's length in days.</summary>
    public int? Days { get; init; }
    public bool Json { get; init; }
    /// <summary>Where to write the per-day CSV, or null for none.</summary>
    public string? TimelinePath { get; init; }
    /// <summary>Expected values instead of sampled losses.</summary>
    public bool Deterministic { get; init; }
    /// <summary>Where to save the state when the run stops, or null.</summary>
    public string? SaveStatePath { get; init; }
    /// <summary>A saved state to continue from instead of the scenario's start, or null.</summary>
    public string? FromStatePath { get; init; }
}

/// <summary>`conflictsim run FILE`: runs a scenario to its end and reports the final state and outcomes.</summary>
internal static class RunCommand
{
    /// <summary>A hundred years; anything longer is a typo, not a scenario.</summary>
    public const int MaxDays = 36500;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML, format conflictsim/1)." };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Random seed (0 to 18446744073709551615); default: the scenario's seed.",
            HelpName = "N",
            CustomParser = OptionValues.Seed,
        };
        var days = new Option<int?>("--days")
        {
            Description = $"Days to simulate (0 to {MaxDays}); default: the scenario's length.",
            HelpName = "N",
            CustomParser = r => OptionValues.Whole(r, "--days", 0, MaxDays),
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the text summary." };
        var timeline = new Option<string?>("--timeline")
        {
            Description = "Also write a per-day CSV of every force (day, faction, region) to this file.",
            HelpName = "FILE.csv",
        };
        var deterministic = new Option<bool>("--deterministic")
        {
            Description = "Expected values instead of sampling: losses, desertion and defection at their means, the AI takes its best option, events with probability ≥ 0.5 happen. The result does not depend on the seed.",
        };

        var saveState = new Option<string?>("--save-state")
        {
            Description = "When the run stops (at --days), save its whole state, random streams included, to this file.",
            HelpName = "FILE",
        };
        var fromState = new Option<string?>("--from-state")
        {
            Description = "Continue from a state saved by --save-state from the same scenario, bit for bit; with --seed, reseed it there (a fork).",
            HelpName = "FILE",
        };

        var command = new Command("run", "Run a scenario and print a summary of the final state and its outcomes.")
        {
            file, seed, days, json, timeline, deterministic, saveState, fromState,
        };
        command.SetAction(parsed => Execute(parsed.GetValue(file)!, new RunOptions
        {
            Seed = parsed.GetValue(seed),
            Days = parsed.GetValue(days),
            Json = parsed.GetValue(json),
            TimelinePath = parsed.GetValue(timeline),
            Deterministic = parsed.GetValue(deterministic),
            SaveStatePath = parsed.GetValue(saveState),
            FromStatePath = parsed.GetValue(fromState),
        }, stdout, stderr));
        return command;
    }

    public static int Execute(string path, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (ScenarioFile.IsCivilViolence(path)) return CivilViolenceCommand.Run(path, options, stdout, stderr);
        if (!ScenarioFile.TryLoad(path, stderr, out var result)) return ExitCodes.BadInput;
        if (!result.Ok)
        {
            ScenarioFile.ReportErrors(path, result, stderr);
            return ExitCodes.BadInput;
        }
        return Execute(result.Spec!, options, stdout, stderr);
    }

    /// <summary>Runs a spec already in memory; the file overload ends here, and tests start here.</summary>
    internal static int Execute(ScenarioSpec spec, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        Scenario scenario;
        try
        {
            scenario = Scenario.Compile(spec);
        }
        catch (ArgumentException e)
        {
            // The loader reports dangling ids first; this only catches specs built elsewhere.
            stderr.WriteLine($"{Cli.Name}: scenario '{spec.Id}' is invalid: {e.Message}");
            return ExitCodes.BadInput;
        }

        var sim = new Simulation(scenario, options.Seed ?? spec.Seed, new SimulationOptions
        {
            Days = options.Days,
            Mode = options.Deterministic ? CombatMode.Deterministic : null,
        });

        if (options.FromStatePath is { } from && !LoadState(sim, from, options.Seed, stderr)) return ExitCodes.BadInput;

        if (options.TimelinePath is { } timelinePath)
        {
            if (!RunWithTimeline(sim, timelinePath, stderr)) return ExitCodes.BadInput;
        }
        else
        {
            sim.Run();
        }

        if (options.SaveStatePath is { } save && !SaveState(sim, save, stderr)) return ExitCodes.BadInput;

        if (options.Json) JsonReport.Write(sim, stdout);
        else SummaryWriter.Write(sim, stdout);
        return ExitCodes.Ok;
    }

    private static bool LoadState(Simulation sim, string path, ulong? seed, TextWriter stderr)
    {
        try
        {
            using (var file = File.OpenRead(path)) sim.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot continue from '{path}': {e.Message}");
            return false;
        }
        if (sim.View.Day > sim.Days)
        {
            stderr.WriteLine($"{Cli.Name}: cannot continue from '{path}': it is at day {sim.View.Day}, past the run's {sim.Days} days; expected --days of at least {sim.View.Day}");
            return false;
        }
        if (seed is { } s) sim.Reseed(s);
        return true;
    }

    /// <summary>Written through the one atomic write (<see cref="Analysis.OutputFile"/>), so a reader never sees half a state.</summary>
    private static bool SaveState(Simulation sim, string path, TextWriter stderr)
    {
        try
        {
            Analysis.SweepOutputs.AtomicWrite(Path.GetFullPath(path), sim.Save);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot write state '{path}': {e.Message}");
            return false;
        }
    }

    /// <summary>A full disk may strike on any day's rows, not only on open or commit: every write is inside the one catch.</summary>
    private static bool RunWithTimeline(Simulation sim, string path, TextWriter stderr)
    {
        try
        {
            using var timeline = TimelineWriter.Open(path, sim);
            timeline.WriteDay();
            while (!sim.Finished)
            {
                sim.Step();
                timeline.WriteDay();
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
