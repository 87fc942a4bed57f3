using System.Diagnostics;
using ConflictSim.Analysis;
using ConflictSim.Cli.Output;
using ConflictSim.Phases;

namespace ConflictSim.Cli.Sweep;

/// <summary>How a sweep is run, beyond its parameter points.</summary>
internal sealed record SweepOptions
{
    public required int Runs { get; init; }
    public ulong? Seed { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int? Days { get; init; }
    public bool Deterministic { get; init; }
    public required string Out { get; init; }
    public int Shard { get; init; } = 1;
    public int Shards { get; init; } = 1;
    public bool Resume { get; init; }
    /// <summary>With <see cref="Resume"/>: start afresh when Out holds no sweep yet (batch scripts that may be requeued), instead of refusing.</summary>
    public bool StartIfMissing { get; init; }
    /// <summary>Seconds between checkpoints: what a kill can cost in redone runs, against one small atomic write each time.</summary>
    public double CheckpointSeconds { get; init; } = 2;
    /// <summary>Keep per-day metrics: null decides by the number of points (<see cref="SweepHeader.SeriesPointsMax"/>).</summary>
    public bool? Series { get; init; }
    /// <summary>Replace a finished or abandoned sweep in Out instead of refusing (the no-argument default job).</summary>
    public bool Overwrite { get; init; }
    public string[] Argv { get; init; } = [];
    public SweepHooks? Hooks { get; init; }
    /// <summary>Also write report.html beside the outputs and print its path (the no-argument default job).</summary>
    public bool Report { get; init; }
}

/// <summary>Test hooks that make kills reproducible: checkpoint every K runs, die after committing K.</summary>
internal sealed class SweepHooks
{
    public long? CheckpointEvery { get; init; }
    /// <summary>After committing this many runs (counting from the start of the sweep), flush rows and throw.</summary>
    public long? CrashAfter { get; init; }
}

/// <summary>Thrown by the <see cref="SweepHooks.CrashAfter"/> hook: the process "dies" without a final checkpoint.</summary>
internal sealed class SimulatedCrash : Exception;

/// <summary>
/// Runs a sweep into its directory, crash-safely. Rows are appended to runs.csv in run order; every couple of
/// seconds the file is flushed to disk and then a checkpoint (aggregator state + committed count + runs.csv
/// length) atomically replaces the previous one. Killed at any moment, the directory holds a checkpoint that
/// matches a prefix of runs.csv; --resume truncates runs.csv to that prefix and carries on from the next run,
/// so no committed run is redone and none is lost, and the end result is the same bytes.
/// </summary>
internal static class SweepRunner
{
    public static SweepHeader HeaderOf(SweepPlan plan, SweepOptions o) =>
        SweepHeader.Of(plan, o.Runs, o.Seed, o.Days, o.Deterministic, o.Shard, o.Shards, o.Series);

    public static async Task<int> Execute(SweepPlan plan, SweepOptions o, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var header = HeaderOf(plan, o);
        var started = DateTimeOffset.Now;
        string dir = o.Out;
        if (o.Resume && !o.StartIfMissing && !File.Exists(Path.Combine(dir, SweepOutputs.Checkpoint)))
        {
            // Silently starting afresh would hide a mistyped --out behind a sweep that looks resumed; nothing is created.
            stderr.WriteLine($"{Cli.Name}: cannot resume: '{dir}' holds no sweep (no {SweepOutputs.Checkpoint}); run without --resume to start one there");
            return ExitCodes.BadInput;
        }
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Cli.Name}: cannot create output directory '{dir}': {e.Message}");
            return ExitCodes.BadInput;
        }
        using var dirLock = DirectoryLock.TryAcquire(dir, out string? busy, out bool inUse);
        if (dirLock is null)
        {
            stderr.WriteLine($"{Cli.Name}: {busy}");
            return inUse ? ExitCodes.Usage : ExitCodes.BadInput;
        }
        OutputFile.RemoveStale(dir); // a killed sweep's half-written checkpoint or summary; the lock says its writer is gone
        string checkpointPath = Path.Combine(dir, SweepOutputs.Checkpoint), runsPath = Path.Combine(dir, SweepOutputs.Runs);

