using System.Globalization;

namespace ConflictSim.Generation;

/// <summary>
/// What <see cref="TheaterGenerator"/> builds: a synthetic theater of <see cref="Regions"/> regions fought over by
/// <see cref="Factions"/> factions. The same parameters always give the same scenario text, byte for byte.
/// </summary>
public sealed record TheaterParameters
{
    /// <summary>Fewest regions a theater may have.</summary>
    public const int MinRegions = 2;
    /// <summary>Most regions a theater may have, the loader's region limit.</summary>
    public const int MaxRegions = 1_000_000;
    /// <summary>Fewest factions a theater may have.</summary>
    public const int MinFactions = 2;
    /// <summary>Most factions a theater may have, the loader's faction limit (and never more than the regions).</summary>
    public const int MaxFactions = 1000;
    /// <summary>A spanning tree's degree is just under 2; below it the map cannot be connected.</summary>
    public const double MinDegree = 2.0;
    /// <summary>A triangulated planar map approaches 6; the generator's candidate links (grid plus one diagonal per cell) cap it there.</summary>
    public const double MaxDegree = 6.0;
    /// <summary>
    /// Between the real scenarios' road graphs (1.7–3.1 links per region: coastal roads with few crossings) and a
    /// planar map of adjoining districts (about 6); a road grid's 4.
    /// </summary>
    public const double DefaultDegree = 4.0;
    /// <summary>Default <see cref="Days"/>; the command line omits <c>--days</c> at this value.</summary>
    public const int DefaultDays = 90;

    /// <summary>Regions to generate (<c>--regions</c>), <see cref="MinRegions"/>..<see cref="MaxRegions"/>.</summary>
    public required int Regions { get; init; }
    /// <summary>Factions to generate (<c>--factions</c>), <see cref="MinFactions"/>..<see cref="MaxFactions"/> and at most <see cref="Regions"/>.</summary>
    public required int Factions { get; init; }
    /// <summary>Generator seed (<c>--seed</c>), also written as the scenario's <c>seed</c>; default 1.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Target mean number of links per region (2L / R); boundary regions keep small maps below it.</summary>
    public double MeanDegree { get; init; } = DefaultDegree;
    /// <summary>The scenario's <c>days</c>.</summary>
    public int Days { get; init; } = DefaultDays;
    /// <summary>
    /// The feature-less theater of issue 5 (<c>--plain</c>): land, factions, coalitions and forces only — no sea
    /// zones, patrons, events or insurgency — for comparisons. It is what the generator wrote before issue 15 but for
    /// the command line it names and its id (which ends in <c>-plain</c>).
    /// </summary>
    public bool Plain { get; init; }

    /// <summary>What is wrong with these parameters, as one line naming the option, or null when they are usable.</summary>
    public string? Problem()
    {
        if (Regions is < MinRegions or > MaxRegions)
            return Say($"--regions must be a whole number from {MinRegions} to {MaxRegions}, not {Regions}");
        if (Factions is < MinFactions or > MaxFactions)
            return Say($"--factions must be a whole number from {MinFactions} to {MaxFactions}, not {Factions}");
        if (Factions > Regions)
            return Say($"--factions {Factions} is more than --regions {Regions}; expected at most one faction per region, since each holds territory");
        if (!(MeanDegree >= MinDegree && MeanDegree <= MaxDegree))
            return Say($"--degree must be a number from {MinDegree:0.0} to {MaxDegree:0.0}, not {MeanDegree}");
        if (Days is < 1 or > 3650)
            return Say($"--days must be a whole number from 1 to 3650, not {Days}");
        return null;
    }

    private static string Say(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>The command line that regenerates this theater.</summary>
    public string CommandLine =>
        string.Create(CultureInfo.InvariantCulture,
            $"conflictsim generate --regions {Regions} --factions {Factions} --seed {Seed} --degree {MeanDegree:0.###}{(Days == DefaultDays ? "" : $" --days {Days}")}{(Plain ? " --plain" : "")}");
}
