using ConflictSim.Analysis.Assets;
using ConflictSim.Analysis.Maps;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;
using Xunit;

namespace ConflictSim.Tests.Analysis;

/// <summary>The files shipped for offline pages: plotly.js and the Natural Earth outline, and where regions land on it.</summary>
public class BundledAssetsTests
{
    [Fact]
    public void Plotly_is_the_pinned_release_and_whole()
    {
        string js = BundledAssets.PlotlyJs;
        Assert.Contains("plotly.js v" + BundledAssets.PlotlyVersion, js[..200]);
        Assert.True(js.Length > 3_000_000, $"plotly.min.js is {js.Length} characters; a truncated copy would break every chart");
    }

    [Fact]
    public void Every_land_region_of_the_article_scenarios_lies_inside_Libya()
    {
        var libya = MapOutline.Libya.Country;
        Assert.Contains("Natural Earth", MapOutline.Libya.Attribution);
        int checkedRegions = 0;
        foreach (var file in Directory.GetFiles(Repository.Scenarios, "*.yaml"))
        {
            if (Path.GetFileName(file).StartsWith("epstein", StringComparison.Ordinal)) continue;
            var loaded = ScenarioLoader.LoadFile(file);
            Assert.True(loaded.Ok, file);
            foreach (var region in loaded.Spec!.Regions)
            {
                if (region.Terrain == ConflictSim.Terrain.Sea || (region.Lat == 0 && region.Lon == 0)) continue;
                // Coastal towns sit on the shore; a point within 0.15° of a Libyan ring counts as inside.
                Assert.True(Inside(libya, region.Lon, region.Lat) || NearRing(libya, region.Lon, region.Lat, 0.15),
                    $"{Path.GetFileName(file)}: region {region.Id} at {region.Lat}N {region.Lon}E is outside Libya's outline");
                checkedRegions++;
            }
        }
        Assert.True(checkedRegions > 20, $"only {checkedRegions} regions were placed");
    }

    [Fact]
    public void Projection_puts_north_up_and_keeps_the_aspect()
    {
        var p = MapProjection.Libya(800);
        Assert.True(p.Y(33) < p.Y(20));
        Assert.True(p.X(10) < p.X(25));
        // Tripoli (13.19E, 32.89N) to Benghazi (20.07E, 32.12N) is ~650 km east, ~85 km south.
        double dx = p.X(20.07) - p.X(13.19), dy = p.Y(32.12) - p.Y(32.89);
        Assert.InRange(dx / dy, 6.0, 9.5);
        Assert.StartsWith("M", MapOutline.SvgPath(MapOutline.Libya.Country, p));
    }

    private static bool Inside(IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> polygons, double x, double y)
    {
        bool inside = false;
        foreach (var polygon in polygons)
            foreach (var ring in polygon)
                for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
                    if ((ring[i].Lat > y) != (ring[j].Lat > y) &&
                        x < (ring[j].Lon - ring[i].Lon) * (y - ring[i].Lat) / (ring[j].Lat - ring[i].Lat) + ring[i].Lon)
                        inside = !inside;
        return inside;
    }

    private static bool NearRing(IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> polygons, double x, double y, double within)
    {
        foreach (var polygon in polygons)
            foreach (var ring in polygon)
                foreach (var (lon, lat) in ring)
                    if (Math.Abs(lon - x) < within && Math.Abs(lat - y) < within) return true;
        return false;
    }
}

/// <summary>The browser harness itself: Debian's Chromium through Playwright, offline, with plotly drawing.</summary>
public class BrowserHarnessTests
{
    [Fact]
    public async Task Bundled_plotly_draws_in_Chromium_from_a_file_with_no_network()
    {
        if (Browser.Missing() is not null) return;
        string html = Path.Combine(Path.GetTempPath(), $"conflictsim-plotly-{Environment.ProcessId}.html");
        File.WriteAllText(html, "<!doctype html><html><head><meta charset=utf-8><script>" + BundledAssets.PlotlyJs +
            "</script></head><body><div id=c style='width:400px;height:300px'></div><script>Plotly.newPlot('c',[{x:[1,2,3],y:[2,1,3]}]);</script></body></html>");
        try
        {
            await using var browser = await Browser.LaunchAsync();
            await using var watched = await browser.NewPageAsync();
            await watched.Page.GotoAsync(new Uri(html).AbsoluteUri);
            await watched.Page.WaitForSelectorAsync("#c .main-svg");
            Assert.True(await watched.Page.Locator("#c path.js-line").CountAsync() > 0);
            watched.AssertClean();
        }
        finally { File.Delete(html); }
    }
}
