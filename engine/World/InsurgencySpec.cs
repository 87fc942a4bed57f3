namespace ConflictSim;

/// <summary>
/// How a faction goes underground and comes back (InsurgencyPhase). Sources: 002 (ISIS "dispersed" within
/// Libya would "pose a different type of threat"), 004 ("fading into the local population after the loss of
/// leaders or territory, then recalibrating and popping up elsewhere"), 001 (desert cells, smuggling from
/// Tunisia, encampments east of Bani Waleed and south of Sirte, a plot against Misrata).
/// </summary>
public sealed record InsurgencySpec
{
    /// <summary>Regions where the faction's cells live and regroup (desert or rural ground).</summary>
    public IReadOnlyList<string> Hideouts { get; init; } = [];
    /// <summary>Share of the faction's dispersed fighters who go underground as cells instead of going home.</summary>
    public double CellShare { get; init; } = 0.5;
    /// <summary>The faction goes underground once it holds at most this many regions.</summary>
    public int TerritoryBelow { get; init; }
    /// <summary>Share of its fighters on the map that become cells each day while it is underground.</summary>
    public double GoToGround { get; init; } = 0.2;
    /// <summary>Daily growth rate of every cell group from the local population.</summary>
    public double Recruit { get; init; }
    /// <summary>Fighters smuggled into cells at a (border) region each day while underground, or null.</summary>
    public SmugglingSpec? Smuggling { get; init; }
    /// <summary>Cells shift one link every this many days.</summary>
    public int MoveEvery { get; init; } = 7;
    /// <summary>What the cells plot against, and from which hideouts.</summary>
    public IReadOnlyList<TargetSpec> Targets { get; init; } = [];
    /// <summary>Cell strength at which a group at a hideout sets out against its target; null = never attacks.</summary>
    public double? AttackAt { get; init; }
    /// <summary>Cells underground at the start, per region (counted in the faction's initial strength).</summary>
    public IReadOnlyDictionary<string, double> Cells { get; init; } = new Dictionary<string, double>();
}

/// <summary>A steady inflow of fighters into the cells at one region (001: "smuggling fighters across the Libyan border from Tunisia").</summary>
public sealed record SmugglingSpec(string Region, double PerDay);

/// <summary>A region the cells plot against; <see cref="From"/> lists the hideouts they strike from (empty = all).</summary>
public sealed record TargetSpec(string Region, IReadOnlyList<string> From);
