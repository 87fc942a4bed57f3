namespace ConflictSim;

/// <summary>
/// A scenario as written: ids, not indices. Loading fills it; <see cref="Scenario.Compile"/> turns it into
/// the index-based form the engine runs. Sweeps vary a spec with <c>with</c> expressions and recompile.
/// </summary>
public sealed record ScenarioSpec
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Question { get; init; } = "";
    public required DateOnly Start { get; init; }
    public required int Days { get; init; }
    public ulong Seed { get; init; } = 1;
    public Settings Settings { get; init; } = new();
    public IReadOnlyList<string> Phases { get; init; } = PhaseCatalog.DefaultOrder;
    public IReadOnlyList<RegionSpec> Regions { get; init; } = [];
    public IReadOnlyList<LinkSpec> Links { get; init; } = [];
    public IReadOnlyList<FactionSpec> Factions { get; init; } = [];
    public IReadOnlyList<RelationSpec> Relations { get; init; } = [];
    public IReadOnlyList<PatronSpec> Patrons { get; init; } = [];
    public IReadOnlyList<EventSpec> Events { get; init; } = [];
    public IReadOnlyList<OrderSpec> Orders { get; init; } = [];
    public IReadOnlyList<OutcomeSpec> Outcomes { get; init; } = [];
    public IReadOnlyList<CampSpec> Camps { get; init; } = [];
}