        SweepState state;
        if (File.Exists(checkpointPath) && !o.Overwrite)
        {
            if (!o.Resume)
            {
                stderr.WriteLine($"{Cli.Name}: '{dir}' already holds a sweep; add --resume to continue it, or choose another --out");
                return ExitCodes.Usage;
            }
            if (SweepState.Read(checkpointPath, out var problem) is not { } saved)
            {
                stderr.WriteLine($"{Cli.Name}: cannot resume: '{checkpointPath}' {problem}");
                return ExitCodes.BadInput;
            }
            if (saved.Header.FirstDifference(header) is var (argument, was, now))
            {
                stderr.WriteLine($"{Cli.Name}: --resume: '{dir}' holds a different sweep: {argument} was {was}, now {now}; rerun it with the arguments in its manifest.json");
                return ExitCodes.Usage;
            }
            if (!File.Exists(runsPath) || new FileInfo(runsPath).Length < saved.CsvLength)
            {
                stderr.WriteLine($"{Cli.Name}: cannot resume: '{runsPath}' is shorter than its checkpoint says; start the sweep again in a new directory");
                return ExitCodes.BadInput;
            }
            state = saved;
        }
        else
        {
            foreach (var name in new[] { SweepOutputs.Checkpoint, SweepOutputs.Summary, SweepOutputs.Timeseries, SweepOutputs.Control,
                ParquetOutputs.Runs, ParquetOutputs.Timeseries, SensitivityTable.File })
                File.Delete(Path.Combine(dir, name));
            state = new SweepState(header);
            string head = SweepOutputs.RunsHeader(header);
            File.WriteAllText(runsPath, head);
            state.CsvLength = new FileInfo(runsPath).Length;
            SweepOutputs.AtomicWrite(checkpointPath, state.Write);
        }

        long resumedFrom = state.Committed;
        SweepOutputs.WriteManifest(dir, header, Cli.Name, Cli.Version, plan.File, o.Argv, started, null, "running", state.Committed, o.Threads);

        var progress = SweepProgress.For(stderr);
        long committed;
        using (var file = new FileStream(runsPath, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            // Rows past the checkpoint belong to runs the checkpoint does not count: they are redone.
            file.SetLength(state.CsvLength);
            file.Seek(0, SeekOrigin.End);
            using var csv = new StreamWriter(file, new System.Text.UTF8Encoding(false), 1 << 16);
            var cells = Enumerable.Range(0, header.Points.Length).Select(p => SweepOutputs.PointCells(header, p)).ToArray();
            var row = new char[1024 + cells.Max(c => c.Length) + 32 * header.Outcomes.Length];
            var clock = Stopwatch.StartNew();
            var lastCheckpoint = TimeSpan.Zero;
            var interval = TimeSpan.FromSeconds(o.CheckpointSeconds);

            void Checkpoint()
            {
                csv.Flush();
                file.Flush(flushToDisk: true); // rows reach the disk before the checkpoint that counts them
                state.CsvLength = file.Position;
                SweepOutputs.AtomicWrite(checkpointPath, state.Write);
                lastCheckpoint = clock.Elapsed;
            }

            void Commit(RunSlot slot)
            {
                int n = SweepOutputs.FormatRow(slot, cells[slot.Point], header.Outcomes.Length, row);
                csv.Write(row, 0, n);
                state.Add(slot);
                state.Committed++;
                progress.Report(state.Committed);
                if (o.Hooks?.CheckpointEvery is { } every ? state.Committed % every == 0 : clock.Elapsed - lastCheckpoint >= interval)
                    Checkpoint();
                if (o.Hooks?.CrashAfter == state.Committed)
                {
                    csv.Flush(); // rows past the checkpoint reach the file, as they may when a process dies
                    throw new SimulatedCrash();
                }
            }

            var job = new PipelineJob
            {
                Points = plan.Points.Select(p => p.Scenario).ToArray(),
                Options = new SimulationOptions { Days = o.Days, Mode = o.Deterministic ? CombatMode.Deterministic : null },
                MasterSeed = header.Seed,
                From = state.Committed,
                To = header.PlannedRuns,
                Map = header.RunAt,
                Threads = o.Threads,
                Series = header.Series,
                Control = true,
            };
            committed = await progress.Show($"{header.Scenario}", state.Committed, header.PlannedRuns,
                () => RunPipeline.RunAsync(job, Commit, stop));
            Checkpoint();
        }

        if (!state.Complete)
        {
            SweepOutputs.WriteManifest(dir, header, Cli.Name, Cli.Version, plan.File, o.Argv, started, DateTimeOffset.Now, "interrupted", state.Committed, o.Threads);
            stderr.WriteLine($"{Cli.Name}: interrupted after {state.Committed} of {header.PlannedRuns} runs; every finished run is saved.");
            stderr.WriteLine($"{Cli.Name}: continue with: {Commands.Shell.Launcher()} {string.Join(' ', o.Argv.Where(a => a is not ("--resume" or "--resume-or-start")).Select(Commands.Shell.Quote))} --resume");
            return ExitCodes.Interrupted;
        }

        SweepOutputs.WriteAll(dir, state);
        var sensitivity = SensitivityTable.Write(dir, state);
        SweepOutputs.WriteManifest(dir, header, Cli.Name, Cli.Version, plan.File, o.Argv, started, DateTimeOffset.Now, "complete", state.Committed, o.Threads);
        stdout.WriteLine($"{header.Title}");
        stdout.WriteLine($"{state.Committed} runs ({header.Points.Length} point{(header.Points.Length == 1 ? "" : "s")} × {header.RunsInShard(0)}; " +
            $"{state.Committed - resumedFrom} this time), seed {header.Seed}, shard {header.Shard}/{header.Shards}, written to {dir}");
        if (sensitivity is not null) SensitivityTable.Print(header, sensitivity, stdout);
        else SummaryTable.Write(state, stdout);
        if (o.Report)
        {
            string report = Path.Combine(dir, Analysis.Report.HtmlReport.DefaultName);
            if (Analysis.Report.HtmlReport.Write(dir, report) is { } problem)
            {
                stderr.WriteLine($"{Cli.Name}: report: {problem}");
                return ExitCodes.BadInput;
            }
            stdout.WriteLine();
            stdout.WriteLine($"report: {report} (open it in a browser; it needs no network)");
        }
        return ExitCodes.Ok;
    }

}

