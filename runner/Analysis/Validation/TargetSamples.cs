namespace ConflictSim.Analysis.Validation;

/// <summary>
/// What the model says about each target: its value in every run at every parameter point, gathered through the
/// sweep's <see cref="RunPipeline"/> (same run seeds, same threads, same order). A first-day outcome that never came
/// counts as the day after the run's end, so "it fell later than the model ever lets it" stays a number a quantile
/// can be taken of; a ledger outcome frozen on a day that never came stays NaN (missing).
/// </summary>
internal static class TargetSamples
{
    /// <summary>A target's column: an outcome's index in the scenario, or a state quantity on a day.</summary>
    internal readonly record struct Column(int Outcome, int Faction, int Day, TargetQuantity Quantity, bool FirstDay);

    public static Column[] Columns(Scenario scenario, IReadOnlyList<HistoricalTarget> targets) =>
        targets.Select(t => t.Outcome is { } id
            ? new Column(scenario.OutcomeIndex(id), -1, 0, default, scenario.Outcomes[scenario.OutcomeIndex(id)].FirstDay)
            : new Column(-1, scenario.FactionIndex(t.Faction!), t.Day, t.Quantity!.Value, false)).ToArray();

    /// <summary>The days a run lasts: the day after that stands for "never".</summary>
    public static int Days(Scenario s, SimulationOptions o) => o.Days ?? s.Spec.Days;

    /// <summary>
    /// Runs every point <paramref name="runs"/> times (seeds from <paramref name="master"/>, as a sweep's) and returns
    /// targets[point][target][run] and outcomes[point][outcome][run]. Null when stopped before the end.
    /// </summary>
    public static async Task<(double[][][] Targets, double[][][] Outcomes)?> Collect(Scenario[] points, IReadOnlyList<HistoricalTarget> targets,
        SimulationOptions options, ulong master, int runs, int threads, CancellationToken stop, Action<long>? progress = null)
    {
        var columns = points.Select(p => Columns(p, targets)).ToArray();
        bool series = columns.Any(c => c.Any(x => x.Outcome < 0));
        var byTarget = points.Select(_ => targets.Select(_ => new double[runs]).ToArray()).ToArray();
        var byOutcome = points.Select(p => p.Outcomes.Select(_ => new double[runs]).ToArray()).ToArray();
        var job = new PipelineJob
        {
            Points = points,
            Options = options,
            MasterSeed = master,
            From = 0,
            To = (long)points.Length * runs,
            Map = seq => ((int)(seq / runs), (int)(seq % runs)),
            Threads = threads,
            Series = series,
        };
        long done = await RunPipeline.RunAsync(job, slot =>
        {
            var scenario = points[slot.Point];
            var cols = columns[slot.Point];
            int never = Days(scenario, options) + 1, metrics = scenario.FactionCount * 2;
            for (int o = 0; o < scenario.Outcomes.Length; o++) byOutcome[slot.Point][o][slot.Run] = slot.Outcomes[o];
            for (int t = 0; t < cols.Length; t++)
            {
                var c = cols[t];
                double v = c.Outcome >= 0 ? slot.Outcomes[c.Outcome]
                    : slot.Series[Math.Min(c.Day, never - 1) * metrics + 2 * c.Faction + (c.Quantity == TargetQuantity.Fighters ? 0 : 1)];
                if (c.FirstDay && double.IsNaN(v)) v = never;
                byTarget[slot.Point][t][slot.Run] = v;
            }
            progress?.Invoke(slot.Seq + 1);
        }, stop);
        return done < job.To ? null : (byTarget, byOutcome);
    }
}
