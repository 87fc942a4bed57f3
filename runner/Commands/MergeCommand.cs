using System.CommandLine;
using System.Globalization;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim merge DIR... --out DIR`: combines the shards of one sweep into exactly what the unsharded sweep
/// writes. Statistics merge exactly (exact sums, counted sketches); runs.csv is a k-way merge of the shards'
/// files, each already sorted by (point, run), so memory stays flat however many rows there are.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("DIR")
        {
            Description = "Shard output directories (each from 'sweep --shard K/M'), or the --out of a 'sweep --slurm', which stands for all its shards.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = Options.Out("Directory for the merged sweep (must not be one of the shards).");
        var check = new Option<bool>("--check")
        {
            Description = "Merge nothing: say per shard whether it is done, unfinished (runs done/total) or missing. Exit 0 only when all are done.",
        };
        var command = new Command("merge", "Merge the shards of a sweep into the outputs of one unsharded sweep.") { dirs, output, check };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(check)) return Check(parsed.GetValue(dirs)!, stdout, stderr);
            if (parsed.GetValue(output) is not { } outDir)
            {
                stderr.WriteLine($"{Cli.Name}: merge needs --out DIR (or --check to only report the shards) (see '{Cli.Name} merge --help')");
                return ExitCodes.Usage;
            }
            return Execute(parsed.GetValue(dirs)!, outDir, [.. parsed.Tokens.Select(t => t.Value)], stdout, stderr);
        });
        return command;
    }

    public static int Check(IReadOnlyList<string> given, TextWriter stdout, TextWriter stderr)
    {
        var reports = ShardStatus.Inspect(ShardStatus.Expand(given), out var problem);
        if (problem is not null) return Fail(stderr, problem);
        var notDone = ShardStatus.Write(reports, stdout);
        return notDone.Count == 0 && reports.All(r => r.State == ShardState.Done) ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    public static int Execute(IReadOnlyList<string> given, string outDir, string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var started = DateTimeOffset.Now;
        var dirs = ShardStatus.Expand(given);
        var states = new List<SweepState>();
        foreach (var dir in dirs)
        {
            if (Path.GetFullPath(dir).TrimEnd('/') == Path.GetFullPath(outDir).TrimEnd('/'))
                return Fail(stderr, $"--out {outDir} is one of the shards; expected a new directory");
            string path = Path.Combine(dir, SweepOutputs.Checkpoint);
            if (!File.Exists(path)) return Fail(stderr, $"'{dir}' holds no sweep ({SweepOutputs.Checkpoint} missing)");
            if (SweepState.Read(path, out var problem) is not { } state) return Fail(stderr, $"'{path}' {problem}");
            if (!state.Complete)
                return Fail(stderr, $"'{dir}' is unfinished ({state.Committed} of {state.Header.PlannedRuns} runs); finish it with 'sweep … --resume' first");
            if (ShardRows.Problem(dir, state) is { } rows) return Fail(stderr, rows);
            states.Add(state);
        }

        var first = states[0].Header;
        int m = first.Shards;
        foreach (var s in states)
            if (s.Header.Identity() != first.Identity() || s.Header.Shards != m)
                return Fail(stderr, $"the directories hold different sweeps (scenario, seed, runs, points or shard count differ); expected the shards of one sweep");
        var shards = states.Select(s => s.Header.Shard).ToList();
        var missing = Enumerable.Range(1, m).Except(shards).ToList();
        if (shards.Distinct().Count() != shards.Count) return Fail(stderr, "a shard is given twice; expected each shard once");
        if (missing.Count > 0) return Fail(stderr, $"shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {m} missing; expected all {m}");

        var header = first with { Shard = 1, Shards = 1 };
        var merged = new SweepState(header);
        foreach (var s in states) merged.Merge(s);

        DirectoryLock? outLock = null;
        try
        {
            Directory.CreateDirectory(outDir);
            outLock = DirectoryLock.TryAcquire(outDir, out string? busy, out bool inUse);
            if (outLock is null) return inUse ? Conflict(stderr, busy!) : Fail(stderr, busy!);
            OutputFile.RemoveStale(outDir);
            // As sweep does: a finished or running sweep there is not replaced by accident.
            if (File.Exists(Path.Combine(outDir, SweepOutputs.Checkpoint)))
                return Conflict(stderr, $"'{outDir}' already holds a sweep; choose another --out");
            string runs = Path.Combine(outDir, SweepOutputs.Runs);
            SweepOutputs.AtomicWrite(runs, stream => MergeRuns(dirs, states, stream));
            merged.CsvLength = new FileInfo(runs).Length;
            SweepOutputs.AtomicWrite(Path.Combine(outDir, SweepOutputs.Checkpoint), merged.Write);
            SweepOutputs.WriteAll(outDir, merged);
            SensitivityTable.Write(outDir, merged);
            SweepOutputs.WriteManifest(outDir, header, Cli.Name, Cli.Version, $"merged from {string.Join(", ", dirs)}", argv, started, DateTimeOffset.Now,
                "complete", merged.Committed, 0);
        }
        catch (InvalidDataException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot write '{outDir}': {e.Message}");
        }
        finally
        {
            outLock?.Dispose();
        }
        stdout.WriteLine($"{header.Title}");
        stdout.WriteLine($"{merged.Committed} runs merged from {dirs.Count} shard{(dirs.Count == 1 ? "" : "s")}, seed {header.Seed}, written to {outDir}");
        SummaryTable.Write(merged, stdout);
        return ExitCodes.Ok;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"{Cli.Name}: merge: {message}");
        return ExitCodes.BadInput;
    }

    private static int Conflict(TextWriter stderr, string message)
    {
        stderr.WriteLine($"{Cli.Name}: merge: {message}");
        return ExitCodes.Usage;
    }

    private static void MergeRuns(IReadOnlyList<string> dirs, List<SweepState> states, Stream output)
    {
        var readers = new List<StreamReader>();
        try
        {
            var queue = new PriorityQueue<(int Reader, string Line), (int Point, int Run)>();
            string? header = null;
            for (int i = 0; i < dirs.Count; i++)
            {
                // Only the checkpointed length counts: anything after it is not part of the finished sweep.
                var stream = new FileStream(Path.Combine(dirs[i], SweepOutputs.Runs), FileMode.Open, FileAccess.Read, FileShare.Read);
                var reader = new StreamReader(new BoundedStream(stream, states[i].CsvLength));
                readers.Add(reader);
                string head = reader.ReadLine() ?? "";
                if (header is not null && head != header) throw new IOException($"runs.csv headers differ in {dirs[i]}");
                header = head;
                Enqueue(queue, i, reader, dirs[i]);
            }
            using var w = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            w.Write(header);
            w.Write('\n');
            while (queue.TryDequeue(out var item, out _))
            {
                w.Write(item.Line);
                w.Write('\n');
                Enqueue(queue, item.Reader, readers[item.Reader], dirs[item.Reader]);
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    private static void Enqueue(PriorityQueue<(int, string), (int, int)> queue, int i, StreamReader reader, string dir)
    {
        if (reader.ReadLine() is not { } line) return;
        // run,seed,point,…
        var parts = line.Split(',', 4);
        // The row count and length were checked against the checkpoint; a row edited in place still shows here.
        if (parts.Length < 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int point)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int run))
            throw new InvalidDataException($"'{Path.Combine(dir, SweepOutputs.Runs)}' has a malformed row: '{(line.Length > 60 ? line[..60] + "…" : line)}'; rerun that shard");
        queue.Enqueue((i, line), (point, run));
    }

    /// <summary>A read-only view of the first <c>length</c> bytes of a stream.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private readonly long length = limit;
        private long _left = limit;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => length - _left; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
