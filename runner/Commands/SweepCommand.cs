using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

/// <summary>`conflictsim sweep FILE`: many seeded runs at one or more parameter points, with statistics.</summary>
internal static class SweepCommand
{
    public const int DefaultRuns = 1000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML, format conflictsim/1)." };
        var runs = Options.Runs();
        var seed = Options.Seed();
        var threads = Options.Threads();
        var days = Options.Days();
        var deterministic = Options.Deterministic();
        var set = Options.Multi("--set", "path=value", "Set a number in the scenario for every point, e.g. settings.loss_shock=2.5. Repeatable.");
        var vary = Options.Multi("--vary", "path=v1,v2,…", "Vary a number over a list of values; several --vary flags form a full factorial grid. Repeatable.");
        var lhs = Options.Multi("--lhs", "path=lo..hi", "Sample a number from a range by Latin hypercube (with --samples). Repeatable.");
        var morris = Options.Multi("--morris", "path=lo..hi", "Morris elementary-effects screening over a range (with --trajectories). Repeatable.");
        var sobol = Options.Multi("--sobol", "path=lo..hi", "Sobol indices on a Saltelli design over a range (with --samples N). Repeatable.");
        var trajectories = new Option<int?>("--trajectories")
        {
            Description = "Morris trajectories R: R × (parameters + 1) points.",
            HelpName = "R",
            CustomParser = r => OptionValues.Whole(r, "--trajectories", 1, 10_000),
        };
        var samples = new Option<int?>("--samples")
        {
            Description = "Latin hypercube samples (parameter points) for the --lhs ranges; with --sobol, the base samples N: N × (parameters + 2) points.",
            HelpName = "K",
            CustomParser = r => OptionValues.Whole(r, "--samples", 1, 1_000_000),
        };
        var output = Options.Out("Output directory; default: results/<scenario id> (with -shard-K-of-M when sharded).");
        var shard = new Option<(int, int)?>("--shard")
        {
            Description = "Run only shard K of M (1-based): the run indices i with i mod M = K-1. Combine the shards with 'merge'.",
            HelpName = "K/M",
            CustomParser = ParseShard,
        };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted sweep in --out from its last checkpoint." };
        var resumeOrStart = new Option<bool>("--resume-or-start")
        {
            Description = "Continue the sweep in --out if it holds one, else start it there: for batch scripts that may be requeued.",
        };
        var series = new Option<string>("--series")
        {
            Description = $"Keep per-day metrics (timeseries.csv, fan charts): auto (the default) keeps them up to {SweepHeader.SeriesPointsMax} points; on; off.",
            HelpName = "auto|on|off",
        };
        series.Validators.Add(r =>
        {
            if ((r.Tokens.Count > 0 ? r.Tokens[0].Value : "auto") is var t and not ("auto" or "on" or "off")) r.AddError($"--series must be auto, on or off, not '{t}'");
        });
        var checkpointSeconds = new Option<double?>("--checkpoint-seconds")
        {
            Description = "Seconds between checkpoints (default 2): at most this much work is redone after a kill. Does not change results.",
            HelpName = "S",
            CustomParser = r => OptionValues.Number(r, "--checkpoint-seconds", 0.01, 86_400),
        };
        var cluster = ClusterOptions.Create();

        var command = new Command("sweep", "Run a scenario many times at one or more parameter points and summarise the outcomes.")
        {
            file, runs, seed, threads, days, deterministic, set, vary, lhs, samples, morris, sobol, trajectories, output, shard, resume,
            resumeOrStart, checkpointSeconds, series,
        };
        cluster.AddTo(command);
        command.SetAction((parsed, _) =>
        {
            var morrisRanges = parsed.GetValue(morris) ?? [];
            var sobolRanges = parsed.GetValue(sobol) ?? [];
            if (morrisRanges.Length > 0 && sobolRanges.Length > 0)
            {
                stderr.WriteLine($"{Cli.Name}: --morris and --sobol are two designs; expected one of them per sweep");
                return Task.FromResult(ExitCodes.Usage);
            }
            if (parsed.GetValue(trajectories) is not null && morrisRanges.Length == 0)
            {
                stderr.WriteLine($"{Cli.Name}: --trajectories only applies with --morris");
                return Task.FromResult(ExitCodes.Usage);
            }
            DesignRequest? design = morrisRanges.Length > 0 ? new DesignRequest(Analysis.Sensitivity.DesignInfo.Morris, morrisRanges, parsed.GetValue(trajectories))
                : sobolRanges.Length > 0 ? new DesignRequest(Analysis.Sensitivity.DesignInfo.Sobol, sobolRanges, parsed.GetValue(samples)) : null;
            if (design is not null && cluster.Requested(parsed))
            {
                stderr.WriteLine($"{Cli.Name}: --morris and --sobol sweeps run on one machine for now; expected no --slurm or --k8s with them");
                return Task.FromResult(ExitCodes.Usage);
            }
            if (cluster.Requested(parsed))
                return Task.FromResult(cluster.Run(parsed, shard, stdout, stderr, new ClusterRequest
                {
                    File = parsed.GetValue(file)!,
                    Runs = parsed.GetValue(runs) ?? DefaultRuns,
                    Seed = parsed.GetValue(seed),
                    Days = parsed.GetValue(days),
                    Deterministic = parsed.GetValue(deterministic),
                    Sets = parsed.GetValue(set) ?? [],
                    Varies = parsed.GetValue(vary) ?? [],
                    Lhs = parsed.GetValue(lhs) ?? [],
                    Samples = parsed.GetValue(samples),
                    Out = parsed.GetValue(output) ?? "",
                    Shards = 0, // from --shards, which ClusterOptions reads
                    Threads = parsed.GetValue(threads) ?? 1,
                }));
            var (k, m) = parsed.GetValue(shard) ?? (1, 1);
            return Run(parsed.GetValue(file)!, parsed.GetValue(set) ?? [], parsed.GetValue(vary) ?? [], parsed.GetValue(lhs) ?? [],
                design is null ? parsed.GetValue(samples) : null, o => o with
                {
                    Runs = parsed.GetValue(runs) ?? DefaultRuns,
                    Seed = parsed.GetValue(seed),
                    Threads = parsed.GetValue(threads) ?? Environment.ProcessorCount,
                    Days = parsed.GetValue(days),
                    Deterministic = parsed.GetValue(deterministic),
                    Out = parsed.GetValue(output) ?? "",
                    Shard = k,
                    Shards = m,
                    Resume = parsed.GetValue(resume) || parsed.GetValue(resumeOrStart),
                    StartIfMissing = parsed.GetValue(resumeOrStart),
                    CheckpointSeconds = parsed.GetValue(checkpointSeconds) ?? 2,
                    Series = parsed.GetValue(series) switch { "on" => true, "off" => false, _ => null },
                    Argv = [.. parsed.Tokens.Select(t => t.Value)],
                }, stdout, stderr, design: design);
        });
        return command;
    }

    /// <summary>What `conflictsim` with no arguments does: a quick sweep of the default scenario.</summary>
    public static Task<int> RunDefault(TextWriter stdout, TextWriter stderr)
    {
        if (DefaultScenario.Locate() is not { } path)
        {
            stderr.WriteLine(
                $"{Cli.Name}: default scenario {DefaultScenario.RelativePath} not found in the current directory, " +
                $"its parents or {AppContext.BaseDirectory}; run a file with '{Cli.Name} sweep FILE'");
            return Task.FromResult(ExitCodes.BadInput);
        }
        return Run(path, [], [], [], null, o => o with { Overwrite = true, Argv = [], Report = true }, stdout, stderr);
    }

    public static async Task<int> Run(string file, IReadOnlyList<string> sets, IReadOnlyList<string> varies, IReadOnlyList<string> lhs,
        int? samples, Func<SweepOptions, SweepOptions> configure, TextWriter stdout, TextWriter stderr, SweepHooks? hooks = null,
        DesignRequest? design = null)
    {
        var options = configure(new SweepOptions { Runs = DefaultRuns, Out = "" });
        SweepPlan plan;
        try
        {
            plan = SweepPlan.Build(file, sets, varies, lhs, samples, options.Seed, design);
        }
        catch (SweepPlanException e)
        {
            stderr.WriteLine(e.Located ? e.Message : $"{Cli.Name}: {e.Message}");
            return e.ExitCode();
        }
        if (options.Out.Length == 0)
            options = options with
            {
                Out = Path.Combine("results", plan.BaseSpec.Id + (options.Shards > 1 ? $"-shard-{options.Shard}-of-{options.Shards}" : "")),
            };
        options = options with { Hooks = hooks };

        using var interrupt = new Interrupt();
        try
        {
            return await SweepRunner.Execute(plan, options, stdout, stderr, interrupt.Token);
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            // A full disk or a directory made read-only mid-sweep: what the last checkpoint counts is on disk and
            // whole (rows reach the disk before the checkpoint that counts them), so --resume carries on from it.
            stderr.WriteLine($"{Cli.Name}: cannot write to '{options.Out}': {Unwrap(e).Message}; the runs saved so far are kept: " +
                $"make room, then continue with: {Shell.Launcher()} {string.Join(' ', options.Argv.Where(a => a is not ("--resume" or "--resume-or-start")).Select(Shell.Quote))} --resume");
            return ExitCodes.BadInput;
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        return e;
    }

    private static (int, int)? ParseShard(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var parts = token.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && m >= 1 && k >= 1 && k <= m)
            return (k, m);
        result.AddError($"--shard must be K/M with 1 <= K <= M (1-based), like 2/8, not '{token}'");
        return null;
    }
}

