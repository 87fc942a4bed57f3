using System.CommandLine;
using System.Globalization;
using ConflictSim.Analysis;
using ConflictSim.Analysis.Report;
using ConflictSim.Analysis.Validation;
using ConflictSim.Cli.Output;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim check FILE --runs N`: the scenario's historical targets against N seeded runs: per target the
/// model's median, 50% and 90% predictive intervals, inside or not, PIT; per scenario coverage and a proper score;
/// warnings about outcomes that cannot vary. `--strict` turns coverage below `--min-coverage` into exit 1, so CI can
/// hold a calibration. `--out DIR` writes check.json and the directory's HTML report.
/// </summary>
internal static class CheckCommand
{
    public const int DefaultRuns = 200;
    public const double DefaultMinCoverage = 0.7;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file with a targets: list." };
        var runs = new Option<int?>("--runs")
        {
            Description = $"Runs (replications); default {DefaultRuns}.",
            HelpName = "N",
            CustomParser = r => OptionValues.Whole(r, "--runs", 1, 1_000_000),
        };
        var seed = Options.Seed();
        var threads = Options.Threads();
        var set = Options.Multi("--set", "path=value", "Set a number in the scenario, e.g. a calibrated value to check. Repeatable.");
        var use = new Option<string?>("--targets")
        {
            Description = "Which targets: use=calibrate, use=validate or all (default all).",
            HelpName = "use=U",
            CustomParser = r => TargetFilter.Parse(r),
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema conflictsim-check/1) instead of a table." };
        var output = Options.Out("Also write DIR/check.json and DIR/report.html (the HTML report of the directory, with its \"Validation against history\" section).");
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when coverage (share of targets inside the 90% interval) is below --min-coverage." };
        var minCoverage = new Option<double?>("--min-coverage")
        {
            Description = $"Coverage --strict requires, 0 to 1; default {DefaultMinCoverage}.",
            HelpName = "X",
            CustomParser = r => OptionValues.Fraction(r, "--min-coverage"),
        };
        var command = new Command("check", "Compare a scenario's historical targets with its runs: predictive intervals, coverage, scores and warnings.")
        {
            file, runs, seed, threads, set, use, json, output, strict, minCoverage,
        };
        command.SetAction((parsed, _) =>
        {
            if (parsed.GetValue(minCoverage) is not null && !parsed.GetValue(strict))
            {
                stderr.WriteLine($"{Cli.Name}: --min-coverage only applies with --strict");
                return Task.FromResult(ExitCodes.Usage);
            }
            return Execute(parsed.GetValue(file)!, parsed.GetValue(set) ?? [], parsed.GetValue(use), parsed.GetValue(runs) ?? DefaultRuns,
                parsed.GetValue(seed), parsed.GetValue(threads) ?? Environment.ProcessorCount, parsed.GetValue(json), parsed.GetValue(output),
                parsed.GetValue(strict) ? parsed.GetValue(minCoverage) ?? DefaultMinCoverage : null, stdout, stderr);
        });
        return command;
    }

    public static async Task<int> Execute(string file, string[] sets, string? use, int runs, ulong? seed, int threads, bool asJson,
        string? outDir, double? minCoverage, TextWriter stdout, TextWriter stderr)
    {
        SweepPlan plan;
        try
        {
            plan = SweepPlan.Build(file, sets, [], [], null, seed);
        }
        catch (SweepPlanException e)
        {
            stderr.WriteLine(e.Located ? e.Message : $"{Cli.Name}: {e.Message}");
            return e.ExitCode();
        }
        var scenario = plan.Points[0].Scenario;
        var targets = TargetFilter.Apply(scenario.Spec.Targets, use);
        if (targets.Count == 0)
        {
            stderr.WriteLine($"{Cli.Name}: check: {file} has no {(use is null or "all" ? "" : use + " ")}targets; expected a targets: list (see scenarios/README.md, \"Targets\")");
            return ExitCodes.BadInput;
        }
        ulong master = seed ?? scenario.Spec.Seed;
        var options = new SimulationOptions();
        var progress = SweepProgress.For(stderr);
        using var interrupt = new Interrupt();
        var collected = await progress.Show("check", 0, runs, () => TargetSamples.Collect([scenario], targets, options, master, runs, threads,
            interrupt.Token, progress.Report));
        if (collected is not var (byTarget, byOutcome))
        {
            stderr.WriteLine($"{Cli.Name}: check interrupted; nothing written");
            return ExitCodes.Interrupted;
        }
        var columns = TargetSamples.Columns(scenario, targets);
        var report = CheckReport.Of(scenario, file, runs, master, targets, byTarget[0], byOutcome[0]);
        report = report with { Targets = report.Targets.Select((t, i) => t with { IsDay = columns[i].FirstDay }).ToArray() };

        if (outDir is not null)
        {
            try
            {
                Directory.CreateDirectory(outDir);
                SweepOutputs.AtomicWrite(Path.Combine(outDir, "check.json"), report.WriteJson);
                // The directory's report, as `conflictsim report DIR` writes it: a sweep or comparison there keeps its
                // sections and gains this one.
                string html = Path.Combine(outDir, HtmlReport.DefaultName);
                if (HtmlReport.Write(outDir, html) is { } problem)
                {
                    stderr.WriteLine($"{Cli.Name}: check: {outDir}/check.json written, but not {HtmlReport.DefaultName}: {problem}");
                    return ExitCodes.BadInput;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Cli.Name}: cannot write '{outDir}': {e.Message}");
                return ExitCodes.BadInput;
            }
        }
        if (asJson)
        {
            using var buffer = new MemoryStream();
            report.WriteJson(buffer);
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else WriteTable(report, scenario, stdout);

        if (minCoverage is { } min && !(report.Coverage >= min))
        {
            stderr.WriteLine($"{Cli.Name}: check --strict: coverage {Percent(report.Coverage)} is below {Percent(min)}");
            return ExitCodes.BadInput;
        }
        return ExitCodes.Ok;
    }

    private static void WriteTable(CheckReport r, Scenario scenario, TextWriter w)
    {
        var start = scenario.Spec.Start;
        int never = scenario.Spec.Days + 1;
        string V(TargetResult t, double v) => !double.IsFinite(v) ? "" : t.IsDay
            ? (v >= never ? "never" : start.AddDays((int)Math.Round(v)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : SummaryTable.Fmt(v);
        string Obs(TargetResult t) => t.Low == t.High ? V(t, t.Low) : $"{V(t, t.Low)}..{V(t, t.High)}";
        string Pi(TargetResult t, (double Lo, double Hi) p) => t.N == 0 ? "" : $"{V(t, p.Lo)}..{V(t, p.Hi)}";

        w.WriteLine($"{scenario.Spec.Title}");
        w.WriteLine($"{r.Runs} runs, seed {r.Seed}, information {r.Information}; a target is inside when its observation meets the 90% predictive interval");
        w.WriteLine();
        var table = new TextTable(("target", false), ("use", false), ("observed", true), ("median", true), ("50% PI", true), ("90% PI", true),
            ("in 90%", false), ("PIT", true), ("CRPS", true));
        foreach (var t in r.Targets)
            table.Add(t.Id, t.Use == TargetUse.Calibrate ? "calibrate" : "validate", Obs(t), V(t, t.Median), Pi(t, t.Pi50), Pi(t, t.Pi90),
                !t.Counted ? (t.N == 0 ? "no runs" : "fitted") : t.Inside90 ? "yes" : "NO",
                SummaryTable.Fmt(t.Pit), SummaryTable.Fmt(t.Crps));
        table.WriteTo(w);
        w.WriteLine();
        int counted = r.Targets.Count(t => t.Counted), inside = r.Targets.Count(t => t.Counted && t.Inside90);
        int validate = r.Targets.Count(t => t.Counted && t.Use == TargetUse.Validate);
        int validateIn = r.Targets.Count(t => t.Counted && t.Use == TargetUse.Validate && t.Inside90);
        w.WriteLine($"coverage: {inside}/{counted} targets inside their 90% PI ({Percent(r.Coverage)}); validation targets {validateIn}/{validate}; " +
                    $"mean scaled interval score {SummaryTable.Fmt(r.MeanScaledIntervalScore)}");
        if (r.Warnings.Length > 0)
        {
            w.WriteLine();
            w.WriteLine("warnings:");
            foreach (var x in r.Warnings) w.WriteLine($"  {x.Message}");
        }
    }

    private static string Percent(double v) => double.IsFinite(v) ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";
}

/// <summary>`--targets use=calibrate|use=validate|all`.</summary>
internal static class TargetFilter
{
    public static string? Parse(System.CommandLine.Parsing.ArgumentResult r)
    {
        string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (token is "use=calibrate" or "use=validate") return token[4..];
        if (token == "all") return "all";
        r.AddError($"--targets must be use=calibrate, use=validate or all, not '{token}'");
        return "all";
    }

    public static IReadOnlyList<HistoricalTarget> Apply(IReadOnlyList<HistoricalTarget> targets, string? use) => use switch
    {
        "calibrate" => targets.Where(t => t.Use == TargetUse.Calibrate).ToList(),
        "validate" => targets.Where(t => t.Use == TargetUse.Validate).ToList(),
        _ => targets,
    };
}
