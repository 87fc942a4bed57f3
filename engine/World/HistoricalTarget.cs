namespace ConflictSim;

/// <summary>Whether a historical target tunes the model or tests it.</summary>
public enum TargetUse
{
    /// <summary>Used by <c>conflictsim calibrate</c> to choose parameters; weak evidence of validity once used.</summary>
    Calibrate,
    /// <summary>Kept apart from calibration; <c>conflictsim check</c> on these says how far the model can be trusted.</summary>
    Validate,
}

/// <summary>A state quantity a target can name on a given day, as the run pipeline records it every day.</summary>
public enum TargetQuantity
{
    /// <summary>A faction's fighters, on the map and in transit.</summary>
    Fighters,
    /// <summary>How many regions a faction holds.</summary>
    RegionsHeld,
}

/// <summary>
/// Something that happened, stated so a model run can be compared with it: an outcome's value (or a state quantity
/// on a day), the observed value or range, where that is known from, and whether it calibrates or validates.
/// </summary>
public sealed record HistoricalTarget
{
    /// <summary>Target id, unique in the file.</summary>
    public required string Id { get; init; }
    /// <summary>The outcome it observes; null for a state target (<see cref="Quantity"/> on <see cref="Day"/>).</summary>
    public string? Outcome { get; init; }
    /// <summary>The state quantity observed on <see cref="Day"/>; null for an outcome target.</summary>
    public TargetQuantity? Quantity { get; init; }
    /// <summary>The faction whose <see cref="Quantity"/> is observed.</summary>
    public string? Faction { get; init; }
    /// <summary>Day (since the scenario start) of a state target.</summary>
    public int Day { get; init; }
    /// <summary>Lowest observed value (a day number for a date); equal to <see cref="High"/> for a point value.</summary>
    public double Low { get; init; }
    /// <summary>Highest observed value.</summary>
    public double High { get; init; }
    /// <summary>Calibration or validation.</summary>
    public TargetUse Use { get; init; }
    /// <summary>Where the observation comes from, one line: the seed article, or the outside publication with its date.</summary>
    public string Citation { get; init; } = "";
    /// <summary>Free text; default "".</summary>
    public string Description { get; init; } = "";
    /// <summary>
    /// Where the file sets a number from this target (<c>fitted_from:</c>), as "line L": the target is met by
    /// construction and no evidence of validity.
    /// </summary>
    public IReadOnlyList<string> FittedBy { get; init; } = [];
}
