using System.Globalization;

namespace ConflictSim.Generation;

/// <summary>The parts issue 15 added: sea zones and lanes, insurgencies, patrons and events (none in a plain theater).</summary>
internal sealed partial class TheaterWriter
{
    private static readonly DateOnly Start = new(2016, 1, 1);

    private void CampaignHeader()
    {
        int blockades = 0;
        foreach (var e in t.Events) if (e.Kind == EventKind.Blockade) blockades++;
        Line("# and a few regions across its border.");
        Line($"# Sea, patrons, events and insurgency (issue 15), so every phase has work. {t.SeaZones} sea zone(s) off the coast");
        Line($"# (one per about {Theater.CoastColumnsPerZone} coast columns, counted in the regions, held by nobody) join every port on their");
        Line("# stretch by sea lanes, and each other along the coast, so supply crosses the sea from port to port as in");
        Line("# sirte-2016's Gulf of Sirte; a zone with fewer than two ports gets harbours. " + $"{t.Patrons.Count} patrons back about one");
        Line("# faction in five with air sorties, artillery or supply, or strike an insurgent's cells for the faction it");
        Line($"# threatens. {t.Insurgents.Count} insurgent(s) (about one faction in ten) keep underground cells in hideouts on their front,");
        Line("# smuggle fighters in and plot against a region across it (isis-regroup-2017). " + $"{t.Events.Count} events are spread over");
        Line("# the days: reinforcements, trust shifts (even odds), cohesion and morale blows (the shaken factions' demoralised");
        Line("# fighters defect to a neutral, or else an ally, as libya-2016's ISIS did), income cuts, supply deliveries,");
        Line("# betrayals, border towns changing sides, harsh rule costing legitimacy (armed residents then rise for the");
        Line("# ruler's nearest enemy, as in derna-2015), dispersals that feed the cells, patrons doubling their effort, and");
        Line($"# {blockades} blockade(s) of a port's lane by a hostile navy (the nearest hostile port's holder, else the nearest");
        Line("# enemy's), one per zone whose ports have a holder with enemies, lifted a month or two later. Every number here is");
        Line("# an assumption of the generator, not a source.");
    }

    private void SeaZones()
    {
        for (int k = 0; k < t.SeaZones; k++)
        {
            w.Write("  - {id: r"); Int(t.ZoneRegion(k));
            w.Write(", name: \"Sea zone "); Int(k);
            w.Write("\", lat: "); Dbl(t.ZoneLat[k], "0.0000");
            w.Write(", lon: "); Dbl(t.ZoneLon[k], "0.0000");
            w.Write(", terrain: sea, population: 0, assumption: "); w.Write(Short); w.Write("}\n");
        }
    }

    private void SeaLanes()
    {
        for (int i = 0; i < t.SeaLanePort.Length; i++)
        {
            w.Write("  - {from: r"); Int(t.SeaLanePort[i]);
            w.Write(", to: r"); Int(t.ZoneRegion(t.SeaLaneZone[i]));
            w.Write(", kind: sea, days: 1, assumption: "); w.Write(Short); w.Write("}\n");
        }
        for (int k = 0; k < t.ZoneLaneDays.Length; k++)
        {
            w.Write("  - {from: r"); Int(t.ZoneRegion(k));
            w.Write(", to: r"); Int(t.ZoneRegion(k + 1));
            w.Write(", kind: sea, days: "); Int(t.ZoneLaneDays[k]);
            w.Write(", assumption: "); w.Write(Short); w.Write("}\n");
        }
    }

