using System.Threading.Channels;
using ConflictSim.Randomness;

namespace ConflictSim.Analysis;

/// <summary>
/// One run's identity and results. A fixed pool of these, in batches, circulates producer → workers → aggregator →
/// pool, so the pipeline allocates nothing per run and never holds more than the pool's worth of results.
/// </summary>
internal sealed class RunSlot(int outcomes, int seriesLength, int regions = 0)
{
    /// <summary>Position in the sequence of runs this process does; results are committed in this order.</summary>
    public long Seq;
    public int Point;
    public int Run;
    public ulong Seed;
    /// <summary>Outcome values; NaN for a first-day outcome that never happened.</summary>
    public readonly double[] Outcomes = new double[outcomes];
    /// <summary>Tracked metrics per day (day × metrics + metric), days 0 to the end.</summary>
    public readonly double[] Series = new double[seriesLength];
    /// <summary>Who holds each region when the run ends (−1: nobody); empty unless the job asks for it.</summary>
    public readonly int[] Control = new int[regions];
}

/// <summary>What the pipeline runs: which points, which runs, on how many threads.</summary>
internal sealed record PipelineJob
{
    public required Scenario[] Points { get; init; }
    public required SimulationOptions Options { get; init; }
    public required ulong MasterSeed { get; init; }
    /// <summary>First sequence number to run (a resumed sweep skips what is committed) and the end, exclusive.</summary>
    public required long From { get; init; }
    public required long To { get; init; }
    /// <summary>Sequence number → (point, run index).</summary>
    public required Func<long, (int Point, int Run)> Map { get; init; }
    public required int Threads { get; init; }
    /// <summary>Record the per-day metrics (sweep) or only outcomes (compare).</summary>
    public bool Series { get; init; } = true;
    /// <summary>Record who holds each region at the end (forecast).</summary>
    public bool Control { get; init; }
    /// <summary>
    /// Start every run from this state (of the single point's scenario), reseeded with the run's seed, instead of
    /// from day 0. Only read, so the workers share it.
    /// </summary>
    public WorldState? Start { get; init; }
}

/// <summary>
/// Consecutive runs that travel the pipeline together. Handing runs over one by one cost more than the runs
/// themselves on small scenarios: each hand-over wakes a thread, and a woken thread-pool thread spins before it
/// sleeps again, on a machine whose every core is running a simulation. A batch pays that once for many runs.
/// Its slots are made when first needed, so a theater whose runs are slow (and whose batches stay at one run)
/// never holds a batch's worth of large slots.
/// </summary>
internal sealed class RunBatch(int outcomes, int seriesLength, int regions)
{
    private readonly List<RunSlot> _slots = [];
    /// <summary>Position of this batch in the order batches were dispatched; commits go in this order.</summary>
    public long Ordinal;
    public int Count;
    /// <summary>Stopwatch ticks the worker spent on the batch's runs.</summary>
    public long Ticks;

    public RunSlot this[int i] => _slots[i];

    /// <summary>Makes the batch hold <paramref name="count"/> runs, creating slots it has never needed before.</summary>
    public void Resize(int count)
    {
        while (_slots.Count < count) _slots.Add(new RunSlot(outcomes, seriesLength, regions));
        Count = count;
    }
}

/// <summary>
/// The Monte Carlo pipeline on System.Threading.Channels: a producer writes batches of run specs into a bounded
/// channel, T workers each keep the simulations of the last points they ran and Reset them for every run, and
/// their results flow back to the caller's thread, which commits them strictly in sequence order through a
/// reorder window. In-order commit makes runs.csv come out sorted and makes "the first K runs are done" a
/// complete description of progress, which is all a checkpoint needs.
/// <para>
/// Batches grow until one takes about <see cref="BatchTarget"/> of a worker's time, measured on the batches done
/// so far: long enough that hand-overs cost nothing, short enough that a stop or a checkpoint waits for little.
/// The batching decides only who runs what when, never what a run computes (each run's seed is a function of its
/// index) nor the order of commits, so results are the same at any batch size and thread count.
/// </para>
/// </summary>
internal static class RunPipeline
{
    /// <summary>The purpose key of run seeds: seed_i = DeriveSeed(master, i, RunPurpose), the same at every point.</summary>
    public static readonly ulong RunPurpose = Xoshiro256StarStar.Key("sweep-run");

