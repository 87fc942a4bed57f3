namespace ConflictSim.Alliances;

/// <summary>
/// A scenario's factions as landscape actors (Axelrod &amp; Bennett 1993): size from initial strength, propensity
/// from initial trust. <see cref="Sizes"/> are shares of the total so energies read as fractions; scaling every
/// size by the same factor scales E and every F and moves no minimum.
/// </summary>
public sealed record ScenarioLandscape(
    string[] Actors, int[] Factions, double[] Strength, double[] Sizes, double[] Propensity, string[] Omitted)
{
    /// <summary>
    /// Actors are the factions with positive initial strength — political weight plus Σ over regions of initial
    /// fighters × quality, the size the alliances phase uses — in declaration order; factions with none (dormant
    /// splinters, factions that only arrive by event) are listed in
    /// <see cref="Omitted"/>. p_ij is the scenario's initial trust between the two factions, symmetric in [−1, 1].
    /// </summary>
    public static ScenarioLandscape From(Scenario scenario)
    {
        int r = scenario.RegionCount, f = scenario.FactionCount;
        var actors = new List<int>();
        var strength = new List<double>();
        var omitted = new List<string>();
        for (int i = 0; i < f; i++)
        {
            double fighters = scenario.InitialFightersOf(i);
            double s = scenario.Weight[i] + fighters * scenario.Quality[i];
            if (s > 0)
            {
                actors.Add(i);
                strength.Add(s);
            }
            else
            {
                omitted.Add(scenario.FactionIds[i]);
            }
        }

        int n = actors.Count;
        double total = 0;
        foreach (double s in strength) total += s;
        var sizes = new double[n];
        for (int a = 0; a < n; a++) sizes[a] = strength[a] / total;

        var propensity = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                if (a != b) propensity[a * n + b] = scenario.InitialTrust[actors[a] * f + actors[b]];

        var ids = new string[n];
        for (int a = 0; a < n; a++) ids[a] = scenario.FactionIds[actors[a]];
        return new ScenarioLandscape(ids, actors.ToArray(), strength.ToArray(), sizes, propensity, omitted.ToArray());
    }
}
