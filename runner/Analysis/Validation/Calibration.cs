using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConflictSim.Scenarios;

namespace ConflictSim.Analysis.Validation;

/// <summary>What a calibration is: enough to run it, to resume it, and to refuse resuming a different one.</summary>
internal sealed record CalibrationJob
{
    public required string File { get; init; }
    public required string Text { get; init; }
    public required ScenarioSpec BaseSpec { get; init; }
    public required Prior[] Priors { get; init; }
    public required HistoricalTarget[] Targets { get; init; }
    /// <summary>Particles proposed per generation.</summary>
    public required int Samples { get; init; }
    /// <summary>Seeded runs per particle (the same run seeds for every particle: common random numbers).</summary>
    public required int Runs { get; init; }
    public required int Generations { get; init; }
    /// <summary>Fraction of each generation's particles kept.</summary>
    public required double Keep { get; init; }
    public required ulong Seed { get; init; }
    public required int Threads { get; init; }

    public int Kept => Math.Max(1, (int)Math.Round(Keep * Samples));

    /// <summary>One line naming everything the result depends on; a resumed calibration must match it.</summary>
    public string Identity()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
        var priors = string.Join(";", Priors.Select(p => p.Discrete ? $"{p.Path}={string.Join(",", p.Values!.Select(F))}" : $"{p.Path}={F(p.Lo)}..{F(p.Hi)}"));
        return $"scenario {sha}; priors {priors}; targets {string.Join(",", Targets.Select(t => t.Id))}; samples {Samples}; runs {Runs}; generations {Generations}; keep {F(Keep)}; seed {Seed}";
    }

    public static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One generation as it ends: its particles and the tolerance (largest kept distance).</summary>
internal sealed record AbcGeneration(int Index, Particle[] Particles)
{
    public double Tolerance => Particles.Where(p => p.Accepted).Max(p => p.Distance);
    public double EffectiveSize => AbcSmc.EffectiveSize(Particles);
}

/// <summary>
/// Runs the generations of an ABC-SMC calibration through the sweep's pipeline, each generation's particles being
/// the parameter points of one batch, and saves each finished generation to DIR/generation-G.csv before starting the
/// next: a calibration stopped at any moment resumes from its last finished generation and ends with the same
/// particles, since every proposal depends only on the seed and the generations before it.
/// </summary>
internal static class Calibration
{
    public const string StateFile = "calibration-state.txt", PosteriorFile = "posterior.csv", SummaryFile = "calibration.json";

    public static string GenerationFile(int g) => $"generation-{g}.csv";

    /// <summary>Generations already on disk, in order; stops at the first missing one.</summary>
    public static List<AbcGeneration> Load(string dir, CalibrationJob job)
    {
        var done = new List<AbcGeneration>();
        for (int g = 0; g < job.Generations; g++)
        {
            string path = Path.Combine(dir, GenerationFile(g));
            if (!System.IO.File.Exists(path)) break;
            done.Add(Read(path, g, job.Priors.Length));
        }
        return done;
    }

    public static async Task<AbcGeneration?> RunGeneration(CalibrationJob job, IReadOnlyList<AbcGeneration> before, ScenarioTemplate template,
        CancellationToken stop, Action<long>? progress = null)
    {
        int g = before.Count;
        var values = g == 0 ? AbcSmc.Initial(job.Priors, job.Samples, job.Seed)
            : AbcSmc.Propose(job.Priors, before[^1].Particles, job.Samples, job.Seed, g);
        var scenarios = new Scenario?[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            var overrides = job.Priors.Select((p, j) => new ScenarioOverride(p.Path, values[k][j], $"calibrate {p.Path}={AbcSmc_Format(values[k][j])}")).ToList();
            var loaded = template.Load(overrides);
            // A point the schema refuses (two settings that must stay ordered, say) is as far from history as can be.
            scenarios[k] = loaded.Ok ? Scenario.Compile(loaded.Spec!) : null;
        }
        var runnable = Enumerable.Range(0, values.Length).Where(k => scenarios[k] is not null).ToArray();
        var distances = Enumerable.Repeat(double.PositiveInfinity, values.Length).ToArray();
        if (runnable.Length > 0)
        {
            var points = runnable.Select(k => scenarios[k]!).ToArray();
            var collected = await TargetSamples.Collect(points, job.Targets, new SimulationOptions(), job.Seed, job.Runs, job.Threads, stop, progress);
            if (collected is not var (byTarget, _)) return null;
            var yesNo = YesNo(points[0], job.Targets);
            for (int i = 0; i < runnable.Length; i++) distances[runnable[i]] = Discrepancy.Of(job.Targets, yesNo, byTarget[i]);
        }
        var particles = AbcSmc.Select(job.Priors, values, distances, job.Kept, g == 0 ? null : before[^1].Particles);
        return new AbcGeneration(g, particles);
    }

    public static bool[] YesNo(Scenario s, IReadOnlyList<HistoricalTarget> targets) =>
        targets.Select(t => t.Outcome is { } id && OutcomeInfo.IsYesNo(s.Outcomes[s.OutcomeIndex(id)].Kind)).ToArray();

    private static string AbcSmc_Format(double v) => CalibrationJob.F(v);

    public static void Write(string path, AbcGeneration gen, Prior[] priors) => SweepOutputs.AtomicWrite(path, s =>
    {
        using var w = new StreamWriter(s, new UTF8Encoding(false), -1, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine($"particle,{string.Join(",", priors.Select(p => p.Path))},distance,accepted,weight");
        for (int k = 0; k < gen.Particles.Length; k++)
        {
            var p = gen.Particles[k];
            w.WriteLine($"{k},{string.Join(",", p.Values.Select(CalibrationJob.F))},{CalibrationJob.F(p.Distance)},{(p.Accepted ? 1 : 0)},{CalibrationJob.F(p.Weight)}");
        }
    });

    private static AbcGeneration Read(string path, int g, int parameters)
    {
        var lines = System.IO.File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0);
        var particles = lines.Select(line =>
        {
            var cells = line.Split(',');
            if (cells.Length != parameters + 4) throw new FormatException($"{path}: a row has {cells.Length} cells; expected {parameters + 4}");
            double D(string c) => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Particle(cells.Skip(1).Take(parameters).Select(D).ToArray(), D(cells[parameters + 1]), D(cells[parameters + 3]), cells[parameters + 2] == "1");
        }).ToArray();
        return new AbcGeneration(g, particles);
    }

    /// <summary>
    /// The point written back into the scenario: the posterior mean (a discrete parameter's weighted mode), or the
    /// single particle nearest the targets; 4 significant digits, whole-number keys rounded.
    /// </summary>
    public static double[] Choose(Prior[] priors, AbcGeneration last, bool best)
    {
        var kept = last.Particles.Where(p => p.Accepted).ToArray();
        if (best) return kept.OrderBy(p => p.Distance).First().Values.Select((v, j) => Round(priors[j], v)).ToArray();
        var summary = AbcSmc.Summarise(priors, last.Particles);
        return priors.Select((p, j) => p.Discrete
            ? kept.GroupBy(k => k.Values[j]).OrderByDescending(x => x.Sum(k => k.Weight)).ThenBy(x => x.Key).First().Key
            : Round(p, summary[j].Mean)).ToArray();
    }

    private static double Round(Prior p, double v)
    {
        if (p.Whole || p.Discrete) return p.Discrete ? v : Math.Round(v, MidpointRounding.AwayFromZero);
        if (v == 0) return 0;
        int digits = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15);
        return Math.Round(v, digits, MidpointRounding.AwayFromZero);
    }
}
