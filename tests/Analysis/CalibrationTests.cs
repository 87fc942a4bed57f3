using System.Globalization;
using ConflictSim.Analysis.Validation;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Cli;

namespace ConflictSim.Tests.Analysis;

/// <summary>
/// `conflictsim calibrate` on a synthetic scenario whose true parameters are known: targets are taken from runs at
/// the truth, and the posterior must cover it. Plus determinism over threads, resume, and the patched file.
/// </summary>
public class CalibrationTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "data", "calibration", "duel.yaml");
    private const double TrueKilledFraction = 0.4, TrueAimedFire = 0.06;

    private static string Scratch()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"conflictsim-calibrate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The fixture with two targets: Red's killed and wounded, medians of 200 runs at the true parameters.</summary>
    private static string SyntheticScenario(string dir)
    {
        string text = File.ReadAllText(Fixture);
        var truth = ScenarioLoader.LoadText(text, Fixture,
            [new ScenarioOverride("factions.red.killed_fraction", TrueKilledFraction, "truth"), new ScenarioOverride("factions.blue.aimed_fire", TrueAimedFire, "truth")]);
        Assert.True(truth.Ok, string.Join("\n", truth.Errors));
        var scenario = Scenario.Compile(truth.Spec!);
        HistoricalTarget[] targets =
        [
            new() { Id = "killed", Outcome = "red_killed", Use = TargetUse.Calibrate },
            new() { Id = "wounded", Outcome = "red_wounded", Use = TargetUse.Calibrate },
        ];
        var runs = TargetSamples.Collect([scenario], targets, new SimulationOptions(), 99, 200, 2, CancellationToken.None).GetAwaiter().GetResult()!.Value.Targets[0];
        double Median(double[] x) { var s = x.OrderBy(v => v).ToArray(); return TargetScore.Quantile(s, 0.5); }
        string path = Path.Combine(dir, "synthetic.yaml");
        File.WriteAllText(path, text + "targets:\n" +
            $"  - {{id: killed, outcome: red_killed, value: {F(Median(runs[0]))}, use: calibrate, outside: {{publication: \"synthetic truth\", date: 2016, says: \"median of 200 runs at the true parameters\"}}}}\n" +
            $"  - {{id: wounded, outcome: red_wounded, value: {F(Median(runs[1]))}, use: calibrate, outside: {{publication: \"synthetic truth\", date: 2016, says: \"median of 200 runs at the true parameters\"}}}}\n");
        return path;
    }

    private static string[] Args(string file, string dir, int threads, int generations = 3) =>
        ["calibrate", file, "--lhs", "factions.red.killed_fraction=0.1..0.7", "--lhs", "factions.blue.aimed_fire=0.02..0.1",
         "--samples", "48", "--runs", "30", "--generations", generations.ToString(CultureInfo.InvariantCulture), "--keep", "0.25",
         "--seed", "5", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", dir];

    [Fact]
    public void It_recovers_known_parameters_within_their_posterior_interval()
    {
        string dir = Scratch();
        string file = SyntheticScenario(dir);

        var result = CliHarness.Run(Args(file, Path.Combine(dir, "out"), 2));

        Assert.True(result.Exit == 0, result.Err);
        var rows = File.ReadAllText(Path.Combine(dir, "out", Calibration.SummaryFile));
        using var doc = System.Text.Json.JsonDocument.Parse(rows);
        var parameters = doc.RootElement.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!);
        foreach (var (path, truth, lo, hi) in new[] { ("factions.red.killed_fraction", TrueKilledFraction, 0.1, 0.7), ("factions.blue.aimed_fire", TrueAimedFire, 0.02, 0.1) })
        {
            var p = parameters[path];
            double p05 = p.GetProperty("p05").GetDouble(), p95 = p.GetProperty("p95").GetDouble();
            Assert.True(p05 <= truth && truth <= p95, $"{path}: truth {truth} outside the 90% posterior {p05}..{p95}");
            // The data must have taught something: the posterior interval is well inside the prior.
            Assert.True(p95 - p05 < 0.6 * (hi - lo), $"{path}: posterior {p05}..{p95} barely narrower than the prior {lo}..{hi}");
        }

        // The patched scenario loads, carries the note, and sets the posterior mean it reports.
        var patched = Path.Combine(dir, "out", "duel-calibration.calibrated.yaml");
        var loaded = ScenarioLoader.LoadFile(patched);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal(parameters["factions.red.killed_fraction"].GetProperty("written").GetDouble(), loaded.Spec!.Factions[1].KilledFraction);
        Assert.Contains("calibrated: \"calibrate ", File.ReadAllText(patched));
        Assert.Contains("targets killed, wounded", File.ReadAllText(patched));
    }

    [Fact]
    public void It_is_the_same_whatever_the_threads_and_resumes_to_the_same_particles()
    {
        string dir = Scratch();
        string file = SyntheticScenario(dir);
        string one = Path.Combine(dir, "one"), two = Path.Combine(dir, "two");

        Assert.Equal(0, CliHarness.Run(Args(file, one, 1)).Exit);
        Assert.Equal(0, CliHarness.Run(Args(file, two, 2)).Exit);
        for (int g = 0; g < 3; g++)
            Assert.Equal(File.ReadAllText(Path.Combine(one, Calibration.GenerationFile(g))), File.ReadAllText(Path.Combine(two, Calibration.GenerationFile(g))));

        // As if stopped during generation 2: its file and the results never got written.
        foreach (var name in new[] { Calibration.GenerationFile(2), Calibration.PosteriorFile, Calibration.SummaryFile })
            File.Delete(Path.Combine(two, name));
        var refused = CliHarness.Run(Args(file, two, 2));
        Assert.Equal(2, refused.Exit);
        Assert.Contains("add --resume", refused.Err);
        var resumed = CliHarness.Run([.. Args(file, two, 2), "--resume"]);
        Assert.Equal(0, resumed.Exit);
        Assert.Contains("resuming after generation 1", resumed.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(one, Calibration.PosteriorFile)), File.ReadAllText(Path.Combine(two, Calibration.PosteriorFile)));

        var different = CliHarness.Run([.. Args(file, two, 2, generations: 4), "--resume"]);
        Assert.Equal(2, different.Exit);
        Assert.Contains("holds a different calibration", different.Err);
    }

    [Fact]
    public void A_listed_parameter_is_calibrated_over_its_values()
    {
        string dir = Scratch();
        string file = SyntheticScenario(dir);

        var result = CliHarness.Run("calibrate", file, "--vary", "factions.red.killed_fraction=0.1,0.4,0.7", "--lhs", "factions.blue.aimed_fire=0.02..0.1",
            "--samples", "30", "--runs", "20", "--generations", "2", "--seed", "3", "--out", Path.Combine(dir, "out"));

        Assert.True(result.Exit == 0, result.Err);
        var loaded = ScenarioLoader.LoadFile(Path.Combine(dir, "out", "duel-calibration.calibrated.yaml"));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        // The listed value nearest the truth (0.4) is the posterior's mode, and a listed value is what is written.
        Assert.Equal(0.4, loaded.Spec!.Factions[1].KilledFraction);
        var rows = File.ReadAllLines(Path.Combine(dir, "out", Calibration.PosteriorFile)).Skip(1);
        Assert.All(rows, r => Assert.Contains(r.Split(',')[0], new[] { "0.1", "0.4", "0.7" }));
    }

    [Fact]
    public void Calibrate_needs_something_to_vary_and_calibration_targets()
    {
        var nothing = CliHarness.Run("calibrate", Fixture, "--runs", "2");
        Assert.Equal(2, nothing.Exit);
        Assert.Contains("needs at least one --lhs", nothing.Err);
        var noTargets = CliHarness.Run("calibrate", Fixture, "--lhs", "factions.blue.aimed_fire=0.02..0.1", "--runs", "2", "--out", Scratch());
        Assert.Equal(1, noTargets.Exit);
        Assert.Contains("has no calibrate targets", noTargets.Err);
        var badRange = CliHarness.Run("calibrate", Fixture, "--lhs", "factions.blue.aimed_fire=0.2..0.1", "--runs", "2");
        Assert.Equal(2, badRange.Exit);
        Assert.Contains("empty range", badRange.Err);
    }
}
