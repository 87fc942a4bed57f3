using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ConflictSim.Alliances;
using ConflictSim.Cli.Input;
using ConflictSim.Cli.Output;

namespace ConflictSim.Cli.Commands;

/// <summary>What `conflictsim blocs` was asked to do, beyond where the actors come from.</summary>
internal sealed record BlocsOptions
{
    public bool Json { get; init; }
    /// <summary>Up to this many actors every two-bloc configuration is examined; beyond it, local search.</summary>
    public int ExhaustiveMax { get; init; } = BlocsCommand.DefaultExhaustiveMax;
    /// <summary>Descents of the local search.</summary>
    public int Starts { get; init; } = BlocsCommand.DefaultStarts;
    /// <summary>Seed of the local search's random starting configurations.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Also list local minima with any number of blocs (small n only).</summary>
    public bool AnyBlocs { get; init; }
}

/// <summary>The actors of a landscape, where they came from, and how their sizes were measured.</summary>
internal sealed record BlocsProblem(
    string Source, string[] Actors, double[] Sizes, double[]? Strength, double[] Propensity, string[] Omitted, string Measures);

/// <summary>
/// `conflictsim blocs`: the alignments Axelrod &amp; Bennett's landscape theory predicts (BJPS 23, 1993) for a
/// scenario's factions or for actors given as tables, with every local minimum of the two-bloc energy.
/// </summary>
internal static class BlocsCommand
{
    public const int DefaultExhaustiveMax = 20;
    public const int DefaultStarts = 1000;
    /// <summary>Bell(10) = 115,975 partitions: well under a second.</summary>
    public const int AnyBlocsMax = 10;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "Scenario file (YAML, format conflictsim/1): its factions with initial fighters are the actors.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var sizes = new Option<string?>("--sizes")
        {
            Description = "CSV with header 'actor,size': one positive size per actor (use with --propensities instead of FILE).",
            HelpName = "sizes.csv",
        };
        var propensities = new Option<string?>("--propensities")
        {
            Description = "CSV square matrix of propensities, actor names across the first row and down the first column; must be symmetric, diagonal ignored.",
            HelpName = "matrix.csv",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the text report." };
        var exhaustiveMax = new Option<int>("--exhaustive-max")
        {
            Description = $"Examine every two-bloc configuration up to this many actors (1 to {Landscape.MaxExhaustiveActors}); local search beyond.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultExhaustiveMax,
            CustomParser = r => OptionValues.Whole(r, "--exhaustive-max", 1, Landscape.MaxExhaustiveActors) ?? 0,
        };
        var starts = new Option<int>("--starts")
        {
            Description = $"Local search: descents from random configurations (1 to 10000000).",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultStarts,
            CustomParser = r => OptionValues.Whole(r, "--starts", 1, 10_000_000) ?? 0,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Local search: seed of the random starting configurations.",
            HelpName = "N",
            DefaultValueFactory = _ => 1UL,
            CustomParser = r => OptionValues.Seed(r) ?? 0,
        };
        var anyBlocs = new Option<bool>("--any-blocs")
        {
            Description = $"Also list the local minima with any number of blocs, where an actor may also leave to stand alone (up to {AnyBlocsMax} actors).",
        };

        var command = new Command("blocs",
            "Predict alignments by Axelrod & Bennett's landscape theory (1993): every local minimum of the two-bloc energy, " +
            "global minimum first, with each actor's frustration. Give a scenario FILE, or --sizes and --propensities.")
        {
            file, sizes, propensities, json, exhaustiveMax, starts, seed, anyBlocs,
        };
        command.Validators.Add(result =>
        {
            bool hasFile = result.GetValue(file) is not null;
            bool hasSizes = result.GetValue(sizes) is not null, hasMatrix = result.GetValue(propensities) is not null;
            if (hasFile && (hasSizes || hasMatrix))
                result.AddError("blocs takes a scenario FILE or --sizes and --propensities, not both");
            else if (!hasFile && !(hasSizes && hasMatrix))
                result.AddError(hasSizes || hasMatrix
                    ? "blocs needs both --sizes and --propensities"
                    : "blocs needs a scenario FILE, or --sizes and --propensities");
        });
        command.SetAction(parsed =>
        {
            var options = new BlocsOptions
            {
                Json = parsed.GetValue(json),
                ExhaustiveMax = parsed.GetValue(exhaustiveMax),
                Starts = parsed.GetValue(starts),
                Seed = parsed.GetValue(seed),
                AnyBlocs = parsed.GetValue(anyBlocs),
            };
            return parsed.GetValue(file) is { } path
                ? ExecuteScenario(path, options, stdout, stderr)
                : ExecuteTables(parsed.GetValue(sizes)!, parsed.GetValue(propensities)!, options, stdout, stderr);
        });
        return command;
    }

