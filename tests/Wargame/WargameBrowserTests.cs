using ConflictSim.Tests.Support;
using Microsoft.Playwright;

namespace ConflictSim.Tests.Wargame;

/// <summary>
/// The game in Chromium: White and two cells in separate browser contexts play three turns by clicking, each page
/// checked for console errors and requests leaving the server, with screenshots of the map, the control room and
/// the review saved to TestResults/screenshots.
/// </summary>
public class WargameBrowserTests
{
    [Fact]
    public async Task Three_turns_played_by_clicking_with_each_cell_seeing_only_its_own_picture()
    {
        if (Browser.Missing() is not null) return;
        await using var server = await GameServer.StartAsync(replicates: 20);
        await using var browser = await Browser.LaunchAsync();
        await using var white = await browser.NewPageAsync(server.Origin, 1400, 1000);
        await using var gna = await browser.NewPageAsync(server.Origin, 1280, 900);
        await using var lna = await browser.NewPageAsync(server.Origin, 1280, 900);
        await white.Page.GotoAsync(server.Host.LinkFor("white"));
        await gna.Page.GotoAsync(server.Host.LinkFor("gna"));
        await lna.Page.GotoAsync(server.Host.LinkFor("lna"));
        foreach (var p in new[] { white, gna, lna }) await p.Page.Locator("svg.map").First.WaitForAsync();

        async Task Order(WatchedPage page, string from, string to, string kind, int fighters, string expect)
        {
            if (page.Problems.Count > 0) page.AssertClean();
            await page.Page.Locator($"#cell-map circle[data-region={from}]").ClickAsync();
            await page.Page.SelectOptionAsync("#order-kind", kind);
            if (kind != "hold") await page.Page.SelectOptionAsync("#order-to", to);
            await page.Page.FillAsync("#order-fighters", fighters.ToString());
            await page.Page.ClickAsync("#order-submit");
            await Assertions.Expect(page.Page.Locator("#result")).ToContainTextAsync(expect);
        }

        async Task Phase(WatchedPage page, string phase, int turn) =>
            await Assertions.Expect(page.Page.Locator($"#clock[data-phase={phase}][data-turn='{turn}']")).ToHaveCountAsync(1);

        string[] choices = ["canonical", "median", "canonical"];
        for (int turn = 1; turn <= 3; turn++)
        {
            await Phase(gna, "planning", turn);
            await gna.Page.SelectOptionAsync("#order-faction", "bunyan_marsus");
            await Order(gna, "abu_grein", "sirte_approach", "move", 400, "400 of bunyan_marsus move from abu_grein to sirte_approach");
            await Order(gna, "misrata", "abu_grein", "standing", 50, "standing order");
            if (turn == 1)
            {
                // The page offers only linked destinations; the engine's other refusals come back in words.
                await Order(gna, "misrata", "abu_grein", "move", 99999, "refused: only 3950 fighters of bunyan_marsus at misrata are not already ordered elsewhere");
                await gna.Page.SelectOptionAsync("#order-faction", "gna_pc");
                await Order(gna, "misrata", "abu_grein", "move", 10, "refused: only 0 fighters of gna_pc at misrata");
                await gna.Page.SelectOptionAsync("#order-faction", "bunyan_marsus");
            }
            await gna.Page.ClickAsync("#ready");
            await Order(lna, "benghazi", "ajdabiya", "move", 200 + 10 * turn, $"{200 + 10 * turn} of lna move from benghazi to ajdabiya");
            await lna.Page.ClickAsync("#ready");
            await Assertions.Expect(white.Page.Locator("#clock .ready")).ToHaveCountAsync(2);
            if (turn == 1) await gna.ScreenshotAsync("wargame-cell-map");

            await white.Page.ClickAsync("#lock");
            await Phase(white, "adjudicated", turn);
            await Assertions.Expect(white.Page.Locator("#bands-table tr[data-faction=isis]")).ToHaveCountAsync(1);
            await white.Page.Locator("#bands-chart .main-svg").First.WaitForAsync();
            if (turn == 2)
            {
                // An edit within White's judgement, with its rationale, before publishing.
                await white.Page.SelectOptionAsync("#edit-faction", "lna");
                await white.Page.SelectOptionAsync("#edit-region", "ajdabiya");
                await white.Page.FillAsync("#edit-fighters", "900");
                await white.Page.FillAsync("#edit-why", "Ajdabiya's tribes side with the LNA this week");
                await white.Page.ClickAsync("#edit-add");
            }
            if (turn == 1) await white.ScreenshotAsync("wargame-control-room");
            await white.Page.CheckAsync($"input[name=choice][value={choices[turn - 1]}]");
            await white.Page.ClickAsync("#publish");
            await Phase(white, "published", turn);
            await Phase(gna, "published", turn);
            await Phase(lna, "published", turn);
            if (turn == 1)
            {
                await white.Page.CheckAsync("input[name=msg-to][value=lna]");
                await white.Page.FillAsync("#msg-text", "Cairo offers talks to the LNA only.");
                await white.Page.ClickAsync("#msg-send");
                await Assertions.Expect(lna.Page.Locator("#feed")).ToContainTextAsync("Cairo offers talks");
            }
            await white.Page.ClickAsync("#open-turn");
            await Phase(gna, "planning", turn + 1);
        }
        // The edit of turn 2 is listed with its rationale, and flagged if it fell outside the band.
        await Assertions.Expect(white.Page.Locator("#turns tr[data-turn='2']")).ToContainTextAsync("Ajdabiya's tribes side with the LNA");

        // A forecast from here: fan charts and a map of control, on White's page and, once allowed, on a cell's.
        await white.Page.FillAsync("#fc-runs", "100");
        await white.Page.ClickAsync("#fc-go");
        await white.Page.Locator("#fc-chart .main-svg").First.WaitForAsync();
        await Assertions.Expect(white.Page.Locator("#fc-svg circle.region")).ToHaveCountAsync(Games.Libya.RegionCount);
        await white.ScreenshotAsync("wargame-forecast");
        await white.Page.CheckAsync("#allow-gna");
        await gna.Page.Locator("#fc-go").ClickAsync();
        await gna.Page.Locator("#fc-chart .main-svg").First.WaitForAsync();
        var fans = await gna.Page.Locator("#fc-chart .legendtext").AllTextContentsAsync();
        Assert.Equal(["gna_pc", "bunyan_marsus"], fans);

        // Rewind to the start of turn 2 as a branch; both branches are listed.
        await white.Page.FillAsync("#rw-turn", "2");
        await white.Page.FillAsync("#rw-name", "no-edit");
        await white.Page.ClickAsync("#rw-go");
        await Assertions.Expect(white.Page.Locator("#branches li")).ToHaveCountAsync(2);
        await Phase(gna, "planning", 2);
        await white.Page.Locator("#branches button").ClickAsync();
        await Phase(gna, "planning", 4);

        Assert.Equal(3, server.Session.Turn);
        Assert.Equal(21, server.Session.Day);
        Assert.Equal(["canonical", "median", "canonical"], server.Session.TurnRecords.Select(t => t.Choice));
        Assert.Single(server.Session.TurnRecords[1].Edits);

        // Each cell's page shows its own forces exactly and everyone else's as bands, and nothing from the other's messages.
        foreach (var (page, own) in new[] { (gna, new[] { "gna_pc", "bunyan_marsus" }), (lna, new[] { "lna" }) })
        {
            var labels = await page.Page.Locator("#cell-map text.force").AllTextContentsAsync();
            Assert.NotEmpty(labels);
            foreach (var label in labels)
            {
                string f = label.Split(' ')[0];
                if (own.Contains(f)) Assert.DoesNotContain("–", label);
                else Assert.Matches(@"^\S+ [\d,]+–[\d,]+$", label);
            }
        }
        Assert.DoesNotContain("Cairo", await gna.Page.Locator("#feed").TextContentAsync());
        var gnaLabels = string.Join(" ", await gna.Page.Locator("#cell-map text.force").AllTextContentsAsync());
        Assert.DoesNotContain("dmsc", gnaLabels); // Derna is far from every GNA force
        Assert.Contains("bunyan_marsus", gnaLabels);

        await white.Page.ClickAsync("#tab-review");
        await white.Page.Locator("#aar-strength .main-svg").First.WaitForAsync();
        await Assertions.Expect(white.Page.Locator("#aar-label")).ToContainTextAsync("turn 4");
        await white.Page.Locator("#aar-turn").FillAsync("1");
        await Assertions.Expect(white.Page.Locator("#aar-label")).ToContainTextAsync("turn 2, 2016-06-08");
        await white.Page.SelectOptionAsync("#log-cell", "gna");
        var actors = await white.Page.Locator("#log tr[data-actor]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.actor)");
        Assert.NotEmpty(actors);
        Assert.All(actors, a => Assert.Equal("gna", a));
        await white.ScreenshotAsync("wargame-review");

        white.AssertClean();
        gna.AssertClean();
        lna.AssertClean();
        Assert.Equal("", server.Errors.ToString());
    }
}
