using System.Text.Json;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>`conflictsim check`: the table, the JSON a report reads, --strict, and its errors.</summary>
public class CheckCommandTests
{
    private static readonly string Duel = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "sweep", "duel.yaml"));
    private const string Outside = "outside: {publication: \"Test\", date: 2016, says: \"x\"}";

    private static string WithTargets(string dir, string targets)
    {
        string path = Path.Combine(dir, "duel.yaml");
        File.WriteAllText(path, Duel + "targets:\n" + targets);
        return path;
    }

    private static string Scratch()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"conflictsim-check-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Json_gives_every_target_and_the_coverage_it_counts()
    {
        var result = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "20", "--json", "--threads", "2");

        Assert.Equal(0, result.Exit);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal("conflictsim-check/1", root.GetProperty("schema").GetString());
        var targets = root.GetProperty("targets").EnumerateArray().ToList();
        Assert.True(targets.Count >= 6);
        int inside = targets.Count(t => t.GetProperty("counted").GetBoolean() && t.GetProperty("inside90").GetBoolean());
        int counted = targets.Count(t => t.GetProperty("counted").GetBoolean());
        Assert.Equal((double)inside / counted, root.GetProperty("coverage").GetDouble(), 5);
        foreach (var t in targets)
        {
            var pi = t.GetProperty("pi90").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(pi[0] <= t.GetProperty("median").GetDouble() && t.GetProperty("median").GetDouble() <= pi[1]);
            Assert.InRange(t.GetProperty("pit").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public void The_result_does_not_depend_on_the_thread_count()
    {
        var one = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "16", "--json", "--threads", "1");
        var two = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "16", "--json", "--threads", "2");
        Assert.Equal(one.Out, two.Out);
    }

    [Fact]
    public void Strict_fails_below_the_coverage_asked_for_and_warns_about_what_cannot_vary()
    {
        string dir = Scratch();
        string file = WithTargets(dir,
            $"  - {{id: near, outcome: red_killed, range: [0, 100000], use: validate, {Outside}}}\n" +
            $"  - {{id: far, outcome: red_killed, value: -5, use: validate, {Outside}}}\n");

        var lenient = CliHarness.Run("check", file, "--runs", "10", "--strict", "--min-coverage", "0.5", "--out", dir);
        var strict = CliHarness.Run("check", file, "--runs", "10", "--strict", "--min-coverage", "0.6");
        var loose = CliHarness.Run("check", file, "--runs", "10");

        Assert.Equal(0, lenient.Exit);
        Assert.Contains("coverage: 1/2 targets inside their 90% PI (50%)", lenient.Out);
        Assert.True(File.Exists(Path.Combine(dir, "check.json")));
        Assert.Equal(1, strict.Exit);
        Assert.Equal("conflictsim: check --strict: coverage 50% is below 60%", strict.Err.Trim().Split('\n')[^1]);
        Assert.Equal(0, loose.Exit);
        Assert.Contains("outcome town_falls is missing in all 10 runs", loose.Out); // the town never falls in twelve days
    }

    /// <summary>The data block a report page draws from.</summary>
    private static JsonElement ReportData(string html)
    {
        string page = File.ReadAllText(html);
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        int start = page.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return JsonDocument.Parse(page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)]).RootElement.Clone();
    }

    [Fact]
    public void Out_writes_check_json_and_a_report_that_report_rewrites_from_it()
    {
        string dir = Scratch();
        try
        {
            var check = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "12", "--threads", "2", "--out", dir);
            Assert.True(check.Exit == 0, check.Err);
            string html = Path.Combine(dir, "report.html"), json = Path.Combine(dir, "check.json");
            var written = ReportData(html);
            File.Delete(html);

            var report = CliHarness.Run("report", dir);
            Assert.True(report.Exit == 0, report.Err);
            Assert.Equal($"report written to {html}", report.Out.TrimEnd());
            var data = ReportData(html);
            Assert.True(JsonElement.DeepEquals(written, data));
            Assert.Equal("check", data.GetProperty("kind").GetString());
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            // The page carries check.json whole: every target's numbers are the ones check computed.
            Assert.True(JsonElement.DeepEquals(doc.RootElement, data.GetProperty("check")));
            var first = data.GetProperty("check").GetProperty("targets")[0];
            Assert.Equal(doc.RootElement.GetProperty("targets")[0].GetProperty("pit").GetDouble(), first.GetProperty("pit").GetDouble());
            Assert.Equal(doc.RootElement.GetProperty("coverage").GetDouble(), data.GetProperty("check").GetProperty("coverage").GetDouble());
            Assert.Contains(data.GetProperty("manifest").EnumerateArray(), r => r[0].GetString() == "Runs" && r[1].GetString() == "12");
            Assert.Equal("2016-01-01", doc.RootElement.GetProperty("start").GetString());
            Assert.True(doc.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "pfg_recognition_date")
                .GetProperty("is_day").GetBoolean());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_sweep_directory_s_report_carries_the_check_beside_it()
    {
        string dir = Scratch();
        try
        {
            Assert.Equal(0, CliHarness.Run("sweep", Repository.Scenario("sidra-2016.yaml"), "--runs", "4", "--threads", "2", "--out", dir).Exit);
            Assert.False(File.Exists(Path.Combine(dir, "report.html")));
            var check = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "8", "--threads", "2", "--out", dir);
            Assert.True(check.Exit == 0, check.Err);
            var data = ReportData(Path.Combine(dir, "report.html"));
            Assert.Equal("sweep", data.GetProperty("kind").GetString());
            Assert.Equal("sidra-2016", data.GetProperty("scenario").GetString());
            Assert.Equal(8, data.GetProperty("check").GetProperty("runs").GetInt32());
            Assert.True(data.GetProperty("outcomes").GetArrayLength() > 0);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_check_json_that_is_not_check_s_is_one_line_and_no_report()
    {
        string dir = Scratch();
        try
        {
            File.WriteAllText(Path.Combine(dir, "check.json"), "{\"schema\": \"conflictsim-summary/1\"}");
            var result = CliHarness.Run("report", dir);
            Assert.Equal(1, result.Exit);
            Assert.Equal($"conflictsim: report: '{Path.Combine(dir, "check.json")}' is not the output of 'check --out' (expected schema \"conflictsim-check/1\" with a targets list)",
                result.Err.TrimEnd());
            File.WriteAllText(Path.Combine(dir, "check.json"), "{\"schema\": ");
            var cut = CliHarness.Run("report", dir);
            Assert.Equal(1, cut.Exit);
            Assert.Single(cut.Err.TrimEnd().Split('\n'));
            Assert.False(File.Exists(Path.Combine(dir, "report.html")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_fitted_target_is_left_out_of_coverage_with_a_warning()
    {
        string dir = Scratch();
        string fitted = Duel.Replace("{id: blue, name: Blue, aimed_fire: 0.05,", "{id: blue, name: Blue, aimed_fire: {value: 0.05, fitted_from: far, assumption: \"set from far\"},");
        Assert.NotEqual(Duel, fitted);
        string file = Path.Combine(dir, "fitted.yaml");
        File.WriteAllText(file, fitted + "targets:\n" +
            $"  - {{id: near, outcome: red_killed, range: [0, 100000], use: validate, {Outside}}}\n" +
            $"  - {{id: far, outcome: red_killed, value: -5, use: calibrate, {Outside}}}\n");

        var result = CliHarness.Run("check", file, "--runs", "10", "--strict");

        Assert.Equal(0, result.Exit);
        Assert.Contains("coverage: 1/1 targets", result.Out);
        Assert.Contains("target far is met by construction: a number at line 11 is fitted_from it; left out of coverage", result.Out);
    }

    [Theory]
    [InlineData(new[] { "--min-coverage", "0.5" }, 2, "--min-coverage only applies with --strict")]
    [InlineData(new[] { "--targets", "use=both" }, 2, "--targets must be use=calibrate, use=validate or all, not 'use=both'")]
    [InlineData(new[] { "--strict", "--min-coverage", "1.5" }, 2, "--min-coverage must be a number from 0 to 1, not '1.5'")]
    public void Bad_options_are_one_line(string[] extra, int exit, string message)
    {
        var result = CliHarness.Run(["check", Repository.Scenario("sidra-2016.yaml"), "--runs", "2", .. extra]);
        Assert.Equal(exit, result.Exit);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
    }

    [Fact]
    public void A_scenario_without_targets_is_refused()
    {
        var result = CliHarness.Run("check", Path.Combine(AppContext.BaseDirectory, "data", "sweep", "duel.yaml"), "--runs", "2");
        Assert.Equal(1, result.Exit);
        Assert.Contains("has no targets; expected a targets: list", result.Err);
    }
}
