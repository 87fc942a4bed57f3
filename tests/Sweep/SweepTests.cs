using System.Globalization;
using System.Text.Json;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;
using MathNet.Numerics.Distributions;

namespace ConflictSim.Tests.Sweep;

/// <summary>sweep and merge: determinism across threads and shards, resume after kills, statistics, errors.</summary>
public class SweepTests
{
    private static readonly string[] Grid = ["--vary", "factions.red.morale=0.6,0.8", "--days", "12"];

    [Fact]
    public void One_thread_and_two_threads_write_the_same_bytes()
    {
        using var one = CliHarness.TempDir();
        using var two = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.Sweep(one.Path, [.. Grid, "--threads", "1"]).Exit);
        Assert.Equal(0, SweepHarness.Sweep(two.Path, [.. Grid, "--threads", "2"]).Exit);
        SweepHarness.AssertSameOutputs(one.Path, two.Path);
        Assert.Equal(1 + 2 * 60, File.ReadAllLines(Path.Combine(one.Path, "runs.csv")).Length);
    }

    [Fact]
    public void Three_shards_merged_equal_the_unsharded_sweep()
    {
        using var whole = CliHarness.TempDir();
        using var shards = CliHarness.TempDir();
        using var merged = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.Sweep(whole.Path, Grid).Exit);
        var dirs = new List<string>();
        foreach (var k in new[] { 3, 1, 2 })
        {
            string dir = Path.Combine(shards.Path, $"s{k}");
            Assert.Equal(0, SweepHarness.Sweep(dir, [.. Grid, "--shard", $"{k}/3", "--threads", "1"]).Exit);
            dirs.Add(dir);
        }
        var result = CliHarness.Run(["merge", .. dirs, "--out", merged.Path]);
        Assert.Equal(0, result.Exit);
        SweepHarness.AssertSameOutputs(whole.Path, merged.Path);
    }

    [Fact]
    public void Merge_refuses_a_missing_shard_and_an_unfinished_one()
    {
        using var shards = CliHarness.TempDir();
        string s1 = Path.Combine(shards.Path, "s1");
        Assert.Equal(0, SweepHarness.Sweep(s1, [.. Grid, "--shard", "1/2"]).Exit);
        var result = CliHarness.Run("merge", s1, "--out", Path.Combine(shards.Path, "m"));
        Assert.Equal(1, result.Exit);
        Assert.Contains("shard 2 of 2 missing", result.Err);

        string s2 = Path.Combine(shards.Path, "s2");
        SweepHarness.SweepWithHooks(s2, new SweepHooks { CrashAfter = 5 });
        result = CliHarness.Run("merge", s1, s2, "--out", Path.Combine(shards.Path, "m"));
        Assert.Equal(1, result.Exit);
    }

    [Theory]
    [InlineData(1, 10)]   // before the first checkpoint
    [InlineData(10, 10)]  // just after a checkpoint
    [InlineData(37, 10)]  // rows on disk past the last checkpoint
    [InlineData(119, 7)]  // one run from the end
    public void A_sweep_killed_after_k_runs_resumes_to_the_same_bytes(int crashAfter, int every)
    {
        using var full = CliHarness.TempDir();
        using var killed = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.SweepWithHooks(full.Path, new SweepHooks()).Exit);

        var (exit, error) = SweepHarness.SweepWithHooks(killed.Path, new SweepHooks { CrashAfter = crashAfter, CheckpointEvery = every });
        Assert.IsType<SimulatedCrash>(error);
        Assert.Equal(-1, exit);
        Assert.False(File.Exists(Path.Combine(killed.Path, "summary.json")));
        var saved = SweepState.Read(Path.Combine(killed.Path, "checkpoint.bin"), out _)!;
        Assert.Equal(crashAfter / every * every, saved.Committed);

        // A second crash during the resume, then a clean finish.
        var again = SweepHarness.SweepWithHooks(killed.Path, new SweepHooks { CrashAfter = crashAfter + 3, CheckpointEvery = every }, resume: true);
        if (crashAfter + 3 <= 120) Assert.IsType<SimulatedCrash>(again.Error);
        Assert.Equal(0, SweepHarness.SweepWithHooks(killed.Path, new SweepHooks(), resume: true).Exit);
        SweepHarness.AssertSameOutputs(full.Path, killed.Path);
    }

    [Fact]
    public void Per_day_metrics_are_kept_up_to_a_hundred_points_unless_asked_and_a_resume_must_agree()
    {
        using var dir = CliHarness.TempDir();
        string[] many = ["--runs", "1", "--lhs", "factions.blue.morale=0.4..0.9", "--samples", "101"];
        Assert.Equal(0, SweepHarness.Sweep(dir.File("auto"), many).Exit);
        Assert.Equal(0, SweepHarness.Sweep(dir.File("on"), [.. many, "--series", "on"]).Exit);
        Assert.Equal(0, SweepHarness.Sweep(dir.File("few"), [.. Grid]).Exit);

        static int Rows(string d) => File.ReadAllLines(Path.Combine(d, "timeseries.csv")).Length - 1;
        Assert.Equal(0, Rows(dir.File("auto")));
        Assert.True(Rows(dir.File("on")) > 101, "--series on keeps every point's days");
        Assert.True(Rows(dir.File("few")) > 0, "a small grid keeps its days by default");
        long auto = new FileInfo(Path.Combine(dir.File("auto"), "checkpoint.bin")).Length;
        long on = new FileInfo(Path.Combine(dir.File("on"), "checkpoint.bin")).Length;
        Assert.True(auto * 3 < on, $"checkpoints of {auto} and {on} bytes: the sketches per day should dominate");
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("auto"), "runs.csv")), File.ReadAllText(Path.Combine(dir.File("on"), "runs.csv")));

        var resumed = SweepHarness.Sweep(dir.File("auto"), [.. many, "--series", "on", "--resume"]);
        Assert.Equal(2, resumed.Exit);
        Assert.Contains("--series was off, now on", resumed.Err);
    }

    [Fact]
    public void Resume_into_a_directory_without_a_sweep_is_refused_and_resume_or_start_starts_it()
    {
        using var dir = CliHarness.TempDir();
        string missing = dir.File("typo");
        var resumed = SweepHarness.Sweep(missing, [.. Grid, "--resume"]);
        Assert.Equal(1, resumed.Exit);
        Assert.Equal($"conflictsim: cannot resume: '{missing}' holds no sweep (no checkpoint.bin); run without --resume to start one there", resumed.Err.TrimEnd());
        Assert.False(Directory.Exists(missing));

        var started = SweepHarness.Sweep(missing, [.. Grid, "--resume-or-start"]);
        Assert.Equal(0, started.Exit);
        var again = SweepHarness.Sweep(missing, [.. Grid, "--resume-or-start"]);
        Assert.Equal(0, again.Exit);
        Assert.Contains("0 this time", again.Out);
    }

    [Fact]
    public void A_directory_holding_a_sweep_needs_resume_and_the_same_arguments()
    {
        using var dir = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.Sweep(dir.Path, Grid).Exit);
        var again = SweepHarness.Sweep(dir.Path, Grid);
        Assert.Equal(2, again.Exit);
        Assert.Contains("--resume", again.Err);
        var other = SweepHarness.Sweep(dir.Path, [.. Grid, "--seed", "9", "--resume"]);
        Assert.Equal(2, other.Exit);
        Assert.Contains("different sweep", other.Err);
        var finished = SweepHarness.Sweep(dir.Path, [.. Grid, "--resume"]);
        Assert.Equal(0, finished.Exit);
    }

    [Fact]
    public void Summary_statistics_match_a_brute_force_computation_from_runs_csv()
    {
        using var dir = CliHarness.TempDir();
        Assert.Equal(0, SweepHarness.Sweep(dir.Path, [.. Grid, "--runs", "200"]).Exit);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "runs.csv"));
        var head = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        Assert.Equal("conflictsim-summary/1", summary.RootElement.EnumerateObject().First() is { Name: "schema" } first ? first.Value.GetString() : null);
        var points = summary.RootElement.GetProperty("points");
        Assert.Equal(2, points.GetArrayLength());

        foreach (var point in points.EnumerateArray())
        {
            int p = point.GetProperty("point").GetInt32();
            var mine = rows.Where(r => r[2] == p.ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(200, mine.Count);
            foreach (var id in new[] { "red_killed", "town_falls", "blue_holds_b" })
            {
                int col = Array.IndexOf(head, id);
                var cells = mine.Select(r => r[col]).ToList();
                var xs = cells.Where(c => c != "").Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                var o = point.GetProperty("outcomes").GetProperty(id);
                Assert.Equal(xs.Length, o.GetProperty("n").GetInt32());
                if (xs.Length == 0) continue;
                double mean = xs.Average();
                Assert.Equal(mean, o.GetProperty("mean").GetDouble(), 1e-9);
                if (xs.Length > 1)
                {
                    double sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1));
                    Assert.Equal(sd, o.GetProperty("sd").GetDouble(), 1e-9);
                    double half = StudentT.InvCDF(0, 1, xs.Length - 1, 0.975) * sd / Math.Sqrt(xs.Length);
                    var ci = o.GetProperty("ci95");
                    Assert.Equal(mean - half, ci[0].GetDouble(), 1e-9);
                    Assert.Equal(mean + half, ci[1].GetDouble(), 1e-9);
                }
                var sorted = xs.Order().ToArray();
                foreach (var (name, q) in new[] { ("p5", 0.05), ("p50", 0.5), ("p95", 0.95) })
                    Assert.Equal(sorted[(int)Math.Ceiling(q * sorted.Length) - 1], o.GetProperty(name).GetDouble());
                Assert.Equal(sorted[0], o.GetProperty("min").GetDouble());
                Assert.Equal(sorted[^1], o.GetProperty("max").GetDouble());

                if (id == "town_falls")
                    AssertWilson(o.GetProperty("happened"), xs.Length, cells.Count);
                if (id == "blue_holds_b")
                    AssertWilson(o.GetProperty("yes"), xs.Count(x => x == 1), xs.Length);
            }
        }
    }

    /// <summary>Wilson (1927) from its formula: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n).</summary>
    private static void AssertWilson(JsonElement e, int k, int n)
    {
        double z = 1.959963984540054, p = (double)k / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        Assert.Equal(k, e.GetProperty("count").GetInt32());
        Assert.Equal(p, e.GetProperty("probability").GetDouble(), 1e-12);
        Assert.Equal(Math.Max(0, centre - half), e.GetProperty("wilson95")[0].GetDouble(), 1e-9);
        Assert.Equal(Math.Min(1, centre + half), e.GetProperty("wilson95")[1].GetDouble(), 1e-9);
    }

    [Fact]
    public void Latin_hypercube_puts_one_sample_in_each_stratum_and_rounds_whole_number_keys()
    {
        using var dir = CliHarness.TempDir();
        var result = SweepHarness.Sweep(dir.Path, "--runs", "1", "--days", "2", "--samples", "8",
            "--lhs", "factions.red.morale=0.2..0.6", "--lhs", "factions.blue.forces.a=100..900");
        Assert.Equal(0, result.Exit);
        var rows = File.ReadAllLines(Path.Combine(dir.Path, "runs.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(8, rows.Count);
        var morale = rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToList();
        var forces = rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 8), morale.Select(m => (int)((m - 0.2) / 0.4 * 8)).Order());
        Assert.All(forces, f => Assert.Equal(Math.Round(f), f));
        Assert.All(forces, f => Assert.InRange(f, 100, 900));
    }

    [Theory]
    [InlineData("--vary", "factions.red.morale=1.5", "--vary factions.red.morale=1.5: value 1.5 is out of range; expected a number in [0, 1]")]
    [InlineData("--set", "factions.green.morale=0.5", "--set factions.green.morale=0.5: unknown path: no item with id 'green'")]
    [InlineData("--set", "factions.red.moral=0.5", "--set factions.red.moral=0.5: unknown key 'moral'")]
    [InlineData("--set", "factions.red.name=0.5", "factions.red.name is not a number")]
    [InlineData("--set", "factions.red.morale", "--set factions.red.morale: expected path=value")]
    [InlineData("--vary", "factions.red.morale=0.5,x", "malformed value 'x'")]
    [InlineData("--lhs", "factions.red.morale=0.5", "malformed range '0.5'; expected lo..hi")]
    [InlineData("--lhs", "factions.red.morale=0.5..2", "--lhs factions.red.morale=0.5..2: value 2 is out of range")]
    [InlineData("--set", "factions.blue.forces.a=10.5", "expected a whole number")]
    [InlineData("--shard", "3/2", "--shard must be K/M")]
    [InlineData("--threads", "0", "--threads must be a whole number from 1")]
    public void Bad_parameters_give_one_line_naming_the_flag_and_path(string flag, string value, string message)
    {
        using var dir = CliHarness.TempDir();
        string[] extra = flag == "--lhs" ? [flag, value, "--samples", "2"] : [flag, value];
        var result = SweepHarness.Sweep(Path.Combine(dir.Path, "out"), extra);
        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Err);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public void Paths_reach_list_items_by_id_and_index_and_long_form_values()
    {
        string text = File.ReadAllText(Repository.Scenario("sirte-2016.yaml"));
        var result = ConflictSim.Scenarios.ScenarioLoader.LoadText(text, "sirte-2016.yaml",
        [
            new("patrons.us_africom.air_sorties", 12, "a"),
            new("events.0.effects.0.reinforce.fighters", 99, "b"),
            new("factions.bunyan_marsus.morale", 0.55, "c"),     // long form {value: 0.8, assumption: …}
            new("settings.cohesion_shock", 0.75, "d"),          // absent from the file: added
        ]);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var spec = result.Spec!;
        Assert.Equal(12, spec.Patrons.Single(p => p.Id == "us_africom").AirSorties);
        Assert.Equal(99, spec.Events[0].Effects[0].Amount);
        Assert.Equal(0.55, spec.Factions.Single(f => f.Id == "bunyan_marsus").Morale);
        Assert.Equal(0.75, spec.Settings.CohesionShock);
    }

    [Fact]
    public void Camp_outcomes_and_splinters_are_swept_and_alignments_are_reported_as_probabilities()
    {
        using var dir = CliHarness.TempDir();
        var libya = ConflictSim.Tests.Support.Repository.Scenario("libya-2016.yaml");
        var result = CliHarness.Run(["sweep", libya, "--runs", "12", "--days", "100", "--out", dir.Path]);
        Assert.Equal(0, result.Exit);

        string header = File.ReadLines(Path.Combine(dir.Path, "runs.csv")).First();
        Assert.Contains("gna_camp_fragmented", header);
        Assert.Contains("lna_camp_effective_blocs", header);
        Assert.Contains("lna_splinter,fighters", File.ReadAllText(Path.Combine(dir.Path, "timeseries.csv")));

        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        string json = summary.RootElement.GetRawText();
        var outcomes = FindOutcomes(summary.RootElement);
        Assert.True(outcomes.GetProperty("unified_at_end").TryGetProperty("yes", out _), json[..200]);
        Assert.True(outcomes.GetProperty("gna_camp_fragmented").TryGetProperty("yes", out _));
        Assert.False(outcomes.GetProperty("gna_camp_blocs").TryGetProperty("yes", out _));
    }

    private static System.Text.Json.JsonElement FindOutcomes(System.Text.Json.JsonElement e)
    {
        if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "outcomes" && p.Value.ValueKind == System.Text.Json.JsonValueKind.Object) return p.Value;
                if (p.Value.ValueKind is System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array
                    && FindOutcomes(p.Value) is { ValueKind: System.Text.Json.JsonValueKind.Object } found) return found;
            }
        if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
            foreach (var item in e.EnumerateArray())
                if (FindOutcomes(item) is { ValueKind: System.Text.Json.JsonValueKind.Object } found) return found;
        return default;
    }
}
