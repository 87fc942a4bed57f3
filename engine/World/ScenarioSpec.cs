namespace ConflictSim;

/// <summary>
/// A scenario as written: ids, not indices. Loading fills it; <see cref="Scenario.Compile"/> turns it into
/// the index-based form the engine runs. Sweeps vary a spec with <c>with</c> expressions and recompile.
/// </summary>
public sealed record ScenarioSpec
{
    /// <summary>Scenario id, <c>[a-z0-9-]+</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Human title.</summary>
    public required string Title { get; init; }
    /// <summary>The question the scenario answers; default "".</summary>
    public string Question { get; init; } = "";
    /// <summary>Date of day 0.</summary>
    public required DateOnly Start { get; init; }
    /// <summary>Default run length in days (1..3650); event and order dates must lie in [Start, Start + Days].</summary>
    public required int Days { get; init; }
    /// <summary>Random seed (64-bit); default 1.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Engine tuning; every field has a default.</summary>
    public Settings Settings { get; init; } = new();
    /// <summary>Phase names run in order each tick, each at most once; default <see cref="PhaseCatalog.DefaultOrder"/>.</summary>
    public IReadOnlyList<string> Phases { get; init; } = PhaseCatalog.DefaultOrder;
    /// <summary>The map's nodes (≥ 1).</summary>
    public IReadOnlyList<RegionSpec> Regions { get; init; } = [];
    /// <summary>The map's edges; together they must connect every region.</summary>
    public IReadOnlyList<LinkSpec> Links { get; init; } = [];
    /// <summary>The armed groups (≥ 1), in file order; splinter slots are added at compile time.</summary>
    public IReadOnlyList<FactionSpec> Factions { get; init; } = [];
    /// <summary>Initial pairwise trust; pairs not listed start at 0.</summary>
    public IReadOnlyList<RelationSpec> Relations { get; init; } = [];
    /// <summary>Outside backers.</summary>
    public IReadOnlyList<PatronSpec> Patrons { get; init; } = [];
    /// <summary>Scripted changes, each on its day.</summary>
    public IReadOnlyList<EventSpec> Events { get; init; } = [];
    /// <summary>Scripted moves, for factions with <c>orders: scripted</c>.</summary>
    public IReadOnlyList<OrderSpec> Orders { get; init; } = [];
    /// <summary>Metrics a run reports, in declaration order; each camp adds five more after them.</summary>
    public IReadOnlyList<OutcomeSpec> Outcomes { get; init; } = [];
    /// <summary>Groups of factions tracked for fragmentation; each adds five outcomes.</summary>
    public IReadOnlyList<CampSpec> Camps { get; init; } = [];
    /// <summary>Historical targets the model is checked or calibrated against; the engine does not read them.</summary>
    public IReadOnlyList<HistoricalTarget> Targets { get; init; } = [];
}
