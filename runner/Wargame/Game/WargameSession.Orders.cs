using System.Globalization;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Randomness;

namespace ConflictSim.Wargame.Game;

/// <summary>A cell's orders: checked by the engine as they are given, queued for the turn's first day, standing ones kept for the days after.</summary>
public sealed partial class WargameSession
{
    private ActionResult Order(Cell cell, SubmitOrder o)
    {
        var b = _current;
        if (b.Phase != TurnPhase.Planning) return ActionResult.Refused($"orders are closed: the turn is {PhaseOf(b)}");
        if (!cell.Factions.Contains(o.Faction)) return ActionResult.Refused($"{cell.Name} does not command '{o.Faction}'; it commands {string.Join(", ", cell.Factions)}");
        var sc = Scenario;
        int f = sc.FactionIndex(o.Faction), from = sc.RegionIndex(o.From);
        if (from < 0) return ActionResult.Refused($"no region '{o.From}'");
        var sim = b.Engine.Simulation;
        if (o.Kind == OrderKind.Hold)
        {
            int removed = b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From && d.Kind != OrderKind.Hold);
            b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From);
            Requeue(b, f);
            var hold = new DraftOrder(_nextOrder++, cell.Id, OrderKind.Hold, o.Faction, o.From, null, 0);
            b.Drafts.Add(hold);
            return ActionResult.Ok($"{o.Faction} holds {o.From}{(removed > 0 ? $" ({removed} order(s) out of it withdrawn)" : "")}", hold.Id);
        }
        int to = o.To is null ? -1 : sc.RegionIndex(o.To);
        if (to < 0) return ActionResult.Refused(o.To is null ? "the order needs a destination" : $"no region '{o.To}'");
        double fighters = o.Fighters;
        if (o.Kind == OrderKind.Withdraw)
        {
            // A withdrawal takes everyone: the faction's other orders out of the region give way to it.
            b.Drafts.RemoveAll(d => d.Faction == o.Faction && d.From == o.From);
            Requeue(b, f);
            fighters = Math.Floor(sim.View.Fighters[sim.View.Force(f, from)]);
            if (fighters < 1) return ActionResult.Refused($"{o.Faction} has no fighters in {o.From} to withdraw");
        }
        else if (!double.IsFinite(fighters) || fighters < 1) return ActionResult.Refused("an order must move at least one fighter");
        var result = sim.Submit(new Order(f, from, to, fighters));
        if (!result.IsAccepted) return ActionResult.Refused(result.Message);
        var draft = new DraftOrder(_nextOrder++, cell.Id, o.Kind, o.Faction, o.From, o.To, Math.Floor(fighters));
        b.Drafts.RemoveAll(d => d.Kind == OrderKind.Hold && d.Faction == o.Faction && d.From == o.From);
        b.Drafts.Add(draft);
        b.Ready.Remove(cell.Id);
        string what = o.Kind switch
        {
            OrderKind.Standing => $"standing order: up to {draft.Fighters:0} of {o.Faction} from {o.From} to {o.To} every day of the turn",
            OrderKind.Withdraw => $"{o.Faction} withdraws all {draft.Fighters:0} fighters from {o.From} to {o.To}",
            _ => $"{draft.Fighters:0} of {o.Faction} move from {o.From} to {o.To}",
        };
        return ActionResult.Ok(what, draft.Id);
    }

    private ActionResult Cancel(string cell, int id)
    {
        var b = _current;
        if (b.Phase != TurnPhase.Planning) return ActionResult.Refused($"orders are closed: the turn is {PhaseOf(b)}");
        var draft = b.Drafts.FirstOrDefault(d => d.Id == id);
        if (draft is null) return ActionResult.Refused($"no order {id} in this turn");
        if (draft.Cell != cell) return ActionResult.Refused($"order {id} is not {cell}'s to withdraw");
        b.Drafts.Remove(draft);
        Requeue(b, Scenario.FactionIndex(draft.Faction));
        b.Ready.Remove(cell);
        return ActionResult.Ok($"order {id} withdrawn");
    }

    /// <summary>Queues a faction's day-0 orders again from its drafts, in the order they were given (each was accepted with these before, with no fewer fighters free).</summary>
    private void Requeue(Branch b, int faction)
    {
        var sim = b.Engine.Simulation;
        sim.ClearOrders(faction);
        var sc = Scenario;
        foreach (var d in b.Drafts)
            if (d.Kind != OrderKind.Hold && sc.FactionIndex(d.Faction) == faction)
                sim.Submit(new Order(faction, sc.RegionIndex(d.From), sc.RegionIndex(d.To!), d.Fighters));
    }

    private Order[] StandingOrders(Branch b)
    {
        var sc = Scenario;
        return b.Drafts.Where(d => d.Kind == OrderKind.Standing)
            .Select(d => new Order(sc.FactionIndex(d.Faction), sc.RegionIndex(d.From), sc.RegionIndex(d.To!), d.Fighters)).ToArray();
    }
}
