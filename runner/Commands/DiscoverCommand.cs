using System.CommandLine;
using System.Globalization;
using ConflictSim.Analysis;
using ConflictSim.Analysis.Discovery;
using ConflictSim.Analysis.Report;
using ConflictSim.Cli.Output;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim discover DIR --outcome NAME [--threshold T [--below]] [--box K]`: PRIM scenario discovery over a
/// finished sweep's parameters — which ranges of the assumptions make the outcome happen. Prints the chosen box
/// and its quasi-p-values, writes DIR/discover-NAME.json, and redraws DIR/report.html when there is one.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "A finished sweep or merge --out directory (--lhs, --vary or a design)." };
        var outcome = new Option<string>("--outcome") { Description = "The outcome whose cases of interest PRIM bounds.", HelpName = "NAME", Required = true };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "Cases are runs with the outcome above T (below with --below). Required unless the outcome is yes/no, whose cases are its yes.",
            HelpName = "T",
        };
        var below = new Option<bool>("--below") { Description = "Cases are runs with the outcome below --threshold." };
        var box = new Option<int?>("--box") { Description = "Report box K of the peeling trajectory instead of the one with the highest weighted relative accuracy, mass × (density − overall density).", HelpName = "K" };
        var command = new Command("discover", "Scenario discovery (PRIM): the parameter ranges where an outcome happens.") { dir, outcome, threshold, below, box };
        command.SetAction(parsed => Execute(parsed.GetValue(dir)!, parsed.GetValue(outcome)!, parsed.GetValue(threshold), parsed.GetValue(below),
            parsed.GetValue(box), stdout, stderr));
        return command;
    }

    public static int Execute(string dir, string outcome, double? threshold, bool below, int? choose, TextWriter stdout, TextWriter stderr)
    {
        int Fail(string message)
        {
            stderr.WriteLine($"{Cli.Name}: discover: {message}");
            return ExitCodes.BadInput;
        }
        string checkpoint = Path.Combine(dir, SweepOutputs.Checkpoint);
        if (!File.Exists(checkpoint))
            return Fail($"'{dir}' holds no sweep ({SweepOutputs.Checkpoint} missing); expected the --out directory of 'sweep' or 'merge'");
        if (SweepState.ReadHeader(checkpoint, out var problem) is not var (h, committed)) return Fail($"'{checkpoint}' {problem}");
        if (committed != h.PlannedRuns) return Fail($"'{dir}' is unfinished ({committed} of {h.PlannedRuns} runs); finish it with 'sweep … --resume' first");
        int index = Array.FindIndex(h.Outcomes, o => o.Id == outcome);
        if (index < 0) return Fail($"no outcome '{outcome}' in this sweep; expected one of {string.Join(", ", h.Outcomes.Select(o => o.Id))}");
        if (h.Parameters.Length == 0 || h.Points.Length < 2)
            return Fail($"'{dir}' has {h.Points.Length} parameter point{(h.Points.Length == 1 ? "" : "s")}; PRIM needs a sweep over parameters (--lhs, --vary, --morris or --sobol)");
        if (committed < Prim.MinRuns)
            return Fail($"'{dir}' has {committed} runs; PRIM needs at least {Prim.MinRuns} (each peel removes {(100 * Prim.PeelAlpha).ToString("0", CultureInfo.InvariantCulture)}% of a box's runs)");
        if (threshold is null && !h.Outcomes[index].YesNo)
            return Fail($"'{outcome}' is not a yes/no outcome; give --threshold T to make runs above T (or below, with --below) the cases of interest");
        if (threshold is not null && h.Outcomes[index].YesNo && below is false && threshold is < 0 or >= 1)
            return Fail($"--threshold {threshold.Value.ToString(CultureInfo.InvariantCulture)} on the yes/no outcome '{outcome}' leaves no case or every case; expected a value in [0, 1)");
        var rule = new CaseRule(threshold, below);
        long[] runs, cases;
        try
        {
            (runs, cases) = SweepDiscovery.Count(dir, h, index, rule);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(e.Message);
        }
        long total = cases.Sum(), all = runs.Sum();
        if (total == 0 || total == all)
            return Fail($"{(total == 0 ? "no" : "every")} run has {outcome} {rule.Describe()} ({total} of {all}); there is no box to find");

        var result = Prim.Run(h.Points, runs, cases, choose);
        string json = Path.Combine(dir, SweepDiscovery.FileName(outcome));
        try
        {
            SweepOutputs.AtomicWrite(json, s => SweepDiscovery.WriteJson(s, h, outcome, rule, result, runs, cases));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write '{json}': {e.Message}");
        }

        var pick = result.Trajectory[result.Chosen];
        stdout.WriteLine($"PRIM on {outcome} {rule.Describe()}: {total} of {all} runs are cases ({(100.0 * total / all).ToString("0.0", CultureInfo.InvariantCulture)}%), {h.Points.Length} parameter points");
        stdout.WriteLine($"Box {result.Chosen} of {result.Trajectory.Count - 1} on the peeling trajectory{(pick.Pasted ? " (pasted)" : "")}: " +
            $"coverage {pick.Coverage:F3}, density {pick.Density:F3}, mass {pick.Mass:F3}");
        stdout.WriteLine();
        var table = new TextTable(("parameter", false), ("box", true), ("range", true), ("quasi-p low", true), ("quasi-p high", true));
        var full = result.Trajectory[0];
        foreach (var l in result.Limits)
            table.Add(h.Parameters[l.Parameter], $"{G(l.Lo)}..{G(l.Hi)}", $"{G(full.Lo[l.Parameter])}..{G(full.Hi[l.Parameter])}", P(l.PLo), P(l.PHi));
        if (result.Limits.Count == 0) stdout.WriteLine("No limit: the whole range is the best box.");
        else table.WriteTo(stdout);
        stdout.WriteLine();
        var trajectory = new TextTable(("box", true), ("coverage", true), ("density", true), ("mass", true), ("restricted", true));
        // A long trajectory is shown in steps (the JSON and the report have every box): the first, the chosen, the last.
        int step = Math.Max(1, (result.Trajectory.Count + 11) / 12);
        for (int i = 0; i < result.Trajectory.Count; i++)
        {
            if (i % step != 0 && i != result.Chosen && i != result.Trajectory.Count - 1) continue;
            var b = result.Trajectory[i];
            trajectory.Add($"{i}{(i == result.Chosen ? "*" : "")}{(b.Pasted ? " (pasted)" : "")}", b.Coverage.ToString("F3", CultureInfo.InvariantCulture),
                b.Density.ToString("F3", CultureInfo.InvariantCulture), b.Mass.ToString("F3", CultureInfo.InvariantCulture), b.Restricted(full).ToString(CultureInfo.InvariantCulture));
        }
        trajectory.WriteTo(stdout);
        if (step > 1) stdout.WriteLine($"(one box in {step} of the {result.Trajectory.Count} shown; the JSON has them all)");
        stdout.WriteLine();
        stdout.WriteLine($"written to {json}");
        string report = Path.Combine(dir, HtmlReport.DefaultName);
        if (File.Exists(report) && HtmlReport.Write(dir, report) is null) stdout.WriteLine($"report redrawn with it: {report}");
        return ExitCodes.Ok;
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string P(double? p) => p is not { } v ? "" : v == 0 ? "<1e-300" : v < 1e-4 ? v.ToString("0.0e0", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
