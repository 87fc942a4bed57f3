namespace ConflictSim.Cli.Output;

/// <summary>Per-faction figures the state keeps per force or per region, summed up for reporting.</summary>
internal readonly record struct FactionTally(double Fighters, double? Morale, int RegionsHeld)
{
    public static FactionTally Of(StateView state, int faction)
    {
        int r = state.RegionCount;
        double fighters = 0, weightedMorale = 0;
        for (int region = 0; region < r; region++)
        {
            double n = state.Fighters[faction * r + region];
            fighters += n;
            weightedMorale += n * state.Morale[faction * r + region];
        }
        int held = 0;
        for (int region = 0; region < r; region++) if (state.Controller[region] == faction) held++;
        // A faction with no one left on the map has no morale to speak of, rather than a morale of zero.
        return new FactionTally(fighters, fighters > 0 ? weightedMorale / fighters : null, held);
    }

    /// <summary>Active factions grouped by bloc, each group in faction order, groups by their first member.</summary>
    public static List<List<int>> Blocs(StateView state, Scenario scenario)
    {
        var groups = new List<List<int>>();
        var byBloc = new Dictionary<int, List<int>>();
        for (int f = 0; f < scenario.FactionCount; f++)
        {
            if (!state.Active[f]) continue;
            if (!byBloc.TryGetValue(state.Bloc[f], out var members)) groups.Add(byBloc[state.Bloc[f]] = members = []);
            members.Add(f);
        }
        return groups;
    }

    public static int ActiveCount(StateView state)
    {
        int n = 0;
        foreach (bool a in state.Active) if (a) n++;
        return n;
    }
}

internal static class Dates
{
    /// <summary>The calendar date of a day of the run; day 0 is the scenario's start date.</summary>
    public static DateOnly Of(ScenarioSpec spec, int day) => spec.Start.AddDays(day);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
