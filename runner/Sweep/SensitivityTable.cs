using System.Globalization;
using ConflictSim.Analysis;
using ConflictSim.Analysis.Sensitivity;
using ConflictSim.Cli.Output;

namespace ConflictSim.Cli.Sweep;

/// <summary>A finished Morris or Sobol sweep's analysis: sensitivity.json beside the other outputs, and its tables.</summary>
internal static class SensitivityTable
{
    public const string File = "sensitivity.json";

    /// <summary>Analyses and writes sensitivity.json when the sweep is a whole design; null otherwise (no design, a shard).</summary>
    public static IReadOnlyList<OutcomeSensitivity>? Write(string dir, SweepState state)
    {
        var h = state.Header;
        if (h.Design is not { } design || h.Shards != 1) return null;
        var results = SweepSensitivity.Of(state, out var problem);
        if (results is null) throw new InvalidDataException(problem);
        SweepOutputs.AtomicWrite(Path.Combine(dir, File), s => SweepSensitivity.WriteJson(s, design, h.Runs, results));
        return results;
    }

    public static void Print(SweepHeader h, IReadOnlyList<OutcomeSensitivity> results, TextWriter w)
    {
        var design = h.Design!;
        w.WriteLine();
        w.WriteLine(design.Method == DesignInfo.Morris
            ? $"Morris screening: {design.Size} trajectories × {design.Parameters.Length + 1} points, {design.Levels} levels; effects per unit of each range; μ* 95% CI by bootstrap"
            : $"Sobol indices: Saltelli design, N = {design.Size} (× {design.Parameters.Length + 2} points); S1 Saltelli 2010, ST Jansen; 95% CI by bootstrap; N/2 for convergence");
        w.WriteLine($"Each point's value is the mean of {h.Runs} runs with the same seeds at every point.");
        foreach (var r in results)
        {
            w.WriteLine();
            w.WriteLine($"{r.Outcome}: seed noise is {Pct(r.Noise.RunShare)} of one run's variance, {Pct(r.Noise.MeanShare)} of the variance of the {h.Runs}-run means");
            if (r.Morris is { } morris)
            {
                var table = new TextTable(("parameter", false), ("mu*", true), ("95% CI", true), ("mu", true), ("sigma", true));
                foreach (var e in morris.OrderByDescending(e => double.IsFinite(e.MuStar) ? e.MuStar : -1))
                    table.Add(e.Parameter, SummaryTable.Fmt(e.MuStar), $"{SummaryTable.Fmt(e.MuStarCi.Lo)}..{SummaryTable.Fmt(e.MuStarCi.Hi)}",
                        SummaryTable.Fmt(e.Mu), SummaryTable.Fmt(e.Sigma));
                table.WriteTo(w);
            }
            if (r.Sobol is { } sobol)
            {
                if (sobol.Variance is not > 0) { w.WriteLine("  no variance across the design's points: no indices"); continue; }
                var table = new TextTable(("parameter", false), ("S1", true), ("95% CI", true), ("ST", true), ("95% CI", true),
                    ("S1 N/2", true), ("ST N/2", true), ("flags", false));
                foreach (var s in sobol.Indices)
                    table.Add(s.Parameter, F(s.First), $"{F(s.FirstCi.Lo)}..{F(s.FirstCi.Hi)}", F(s.Total), $"{F(s.TotalCi.Lo)}..{F(s.TotalCi.Hi)}",
                        F(s.FirstHalf), F(s.TotalHalf), string.Join("; ", s.Flags()));
                table.WriteTo(w);
                if (sobol.RowsDropped > 0) w.WriteLine($"  {sobol.RowsDropped} of {sobol.Rows + sobol.RowsDropped} rows dropped: the outcome never happened at one of their points");
            }
        }
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string Pct(double v) => double.IsFinite(v) ? $"{100 * v:0.#}%" : "n/a";
}