/// <summary>The table printed when a sweep or merge ends: per point and outcome, the headline statistics.</summary>
internal static class SummaryTable
{
    private const int MaxPoints = 12;

    public static void Write(SweepState state, TextWriter w)
    {
        var h = state.Header;
        int shown = Math.Min(h.Points.Length, MaxPoints);
        for (int p = 0; p < shown; p++)
        {
            w.WriteLine();
            string pars = string.Join(", ", h.Parameters.Select((name, i) => $"{name}={SweepPlan.Format(h.Points[p][i])}"));
            w.WriteLine(h.Points.Length == 1 && pars.Length == 0 ? "Outcomes" : $"Point {p}{(pars.Length > 0 ? $": {pars}" : "")}");
            var table = new TextTable(("outcome", false), ("happened", true), ("mean", true), ("95% CI", true),
                ("p5", true), ("p50", true), ("p95", true));
            for (int i = 0; i < h.Outcomes.Length; i++)
            {
                var o = state.Points[p].Outcomes[i];
                var s = OutcomeSummary.Of(o);
                string happened = h.Outcomes[i].Nullable ? $"{100.0 * o.Present / Math.Max(1, o.Runs):F1}%" : "";
                // A yes/no outcome's interval is Wilson's for the proportion, as in summary.json; a t interval could leave [0, 1].
                string ci = h.Outcomes[i].YesNo && o.Present > 0
                    ? Stats.Wilson(o.Yes, o.Present) is var (lo, hi) ? $"{Fmt(lo)}..{Fmt(hi)}" : ""
                    : s.Ci is { } c ? $"{Fmt(c.Lo)}..{Fmt(c.Hi)}" : "";
                table.Add(h.Outcomes[i].Id, happened, Fmt(s.Mean), ci, Fmt(s.Quantiles[0]), Fmt(s.Quantiles[2]), Fmt(s.Quantiles[4]));
            }
            table.WriteTo(w);
        }
        if (shown < h.Points.Length) w.WriteLine($"\n… and {h.Points.Length - shown} more points: see summary.json");
    }

    public static string Fmt(double v) => double.IsFinite(v)
        ? v.ToString(Math.Abs(v) >= 1000 ? "F0" : "0.###", System.Globalization.CultureInfo.InvariantCulture)
        : "";
}