    public static ulong RunSeed(ulong master, int run) => Xoshiro256StarStar.DeriveSeed(master, (ulong)run, RunPurpose);

    /// <summary>A worker's time per batch the producer aims for.</summary>
    public static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(10);

    /// <summary>The most runs in a batch.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// Runs sequence numbers [From, To) and calls <paramref name="commit"/> for each, in order, on the calling
    /// thread. Stops dispatching when <paramref name="stop"/> fires, finishes and commits what is in flight, and
    /// returns the number committed. An exception from <paramref name="commit"/> stops everything and is rethrown
    /// once the workers have exited.
    /// </summary>
    public static async Task<long> RunAsync(PipelineJob job, Action<RunSlot> commit, CancellationToken stop)
    {
        int window = Math.Max(4, job.Threads * 4);
        int outcomes = job.Points.Max(s => s.Outcomes.Length);
        int seriesLength = job.Series ? job.Points.Max(s => (Days(s, job.Options) + 1) * s.FactionCount * 2) : 0;
        int regions = job.Control ? job.Points.Max(s => s.RegionCount) : 0;

        var free = Channel.CreateUnbounded<RunBatch>();
        for (int i = 0; i < window; i++) free.Writer.TryWrite(new RunBatch(outcomes, seriesLength, regions));
        var work = Channel.CreateBounded<RunBatch>(new BoundedChannelOptions(window) { SingleWriter = true });
        var results = Channel.CreateUnbounded<RunBatch>(new UnboundedChannelOptions { SingleReader = true });
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timing = new Timing();

        var producer = Task.Run(async () =>
        {
            try
            {
                long ordinal = 0;
                for (long seq = job.From; seq < job.To && !halt.IsCancellationRequested; ordinal++)
                {
                    var batch = await free.Reader.ReadAsync(halt.Token);
                    int size = (int)Math.Min(job.To - seq, timing.BatchSize(job));
                    batch.Resize(size);
                    batch.Ordinal = ordinal;
                    for (int i = 0; i < size; i++, seq++)
                    {
                        var slot = batch[i];
                        (slot.Point, slot.Run) = job.Map(seq);
                        slot.Seq = seq;
                        slot.Seed = RunSeed(job.MasterSeed, slot.Run);
                    }
                    await work.Writer.WriteAsync(batch, halt.Token);
                }
            }
            catch (OperationCanceledException) { }
            finally { work.Writer.Complete(); }
        });

        int alive = job.Threads;
        var workers = new Task[job.Threads];
        for (int t = 0; t < job.Threads; t++)
        {
            workers[t] = Task.Factory.StartNew(() =>
            {
                Exception? failure = null;
                try { Work(job, work.Reader, results.Writer, timing); }
                catch (Exception e) { failure = e; halt.Cancel(); }
                finally
                {
                    if (Interlocked.Decrement(ref alive) == 0 || failure is not null) results.Writer.TryComplete(failure);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        var pending = new RunBatch?[window];
        long next = 0, committed = 0;
        try
        {
            await foreach (var batch in results.Reader.ReadAllAsync(CancellationToken.None))
            {
                pending[batch.Ordinal % window] = batch;
                // Ordinal < next + window always holds (the pool has window batches), so each lands in its own cell.
                while (pending[next % window] is { } ready && ready.Ordinal == next)
                {
                    pending[next % window] = null;
                    for (int i = 0; i < ready.Count; i++)
                    {
                        commit(ready[i]);
                        committed++;
                    }
                    next++;
                    free.Writer.TryWrite(ready);
                }
            }
        }
        catch
        {
            halt.Cancel();
            free.Writer.TryComplete();
            await Task.WhenAll(workers.Append(producer)).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        await producer;
        await Task.WhenAll(workers);
        return committed;
    }

    /// <summary>How long the runs done so far took: the workers add to it, the producer sizes batches from it.</summary>
    private sealed class Timing
    {
        private long _ticks, _runs;

        public void Add(RunBatch batch)
        {
            Interlocked.Add(ref _ticks, batch.Ticks);
            Interlocked.Add(ref _runs, batch.Count);
        }

        /// <summary>
        /// Runs per batch: one until a run has been timed, then enough for <see cref="BatchTarget"/>, and never so
        /// many that the job's runs would not keep every worker busy (a quarter of an even share at most).
        /// </summary>
        public long BatchSize(PipelineJob job)
        {
            long runs = Interlocked.Read(ref _runs), ticks = Interlocked.Read(ref _ticks);
            if (runs == 0 || ticks <= 0) return 1;
            double perRun = (double)ticks / runs;
            double target = BatchTarget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency;
            long share = Math.Max(1, (job.To - job.From) / (4L * job.Threads));
            return Math.Clamp((long)(target / perRun), 1, Math.Min(MaxBatch, share));
        }
    }

    private static int Days(Scenario s, SimulationOptions o) => o.Days ?? s.Spec.Days;

    /// <summary>
    /// Simulations one worker keeps, most recently used first. A sweep dispatches point-major, so a worker needs one
    /// and the point it has left behind is garbage (memory was one simulation per point per worker, growing with
    /// points); compare alternates two points run by run, hence two. A rebuilt simulation runs exactly as a reset one.
    /// </summary>
    private const int Kept = 2;

    private static void Work(PipelineJob job, ChannelReader<RunBatch> work, ChannelWriter<RunBatch> results, Timing timing)
    {
        var sims = new Simulation?[Kept];
        var points = new int[Kept];
        Array.Fill(points, -1);
        var held = new int[job.Points.Max(p => p.FactionCount)];
        while (work.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (work.TryRead(out var batch))
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (int b = 0; b < batch.Count; b++) Run(job, batch[b], sims, points, held);
                batch.Ticks = System.Diagnostics.Stopwatch.GetTimestamp() - started;
                timing.Add(batch);
                results.TryWrite(batch);
            }
        }
    }

    private static void Run(PipelineJob job, RunSlot slot, Simulation?[] sims, int[] points, int[] held)
    {
        int k = Array.IndexOf(points, slot.Point);
        Simulation sim;
        if (k >= 0)
        {
            sim = sims[k]!;
            sim.Reset(slot.Seed);
        }
        else
        {
            k = Kept - 1; // the least recently used one goes
            sims[k] = null; // before the new one is built, so the two never coexist
            sim = new Simulation(job.Points[slot.Point], slot.Seed, job.Options);
        }
        for (; k > 0; k--) { sims[k] = sims[k - 1]; points[k] = points[k - 1]; }
        sims[0] = sim;
        points[0] = slot.Point;
        if (job.Start is { } start)
        {
            sim.Restore(start);
            sim.Reseed(slot.Seed);
        }
        if (job.Series)
        {
            Record(sim, slot.Series, held);
            while (!sim.Finished)
            {
                sim.Step();
                Record(sim, slot.Series, held);
            }
        }
        else sim.Run();
        for (int i = 0; i < sim.Scenario.Outcomes.Length; i++) slot.Outcomes[i] = sim.View.OutcomeValue[i];
        if (job.Control) sim.View.Controller.CopyTo(slot.Control);
    }

    /// <summary>Today's tracked metrics into the run's series: fighters (on the map and in transit) and regions held.</summary>
    private static void Record(Simulation sim, double[] series, int[] held)
    {
        var s = sim.View;
        int factions = sim.Scenario.FactionCount, metrics = factions * 2, offset = s.Day * metrics;
        Array.Clear(held, 0, factions);
        var controller = s.Controller;
        for (int r = 0; r < controller.Length; r++) if (controller[r] >= 0) held[controller[r]]++;
        for (int f = 0; f < factions; f++)
        {
            series[offset + 2 * f] = s.FightersOf(f) + s.InTransitOf(f);
            series[offset + 2 * f + 1] = held[f];
        }
    }
}
