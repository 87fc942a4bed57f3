using System.Globalization;
using System.Security.Cryptography;
using ConflictSim.Randomness;
using ConflictSim.Scenarios;

namespace ConflictSim.Analysis;

/// <summary>
/// A sweep's parameters cannot make points: a malformed or refused --set, --vary or --lhs value (a usage mistake),
/// or a scenario file that cannot be read or loaded (<see cref="BadInput"/>). The message is one line, or the
/// loader's FILE:LINE:COL lines when <see cref="Located"/>.
/// </summary>
public sealed class SweepPlanException(string message, bool badInput = false) : Exception(message)
{
    /// <summary>The scenario file is at fault rather than the parameters given with it.</summary>
    public bool BadInput { get; } = badInput;

    /// <summary>The message is already FILE:LINE:COL lines from the loader, to be shown as they are.</summary>
    public bool Located { get; init; }
}

/// <summary>A --morris or --sobol request as given: the method, its path=lo..hi ranges, and --trajectories or --samples.</summary>
public sealed record DesignRequest(string Method, IReadOnlyList<string> Ranges, int? Size);

/// <summary>One parameter point: the values of the varied parameters, and the scenario compiled with them.</summary>
/// <param name="Index">The point's 0-based number, its column in runs.csv.</param>
/// <param name="Values">The value of each of <see cref="SweepPlan.Parameters"/> at this point.</param>
/// <param name="Scenario">The scenario with every override of the point applied, compiled.</param>
public sealed record SweepPoint(int Index, double[] Values, Scenario Scenario);

