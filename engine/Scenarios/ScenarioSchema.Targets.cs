using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

/// <summary>
/// The top-level key <c>targets:</c>: what happened, for <c>conflictsim check</c> and <c>conflictsim calibrate</c>.
/// A target observes an outcome (<c>outcome:</c>) or a state quantity on a day (<c>on:</c>, <c>quantity:</c>,
/// <c>faction:</c>); its observation is a value, a range, a date or a range of dates (those only for a
/// first-day outcome), or <c>never: true</c> for a first-day outcome that did not happen within the span; it says where the observation comes from, as every number in the file does, but an assumption
/// alone is not enough: a target is evidence, so it cites a seed article or an outside publication.
/// </summary>
internal sealed partial class ScenarioSchema
{
    private static readonly string[] ObservedKeys = ["value", "range", "date", "dates", "never"];

    private List<HistoricalTarget> ReadTargets(MappingReader root, Diagnostics diagnostics)
    {
        var targets = root.Items("targets", "target").Select(ReadTarget).ToList();
        var fitted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (at, id, line) in diagnostics.Fitted)
        {
            References.Add(new(Symbol.Target, id, at));
            if (!fitted.TryGetValue(id, out var lines)) fitted[id] = lines = [];
            lines.Add($"line {line}");
        }
        return targets.Select(t => fitted.TryGetValue(t.Id, out var lines) ? t with { FittedBy = lines } : t).ToList();
    }

    private HistoricalTarget ReadTarget(MappingReader t)
    {
        var id = Declare(t, "id", Symbol.Target);
        var use = t.ChoiceOrNull<TargetUse>("use", "target use", required: true);
        var description = t.String("description") ?? "";
        if (!t.Has("source") && !t.Has("outside"))
            t.Error(t.Node, "target has no observation source; expected source: + quote: from a seed article, or outside: {publication:, date:, says:}");

        string? outcome = null, faction = null;
        TargetQuantity? quantity = null;
        int day = 0;
        t.Take("outcome"); t.Take("on"); t.Take("quantity"); t.Take("faction");
        if (t.Has("outcome") && (t.Has("on") || t.Has("quantity")))
            t.Error(t.KeyNode(t.Has("on") ? "on" : "quantity")!, "a target observes an outcome or a quantity on a day, not both; expected outcome:, or on: + quantity: + faction:");
        else if (t.Has("outcome"))
        {
            outcome = t.Id("outcome");
            if (t.Has("faction")) t.Error(t.KeyNode("faction"), "key 'faction' does not apply to an outcome target; expected it only with on: and quantity:");
        }
        else if (t.Has("on") || t.Has("quantity"))
        {
            day = Day(t, "on");
            quantity = t.ChoiceOrNull<TargetQuantity>("quantity", "target quantity", required: true);
            faction = FactionRef(t);
        }
        else t.Error(t.Node, "target observes nothing; expected outcome: naming an outcome, or on: + quantity: + faction:");

        foreach (var key in ObservedKeys) t.Take(key);
        var given = ObservedKeys.Where(t.Has).ToList();
        double low = 0, high = 0;
        if (given.Count != 1)
            t.Error(given.Count == 0 ? t.Node : t.KeyNode(given[1]),
                $"a target has {(given.Count == 0 ? "no" : "more than one")} observation; expected exactly one of value:, range: [lo, hi], date:, dates: [first, last], never: true");
        else
        {
            string key = given[0];
            var node = t.At(key);
            if (key is "date" or "dates" or "never")
            {
                if (outcome is null)
                    t.Error(t.KeyNode(key), $"key '{key}' needs a first-day outcome; expected value: or range: for a quantity on a day");
                else References.Add(new(Symbol.Outcome, outcome, t.At("outcome"), Need.FirstDayOutcome));
                if (key == "never")
                {
                    // The day never came within the span: a run in which it never comes reads as the day after the end.
                    if (!t.Bool("never", false)) t.Error(node, "never: false observes nothing; expected never: true, or a date:");
                    (low, high) = (days + 1, days + 1);
                }
                else (low, high) = key == "date" ? (Day(t, "date"), Day(t, "date")) : DateRange(t, node);
            }
            else if (key == "value")
            {
                double v = t.Number(node, Bounds.Between(-Bounds.MaxAmount, Bounds.MaxAmount)) ?? 0;
                (low, high) = (v, v);
            }
            else (low, high) = NumberRange(t, node);
        }
        if (outcome is not null && !given.Contains("date") && !given.Contains("dates"))
            References.Add(new(Symbol.Outcome, outcome, t.At("outcome")));

        return new HistoricalTarget
        {
            Id = id ?? "", Outcome = outcome, Quantity = quantity, Faction = faction, Day = day,
            Low = low, High = high, Use = use ?? TargetUse.Validate, Citation = Citation(t), Description = description,
        };
    }

    private (double, double) NumberRange(MappingReader t, Node node)
    {
        if (node is not { IsSequence: true, Count: 2 } seq)
        {
            t.Error(node, $"range is {YamlValues.Describe(node)}; expected [lo, hi], two numbers");
            return (0, 0);
        }
        var any = Bounds.Between(-Bounds.MaxAmount, Bounds.MaxAmount);
        double? lo = t.Number(seq.Item(0), any), hi = t.Number(seq.Item(1), any);
        if (lo is { } l && hi is { } h && l > h) t.Error(seq, $"range [{l}, {h}] runs backwards; expected lo <= hi");
        return (lo ?? 0, hi ?? 0);
    }

    private (double, double) DateRange(MappingReader t, Node node)
    {
        if (node is not { IsSequence: true, Count: 2 } seq || !seq.Item(0).IsScalar || !seq.Item(1).IsScalar)
        {
            t.Error(node, $"dates is {YamlValues.Describe(node)}; expected [first, last], two dates YYYY-MM-DD");
            return (0, 0);
        }
        // Each date gets the span check and message that date: has.
        int first = DayAt(t, seq.Item(0)), last = DayAt(t, seq.Item(1));
        if (first > last) t.Error(seq, "dates run backwards; expected [first, last] with first on or before last");
        return (first, last);
    }

    /// <summary>One line saying where the observation is from, for tables and reports.</summary>
    private static string Citation(MappingReader t)
    {
        if (MappingReader.OutsideCitation(t.Node) is { } outside) return outside;
        string source = t.At("source") is { IsScalar: true } s ? s.Value : "";
        string quote = t.At("quote") is { IsScalar: true } q ? q.Value : "";
        return quote.Length > 0 ? $"{source}: \"{quote}\"" : source;
    }
}
