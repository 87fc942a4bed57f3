using ConflictSim.Phases;

namespace ConflictSim;

/// <summary>
/// The phases a scenario can name in <c>phases:</c>. A new phase is a new file plus one line here; the
/// other phases never change.
/// </summary>
internal static class PhaseCatalog
{
    public static readonly IReadOnlyList<string> DefaultOrder =
        ["events", "decisions", "movement", "combat", "control", "supply", "morale", "alliances", "insurgency", "population", "metrics"];

    private static readonly Dictionary<string, Func<Scenario, IPhase>> Factories = new(StringComparer.Ordinal)
    {
        ["events"] = s => new EventsPhase(),
        ["decisions"] = s => new DecisionPhase(),
        ["movement"] = s => new MovementPhase(),
        ["combat"] = s => new CombatPhase(s),
        ["control"] = s => new ControlPhase(s),
        ["supply"] = s => new SupplyPhase(s),
        ["morale"] = s => new MoralePhase(s),
        ["alliances"] = s => new AlliancePhase(s),
        ["insurgency"] = s => new InsurgencyPhase(s),
        ["population"] = s => new PopulationPhase(s),
        ["metrics"] = s => new MetricsPhase(s),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static bool Exists(string name) => Factories.ContainsKey(name);

    internal static IPhase Create(string name, Scenario scenario) =>
        Factories.TryGetValue(name, out var make) ? make(scenario) : throw new ArgumentException($"unknown phase '{name}'");
}
