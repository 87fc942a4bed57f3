using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ConflictSim.Analysis;
using ConflictSim.Analysis.Validation;
using ConflictSim.Cli.Output;
using ConflictSim.Cli.Sweep;
using ConflictSim.Scenarios;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim calibrate FILE --lhs path=lo..hi … [--vary path=v1,v2 …] --targets use=calibrate`: ABC-SMC (rejection,
/// then population Monte Carlo) over the given priors against the scenario's calibration targets. Writes each
/// generation, the posterior sample and its summary to --out, and the scenario patched to the posterior mean (or the
/// best particle) with a `calibrated:` note on each changed number.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file with targets: marked use: calibrate." };
        var lhs = Options.Multi("--lhs", "path=lo..hi", "A parameter to calibrate, uniform prior on [lo, hi]. Repeatable.");
        var vary = Options.Multi("--vary", "path=v1,v2,…", "A parameter to calibrate over listed values (uniform prior on them). Repeatable.");
        var samples = new Option<int?>("--samples") { Description = "Particles per generation; default 64.", HelpName = "K", CustomParser = r => OptionValues.Whole(r, "--samples", 2, 100_000) };
        var runs = new Option<int?>("--runs") { Description = "Seeded runs per particle; default 20.", HelpName = "N", CustomParser = r => OptionValues.Whole(r, "--runs", 1, 100_000) };
        var generations = new Option<int?>("--generations") { Description = "ABC-SMC generations (1 = rejection ABC); default 3.", HelpName = "G", CustomParser = r => OptionValues.Whole(r, "--generations", 1, 50) };
        var keep = new Option<double?>("--keep") { Description = "Fraction of each generation kept; default 0.25.", HelpName = "Q", CustomParser = r => OptionValues.Fraction(r, "--keep") };
        var use = new Option<string?>("--targets") { Description = "Which targets to calibrate against: use=calibrate (default), use=validate or all.", HelpName = "use=U", CustomParser = r => TargetFilter.Parse(r) };
        var seed = Options.Seed();
        var threads = Options.Threads();
        var output = Options.Out("Output directory; default results/<scenario id>-calibrate.");
        var write = new Option<string?>("--write") { Description = "Where to write the patched scenario; default DIR/<scenario id>.calibrated.yaml.", HelpName = "FILE" };
        var best = new Option<bool>("--best") { Description = "Patch the scenario to the particle nearest the targets instead of the posterior mean." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted calibration in --out from its last finished generation." };
        var command = new Command("calibrate", "Calibrate parameters to a scenario's historical targets by ABC-SMC; writes the posterior and a patched scenario.")
        {
            file, lhs, vary, samples, runs, generations, keep, use, seed, threads, output, write, best, resume,
        };
        command.SetAction((parsed, _) => Execute(parsed.GetValue(file)!, parsed.GetValue(lhs) ?? [], parsed.GetValue(vary) ?? [],
            parsed.GetValue(samples) ?? 64, parsed.GetValue(runs) ?? 20, parsed.GetValue(generations) ?? 3, parsed.GetValue(keep) ?? 0.25,
            parsed.Tokens.Any(t => t.Value == "--targets") ? parsed.GetValue(use) : "calibrate", parsed.GetValue(seed),
            parsed.GetValue(threads) ?? Environment.ProcessorCount, parsed.GetValue(output), parsed.GetValue(write), parsed.GetValue(best),
            parsed.GetValue(resume), stdout, stderr));
        return command;
    }

    public static async Task<int> Execute(string file, string[] lhs, string[] vary, int samples, int runs, int generations, double keep,
        string? use, ulong? seed, int threads, string? outDir, string? writePath, bool best, bool resume, TextWriter stdout, TextWriter stderr)
    {
        if (lhs.Length + vary.Length == 0)
        {
            stderr.WriteLine($"{Cli.Name}: calibrate needs at least one --lhs path=lo..hi or --vary path=v1,v2 to calibrate");
            return ExitCodes.Usage;
        }
        SweepPlan plan;
        try
        {
            // Built once to check every flag and range the way sweep does, with the same messages.
            plan = SweepPlan.Build(file, [], vary, lhs, lhs.Length > 0 ? 1 : null, seed);
        }
        catch (SweepPlanException e)
        {
            stderr.WriteLine(e.Located ? e.Message : $"{Cli.Name}: {e.Message}");
            return e.ExitCode();
        }
        var spec = plan.BaseSpec;
        var targets = TargetFilter.Apply(spec.Targets, use).ToArray();
        if (targets.Length == 0)
        {
            stderr.WriteLine($"{Cli.Name}: calibrate: {file} has no {(use is null or "all" ? "" : use + " ")}targets; expected targets: with use: calibrate");
            return ExitCodes.BadInput;
        }
        var template = ScenarioLoader.Prepare(plan.Text, file);
        var priors = vary.Select(v => Discrete(v, template)).Concat(lhs.Select(l => Range(l, template))).ToArray();
        var job = new CalibrationJob
        {
            File = file, Text = plan.Text, BaseSpec = spec, Priors = priors, Targets = targets, Samples = samples, Runs = runs,
            Generations = generations, Keep = keep, Seed = seed ?? spec.Seed, Threads = threads,
        };
        string dir = outDir ?? Path.Combine("results", spec.Id + "-calibrate");
        string statePath = Path.Combine(dir, Calibration.StateFile);
        List<AbcGeneration> done;
        try
        {
            Directory.CreateDirectory(dir);
            if (File.Exists(statePath))
            {
                if (!resume)
                {
                    stderr.WriteLine($"{Cli.Name}: '{dir}' already holds a calibration; add --resume to continue it, or choose another --out");
                    return ExitCodes.Usage;
                }
                if (File.ReadAllText(statePath).Trim() != job.Identity())
                {
                    stderr.WriteLine($"{Cli.Name}: --resume: '{dir}' holds a different calibration (see its {Calibration.StateFile}); rerun it with the same arguments or choose another --out");
                    return ExitCodes.Usage;
                }
                done = Calibration.Load(dir, job);
            }
            else
            {
                SweepOutputs.AtomicWrite(statePath, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), -1, leaveOpen: true); w.WriteLine(job.Identity()); });
                done = [];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot use '{dir}': {e.Message}");
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"{spec.Title}: calibrating {string.Join(", ", priors.Select(p => p.Path))}");
        stdout.WriteLine($"ABC-SMC: {samples} particles x {runs} runs per generation, {generations} generation(s), keeping {job.Kept}; seed {job.Seed}; " +
                         $"targets {string.Join(", ", targets.Select(t => t.Id))}");
        if (done.Count > 0) stdout.WriteLine($"resuming after generation {done.Count - 1}");
        var progress = SweepProgress.For(stderr);
        using var interrupt = new Interrupt();
        while (done.Count < generations)
        {
            var gen = await progress.Show($"generation {done.Count}", 0, (long)samples * runs,
                () => Calibration.RunGeneration(job, done, template, interrupt.Token, progress.Report));
            if (gen is null)
            {
                stderr.WriteLine($"{Cli.Name}: calibrate interrupted in generation {done.Count}; finished generations are in '{dir}'; continue with --resume");
                return ExitCodes.Interrupted;
            }
            Calibration.Write(Path.Combine(dir, Calibration.GenerationFile(gen.Index)), gen, priors);
            done.Add(gen);
        }

        var last = done[^1];
        var summary = AbcSmc.Summarise(priors, last.Particles);
        var chosen = Calibration.Choose(priors, last, best);
        string date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var edits = priors.Select((p, j) => new ScenarioEdit(p.Path, chosen[j],
            $"calibrate {date}: {(best ? "best particle" : "posterior mean")} of {job.Kept} kept of {samples} particles x {runs} runs x {generations} generation(s), seed {job.Seed}; " +
            $"targets {string.Join(", ", targets.Select(t => t.Id))}; prior {(p.Discrete ? string.Join(",", p.Values!.Select(CalibrationJob.F)) : $"{CalibrationJob.F(p.Lo)}..{CalibrationJob.F(p.Hi)}")}; " +
            $"90% posterior {Sig(summary[j].P05)}..{Sig(summary[j].P95)}")).ToList();
        string patched;
        try { patched = ScenarioLoader.Patch(plan.Text, edits); }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{Cli.Name}: calibrate: cannot patch the scenario: {e.Message} (the posterior is in '{dir}')");
            WriteResults(dir, job, done, summary, chosen, null);
            return ExitCodes.BadInput;
        }
        string target = writePath ?? Path.Combine(dir, spec.Id + ".calibrated.yaml");
        var check = ScenarioLoader.LoadText(patched, target);
        if (!check.Ok)
        {
            stderr.WriteLine($"{Cli.Name}: calibrate: the patched scenario does not load: {check.Errors[0]}");
            return ExitCodes.Internal;
        }
        try
        {
            WriteResults(dir, job, done, summary, chosen, target);
            using var text = new AtomicTextFile(target);
            text.Writer.Write(patched);
            text.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot write results: {e.Message}");
            return ExitCodes.BadInput;
        }

        stdout.WriteLine();
        var gens = new TextTable(("generation", true), ("tolerance", true), ("ESS", true));
        foreach (var g in done) gens.Add(g.Index.ToString(CultureInfo.InvariantCulture), SummaryTable.Fmt(g.Tolerance), SummaryTable.Fmt(g.EffectiveSize));
        gens.WriteTo(stdout);
        stdout.WriteLine();
        var table = new TextTable(("parameter", false), ("prior", true), ("posterior mean", true), ("sd", true), ("5%", true), ("50%", true), ("95%", true), ("written", true));
        for (int j = 0; j < priors.Length; j++)
        {
            var s = summary[j];
            var p = priors[j];
            table.Add(p.Path, p.Discrete ? string.Join(",", p.Values!.Select(SummaryTable.Fmt)) : $"{SummaryTable.Fmt(p.Lo)}..{SummaryTable.Fmt(p.Hi)}",
                SummaryTable.Fmt(s.Mean), SummaryTable.Fmt(s.Sd), SummaryTable.Fmt(s.P05), SummaryTable.Fmt(s.P50), SummaryTable.Fmt(s.P95), SummaryTable.Fmt(chosen[j]));
        }
        table.WriteTo(stdout);
        stdout.WriteLine();
        stdout.WriteLine($"posterior sample: {Path.Combine(dir, Calibration.PosteriorFile)}; summary: {Path.Combine(dir, Calibration.SummaryFile)}");
        stdout.WriteLine($"patched scenario: {target}");
        return ExitCodes.Ok;
    }

    private static void WriteResults(string dir, CalibrationJob job, List<AbcGeneration> done, ParameterSummary[] summary, double[] chosen, string? patched)
    {
        var last = done[^1];
        SweepOutputs.AtomicWrite(Path.Combine(dir, Calibration.PosteriorFile), s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), -1, leaveOpen: true) { NewLine = "\n" };
            w.WriteLine($"{string.Join(",", job.Priors.Select(p => p.Path))},distance,weight");
            foreach (var p in last.Particles.Where(p => p.Accepted))
                w.WriteLine($"{string.Join(",", p.Values.Select(CalibrationJob.F))},{CalibrationJob.F(p.Distance)},{CalibrationJob.F(p.Weight)}");
        });
        SweepOutputs.AtomicWrite(Path.Combine(dir, Calibration.SummaryFile), s =>
        {
            using var json = new Utf8JsonWriter(s, SweepOutputs.JsonOptions);
            json.WriteStartObject();
            json.WriteString("schema", "conflictsim-calibration/1");
            json.WriteString("scenario", job.BaseSpec.Id);
            json.WriteString("method", "ABC-SMC (Beaumont et al. 2009), adaptive tolerance");
            json.WriteNumber("samples", job.Samples);
            json.WriteNumber("runs", job.Runs);
            json.WriteNumber("kept", job.Kept);
            json.WriteNumber("seed", job.Seed);
            json.WriteStartArray("targets");
            foreach (var t in job.Targets) json.WriteStringValue(t.Id);
            json.WriteEndArray();
            json.WriteStartArray("generations");
            foreach (var g in done)
            {
                json.WriteStartObject();
                json.WriteNumber("generation", g.Index);
                json.WriteNumber("tolerance", g.Tolerance);
                json.WriteNumber("ess", g.EffectiveSize);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("parameters");
            for (int j = 0; j < summary.Length; j++)
            {
                var x = summary[j];
                json.WriteStartObject();
                json.WriteString("path", x.Path);
                json.WriteNumber("prior_lo", x.PriorLo);
                json.WriteNumber("prior_hi", x.PriorHi);
                json.WriteNumber("mean", x.Mean);
                json.WriteNumber("sd", x.Sd);
                json.WriteNumber("p05", x.P05);
                json.WriteNumber("p50", x.P50);
                json.WriteNumber("p95", x.P95);
                json.WriteNumber("written", chosen[j]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (patched is not null) json.WriteString("patched_scenario", patched);
            json.WriteEndObject();
        });
    }

    private static string Sig(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static Prior Range(string arg, ScenarioTemplate template)
    {
        int eq = arg.IndexOf('='), dots = arg.IndexOf("..", StringComparison.Ordinal);
        string path = arg[..eq].Trim();
        double lo = double.Parse(arg[(eq + 1)..dots], CultureInfo.InvariantCulture), hi = double.Parse(arg[(dots + 2)..], CultureInfo.InvariantCulture);
        return new Prior(path, lo, hi, null, IsWhole(template, path));
    }

    private static Prior Discrete(string arg, ScenarioTemplate template)
    {
        int eq = arg.IndexOf('=');
        string path = arg[..eq].Trim();
        var values = arg[(eq + 1)..].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Prior(path, values.Min(), values.Max(), values, IsWhole(template, path));
    }

    /// <summary>As a sweep asks: a whole-number key refuses a fraction.</summary>
    private static bool IsWhole(ScenarioTemplate template, string path) =>
        template.Load([new ScenarioOverride(path, 0.5, "probe")]).Errors.Any(e => e.Message.Contains("whole number", StringComparison.Ordinal));
}
