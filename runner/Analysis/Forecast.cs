namespace ConflictSim.Analysis;

/// <summary>What to forecast: N replications of a scenario from a given state, each with its own random streams.</summary>
public sealed record ForecastRequest
{
    /// <summary>The compiled scenario the state belongs to.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Days and combat mode, as for a <see cref="Simulation"/>; the run ends on the same day as the original.</summary>
    public SimulationOptions Options { get; init; } = new();

    /// <summary>
    /// The state to start from, e.g. <see cref="Simulation.Snapshot"/> of a game in progress. Only read: the caller
    /// may keep using it, but must not change it during the call.
    /// </summary>
    public required WorldState From { get; init; }

    /// <summary>Master seed: replica i is reseeded with the sweep's run seed i of this seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications, at least 1.</summary>
    public required int Runs { get; init; }

    /// <summary>Worker threads; the result does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>A count out of a total with its Wilson 95% interval, as summary.json reports "happened" and "yes".</summary>
/// <param name="Count">Runs where it is so.</param>
/// <param name="Total">Runs it is counted over.</param>
/// <param name="Probability">Count / Total; NaN when Total is 0.</param>
/// <param name="Lo">Lower end of the Wilson 95% interval.</param>
/// <param name="Hi">Upper end of the Wilson 95% interval.</param>
public sealed record Proportion(long Count, long Total, double Probability, double Lo, double Hi)
{
    internal static Proportion Of(long k, long n)
    {
        var (lo, hi) = Stats.Wilson(k, n);
        return new Proportion(k, n, n > 0 ? (double)k / n : double.NaN, lo, hi);
    }
}

/// <summary>One outcome across the replicas.</summary>
/// <param name="Id">The outcome's id in the scenario.</param>
/// <param name="Summary">n, mean, sd, 95% interval of the mean and quantiles over the runs where it has a value.</param>
/// <param name="Min">Smallest value; NaN when none.</param>
/// <param name="Max">Largest value; NaN when none.</param>
/// <param name="Happened">For first-day outcomes and ones frozen at a day: the share of runs where the day came.</param>
/// <param name="Yes">For yes/no outcomes: the share of runs with a value where it is 1.</param>
public sealed record OutcomeForecast(string Id, OutcomeSummary Summary, double Min, double Max, Proportion? Happened, Proportion? Yes);

/// <summary>
/// The result of <see cref="Forecast.Run"/>: outcome statistics, fighter quantile bands per day and faction, and
/// the chance of each faction holding each region at the end. The same request gives the same result, bit for
/// bit, on any number of threads.
/// </summary>
public sealed class ForecastResult
{
    private readonly IReadOnlyList<double>[] _fighters;
    private readonly long[] _control;

    internal ForecastResult(int fromDay, int toDay, int runs, IReadOnlyList<string> factions, IReadOnlyList<string> regions,
        OutcomeForecast[] outcomes, IReadOnlyList<double>[] fighters, long[] control)
    {
        (FromDay, ToDay, Runs) = (fromDay, toDay, runs);
        (Factions, Regions, Outcomes) = (factions, regions, Array.AsReadOnly(outcomes));
        (_fighters, _control) = (fighters, control);
    }

    /// <summary>The day the replicas start from (the state's day).</summary>
    public int FromDay { get; }

    /// <summary>The last day simulated.</summary>
    public int ToDay { get; }

    /// <summary>Replications run.</summary>
    public int Runs { get; }

    /// <summary>Faction ids, in the scenario's order: the faction index of the methods below.</summary>
    public IReadOnlyList<string> Factions { get; }

    /// <summary>Region ids, in the scenario's order: the region index of <see cref="Control"/>.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Each outcome, in the scenario's order.</summary>
    public IReadOnlyList<OutcomeForecast> Outcomes { get; }

    /// <summary>The quantiles a fighter band holds: p5, p25, p50, p75, p95.</summary>
    public static IReadOnlyList<double> BandQuantiles => SweepOutputs.Quantiles;

    /// <summary>
    /// A faction's fighters (on the map and in transit) across the replicas on a day from <see cref="FromDay"/> to
    /// <see cref="ToDay"/>: p5, p25, p50, p75, p95.
    /// </summary>
    public IReadOnlyList<double> Fighters(int day, int faction)
    {
        if (day < FromDay || day > ToDay) throw new ArgumentOutOfRangeException(nameof(day), $"day {day} is outside {FromDay}..{ToDay}");
        return _fighters[(day - FromDay) * Factions.Count + faction];
    }

