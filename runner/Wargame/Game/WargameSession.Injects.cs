using System.Globalization;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Randomness;

namespace ConflictSim.Wargame.Game;

/// <summary>White's interventions: scenario events moved or cancelled, ad-hoc injects, messages, and overrides of a cell's picture.</summary>
public sealed partial class WargameSession
{
    private ActionResult ChangeScenarioEvent(ChangeEvent e)
    {
        if (_current.Phase is TurnPhase.Locked or TurnPhase.Adjudicated) return ActionResult.Refused("injects wait until the turn is published or reopened; the adjudication has started from the locked state");
        if (Notify(e.Notify, out var cells) is { } bad) return bad;
        int index = Scenario.EventIds.IndexOf(e.Event);
        if (index < 0) return ActionResult.Refused($"no event '{e.Event}'; the scenario's events are {string.Join(", ", Scenario.EventIds)}");
        int due = Scenario.Spec.Events[index].Day;
        InjectResult r;
        switch (e.When)
        {
            case "never": r = _current.Engine.CancelEvent(e.Event); break;
            case "early" or "late":
                if (e.Day is not { } day) return ActionResult.Refused($"firing '{e.Event}' {e.When} needs a day");
                if (e.When == "early" ? day >= due : day <= due) return ActionResult.Refused($"day {day} is not {(e.When == "early" ? "before" : "after")} the event's own day {due}");
                r = _current.Engine.RescheduleEvent(e.Event, day);
                break;
            default: return ActionResult.Refused($"'{e.When}': expected early, late or never");
        }
        if (!r.IsAccepted) return ActionResult.Refused(r.Message);
        Tell(cells, e.Note);
        return ActionResult.Ok($"event {e.Event}: {r.Message}");
    }

    private ActionResult AdHocInject(ApplyInject i)
    {
        if (_current.Phase is TurnPhase.Locked or TurnPhase.Adjudicated) return ActionResult.Refused("injects wait until the turn is published or reopened; the adjudication has started from the locked state");
        if (Notify(i.Notify, out var cells) is { } bad) return bad;
        if (i.Note is { Length: > MaxText }) return ActionResult.Refused($"the note is over {MaxText} characters");
        EffectSpec spec;
        switch (i.Kind)
        {
            case "trust": spec = Hosting.Inject.TrustShift(i.Faction ?? "", i.Other ?? "", i.Amount ?? double.NaN); break;
            case "patron": spec = Hosting.Inject.PatronSupport(i.Patron ?? "", i.Amount, i.Amount2); break;
            case "reinforce": spec = Hosting.Inject.Reinforce(i.Faction ?? "", i.Region ?? "", i.Amount ?? double.NaN); break;
            default: return ActionResult.Refused($"'{i.Kind}': expected trust, patron or reinforce");
        }
        var r = _current.Engine.Inject(spec, i.Day, i.Note);
        if (!r.IsAccepted) return ActionResult.Refused(r.Message);
        Tell(cells, i.Note);
        return ActionResult.Ok($"{i.Kind} inject queued for day {i.Day ?? _current.Engine.Day}");
    }

    private ActionResult? Notify(IReadOnlyList<string>? to, out List<string> cells)
    {
        cells = new List<string>();
        foreach (var c in to ?? [])
        {
            if (CellOf(c) is null) return ActionResult.Refused($"no cell '{c}'");
            cells.Add(c);
        }
        return null;
    }

    private void Tell(List<string> cells, string? note)
    {
        if (cells.Count > 0 && !string.IsNullOrWhiteSpace(note))
            _feed.Add(new FeedItem(_lines.Count, _current.Engine.Turn + 1, _current.Engine.Day, Role.WhiteId, cells, note));
    }

    private ActionResult Message(Role actor, SendMessage m)
    {
        if (string.IsNullOrWhiteSpace(m.Text)) return ActionResult.Refused("the message is empty");
        if (m.Text.Length > MaxText) return ActionResult.Refused($"the message is over {MaxText} characters");
        List<string> to;
        if (actor.IsWhite)
        {
            if (Notify(m.To, out to) is { } bad) return bad;
            if (to.Count == 0) to = Setup.Cells.Select(c => c.Id).ToList();
        }
        else
        {
            if (m.To is { Count: > 0 } && m.To.Any(t => t != Role.WhiteId)) return ActionResult.Refused("a cell's messages go to White only");
            to = [Role.WhiteId];
        }
        _feed.Add(new FeedItem(_lines.Count, _current.Engine.Turn + 1, _current.Engine.Day, actor.Id, to, m.Text));
        return ActionResult.Ok($"message sent to {string.Join(", ", to)}");
    }

    private ActionResult Override(SetOverride o)
    {
        if (CellOf(o.Cell) is not { } cell) return ActionResult.Refused($"no cell '{o.Cell}'");
        if (Scenario.RegionIndex(o.Region) < 0) return ActionResult.Refused($"no region '{o.Region}'");
        if (o.Owner is not null && o.Owner != "none" && Scenario.FactionIndex(o.Owner) < 0) return ActionResult.Refused($"no faction '{o.Owner}' (or 'none')");
        if (o.Faction is not null)
        {
            if (Scenario.FactionIndex(o.Faction) < 0) return ActionResult.Refused($"no faction '{o.Faction}'");
            if (cell.Factions.Contains(o.Faction)) return ActionResult.Refused($"{o.Cell} knows its own forces exactly; a band override is for others'");
            if (o.Low is not { } lo || o.High is not { } hi || !(lo >= 0) || !(hi > lo) || hi > 1e7) return ActionResult.Refused("a strength override needs 0 ≤ low < high ≤ 1e7");
        }
        if (o.Visible is null && o.Owner is null && o.Faction is null) return ActionResult.Refused("the override changes nothing");
        if (!_overrides.TryGetValue(o.Cell, out var map)) _overrides[o.Cell] = map = new(StringComparer.Ordinal);
        map[o.Region] = new PictureOverride(o.Visible, o.Owner, o.Faction, o.Low, o.High);
        return ActionResult.Ok($"{o.Cell}'s picture of {o.Region} overridden");
    }
}
