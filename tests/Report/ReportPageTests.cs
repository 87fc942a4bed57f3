using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Report;

/// <summary>
/// `conflictsim report` rendered in Debian's Chromium: the page of a small sweep, of a comparison and of a
/// sensitivity design opens from file:// with no network request and no console error, every chart container
/// holds a drawn plotly chart, and a full-page screenshot is saved for a person to look at.
/// </summary>
public class ReportPageTests
{
    private static string Scratch(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"conflictsim-report-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Opens the report, waits for every chart, checks each drew, saves the screenshot; returns the chart count.</summary>
    private static async Task<int> RenderAsync(string html, string screenshot, params string[] sections)
    {
        await using var browser = await Browser.LaunchAsync();
        await using var watched = await browser.NewPageAsync(width: 1400, height: 1000);
        await watched.Page.GotoAsync(new Uri(html).AbsoluteUri);
        await watched.Page.WaitForSelectorAsync("body[data-rendered]", new() { Timeout = 60_000 });
        int charts = await watched.Page.Locator("div.chart").CountAsync();
        Assert.Equal(charts.ToString(System.Globalization.CultureInfo.InvariantCulture), await watched.Page.GetAttributeAsync("body", "data-rendered"));
        // A chart drew something when plotly made its SVG and put a trace (or, for a map, the outline) in it.
        var empty = await watched.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('div.chart')].filter(c => !c.querySelector('.main-svg') || " +
            "c.querySelectorAll('g.trace, .shapelayer path').length === 0).map(c => c.id)");
        Assert.True(empty.Length == 0, "charts that drew nothing: " + string.Join(", ", empty));
        string text = await watched.Page.InnerTextAsync("main");
        foreach (var s in sections) Assert.Contains(s, text);
        await watched.ScreenshotAsync(screenshot);
        watched.AssertClean();
        return charts;
    }

    [Fact]
    public async Task A_sweep_report_draws_every_chart_offline()
    {
        if (Browser.Missing() is not null) return;
        string dir = Scratch("sweep");
        try
        {
            var sweep = CliHarness.Run("sweep", Repository.Scenario("libya-2016.yaml"), "--runs", "12", "--days", "60", "--threads", "2",
                "--vary", "settings.alliances.grievance=0.01,0.05", "--out", dir);
            Assert.True(sweep.Exit == 0, sweep.Err);
            var report = CliHarness.Run("report", dir);
            Assert.Equal(0, report.Exit);
            string html = Path.Combine(dir, "report.html");
            Assert.Contains(html, report.Out);
            string page = File.ReadAllText(html);
            Assert.DoesNotContain("src=\"http", page);
            Assert.Contains(ConflictSim.Analysis.Assets.BundledAssets.MapAttribution, page);

            int charts = await RenderAsync(html, "report-sweep", "Manifest", "Outcomes", "Fan charts over days", "Control at the end",
                "Scenario SHA-256", "runs/s", "gna_camp_fragmented");
            // Per outcome a distribution and a by-point chart, fans, and one map per faction holding ground.
            Assert.True(charts > 30, $"{charts} charts");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task A_compare_report_shows_paired_differences_and_a_forest_plot()
    {
        if (Browser.Missing() is not null) return;
        string dir = Scratch("compare");
        try
        {
            var compare = CliHarness.Run("compare", Repository.Scenario("libya-2016.yaml"), "--runs", "16", "--days", "60", "--threads", "2",
                "--set-a", "events.leak.probability=1", "--set-b", "events.leak.probability=0", "--out", dir);
            Assert.True(compare.Exit == 0, compare.Err);
            var report = CliHarness.Run("report", dir, "--out", Path.Combine(dir, "compare.html"));
            Assert.Equal(0, report.Exit);

            int charts = await RenderAsync(Path.Combine(dir, "compare.html"), "report-compare", "Paired differences (B − A)",
                "Distributions in each arm", "Wilcoxon p", "gna_camp_fragmented");
            Assert.True(charts > 5, $"{charts} charts");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Morris_Sobol_and_PRIM_sections_draw_their_charts()
    {
        if (Browser.Missing() is not null) return;
        string dir = Scratch("design");
        try
        {
            string morris = Path.Combine(dir, "morris"), sobol = Path.Combine(dir, "sobol");
            var m = CliHarness.Run("sweep", Repository.Scenario("libya-2016.yaml"), "--runs", "4", "--days", "120", "--threads", "2",
                "--morris", "settings.alliances.grievance=0.005..0.06", "--morris", "events.leak.effects.0.betrayal.delta=-1..0",
                "--trajectories", "6", "--out", morris);
            Assert.True(m.Exit == 0, m.Err);
            Assert.Contains("mu*", m.Out);
            Assert.True(File.Exists(Path.Combine(morris, "sensitivity.json")));
            var d = CliHarness.Run("discover", morris, "--outcome", "gna_camp_fragmented");
            Assert.True(d.Exit == 0, d.Err);
            Assert.Equal(0, CliHarness.Run("report", morris).Exit);
            await RenderAsync(Path.Combine(morris, "report.html"), "report-morris", "Sensitivity: Morris elementary effects", "μ* against σ",
                "Scenario discovery: PRIM on gna_camp_fragmented", "quasi-p", "Seed noise");

            var s = CliHarness.Run("sweep", Repository.Scenario("libya-2016.yaml"), "--runs", "3", "--days", "120", "--threads", "2",
                "--sobol", "settings.alliances.grievance=0.005..0.06", "--sobol", "events.leak.effects.0.betrayal.delta=-1..0",
                "--samples", "8", "--out", sobol);
            Assert.True(s.Exit == 0, s.Err);
            Assert.Contains("ST N/2", s.Out);
            Assert.Equal(0, CliHarness.Run("report", sobol).Exit);
            await RenderAsync(Path.Combine(sobol, "report.html"), "report-sobol", "Sensitivity: Sobol indices", "Convergence", "CI includes 0");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_directory_that_is_not_a_sweep_is_one_line_and_exit_1()
    {
        string dir = Scratch("empty");
        try
        {
            var result = CliHarness.Run("report", dir);
            Assert.Equal(1, result.Exit);
            Assert.Equal($"conflictsim: report: '{dir}' holds no sweep, comparison or check (checkpoint.bin, compare.json and check.json missing); expected the --out directory of 'sweep', 'merge', 'compare' or 'check'",
                result.Err.TrimEnd());
            Assert.False(File.Exists(Path.Combine(dir, "report.html")));

            var missing = CliHarness.Run("report", Path.Combine(dir, "nope"));
            Assert.Equal(1, missing.Exit);
            Assert.Single(missing.Err.TrimEnd().Split('\n'));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