    private void Insurgency(int f)
    {
        InsurgentDraw? ins = null;
        foreach (var i in t.Insurgents) if (i.Faction == f) ins = i;
        if (ins is null) return;
        string hideouts = string.Join(", ", ins.Hideouts.Select(r => "r" + r.ToString(CultureInfo.InvariantCulture)));
        Line("    insurgency:");
        Line($"      hideouts: [{hideouts}]");
        Line($"      cell_share: {Num(ins.CellShare, "0.##")}");
        Line("      territory_below: 1");
        Line($"      go_to_ground: {Num(ins.GoToGround, "0.##")}");
        Line($"      recruit: {Num(ins.Recruit, "0.####")}");
        Line($"      smuggling: {{region: r{ins.Hideouts[0]}, per_day: {Num(ins.SmugglePerDay, "0.#")}}}");
        Line($"      move_every: {ins.MoveEvery}");
        Line($"      targets: [{{region: r{ins.Target}, from: [{hideouts}]}}]");
        Line($"      attack_at: {ins.AttackAt}");
        Line("      cells:");
        for (int h = 0; h < ins.Hideouts.Length; h++) Line($"        r{ins.Hideouts[h]}: {ins.Cells[h]}");
    }

    private void Patrons()
    {
        if (t.Parameters.Plain) return;
        Line("patrons:");
        if (t.Patrons.Count == 0) Line("  []");
        for (int p = 0; p < t.Patrons.Count; p++)
        {
            var patron = t.Patrons[p];
            string what = patron.Kind switch
            {
                PatronKind.Air => $"air_sorties: {Num(patron.Amount, "0")}, lethality: {Num(patron.Lethality, "0.####")}",
                PatronKind.Artillery => $"artillery: {Num(patron.Amount, "0")}, lethality: {Num(patron.Lethality, "0.####")}",
                PatronKind.Supply => $"supply: {Num(patron.Amount, "0")}",
                _ => $"strikes_per_month: {Num(patron.Amount, "0")}, detection: {Num(patron.Detection, "0.##")}, strike_lethality: {Num(patron.Lethality, "0.###")}",
            };
            string kind = patron.Kind == PatronKind.Strikes ? "strikes" : Yaml(patron.Kind);
            Line($"  - {{id: p{p}, name: \"Patron {p} ({kind} for f{patron.Client})\", client: f{patron.Client}, {what}, assumption: {Short}}}");
        }
        Line("");
    }

    private void Events()
    {
        if (t.Parameters.Plain) return;
        Line("events:");
        if (t.Events.Count == 0) Line("  []");
        for (int i = 0; i < t.Events.Count; i++)
        {
            var e = t.Events[i];
            string date = Start.AddDays(e.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string chance = e.Probability < 1 ? $", probability: {Num(e.Probability, "0.##")}" : "";
            Line($"  - {{id: e{i}, date: {date}{chance}, assumption: {Short}, effects: [{{{Effect(e)}}}]}}");
        }
        Line("");
    }

    private string Effect(EventDraw e)
    {
        string lane = $"r{e.Port}-r{(e.Zone >= 0 ? t.ZoneRegion(e.Zone) : -1)}";
        return e.Kind switch
        {
            EventKind.Reinforce => $"reinforce: {{faction: f{e.Faction}, region: r{e.Region}, fighters: {Num(e.Amount, "0")}}}",
            EventKind.Relation => $"relation: {{between: [f{e.Faction}, f{e.Other}], delta: {Num(e.Amount, "0.##")}}}",
            EventKind.Cohesion => $"cohesion: {{faction: f{e.Faction}, delta: {Num(e.Amount, "0.##")}}}",
            EventKind.Morale => $"morale: {{faction: f{e.Faction}, delta: {Num(e.Amount, "0.##")}}}",
            EventKind.Income => $"income: {{faction: f{e.Faction}, value: {Num(e.Amount, "0")}}}",
            EventKind.Supply => $"supply: {{faction: f{e.Faction}, amount: {Num(e.Amount, "0")}}}",
            EventKind.Control => $"control: {{faction: f{e.Faction}, region: r{e.Region}}}",
            EventKind.Betrayal => $"betrayal: {{faction: f{e.Faction}, delta: {Num(e.Amount, "0.##")}}}",
            EventKind.Legitimacy => $"legitimacy: {{faction: f{e.Faction}, delta: {Num(e.Amount, "0.##")}}}",
            EventKind.Disperse => $"disperse: {{faction: f{e.Faction}, fraction: {Num(e.Amount, "0.##")}}}",
            EventKind.Blockade => $"blockade: {{link: {lane}, by: f{e.Faction}}}",
            EventKind.Lift => $"lift: {{link: {lane}}}",
            EventKind.Strikes => $"strikes: {{patron: p{e.Patron}, per_month: {Num(e.Amount, "0")}}}",
            _ => t.Patrons[e.Patron].Kind == PatronKind.Air
                ? $"patron: {{patron: p{e.Patron}, air_sorties: {Num(e.Amount, "0")}}}"
                : $"patron: {{patron: p{e.Patron}, artillery: {Num(e.Amount, "0")}}}",
        };
    }

    private void InsurgentOutcomes()
    {
        foreach (var ins in t.Insurgents)
        {
            int f = ins.Faction;
            Line($"  - {{id: f{f}_cells, kind: cells, faction: f{f}, description: \"f{f}'s fighters in underground cells at the end\"}}");
            Line($"  - {{id: f{f}_attacks, kind: attacks, faction: f{f}, description: \"f{f}'s cell groups that surfaced to attack\"}}");
        }
    }

    private static string Yaml(PatronKind kind) => kind switch
    {
        PatronKind.Air => "air support",
        PatronKind.Artillery => "artillery",
        _ => "supply",
    };
}