/// <summary>
/// The scenario file with its --set, --vary and --lhs flags turned into parameter points. --vary gives a full
/// factorial grid (the last flag varies fastest); --lhs adds a Latin hypercube of K samples to every grid cell
/// (McKay, Beckman &amp; Conover 1979: each parameter's range cut into K equal strata, one draw per stratum,
/// strata paired by independent random permutations), drawn from the master seed so the same command gives
/// the same points. Every point is validated by the scenario schema itself, so a value the file could not
/// hold is refused with the flag that asked for it.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>The scenario file's path as given.</summary>
    public required string File { get; init; }
    /// <summary>The file's text, as read once.</summary>
    public required string Text { get; init; }
    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: identifies the scenario in outputs and checkpoints.</summary>
    public required string Sha256 { get; init; }
    /// <summary>The scenario as the file says, without any override.</summary>
    public required ScenarioSpec BaseSpec { get; init; }
    /// <summary>Paths of the varied parameters (--vary then --lhs), one runs.csv column each.</summary>
    public required string[] Parameters { get; init; }
    /// <summary>Every parameter point, grid cells outermost and Latin hypercube samples inside each.</summary>
    public required SweepPoint[] Points { get; init; }
    /// <summary>The --set arguments as given.</summary>
    public string[] Sets { get; init; } = [];
    /// <summary>The --vary arguments as given.</summary>
    public string[] Varies { get; init; } = [];
    /// <summary>The --lhs arguments as given.</summary>
    public string[] Lhs { get; init; } = [];
    /// <summary>Most parameter points one sweep takes (grid cells × Latin hypercube samples).</summary>
    public const int MaxPoints = 10_000;

    /// <summary>The --samples count, when --lhs is used.</summary>
    public int? Samples { get; init; }

    /// <summary>The --morris or --sobol design the points come from, or null.</summary>
    public Sensitivity.DesignInfo? Design { get; init; }

    private sealed record Assignment(string Path, double Value, string Origin);

    /// <summary>Loads the file and builds every point; throws <see cref="SweepPlanException"/> on bad input.</summary>
    public static SweepPlan Build(string file, IReadOnlyList<string> sets, IReadOnlyList<string> varies,
        IReadOnlyList<string> lhs, int? samples, ulong? seed, DesignRequest? design = null)
    {
        if (ScenarioFiles.CannotRead(file) is { } reason)
            throw new SweepPlanException($"cannot read '{file}': {reason}", badInput: true);
        // The loader's reader checks the size limit before reading, and bounds a pipe or a device.
        var (read, readError) = ScenarioFiles.ReadText(file);
        if (read is not { } text) throw new SweepPlanException(readError!.ToString(), badInput: true) { Located = true };
        if (ScenarioModel.Of(text) == ScenarioModel.CivilViolence)
            throw new SweepPlanException($"'{file}' is a civil violence grid model (model: civil-violence); sweeps and comparisons need a conflict scenario (conflictsim/1); run the grid model with 'run' or 'validate'", badInput: true);
        var baseResult = ScenarioLoader.LoadText(text, file);
        if (!baseResult.Ok)
            throw new SweepPlanException(string.Join(Environment.NewLine, ScenarioFiles.ErrorLines(file, baseResult.Errors)), badInput: true) { Located = true };

        // Parsed once: every point's overrides go onto the one tree, which each check puts back as it was.
        var template = ScenarioLoader.Prepare(text, file);
        var fixedValues = sets.Select(s => ParseSet(s)).ToList();
        var grid = varies.Select(ParseVary).ToList();
        var ranges = lhs.Select(a => ParseRange("--lhs", a)).ToList();
        if (design is not null) return BuildDesign(file, text, baseResult.Spec!, template, fixedValues, grid, ranges, design, seed ?? baseResult.Spec!.Seed, sets);
        if (ranges.Count > 0 && samples is null) throw new SweepPlanException("--lhs needs --samples K (the number of Latin hypercube samples)");
        if (ranges.Count == 0 && samples is not null) throw new SweepPlanException("--samples only applies with --lhs");
        var paths = grid.Select(g => g.Path).Concat(ranges.Select(r => r.Path)).ToList();
        foreach (var dup in paths.Concat(fixedValues.Select(f => f.Path)).GroupBy(p => p).Where(g => g.Count() > 1))
            throw new SweepPlanException($"parameter {dup.Key} is given more than once; expected each path in one --set, --vary or --lhs");

        // Checked before any point is built: each point compiles a scenario, and a 96-million-point grid would run for
        // minutes and then out of memory before saying anything.
        long count = samples ?? 1;
        foreach (var g in grid) count = Math.Min(count * g.Values.Length, MaxPoints + 1L);
        if (count > MaxPoints)
            throw new SweepPlanException($"the sweep has more than {MaxPoints:N0} parameter points; expected at most {MaxPoints:N0} (fewer --vary values or --samples; split a larger design into several sweeps)");

        // Every value on its own first, so an error names the one flag and value at fault.
        foreach (var f in fixedValues) Check(template, [f]);
        foreach (var g in grid) foreach (var v in g.Values) Check(template, [g.Assign(v)]);
        var whole = new bool[ranges.Count];
        for (int j = 0; j < ranges.Count; j++)
        {
            var r = ranges[j];
            Check(template, [new(r.Path, r.Lo, r.Origin)]);
            Check(template, [new(r.Path, r.Hi, r.Origin)]);
            whole[j] = IsWhole(template, r.Path, r.Origin);
        }

        var lhsSamples = ranges.Count == 0 ? [[]] : LatinHypercube(ranges, whole, samples!.Value, seed ?? baseResult.Spec!.Seed);
        var points = new List<SweepPoint>();
        foreach (var cell in Cartesian(grid))
        {
            foreach (var sample in lhsSamples)
            {
                var assignments = new List<Assignment>(fixedValues);
                var values = new List<double>();
                for (int i = 0; i < grid.Count; i++) { assignments.Add(grid[i].Assign(cell[i])); values.Add(cell[i]); }
                for (int j = 0; j < ranges.Count; j++)
                {
                    assignments.Add(new(ranges[j].Path, sample[j], $"{ranges[j].Origin} (sample {points.Count})"));
                    values.Add(sample[j]);
                }
                var spec = Check(template, assignments);
                points.Add(new SweepPoint(points.Count, values.ToArray(), Scenario.Compile(spec)));
            }
        }
        return new SweepPlan
        {
            File = file,
            Text = text,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            BaseSpec = baseResult.Spec!,
            Parameters = paths.ToArray(),
            Points = points.ToArray(),
            Sets = [.. sets],
            Varies = [.. varies],
            Lhs = [.. lhs],
            Samples = samples,
        };
    }

    /// <summary>The scenario with the values applied; throws naming the flag if the schema refuses them.</summary>
    private static ScenarioSpec Check(ScenarioTemplate template, IReadOnlyList<Assignment> assignments)
    {
        var result = template.Load(assignments.Select(a => new ScenarioOverride(a.Path, a.Value, a.Origin)).ToList());
        if (result.Ok) return result.Spec!;
        throw new SweepPlanException(result.Errors[0].ToString());
    }

    /// <summary>Asks the schema: a whole-number key refuses a fraction with a message that says so.</summary>
    private static bool IsWhole(ScenarioTemplate template, string path, string origin)
    {
        var result = template.Load([new ScenarioOverride(path, 0.5, origin)]);
        return result.Errors.Any(e => e.Message.Contains("whole number", StringComparison.Ordinal));
    }

    private static Assignment ParseSet(string arg)
    {
        var (path, value) = Split("--set", arg);
        return new Assignment(path, Number("--set", arg, value), $"--set {arg}");
    }

    private sealed record Grid(string Path, double[] Values, string Flag)
    {
        public Assignment Assign(double v) => new(Path, v, $"--vary {Path}={Format(v)}");
    }

    private static Grid ParseVary(string arg)
    {
        var (path, list) = Split("--vary", arg);
        var values = list.Split(',').Select(v => Number("--vary", arg, v)).ToArray();
        if (values.Distinct().Count() != values.Length) throw new SweepPlanException($"--vary {arg}: a value is listed twice; expected distinct values");
        return new Grid(path, values, "--vary");
    }

    private sealed record Range(string Path, double Lo, double Hi, string Origin);

    private static Range ParseRange(string flag, string arg)
    {
        var (path, range) = Split(flag, arg);
        int dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) throw new SweepPlanException($"{flag} {arg}: malformed range '{range}'; expected lo..hi, like 0.2..0.8");
        double lo = Number(flag, arg, range[..dots]), hi = Number(flag, arg, range[(dots + 2)..]);
        if (!(lo < hi)) throw new SweepPlanException($"{flag} {arg}: empty range; expected lo < hi");
        return new Range(path, lo, hi, $"{flag} {arg}");
    }

    /// <summary>
    /// The points of a Morris or Sobol design: the design alone decides them (from <see cref="Sensitivity.DesignInfo"/>,
    /// the record the analysis is built from too), so --vary and --lhs cannot be mixed in.
    /// </summary>
    private static SweepPlan BuildDesign(string file, string text, ScenarioSpec baseSpec, ScenarioTemplate template, List<Assignment> fixedValues,
        List<Grid> grid, List<Range> lhs, DesignRequest request, ulong seed, IReadOnlyList<string> sets)
    {
        string flag = request.Method == Sensitivity.DesignInfo.Morris ? "--morris" : "--sobol";
        if (grid.Count > 0 || lhs.Count > 0)
            throw new SweepPlanException($"{flag} is a design of its own; expected no --vary or --lhs with it");
        if (request.Ranges.Count == 0) throw new SweepPlanException($"{flag} needs at least one path=lo..hi");
        var ranges = request.Ranges.Select(a => ParseRange(flag, a)).ToList();
        foreach (var dup in ranges.Select(r => r.Path).Concat(fixedValues.Select(f => f.Path)).GroupBy(p => p).Where(g => g.Count() > 1))
            throw new SweepPlanException($"parameter {dup.Key} is given more than once; expected each path in one --set or {flag}");
        string sizeFlag = request.Method == Sensitivity.DesignInfo.Morris ? "--trajectories" : "--samples";
        if (request.Size is not { } size) throw new SweepPlanException($"{flag} needs {sizeFlag} {(flag == "--morris" ? "R (trajectories)" : "N (base samples)")}");
        // Exit 1, like discover on too few runs: the design cannot support the analysis asked for.
        if (size < 2) throw new SweepPlanException($"{sizeFlag} {size}: a sensitivity analysis needs at least 2 {(flag == "--morris" ? "trajectories" : "base samples")} (points to compare); expected 2 or more", badInput: true);
        if (request.Method == Sensitivity.DesignInfo.Sobol && 2 * ranges.Count > Sensitivity.SobolSequence.MaxDimensions)
            throw new SweepPlanException($"--sobol takes at most {Sensitivity.SobolSequence.MaxDimensions / 2} parameters; expected fewer ranges");
        long count = request.Method == Sensitivity.DesignInfo.Morris ? (long)size * (ranges.Count + 1) : (long)size * (ranges.Count + 2);
        if (count > MaxPoints)
            throw new SweepPlanException($"the design has {count:N0} parameter points; expected at most {MaxPoints:N0} (fewer {sizeFlag} or parameters)");
        foreach (var f in fixedValues) Check(template, [f]);
        var whole = new bool[ranges.Count];
        for (int j = 0; j < ranges.Count; j++)
        {
            Check(template, [new(ranges[j].Path, ranges[j].Lo, ranges[j].Origin)]);
            Check(template, [new(ranges[j].Path, ranges[j].Hi, ranges[j].Origin)]);
            whole[j] = IsWhole(template, ranges[j].Path, ranges[j].Origin);
        }
        var design = new Sensitivity.DesignInfo
        {
            Method = request.Method,
            Parameters = ranges.Select(r => r.Path).ToArray(),
            Lo = ranges.Select(r => r.Lo).ToArray(),
            Hi = ranges.Select(r => r.Hi).ToArray(),
            Whole = whole,
            Size = size,
            Seed = Sensitivity.DesignInfo.DesignSeed(seed),
        };
        var points = new List<SweepPoint>();
        foreach (var values in design.Points())
        {
            var assignments = new List<Assignment>(fixedValues);
            for (int j = 0; j < ranges.Count; j++) assignments.Add(new(ranges[j].Path, values[j], $"{ranges[j].Origin} (point {points.Count})"));
            points.Add(new SweepPoint(points.Count, values, Scenario.Compile(Check(template, assignments))));
        }
        return new SweepPlan
        {
            File = file,
            Text = text,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            BaseSpec = baseSpec,
            Parameters = design.Parameters,
            Points = points.ToArray(),
            Sets = [.. sets],
            Design = design,
        };
    }

    private static (string Path, string Value) Split(string flag, string arg)
    {
        int eq = arg.IndexOf('=');
        if (eq <= 0 || eq == arg.Length - 1)
            throw new SweepPlanException($"{flag} {arg}: expected path=value, like factions.isis.morale=0.5");
        return (arg[..eq].Trim(), arg[(eq + 1)..].Trim());
    }

    private static double Number(string flag, string arg, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new SweepPlanException($"{flag} {arg}: malformed value '{text}'; expected a number like 0.5 or 1200");
    }

    private static IEnumerable<double[]> Cartesian(List<Grid> grid)
    {
        var index = new int[grid.Count];
        while (true)
        {
            var cell = new double[grid.Count];
            for (int i = 0; i < grid.Count; i++) cell[i] = grid[i].Values[index[i]];
            yield return cell;
            int k = grid.Count - 1;
            while (k >= 0 && ++index[k] == grid[k].Values.Length) index[k--] = 0;
            if (k < 0) yield break;
        }
    }

    private static List<double[]> LatinHypercube(List<Range> ranges, bool[] whole, int k, ulong seed)
    {
        var rng = Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(seed, 0, Xoshiro256StarStar.Key("lhs")));
        var samples = new List<double[]>(k);
        for (int s = 0; s < k; s++) samples.Add(new double[ranges.Count]);
        for (int j = 0; j < ranges.Count; j++)
        {
            var strata = new int[k];
            for (int s = 0; s < k; s++) strata[s] = s;
            for (int s = k - 1; s > 0; s--) // Fisher–Yates
            {
                int t = (int)(rng.NextDouble() * (s + 1));
                (strata[s], strata[t]) = (strata[t], strata[s]);
            }
            var r = ranges[j];
            for (int s = 0; s < k; s++)
            {
                double u = (strata[s] + rng.NextDouble()) / k;
                double v = r.Lo + u * (r.Hi - r.Lo);
                // Whole-number keys (forces, days …) take the nearest whole number inside the range.
                if (whole[j]) v = Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), Math.Ceiling(r.Lo), Math.Floor(r.Hi));
                samples[s][j] = v;
            }
        }
        return samples;
    }

    /// <summary>A parameter value as outputs write it: shortest round-trip form, invariant culture.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
