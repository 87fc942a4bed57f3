using System.Globalization;
using ConflictSim.Randomness;

namespace ConflictSim.Analysis.Sensitivity;

/// <summary>
/// A sensitivity design as a sweep records it: the method, the ranges and the size. Both the sampler that makes the
/// sweep's points and the analyser that reads their results are built from this one record, through
/// <see cref="UnitPoints"/>, so the analysis cannot assume another design than the one that was run (SALib#218).
/// </summary>
public sealed record DesignInfo
{
    /// <summary>"morris" or "sobol".</summary>
    public required string Method { get; init; }
    /// <summary>Parameter paths, in the design's column order.</summary>
    public required string[] Parameters { get; init; }
    /// <summary>Lower end of each range.</summary>
    public required double[] Lo { get; init; }
    /// <summary>Upper end of each range.</summary>
    public required double[] Hi { get; init; }
    /// <summary>Whole-number keys: values rounded to the nearest whole number in the range.</summary>
    public required bool[] Whole { get; init; }
    /// <summary>Morris: trajectories R. Sobol: base samples N (rows of the A and B matrices).</summary>
    public required int Size { get; init; }
    /// <summary>Morris grid levels p.</summary>
    public int Levels { get; init; } = MorrisDesign.DefaultLevels;
    /// <summary>Seed of the Morris trajectories' random start points, orders and directions.</summary>
    public ulong Seed { get; init; }

    /// <summary>Morris elementary effects.</summary>
    public const string Morris = "morris";
    /// <summary>Sobol indices on a Saltelli design.</summary>
    public const string Sobol = "sobol";

    /// <summary>The design's points in the unit cube, one row per sweep point, in sweep order.</summary>
    public double[][] UnitPoints() => Method switch
    {
        Morris => MorrisDesign.UnitPoints(Parameters.Length, Size, Levels, Seed),
        Sobol => SaltelliDesign.UnitPoints(Parameters.Length, Size),
        _ => throw new InvalidOperationException($"unknown design '{Method}'"),
    };

    /// <summary>A unit-cube coordinate as parameter <paramref name="j"/>'s value.</summary>
    public double Value(int j, double u)
    {
        double v = Lo[j] + u * (Hi[j] - Lo[j]);
        return Whole[j] ? Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), Math.Ceiling(Lo[j]), Math.Floor(Hi[j])) : v;
    }

    /// <summary>Every point's parameter values.</summary>
    public double[][] Points() => UnitPoints().Select(u => u.Select((x, j) => Value(j, x)).ToArray()).ToArray();

    /// <summary>A parameter value back in the unit cube (what Morris' steps are measured in).</summary>
    public double Unit(int j, double value) => (value - Lo[j]) / (Hi[j] - Lo[j]);

    /// <summary>The arguments as given, for messages.</summary>
    public string Describe() =>
        $"--{Method} " + string.Join(" ", Parameters.Select((p, j) => $"{p}={Format(Lo[j])}..{Format(Hi[j])}")) +
        (Method == Morris ? $" --trajectories {Size}" : $" --samples {Size}");

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The seed of the Morris design, derived from the sweep's master seed.</summary>
    public static ulong DesignSeed(ulong master) => Xoshiro256StarStar.DeriveSeed(master, 0, Xoshiro256StarStar.Key("morris"));
}
