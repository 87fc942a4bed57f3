using System.Globalization;
using System.Text.Json;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Report;

/// <summary>
/// The "Validation against history" section in Chromium: `check --out DIR` writes a report that opens offline and
/// clean, draws the interval chart and the PIT histogram, and shows check.json's coverage, every target's row
/// (fitted targets marked) and the warnings; a sweep directory holding a check.json gains the section.
/// </summary>
public class CheckReportPageTests
{
    private static string Scratch(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"conflictsim-checkreport-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Pct(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The coverage line the page must show, computed here from check.json's own fields.</summary>
    internal static string CoverageLine(JsonElement check)
    {
        var targets = check.GetProperty("targets").EnumerateArray().Where(t => t.GetProperty("counted").GetBoolean()).ToList();
        var validate = targets.Where(t => t.GetProperty("use").GetString() == "validate").ToList();
        int In(List<JsonElement> ts) => ts.Count(t => t.GetProperty("inside90").GetBoolean());
        return $"Coverage: {In(targets)}/{targets.Count} targets inside their 90% predictive interval ({Pct(check.GetProperty("coverage").GetDouble())}); " +
               $"validation-only targets: {In(validate)}/{validate.Count} ({Pct(check.GetProperty("validation_coverage").GetDouble())}); mean scaled interval score";
    }

    private static async Task<WatchedPage> OpenAsync(Browser browser, string html)
    {
        var watched = await browser.NewPageAsync(width: 1400, height: 1000);
        await watched.Page.GotoAsync(new Uri(html).AbsoluteUri);
        await watched.Page.WaitForSelectorAsync("body[data-rendered]", new() { Timeout = 60_000 });
        var empty = await watched.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('div.chart')].filter(c => !c.querySelector('.main-svg') || c.querySelectorAll('g.trace').length === 0).map(c => c.id)");
        Assert.True(empty.Length == 0, "charts that drew nothing: " + string.Join(", ", empty));
        return watched;
    }

    [Fact]
    public async Task Check_out_writes_a_report_whose_validation_section_shows_check_json()
    {
        if (Browser.Missing() is not null) return;
        string dir = Scratch("sirte");
        try
        {
            // Sirte has a fitted target and one outside its 90% interval: both kinds of row are drawn.
            var check = CliHarness.Run("check", Repository.Scenario("sirte-2016.yaml"), "--runs", "40", "--threads", "2", "--out", dir);
            Assert.True(check.Exit == 0, check.Err);
            string html = Path.Combine(dir, "report.html");
            Assert.True(File.Exists(html));
            Assert.DoesNotContain("src=\"http", File.ReadAllText(html));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "check.json")));
            var json = doc.RootElement;
            var targets = json.GetProperty("targets").EnumerateArray().ToList();
            Assert.Contains(targets, t => !t.GetProperty("counted").GetBoolean());
            Assert.Contains(targets, t => t.GetProperty("counted").GetBoolean() && !t.GetProperty("inside90").GetBoolean());

            await using var browser = await Browser.LaunchAsync();
            await using var watched = await OpenAsync(browser, html);
            var page = watched.Page;
            Assert.Equal(json.GetProperty("title").GetString() + ": validation against history", await page.TitleAsync());
            string text = await page.InnerTextAsync("main");
            Assert.Contains("Validation against history", text);
            Assert.Contains("Manifest", text);
            Assert.StartsWith(CoverageLine(json), await page.InnerTextAsync("#validation-coverage"));

            // One row per target, in check.json's order, with its verdict, PIT and CRPS.
            var rows = await page.EvaluateAsync<string[][]>(
                "() => [...document.querySelectorAll('#validation-targets tr[data-target]')].map(r => [r.dataset.target, r.className, ...[...r.cells].map(c => c.innerText)])");
            Assert.Equal(targets.Select(t => t.GetProperty("id").GetString()), rows.Select(r => r[0]));
            foreach (var (t, row) in targets.Zip(rows))
            {
                bool counted = t.GetProperty("counted").GetBoolean();
                Assert.Equal(t.GetProperty("use").GetString(), row[3]);
                Assert.Equal(!counted ? "fitted (excluded)" : t.GetProperty("inside90").GetBoolean() ? "inside" : "OUTSIDE", row[10]);
                Assert.Equal(counted ? "" : "fitted", row[1]);
                foreach (var (key, cell) in new[] { ("pit", row[11]), ("crps", row[12]) })
                {
                    double expected = t.GetProperty(key).GetDouble(), shown = double.Parse(cell, CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(shown - expected) <= Math.Max(0.005 * Math.Abs(expected), 0.006), $"{row[0]} {key}: page {cell}, check.json {expected}");
                }
                Assert.Contains(t.GetProperty("citation").GetString()!.Split(':')[0], row[13]);
            }
            // A day target's observation is shown as dates.
            Assert.Contains(rows, r => System.Text.RegularExpressions.Regex.IsMatch(r[5], @"^2016-\d\d-\d\d – 2016-\d\d-\d\d$"));

            var warnings = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#validation-warnings li')].map(l => l.innerText)");
            Assert.Equal(json.GetProperty("warnings").GetArrayLength(), warnings.Length);
            Assert.Contains(warnings, w => w.StartsWith("fitted_from: target ", StringComparison.Ordinal));

            // The interval chart (90% and 50% bars, medians, observations, one per target with runs) and the PIT histogram.
            var charts = await page.EvaluateAsync<int[][]>(
                "() => [...document.querySelectorAll('#validation div.chart')].map(c => c.data.map(d => (d.y || d.x).length))");
            Assert.Equal(2, charts.Length);
            int withRuns = targets.Count(t => t.GetProperty("n").GetInt32() > 0);
            Assert.Equal([withRuns, withRuns, withRuns], charts[0][..3]);
            Assert.Equal(withRuns, charts[0][3..].Sum()); // observations on the axis, and any beyond it as arrows
            Assert.Equal([json.GetProperty("counted").GetInt32()], charts[1]);
            Assert.Equal(2 * withRuns, await page.Locator("#validation div.chart").First.Locator("g.trace.scatter path.point").CountAsync());

            await watched.ScreenshotAsync("report-check");
            watched.AssertClean();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task A_sweep_directory_with_a_check_shows_both()
    {
        if (Browser.Missing() is not null) return;
        string dir = Scratch("sweep");
        try
        {
            var sweep = CliHarness.Run("sweep", Repository.Scenario("sidra-2016.yaml"), "--runs", "6", "--threads", "2", "--out", dir);
            Assert.True(sweep.Exit == 0, sweep.Err);
            var check = CliHarness.Run("check", Repository.Scenario("sidra-2016.yaml"), "--runs", "20", "--threads", "2", "--out", dir);
            Assert.True(check.Exit == 0, check.Err);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "check.json")));

            await using var browser = await Browser.LaunchAsync();
            await using var watched = await OpenAsync(browser, Path.Combine(dir, "report.html"));
            string text = await watched.Page.InnerTextAsync("main");
            foreach (var s in new[] { "Manifest", "Validation against history", "Outcomes", "Fan charts over days", "Control at the end" })
                Assert.Contains(s, text);
            Assert.DoesNotContain("does not describe these runs", text);
            Assert.StartsWith(CoverageLine(doc.RootElement), await watched.Page.InnerTextAsync("#validation-coverage"));
            Assert.Equal(2, await watched.Page.Locator("#validation div.chart").CountAsync());
            watched.AssertClean();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