    public static int ExecuteScenario(string path, BlocsOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (ScenarioFile.IsCivilViolence(path))
        {
            stderr.WriteLine($"{Cli.Name}: '{path}' is a civil violence grid model (model: civil-violence); blocs needs a conflict scenario (conflictsim/1) with factions and relations");
            return ExitCodes.BadInput;
        }
        if (!ScenarioFile.TryLoad(path, stderr, out var result)) return ExitCodes.BadInput;
        if (!result.Ok)
        {
            ScenarioFile.ReportErrors(path, result, stderr);
            return ExitCodes.BadInput;
        }
        Scenario scenario;
        try
        {
            scenario = Scenario.Compile(result.Spec!);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{Cli.Name}: scenario '{result.Spec!.Id}' is invalid: {e.Message}");
            return ExitCodes.BadInput;
        }

        var land = ScenarioLandscape.From(scenario);
        if (land.Actors.Length == 0)
        {
            stderr.WriteLine($"{Cli.Name}: {path}: no faction has initial fighters; expected at least one actor");
            return ExitCodes.BadInput;
        }
        var problem = new BlocsProblem(path, land.Actors, land.Sizes, land.Strength, land.Propensity, land.Omitted,
            "size = share of the total initial strength (weight + fighters × quality); propensity = the scenario's initial trust");
        return Execute(problem, options, stdout, stderr);
    }

    public static int ExecuteTables(string sizesPath, string matrixPath, BlocsOptions options, TextWriter stdout, TextWriter stderr)
    {
        string[] sizesLines, matrixLines;
        foreach (string path in new[] { sizesPath, matrixPath })
            if (ScenarioFile.CannotRead(path) is { } reason)
            {
                stderr.WriteLine($"{Cli.Name}: cannot read '{path}': {reason}");
                return ExitCodes.BadInput;
            }
        try
        {
            sizesLines = File.ReadAllLines(sizesPath);
            matrixLines = File.ReadAllLines(matrixPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot read tables: {e.Message}");
            return ExitCodes.BadInput;
        }

        var tables = LandscapeTables.Read(sizesPath, sizesLines, matrixPath, matrixLines);
        if (!tables.Ok)
        {
            foreach (var error in tables.Errors) stderr.WriteLine(error.ToString());
            return ExitCodes.BadInput;
        }
        var problem = new BlocsProblem($"{sizesPath} + {matrixPath}", tables.Actors, tables.Sizes, null, tables.Propensity, [],
            $"sizes from {sizesPath}; propensities from {matrixPath}");
        return Execute(problem, options, stdout, stderr);
    }

    /// <summary>Searches and reports a landscape already in memory; both inputs end here, and tests start here.</summary>
    internal static int Execute(BlocsProblem problem, BlocsOptions options, TextWriter stdout, TextWriter? stderr = null)
    {
        int n = problem.Actors.Length;
        // Each descent costs about n² multiply-adds twice over (fields, then the minimum's frustrations): say so before a long wait.
        if (n > options.ExhaustiveMax && (double)n * n * options.Starts > 2e9)
            stderr?.WriteLine($"{Cli.Name}: local search: {options.Starts:#,0} descents over {n:#,0} actors on {Environment.ProcessorCount} cores; " +
                              $"this takes a while (--starts sets how many)");
        var search = n <= options.ExhaustiveMax
            ? Landscape.TwoBlocMinima(problem.Sizes, problem.Propensity)
            : Landscape.SearchTwoBlocMinima(problem.Sizes, problem.Propensity, options.Starts, options.Seed);
        var any = options.AnyBlocs && n <= AnyBlocsMax ? Landscape.AllMinima(problem.Sizes, problem.Propensity) : null;

        if (options.Json) BlocsReport.WriteJson(problem, options, search, any, stdout);
        else BlocsReport.WriteText(problem, options, search, any, stdout);
        return ExitCodes.Ok;
    }
}
