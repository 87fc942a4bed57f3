using System.Globalization;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Randomness;

namespace ConflictSim.Wargame.Game;

/// <summary>The turn's adjudication (K replicates, the canonical run) and its publication, with White's edits checked against the band.</summary>
public sealed partial class WargameSession
{
    private ActionResult Adjudicate(AdjudicateTurn a, ref ulong? seed)
    {
        var b = _current;
        if (b.Phase is not (TurnPhase.Locked or TurnPhase.Adjudicated)) return ActionResult.Refused($"the turn is {PhaseOf(b)}; lock it first");
        int k = a.Replicates ?? Setup.Replicates;
        if (k < 1 || k > 10000) return ActionResult.Refused($"{k} replicates; expected 1..10000");
        ulong turnSeed = Xoshiro256StarStar.DeriveSeed(Setup.Seed, (ulong)b.Engine.Turn, AdjudicationPurpose);
        seed = turnSeed;
        var sim = b.Engine.Simulation;
        try
        {
            if (AdjudicationFault?.Invoke() is { } fault) throw fault;
            b.Adjudication = Adjudicator.Run(Scenario, new SimulationOptions { Days = sim.Days, Mode = sim.Mode }, sim.Seed, b.LockedStart!, b.Standing,
                b.LockedDays, turnSeed, k, Threads);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The RCAT fallback: the session stays up and White can publish a manual adjudication.
            b.Adjudication = new Adjudication
            {
                Seed = turnSeed, Replicates = 0, Days = b.LockedDays, Fighters = [], Controllers = [], FighterBands = [], ControlShare = [],
                CanonicalFighters = [], CanonicalControllers = [], Failure = $"the engine failed during adjudication: {e.Message}",
            };
            b.Phase = TurnPhase.Adjudicated;
            return ActionResult.Refused(b.Adjudication.Failure + "; publish a manual adjudication (the turn's start, edited)");
        }
        b.Phase = TurnPhase.Adjudicated;
        return ActionResult.Ok($"{k} replicates of {b.LockedDays} days run (seed {turnSeed})");
    }

    private ActionResult Publish(PublishTurn p, ref ulong? seed)
    {
        var b = _current;
        var adj = b.Adjudication;
        if (b.Phase != TurnPhase.Adjudicated || adj is null) return ActionResult.Refused($"the turn is {PhaseOf(b)}; adjudicate it before publishing");
        var edits = p.Edits ?? [];
        if (p.Note is { Length: > MaxText }) return ActionResult.Refused($"the note is over {MaxText} characters");
        foreach (var e in edits)
        {
            if (string.IsNullOrWhiteSpace(e.Rationale)) return ActionResult.Refused($"the edit of {e.Region} has no rationale; every edit needs one");
            if (e.Rationale.Length > MaxText) return ActionResult.Refused($"the rationale of the edit of {e.Region} is over {MaxText} characters");
            if (Scenario.RegionIndex(e.Region) < 0) return ActionResult.Refused($"no region '{e.Region}'");
            if (e.Faction is not null && Scenario.FactionIndex(e.Faction) < 0) return ActionResult.Refused($"no faction '{e.Faction}'");
            if (e.Fighters is { } x && (e.Faction is null || !double.IsFinite(x) || x < 0 || x > 1e7)) return ActionResult.Refused($"the edit of {e.Region} sets fighters {x} for '{e.Faction}'; expected a faction and a number in [0, 1e7]");
        }
        var outcome = b.Engine.Copy();
        var osim = outcome.Simulation;
        ulong published;
        switch (p.Choice)
        {
            case "canonical":
                if (adj.Failure is not null) return ActionResult.Refused("the adjudication failed; only a manual publish is possible");
                osim.Restore(b.LockedStart!);
                TurnPlay.Play(osim, b.Standing, b.LockedDays);
                published = Setup.Seed;
                break;
            case "median":
                if (adj.Failure is not null) return ActionResult.Refused("the adjudication failed; only a manual publish is possible");
                Adjudicator.Replay(osim, b.LockedStart!, b.Standing, b.LockedDays, adj, adj.NearestMedian);
                published = adj.SeedOf(adj.NearestMedian);
                break;
            case "manual":
                // The turn's start with its orders dropped: White writes the result as edits, the day stays.
                osim.Restore(b.LockedStart!);
                osim.ClearOrders();
                published = 0;
                break;
            default:
                return ActionResult.Refused($"publish what? '{p.Choice}'; expected canonical, median or manual");
        }
        seed = published;
        var records = new List<EditRecord>();
        foreach (var e in edits)
        {
            int r = Scenario.RegionIndex(e.Region), f = e.Faction is null ? -1 : Scenario.FactionIndex(e.Faction);
            EffectSpec spec = e.Fighters is { } x
                ? Inject.Fighters(e.Faction!, e.Region, x - osim.View.Fighters[osim.View.Force(f, r)])
                : Inject.Control(e.Region, e.Faction);
            if (spec.Kind == EffectKind.Fighters && spec.Amount == 0) { records.Add(new EditRecord(e, false)); continue; }
            var applied = outcome.Edit(spec, e.Rationale);
            if (!applied.IsAccepted) return ActionResult.Refused($"the edit of {e.Region} was refused: {applied.Message}");
            records.Add(new EditRecord(e, false));
        }
        // Flag against the band after all edits: the faction's total and the region's control.
        for (int i = 0; i < records.Count; i++)
        {
            var e = records[i].Edit;
            int r = Scenario.RegionIndex(e.Region), f = e.Faction is null ? -1 : Scenario.FactionIndex(e.Faction);
            bool outside;
            if (adj.Failure is not null) outside = true;
            else if (e.Fighters is not null) outside = !adj.FighterBands[f].Holds(osim.View.FightersOf(f) + osim.View.InTransitOf(f));
            else outside = f >= 0 ? adj.ControlShare[r * Scenario.FactionCount + f] < 0.1
                : 1 - Enumerable.Range(0, Scenario.FactionCount).Sum(g => adj.ControlShare[r * Scenario.FactionCount + g]) < 0.1;
            records[i] = records[i] with { OutOfBand = outside };
        }
        int startDay = b.Engine.Day;
        string why = $"{p.Choice}{(edits.Count > 0 ? $" with {edits.Count} edit(s), {records.Count(x => x.OutOfBand)} out of band" : "")}{(p.Note is null ? "" : ": " + p.Note)}";
        b.Engine.Publish(outcome, why);
        b.Turns.Add(new TurnRecord(b.Engine.Turn, startDay, b.Engine.Day, p.Choice, published, adj.Replicates, b.Drafts.ToArray(), records, p.Note, adj.FighterBands));
        b.Starts.Add(b.Engine.Simulation.Snapshot());
        b.Phase = TurnPhase.Published;
        b.Adjudication = adj;
        // The start-of-turn debrief every cell reads: the turn, the new date, and White's note (never the edits or the bands).
        _feed.Add(new FeedItem(_lines.Count, b.Engine.Turn, b.Engine.Day, Role.WhiteId, Setup.Cells.Select(c => c.Id).ToList(),
            $"Turn {b.Engine.Turn} is published: it is now {DateOf(b.Engine.Day):d MMMM yyyy}.{(string.IsNullOrWhiteSpace(p.Note) ? "" : " " + p.Note)}"));
        return ActionResult.Ok($"turn {b.Engine.Turn} published ({why}); now day {b.Engine.Day}, {DateOf(b.Engine.Day):yyyy-MM-dd}", records.Select(x => x.OutOfBand).ToArray());
    }
}
