using System.CommandLine;
using ConflictSim.Cli.Output;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;
using ConflictSim.Phases;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim compare A.yaml B.yaml` (or one file with --set-a / --set-b): both arms run with the same seeds —
/// common random numbers (Law &amp; Kelton, Simulation Modeling and Analysis, ch. 11) — so run i of A and run i of B
/// differ only by the change, and paired tests see the effect without most of the run-to-run noise.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Scenario A and scenario B, or one scenario varied with --set-a / --set-b.",
            Arity = new ArgumentArity(1, 2),
        };
        var runs = Options.Runs();
        var seed = Options.Seed();
        var threads = Options.Threads();
        var days = Options.Days();
        var deterministic = Options.Deterministic();
        var set = Options.Multi("--set", "path=value", "Set a number in both arms. Repeatable.");
        var setA = Options.Multi("--set-a", "path=value", "Set a number in arm A only. Repeatable.");
        var setB = Options.Multi("--set-b", "path=value", "Set a number in arm B only. Repeatable.");
        var output = Options.Out("Also write DIR/compare.json.");
        var command = new Command("compare", "Compare two scenarios (or two settings of one) run with the same seeds; paired statistics per outcome.")
        {
            files, runs, seed, threads, days, deterministic, set, setA, setB, output,
        };
        command.SetAction((parsed, _) =>
        {
            var f = parsed.GetValue(files)!;
            var both = parsed.GetValue(set) ?? [];
            if (f.Length == 1 && (parsed.GetValue(setA) ?? []).Length == 0 && (parsed.GetValue(setB) ?? []).Length == 0)
            {
                // Both arms would be the same file with the same numbers: every difference exactly zero, said as a finding.
                stderr.WriteLine($"{Cli.Name}: compare with one FILE needs --set-a or --set-b to make the arms differ; or give two files");
                return Task.FromResult(ExitCodes.Usage);
            }
            return Execute(f[0], f.Length > 1 ? f[1] : f[0], [.. both, .. parsed.GetValue(setA) ?? []], [.. both, .. parsed.GetValue(setB) ?? []],
                parsed.GetValue(runs) ?? SweepCommand.DefaultRuns, parsed.GetValue(seed), parsed.GetValue(threads) ?? Environment.ProcessorCount,
                parsed.GetValue(days), parsed.GetValue(deterministic), parsed.GetValue(output), stdout, stderr);
        });
        return command;
    }

    public static async Task<int> Execute(string fileA, string fileB, string[] setA, string[] setB, int runs, ulong? seed, int threads,
        int? days, bool deterministic, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        SweepPlan a, b;
        try
        {
            a = SweepPlan.Build(fileA, setA.Select(s => s).ToList(), [], [], null, seed);
            b = SweepPlan.Build(fileB, setB, [], [], null, seed);
        }
        catch (SweepPlanException e)
        {
            stderr.WriteLine(e.Located ? e.Message : $"{Cli.Name}: {e.Message}");
            return e.ExitCode();
        }
        var specA = a.BaseSpec;
        var shared = a.Points[0].Scenario.Outcomes.Select((o, i) => (o, i, j: b.Points[0].Scenario.OutcomeIndex(o.Id)))
            .Where(t => t.j >= 0).ToList();
        if (shared.Count == 0)
        {
            stderr.WriteLine($"{Cli.Name}: compare: {fileA} and {fileB} share no outcome id; expected outcomes to compare");
            return ExitCodes.BadInput;
        }

        ulong master = seed ?? specA.Seed;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // values[arm][outcome][run]; NaN = the outcome never happened in that run.
        var values = new double[2][][];
        for (int arm = 0; arm < 2; arm++)
        {
            values[arm] = new double[shared.Count][];
            for (int k = 0; k < shared.Count; k++) values[arm][k] = new double[runs];
        }
        var job = new PipelineJob
        {
            Points = [a.Points[0].Scenario, b.Points[0].Scenario],
            Options = new SimulationOptions { Days = days, Mode = deterministic ? CombatMode.Deterministic : null },
            MasterSeed = master,
            From = 0,
            To = 2L * runs,
            // Run-major: run i of A and of B are neighbours, so nothing waits on a whole arm.
            Map = seq => ((int)(seq % 2), (int)(seq / 2)),
            Threads = threads,
            Series = false,
        };
        var progress = SweepProgress.For(stderr);
        using var interrupt = new Interrupt();
        long done = await progress.Show("compare", 0, job.To, () => RunPipeline.RunAsync(job, slot =>
        {
            for (int k = 0; k < shared.Count; k++)
                values[slot.Point][k][slot.Run] = slot.Outcomes[slot.Point == 0 ? shared[k].i : shared[k].j];
            progress.Report(slot.Seq + 1);
        }, interrupt.Token));
        if (done < job.To)
        {
            stderr.WriteLine($"{Cli.Name}: compare interrupted after {done / 2} of {runs} paired runs; nothing written");
            return ExitCodes.Interrupted;
        }

        var results = shared.Select((t, k) => PairedComparison.Of(t.o.Id,
            OutcomeInfo.IsNullable(t.o), OutcomeInfo.IsYesNo(t.o.Kind), values[0][k], values[1][k])).ToList();

        string nameA = fileA == fileB ? $"A ({(setA.Length > 0 ? string.Join(" ", setA) : "as written")})" : $"A ({fileA})";
        string nameB = fileA == fileB ? $"B ({(setB.Length > 0 ? string.Join(" ", setB) : "as written")})" : $"B ({fileB})";
        stdout.WriteLine($"{specA.Title}: {nameA} vs {nameB}");
        stdout.WriteLine($"{runs} paired runs, seed {master}, same seeds in both arms; difference = B - A");
        stdout.WriteLine();
        var table = new TextTable(("outcome", false), ("n", true), ("mean A", true), ("mean B", true), ("B - A", true), ("95% CI", true),
            ("t p", true), ("Wilcoxon p", true), ("McNemar p", true));
        foreach (var r in results)
            table.Add(r.Id, r.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture), SummaryTable.Fmt(r.MeanA), SummaryTable.Fmt(r.MeanB),
                SummaryTable.Fmt(r.MeanDiff), r.Ci is { } c ? $"{SummaryTable.Fmt(c.Lo)}..{SummaryTable.Fmt(c.Hi)}" : "",
                P(r.TTestP), P(r.WilcoxonP), r.McNemar is { } mc ? P(mc.P) : "");
        table.WriteTo(stdout);

        if (outDir is not null)
        {
            try
            {
                Directory.CreateDirectory(outDir);
                SweepOutputs.AtomicWrite(Path.Combine(outDir, "compare.json"), s => PairedComparison.WriteJson(s, specA.Id, nameA, nameB, master, runs, results,
                    shared.Select((t, k) => (values[0][k], values[1][k], OutcomeInfo.IsNullable(t.o), OutcomeInfo.IsYesNo(t.o.Kind))).ToList(),
                    new CompareManifest(specA.Title, a.Sha256, b.Sha256, Cli.Name, Cli.Version, threads, clock.Elapsed.TotalSeconds)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Cli.Name}: cannot write '{outDir}': {e.Message}");
                return ExitCodes.BadInput;
            }
        }
        return ExitCodes.Ok;
    }

    private static string P(double p) => double.IsFinite(p) ? (p < 0.0001 ? "<0.0001" : p.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)) : "";
}
