using ConflictSim.Analysis;

namespace ConflictSim.Wargame.Game;

/// <summary>A faction's fighters across a forecast's runs, day by day: the fan chart's bands.</summary>
/// <param name="Faction">Faction id.</param>
/// <param name="P5">5th percentile per day.</param>
/// <param name="P25">25th percentile per day.</param>
/// <param name="P50">Median per day.</param>
/// <param name="P75">75th percentile per day.</param>
/// <param name="P95">95th percentile per day.</param>
public sealed record FighterFan(string Faction, double[] P5, double[] P25, double[] P50, double[] P75, double[] P95);

/// <summary>An outcome across the runs: mean and, for yes/no outcomes, the probability of yes.</summary>
/// <param name="Id">Outcome id.</param>
/// <param name="Mean">Mean over the runs with a value.</param>
/// <param name="P5">5th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Yes">Probability of yes, for yes/no outcomes.</param>
public sealed record OutcomeView(string Id, double Mean, double P5, double P95, double? Yes);

/// <summary>A forecast as a page draws it: fans of fighters, outcomes, and each region's chance of control by each faction.</summary>
/// <param name="FromDay">First day.</param>
/// <param name="ToDay">Last day.</param>
/// <param name="Runs">Runs.</param>
/// <param name="Fans">Per faction shown.</param>
/// <param name="Outcomes">Per outcome.</param>
/// <param name="Control">Per region id: per faction id, the probability it holds the region at the end.</param>
public sealed record ForecastView(int FromDay, int ToDay, int Runs, IReadOnlyList<FighterFan> Fans, IReadOnlyList<OutcomeView> Outcomes,
    IReadOnlyDictionary<string, Dictionary<string, double>> Control)
{
    /// <summary>
    /// The view of a forecast for White (<paramref name="cell"/> null: every faction) or for a cell White allowed:
    /// then only its own factions' fans, since the others' would reveal their true strength.
    /// </summary>
    public static ForecastView Of(ForecastResult r, Scenario sc, Cell? cell)
    {
        int days = r.ToDay - r.FromDay + 1;
        var fans = new List<FighterFan>();
        for (int f = 0; f < sc.FactionCount; f++)
        {
            if (cell is not null && !cell.Factions.Contains(sc.FactionIds[f])) continue;
            var q = new double[5][];
            for (int k = 0; k < 5; k++) q[k] = new double[days];
            bool any = false;
            for (int d = 0; d < days; d++)
            {
                var band = r.Fighters(r.FromDay + d, f);
                for (int k = 0; k < 5; k++) { q[k][d] = band[k]; any |= band[k] > 0; }
            }
            if (any) fans.Add(new FighterFan(sc.FactionIds[f], q[0], q[1], q[2], q[3], q[4]));
        }
        var outcomes = r.Outcomes.Select(o => new OutcomeView(o.Id, o.Summary.Mean, Pick(o.Summary, 0), Pick(o.Summary, 4), o.Yes?.Probability)).ToList();
        var control = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        for (int reg = 0; reg < sc.RegionCount; reg++)
        {
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int f = 0; f < sc.FactionCount; f++) if (r.Control(reg, f) > 0) shares[sc.FactionIds[f]] = r.Control(reg, f);
            control[sc.RegionIds[reg]] = shares;
        }
        return new ForecastView(r.FromDay, r.ToDay, r.Runs, fans, outcomes, control);
    }

    private static double Pick(OutcomeSummary s, int k) => s.Quantiles.Length > k ? s.Quantiles[k] : double.NaN;
}
