using System.Diagnostics;
using Spectre.Console;

namespace ConflictSim.Cli.Sweep;

/// <summary>
/// Progress of a long job: a live Spectre.Console bar with runs/s and ETA on a terminal; when stderr is
/// redirected (a batch job, a log file) one plain line every few seconds, which logs read better than redraws.
/// </summary>
internal abstract class SweepProgress
{
    protected readonly Stopwatch Clock = Stopwatch.StartNew();
    protected long Total, StartedAt;

    public abstract void Report(long done);

    /// <summary>Runs <paramref name="body"/> with progress shown; <paramref name="total"/> counts runs already done.</summary>
    public abstract Task<T> Show<T>(string title, long done, long total, Func<Task<T>> body);

    protected string Rate(long done)
    {
        double seconds = Clock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? (done - StartedAt) / seconds : 0;
        string eta = rate > 0 ? TimeSpan.FromSeconds(Math.Ceiling((Total - done) / rate)).ToString("c") : "?";
        return $"{done}/{Total} runs ({100.0 * done / Math.Max(1, Total):F0}%), {rate:F0} runs/s, ETA {eta}";
    }

    /// <summary>The live bar only when the user is watching stderr in a terminal of the real process.</summary>
    public static SweepProgress For(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new Live() : new Plain(stderr);

    private sealed class Plain(TextWriter stderr) : SweepProgress
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private TimeSpan _last;

        public override void Report(long done)
        {
            if (Clock.Elapsed - _last < Every) return;
            _last = Clock.Elapsed;
            stderr.WriteLine($"{Cli.Name}: {Rate(done)}");
        }

        public override async Task<T> Show<T>(string title, long done, long total, Func<Task<T>> body)
        {
            (Total, StartedAt, _last) = (total, done, TimeSpan.Zero);
            Clock.Restart();
            return await body();
        }
    }

    private sealed class Live : SweepProgress
    {
        private ProgressTask? _task;
        private long _done;

        // The aggregator only stores the count; a timer redraws, so reporting costs nothing per run.
        public override void Report(long done) => Interlocked.Exchange(ref _done, done);

        public override async Task<T> Show<T>(string title, long done, long total, Func<Task<T>> body)
        {
            (Total, StartedAt, _done) = (total, done, done);
            Clock.Restart();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    _task = ctx.AddTask(title, maxValue: total);
                    _task.Value = done;
                    using var timer = new Timer(_ =>
                    {
                        _task.Value = Interlocked.Read(ref _done);
                        _task.Description = $"{title}: {Rate(_task.Value > 0 ? (long)_task.Value : 0)}";
                    }, null, 250, 250);
                    var result = await body();
                    _task.Value = Interlocked.Read(ref _done);
                    _task.Description = $"{title}: {Rate((long)_task.Value)}";
                    return result;
                });
        }
    }
}
