namespace ConflictSim.Wargame.Game;

/// <summary>A region as a cell sees it: who holds it (public, as the articles' maps are) and whether the cell observes it.</summary>
/// <param name="Id">Region id.</param>
/// <param name="Controller">Faction id of the controller as shown (null: nobody).</param>
/// <param name="Observed">Whether the cell sees the forces there.</param>
public sealed record SeenRegion(string Id, string? Controller, bool Observed);

/// <summary>A force as shown: exact for the cell's own factions, a strength band [Low, High) for others.</summary>
/// <param name="Faction">Faction id.</param>
/// <param name="Region">Region id.</param>
/// <param name="Low">Fewest fighters (the exact count for its own).</param>
/// <param name="High">Band's upper edge (the exact count for its own).</param>
/// <param name="Exact">True for the cell's own forces.</param>
/// <param name="Morale">Morale, for its own forces only.</param>
public sealed record ForceView(string Faction, string Region, double Low, double High, bool Exact, double? Morale);

/// <summary>Trust between one of the cell's factions and another faction.</summary>
/// <param name="Faction">The cell's faction.</param>
/// <param name="Other">The other faction.</param>
/// <param name="Trust">Trust in [−1, 1].</param>
public sealed record TrustView(string Faction, string Other, double Trust);

/// <summary>Everything a cell is allowed to know about the map on a day, computed on the server.</summary>
/// <param name="Cell">The cell's id.</param>
/// <param name="Day">Days since the start.</param>
/// <param name="Regions">Every region, with its shown controller and whether observed.</param>
/// <param name="Forces">The forces shown.</param>
/// <param name="Trust">Its own factions' relations only.</param>
public sealed record CellPicture(string Cell, int Day, IReadOnlyList<SeenRegion> Regions, IReadOnlyList<ForceView> Forces, IReadOnlyList<TrustView> Trust);

/// <summary>White's change to what one cell sees in one region (see <see cref="SetOverride"/>).</summary>
/// <param name="Visible">Region forced observed (true) or hidden (false); null leaves the rule.</param>
/// <param name="Owner">Controller shown instead of the true one ("none": nobody); null leaves it.</param>
/// <param name="Faction">A faction shown in the region at [Low, High) instead of what the rule shows.</param>
/// <param name="Low">Lower edge shown for <paramref name="Faction"/>.</param>
/// <param name="High">Upper edge shown for <paramref name="Faction"/>.</param>
public sealed record PictureOverride(bool? Visible, string? Owner, string? Faction, double? Low, double? High);