/// <summary>
/// Ctrl-C and SIGTERM (what Slurm and Kubernetes send before killing a job) become a cancellation: the sweep
/// stops dispatching, commits what is in flight, checkpoints and says how to resume. A second Ctrl-C kills.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration? _term;

    public CancellationToken Token => _cts.Token;

    public Interrupt()
    {
        Console.CancelKeyPress += OnCancel;
        try { _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; _cts.Cancel(); }); }
        catch (PlatformNotSupportedException) { }
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_cts.IsCancellationRequested) return;
        e.Cancel = true;
        _cts.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _term?.Dispose();
        _cts.Dispose();
    }
}

/// <summary>Options shared by sweep and compare, parsed with one-line errors like `run`'s.</summary>
internal static class Options
{
    public static Option<int?> Runs() => new("--runs")
    {
        Description = $"Runs (replications) per parameter point; default {SweepCommand.DefaultRuns}.",
        HelpName = "N",
        CustomParser = r => OptionValues.Whole(r, "--runs", 1, int.MaxValue),
    };

    public static Option<ulong?> Seed() => new("--seed")
    {
        Description = "Master seed; run i uses a seed derived from (master, i), the same at every point. Default: the scenario's seed.",
        HelpName = "S",
        CustomParser = OptionValues.Seed,
    };

    public static Option<int?> Threads() => new("--threads")
    {
        Description = $"Worker threads; default: the processor count ({Environment.ProcessorCount}). Results do not depend on it.",
        HelpName = "T",
        CustomParser = r => OptionValues.Whole(r, "--threads", 1, 1024),
    };

    public static Option<int?> Days() => new("--days")
    {
        Description = $"Days to simulate (1 to {RunCommand.MaxDays}); default: the scenario's length.",
        HelpName = "N",
        CustomParser = r => OptionValues.Whole(r, "--days", 1, RunCommand.MaxDays),
    };

    public static Option<bool> Deterministic() => new("--deterministic") { Description = "Expected values instead of sampling (see 'run --help')." };

    public static Option<string?> Out(string description) => new("--out") { Description = description, HelpName = "DIR" };

    public static Option<string[]> Multi(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };
}
