using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ConflictSim.Cli.Output;
using ConflictSim.Generation;

namespace ConflictSim.Cli.Commands;

/// <summary>`conflictsim generate`: writes a synthetic theater (engine/Generation) for scaling studies.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var regions = new Option<int?>("--regions")
        {
            Description = $"Regions on the map ({TheaterParameters.MinRegions} to {TheaterParameters.MaxRegions}).",
            HelpName = "R",
            Required = true,
            CustomParser = r => OptionValues.Whole(r, "--regions", TheaterParameters.MinRegions, TheaterParameters.MaxRegions),
        };
        var factions = new Option<int?>("--factions")
        {
            Description = $"Factions ({TheaterParameters.MinFactions} to {TheaterParameters.MaxFactions}, at most R).",
            HelpName = "F",
            Required = true,
            CustomParser = r => OptionValues.Whole(r, "--factions", TheaterParameters.MinFactions, TheaterParameters.MaxFactions),
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Seed of the generator, also written as the scenario's seed (0 to 18446744073709551615); default 1.",
            HelpName = "S",
            CustomParser = OptionValues.Seed,
        };
        var degree = new Option<double?>("--degree")
        {
            Description = $"Target mean links per region ({TheaterParameters.MinDegree:0.0} to {TheaterParameters.MaxDegree:0.0}); default {TheaterParameters.DefaultDegree:0.0}.",
            HelpName = "D",
            CustomParser = ParseDegree,
        };
        var days = new Option<int?>("--days")
        {
            Description = $"The scenario's length in days (1 to 3650); default {TheaterParameters.DefaultDays}.",
            HelpName = "N",
            CustomParser = r => OptionValues.Whole(r, "--days", 1, 3650),
        };
        var plain = new Option<bool>("--plain")
        {
            Description = "The feature-less theater of issue 5: land, factions and forces only, no sea zones, patrons, events or insurgency (for comparisons).",
        };
        var output = new Option<string?>("--out") { Description = "Scenario file to write (replaced if it exists).", HelpName = "FILE", Required = true };

        var command = new Command("generate",
            "Write a synthetic theater (a valid scenario) of a given size, for scaling studies: land, factions and forces, with sea lanes, patrons, events and an insurgency unless --plain.")
        {
            regions, factions, seed, degree, days, plain, output,
        };
        command.SetAction(parsed => Execute(new TheaterParameters
        {
            Regions = parsed.GetValue(regions)!.Value,
            Factions = parsed.GetValue(factions)!.Value,
            Seed = parsed.GetValue(seed) ?? 1,
            MeanDegree = parsed.GetValue(degree) ?? TheaterParameters.DefaultDegree,
            Days = parsed.GetValue(days) ?? TheaterParameters.DefaultDays,
            Plain = parsed.GetValue(plain),
        }, parsed.GetValue(output)!, stdout, stderr));
        return command;
    }

    public static int Execute(TheaterParameters parameters, string path, TextWriter stdout, TextWriter stderr)
    {
        // Options are each in range by now; what is left is how they combine (more factions than regions).
        if (parameters.Problem() is { } problem)
        {
            stderr.WriteLine($"{Cli.Name}: {problem}");
            return ExitCodes.Usage;
        }
        try
        {
            using var file = new AtomicTextFile(path);
            TheaterGenerator.Generate(parameters, file.Writer);
            file.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot write '{path}': {e.Message}");
            return ExitCodes.BadInput;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {TheaterGenerator.ScenarioId(parameters)} ({parameters.Regions} regions, {parameters.Factions} factions, seed {parameters.Seed})"));
        return ExitCodes.Ok;
    }

    private static double? ParseDegree(ArgumentResult result)
    {
        string token = OptionValues.Token(result);
        if (double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double d)
            && d >= TheaterParameters.MinDegree && d <= TheaterParameters.MaxDegree)
            return d;
        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"--degree must be a number from {TheaterParameters.MinDegree:0.0} to {TheaterParameters.MaxDegree:0.0}, not '{token}'"));
        return null;
    }
}