/// <summary>
/// Fog of war, enforced on the server. A cell's picture is the union of its factions' <see cref="Observation"/>s —
/// the engine's one rule for what a faction knows: its own forces exactly; others only in regions it stands in,
/// holds or borders, as a <see cref="StrengthBand"/>; underground cells never; trust only in its own relations —
/// then White's overrides for that cell. Nothing else about the state reaches a cell.
/// </summary>
public static class Picture
{
    /// <summary>The picture of <paramref name="cell"/> in <paramref name="sim"/>'s current state.</summary>
    public static CellPicture Of(Simulation sim, Cell cell, IReadOnlyDictionary<string, PictureOverride>? overrides)
    {
        var sc = sim.Scenario;
        int nr = sc.RegionCount;
        var own = new HashSet<int>(cell.Factions.Select(sc.FactionIndex).Where(f => f >= 0));
        var observed = new bool[nr];
        var forces = new List<ForceView>();
        var seen = new HashSet<(int, int)>();
        var trust = new List<TrustView>();
        var observations = own.Order().Select(sim.Observe).ToList();
        foreach (var obs in observations)
        {
            for (int r = 0; r < nr; r++) observed[r] |= obs.Observed[r];
            foreach (var f in obs.Forces)
                if (f.Faction == obs.Faction && seen.Add((f.Faction, f.Region)))
                    forces.Add(new ForceView(sc.FactionIds[f.Faction], sc.RegionIds[f.Region], f.Low, f.High, true, f.Morale));
            for (int g = 0; g < sc.FactionCount; g++)
                if (g != obs.Faction && sim.State.View.Active[g]) trust.Add(new TrustView(sc.FactionIds[obs.Faction], sc.FactionIds[g], obs.Trust[g]));
        }
        foreach (var obs in observations)
            foreach (var f in obs.Forces)
                if (!own.Contains(f.Faction) && seen.Add((f.Faction, f.Region)))
                    forces.Add(new ForceView(sc.FactionIds[f.Faction], sc.RegionIds[f.Region], f.Low, f.High, false, null));

        var controllers = new string?[nr];
        var view = sim.View;
        for (int r = 0; r < nr; r++) controllers[r] = view.Controller[r] >= 0 ? sc.FactionIds[view.Controller[r]] : null;

        if (overrides is not null)
            foreach (var (region, o) in overrides)
            {
                int r = sc.RegionIndex(region);
                if (r < 0) continue;
                if (o.Owner is not null) controllers[r] = o.Owner == "none" ? null : o.Owner;
                if (o.Visible == false)
                {
                    observed[r] = false;
                    forces.RemoveAll(f => f.Region == region && !f.Exact);
                }
                else if (o.Visible == true && !observed[r])
                {
                    observed[r] = true;
                    for (int g = 0; g < sc.FactionCount; g++)
                    {
                        double x = view.Fighters[view.Force(g, r)];
                        if (x <= 0 || own.Contains(g)) continue;
                        var (low, high) = StrengthBand.Of(x);
                        forces.Add(new ForceView(sc.FactionIds[g], region, low, high, false, null));
                    }
                }
                if (o.Faction is not null && o.Low is { } lo && o.High is { } hi && !own.Contains(sc.FactionIndex(o.Faction)))
                {
                    forces.RemoveAll(f => f.Region == region && f.Faction == o.Faction);
                    forces.Add(new ForceView(o.Faction, region, lo, hi, false, null));
                }
            }

        var regions = new SeenRegion[nr];
        for (int r = 0; r < nr; r++) regions[r] = new SeenRegion(sc.RegionIds[r], controllers[r], observed[r]);
        return new CellPicture(cell.Id, view.Day, regions, forces, trust);
    }

    /// <summary>White's picture: the truth, every force exact, every relation, and the underground cells.</summary>
    public static TruePicture Truth(Simulation sim)
    {
        var sc = sim.Scenario;
        var v = sim.View;
        int nr = sc.RegionCount, nf = sc.FactionCount;
        var regions = new SeenRegion[nr];
        for (int r = 0; r < nr; r++) regions[r] = new SeenRegion(sc.RegionIds[r], v.Controller[r] >= 0 ? sc.FactionIds[v.Controller[r]] : null, true);
        var forces = new List<ForceView>();
        for (int r = 0; r < nr; r++)
            for (int f = 0; f < nf; f++)
            {
                double x = v.Fighters[v.Force(f, r)];
                if (x > 0) forces.Add(new ForceView(sc.FactionIds[f], sc.RegionIds[r], x, x, true, v.Morale[v.Force(f, r)]));
            }
        var trust = new List<TrustView>();
        for (int a = 0; a < nf; a++)
            for (int b = a + 1; b < nf; b++)
                if (v.Active[a] && v.Active[b]) trust.Add(new TrustView(sc.FactionIds[a], sc.FactionIds[b], v.TrustBetween(a, b)));
        var totals = new double[nf];
        var cells = new double[nf];
        for (int f = 0; f < nf; f++) { totals[f] = v.FightersOf(f) + v.InTransitOf(f); cells[f] = v.Cells.Length > 0 ? v.CellsOf(f) : 0; }
        return new TruePicture(v.Day, regions, forces, trust, totals, cells);
    }
}

/// <summary>The state as White sees it.</summary>
/// <param name="Day">Days since the start.</param>
/// <param name="Regions">Every region and its true controller.</param>
/// <param name="Forces">Every force, exact.</param>
/// <param name="Trust">Every pair's trust.</param>
/// <param name="Totals">Per faction (scenario order): fighters on the map and in transit.</param>
/// <param name="Cells">Per faction: fighters in underground cells.</param>
public sealed record TruePicture(int Day, IReadOnlyList<SeenRegion> Regions, IReadOnlyList<ForceView> Forces, IReadOnlyList<TrustView> Trust,
    IReadOnlyList<double> Totals, IReadOnlyList<double> Cells);
