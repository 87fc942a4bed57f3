namespace ConflictSim.Hosting;

/// <summary>
/// What each inject needs and the ranges its numbers must lie in: the same bounds the scenario schema sets for the
/// event effect of that kind, so an inject can do nothing a scenario file could not.
/// </summary>
internal static class InjectRules
{
    public static InjectResult? Check(EffectSpec e)
    {
        switch (e.Kind)
        {
            case EffectKind.Reinforce:
                return Need(e.Faction, "faction") ?? Need(e.Region, "region") ?? Range(e.Amount, 0, 1e7, "fighters");
            case EffectKind.Fighters:
                return Need(e.Faction, "faction") ?? Need(e.Region, "region") ?? Range(e.Amount, -1e7, 1e7, "delta");
            case EffectKind.Morale:
            case EffectKind.Cohesion:
            case EffectKind.Legitimacy:
                return Need(e.Faction, "faction") ?? Range(e.Amount, -1, 1, "delta");
            case EffectKind.Relation:
                return Need(e.Faction, "faction") ?? Need(e.Other, "other") ?? Range(e.Amount, -2, 2, "delta")
                    ?? (e.Faction == e.Other ? new InjectResult(InjectStatus.OutOfRange, "a trust shift needs two different factions") : null);
            case EffectKind.Betrayal:
                return Need(e.Faction, "faction") ?? Range(e.Amount, -2, 2, "delta");
            case EffectKind.Blockade:
                return Need(e.Link, "link") ?? Need(e.Faction, "faction");
            case EffectKind.Lift:
                return Need(e.Link, "link");
            case EffectKind.Patron:
                if (double.IsNaN(e.Amount) && double.IsNaN(e.Amount2))
                    return new InjectResult(InjectStatus.MissingField, "a patron inject changes nothing; give air sorties, artillery or both");
                return Need(e.Patron, "patron") ?? OptionalRange(e.Amount, 0, 1e6, "air sorties") ?? OptionalRange(e.Amount2, 0, 1e6, "artillery");
            case EffectKind.Strikes:
                return Need(e.Patron, "patron") ?? Range(e.Amount, 0, 3000, "strikes per month");
            case EffectKind.Disperse:
                return Need(e.Faction, "faction") ?? Range(e.Amount, 0, 1, "fraction");
            case EffectKind.Income:
            case EffectKind.Supply:
                return Need(e.Faction, "faction") ?? Range(e.Amount, 0, 1e12, "amount");
            case EffectKind.Control:
                return Need(e.Region, "region");
            default:
                return new InjectResult(InjectStatus.OutOfRange, $"unknown effect kind {e.Kind}");
        }
    }

    private static InjectResult? Need(string? id, string field) =>
        string.IsNullOrEmpty(id) ? new InjectResult(InjectStatus.MissingField, $"the inject needs a {field}") : null;

    private static InjectResult? Range(double v, double lo, double hi, string what) =>
        v >= lo && v <= hi ? null : new InjectResult(InjectStatus.OutOfRange, $"{what} {v} is out of range; expected a number in [{lo}, {hi}]");

    private static InjectResult? OptionalRange(double v, double lo, double hi, string what) => double.IsNaN(v) ? null : Range(v, lo, hi, what);
}