    /// <summary>Probability that <paramref name="faction"/> holds <paramref name="region"/> at the end.</summary>
    public double Control(int region, int faction) => (double)_control[region * Factions.Count + faction] / Runs;
}

/// <summary>
/// Forecasts from a state rather than from day 0: every worker builds its own <see cref="Simulation"/>, restores
/// the state into it for each replica and reseeds it with the replica's seed, so the replicas share the past and
/// differ from here on. Runs on the sweep's pipeline and its streaming statistics; memory does not grow with runs.
/// </summary>
public static class Forecast
{
    /// <summary>Runs the replicas and summarises them; blocks until done.</summary>
    public static ForecastResult Run(ForecastRequest request) => RunAsync(request, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// A forecast from where a hosted game stands: <paramref name="runs"/> replicas of its live state — queued
    /// orders and injects included — to day <paramref name="toDay"/> (default: the run's last day). The session is
    /// only read.
    /// </summary>
    public static ForecastResult From(Hosting.Session session, int runs, ulong seed, int? toDay = null, int? threads = null) =>
        Run(new ForecastRequest
        {
            Scenario = session.Scenario,
            Options = new SimulationOptions { Days = toDay ?? session.Simulation.Days, Mode = session.Simulation.Mode },
            From = session.Simulation.State,
            Seed = seed,
            Runs = runs,
            Threads = threads ?? Environment.ProcessorCount,
        });

    /// <summary>Runs the replicas and summarises them. Cancelled, it throws <see cref="OperationCanceledException"/>.</summary>
    public static async Task<ForecastResult> RunAsync(ForecastRequest request, CancellationToken cancel)
    {
        var sc = request.Scenario;
        var from = request.From;
        if (request.Runs < 1) throw new ArgumentOutOfRangeException(nameof(request), "runs must be at least 1");
        if (request.Threads < 1) throw new ArgumentOutOfRangeException(nameof(request), "threads must be at least 1");
        if (from.RegionCount != sc.RegionCount || from.FactionCount != sc.FactionCount)
            throw new ArgumentException("the state is not of this scenario (region or faction count differs)", nameof(request));
        int toDay = request.Options.Days ?? sc.Spec.Days;
        if (from.Day > toDay) throw new ArgumentException($"the state is at day {from.Day}, after the run's end (day {toDay})", nameof(request));

        int factions = sc.FactionCount, metrics = factions * 2, days = toDay - from.Day + 1;
        var info = sc.Outcomes.Select(OutcomeInfo.Of).ToArray();
        var outcomes = info.Select(_ => new OutcomeStats()).ToArray();
        var fighters = new QuantileSketch[days * factions];
        for (int i = 0; i < fighters.Length; i++) fighters[i] = new QuantileSketch(SweepState.SeriesExactCap);
        var control = new long[sc.RegionCount * factions];

        var job = new PipelineJob
        {
            Points = [sc],
            Options = request.Options,
            MasterSeed = request.Seed,
            From = 0,
            To = request.Runs,
            Map = seq => (0, (int)seq),
            Threads = request.Threads,
            Control = true,
            Start = from,
        };
        long done = await RunPipeline.RunAsync(job, slot =>
        {
            for (int i = 0; i < outcomes.Length; i++) outcomes[i].Add(slot.Outcomes[i]);
            for (int d = 0; d < days; d++)
                for (int f = 0; f < factions; f++)
                    fighters[d * factions + f].Add(slot.Series[(from.Day + d) * metrics + 2 * f]);
            for (int r = 0; r < slot.Control.Length; r++)
                if (slot.Control[r] >= 0) control[r * factions + slot.Control[r]]++;
        }, cancel);
        cancel.ThrowIfCancellationRequested();
        if (done != request.Runs) throw new InvalidOperationException($"the pipeline ran {done} of {request.Runs} replicas");

        var results = new OutcomeForecast[info.Length];
        for (int i = 0; i < info.Length; i++)
        {
            var o = outcomes[i];
            results[i] = new OutcomeForecast(info[i].Id, OutcomeSummary.Of(o),
                o.Present > 0 ? o.Min : double.NaN, o.Present > 0 ? o.Max : double.NaN,
                info[i].Nullable ? Proportion.Of(o.Present, o.Runs) : null,
                info[i].YesNo ? Proportion.Of(o.Yes, o.Present) : null);
        }
        var bands = fighters.Select(s => (IReadOnlyList<double>)Array.AsReadOnly(s.Quantiles(SweepOutputs.Quantiles))).ToArray();
        return new ForecastResult(from.Day, toDay, request.Runs, sc.FactionIds, sc.RegionIds, results, bands, control);
    }
}
