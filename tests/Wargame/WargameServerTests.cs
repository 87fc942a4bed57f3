using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ConflictSim.Wargame.Game;
using static ConflictSim.Tests.Wargame.GameServer;

namespace ConflictSim.Tests.Wargame;

/// <summary>The server over real loopback HTTP and WebSockets: tokens, origins, bounds, what a cell's connection receives, and 30 clients at once.</summary>
public class WargameServerTests
{
    private static async Task<ClientWebSocket> Connect(GameServer server, string role, string? origin = null)
    {
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Origin", origin ?? server.Origin);
        var uri = new Uri($"ws://{server.Host.Address.Authority}/ws?t={server.Token(role)}");
        await ws.ConnectAsync(uri, CancellationToken.None);
        return ws;
    }

    /// <summary>Reads whole text messages into <paramref name="into"/> until the socket closes or <paramref name="stop"/> fires.</summary>
    private static async Task Collect(ClientWebSocket ws, List<byte[]> into, CancellationToken stop)
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var message = new MemoryStream();
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await ws.ReceiveAsync(buffer.AsMemory(), stop);
                    message.Write(buffer, 0, r.Count);
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close) break;
                lock (into) into.Add(message.ToArray());
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        for (int i = 0; i < 300 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), $"timed out waiting for {what}");
    }

    [Fact]
    public async Task Every_request_needs_a_token_and_a_cell_cannot_do_Whites_work_over_http()
    {
        await using var server = await StartAsync(replicates: 4);
        using var anonymous = server.Client(null);
        foreach (var path in new[] { "/play", "/api/view", "/api/map", "/assets/app.js", "/assets/plotly.min.js", "/api/export/orders.csv", "/api/review" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/view?t=" + new string('A', 43))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/act", new StringContent("{\"type\":\"lock\"}"))).StatusCode);

        using var lna = server.Client("lna");
        var refused = await Act(lna, new { type = "lock" });
        Assert.False(refused.Accepted);
        Assert.Equal("only White can lock the turn; lna is a player cell", refused.Message);
        Assert.Contains(server.Session.LogLines, l => l.Actor == "lna" && l.Action is LockTurn && !l.Accepted);
        Assert.Equal(HttpStatusCode.Forbidden, (await lna.GetAsync("/api/export/orders.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lna.GetAsync("/api/review")).StatusCode);
        Assert.Equal(TurnPhase.Planning, server.Session.Phase);

        // The tokens are 256-bit secrets, URL-safe, one per role.
        Assert.Equal(3, server.Tokens.ByRole.Count);
        Assert.All(server.Tokens.ByRole.Values, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(3, server.Tokens.ByRole.Values.Distinct().Count());
    }

    [Fact]
    public async Task Foreign_origins_oversized_and_malformed_input_are_refused_in_words_without_a_stack_trace()
    {
        await using var server = await StartAsync(replicates: 4);
        var foreign = await Assert.ThrowsAsync<WebSocketException>(() => Connect(server, "gna", "http://evil.example"));
        Assert.Contains("403", foreign.Message);
        using var noOrigin = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => noOrigin.ConnectAsync(new Uri($"ws://{server.Host.Address.Authority}/ws?t={server.Token("gna")}"), CancellationToken.None));

        using var gna = server.Client("gna");
        var cross = new HttpRequestMessage(HttpMethod.Post, "/api/act") { Content = new StringContent("{\"type\":\"ready\",\"ready\":true}") };
        cross.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await gna.SendAsync(cross)).StatusCode);

        var big = await gna.PostAsync("/api/act", new StringContent("{\"type\":\"message\",\"text\":\"" + new string('x', 20000) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var bad = await gna.PostAsync("/api/act", new StringContent("{\"type\":\"order\",\"fighters\":\"lots\""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        string body = await bad.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"accepted\":false,\"message\":\"not an action:", body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain("Exception", body);

        // A WebSocket message over the bound closes that socket; the session goes on.
        using var ws = await Connect(server, "gna");
        var received = new List<byte[]>();
        var reader = Collect(ws, received, CancellationToken.None);
        await ws.SendAsync(new byte[8192], WebSocketMessageType.Text, true, CancellationToken.None);
        await reader;
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, ws.CloseStatus);
        Assert.True((await Act(gna, new { type = "ready", ready = true })).Accepted);
    }

    /// <summary>
    /// The bytes a cell's connection receives — the view pushed on its WebSocket after every change and its own
    /// answers — hold its own forces exactly, other forces only as bands in regions its factions observe, no
    /// underground cells, no relation it is not part of, and no message meant for another cell.
    /// </summary>
    [Fact]
    public async Task A_cells_connection_never_receives_hidden_data()
    {
        await using var server = await StartAsync(replicates: 8);
        var s = server.Session;
        var sc = s.Scenario;
        using var ws = await Connect(server, "lna");
        var frames = new List<byte[]>();
        using var stop = new CancellationTokenSource();
        var reader = Collect(ws, frames, stop.Token);
        using var white = server.Client("white");
        using var lna = server.Client("lna");
        var answers = new List<string>();
        async Task Lna(object action)
        {
            var r = await lna.PostAsync("/api/act", new StringContent(JsonSerializer.Serialize(action)));
            answers.Add(await r.Content.ReadAsStringAsync());
        }
        await Lna(new { type = "order", faction = "lna", kind = "move", from = "benghazi", to = "ajdabiya", fighters = 555 });
        await Lna(new { type = "order", faction = "isis", kind = "move", from = "sirte_centre", to = "sirte_port", fighters = 5 });
        await Act(white, new { type = "message", to = new[] { "gna" }, text = "SECRET-FOR-GNA: Misrata's brigades are tired." });
        await Act(white, new { type = "message", to = new[] { "lna" }, text = "For the LNA: the PFG is wavering." });
        await Act(white, new { type = "lock" });
        await Act(white, new { type = "adjudicate" });
        await Act(white, new { type = "publish", choice = "median" });
        await Act(white, new { type = "open" });
        answers.Add(await (await lna.GetAsync("/api/view")).Content.ReadAsStringAsync());
        await Until(() => { lock (frames) return frames.Count > 0 && Encoding.UTF8.GetString(frames[^1]).Contains("\"turn\":2"); }, "the published turn on lna's socket");
        stop.Cancel();
        await reader;

        var texts = frames.Select(Encoding.UTF8.GetString).Concat(answers).ToList();
        string all = string.Join("\n", texts);
        Assert.DoesNotContain("SECRET-FOR-GNA", all);
        Assert.Contains("the PFG is wavering", all);
        foreach (var forbidden in new[] { "\"truth\"", "\"totals\"", "\"cells\":[", "\"adjudication\"", "\"pictures\"", "\"fingerprint\"", "\"overrides\"", "\"share\"" })
            Assert.DoesNotContain(forbidden, all);

        // The final picture checked against the engine's own observation of the LNA today.
        var sim = new Simulation(sc, 1);
        sim.Restore(s.Read(() => s.Engine.Simulation.Snapshot()));
        var obs = sim.Observe(sc.FactionIndex("lna"));
        var view = JsonDocument.Parse(texts[^1]).RootElement;
        Assert.Equal("cell", view.GetProperty("role").GetString());
        var regions = view.GetProperty("picture").GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("observed").GetBoolean());
        for (int r = 0; r < sc.RegionCount; r++) Assert.Equal(obs.Observed[r], regions[sc.RegionIds[r]]);
        var v = sim.View;
        foreach (var f in view.GetProperty("picture").GetProperty("forces").EnumerateArray())
        {
            string faction = f.GetProperty("faction").GetString()!, region = f.GetProperty("region").GetString()!;
            double truth = v.Fighters[v.Force(sc.FactionIndex(faction), sc.RegionIndex(region))];
            if (faction == "lna") Assert.Equal(truth, f.GetProperty("low").GetDouble());
            else
            {
                Assert.True(regions[region], $"{faction} in {region} is shown to lna, which does not observe it");
                Assert.False(f.GetProperty("exact").GetBoolean());
                Assert.Equal(StrengthBand.Of(truth), (f.GetProperty("low").GetDouble(), f.GetProperty("high").GetDouble()));
            }
        }
        foreach (var t in view.GetProperty("picture").GetProperty("trust").EnumerateArray()) Assert.Equal("lna", t.GetProperty("faction").GetString());

        // No exact figure of a force the LNA does not own appears anywhere in the bytes (band edges and its own figures excepted).
        var allowed = new HashSet<double>();
        for (int k = 0; k < 30; k++) allowed.Add(StrengthBand.First * Math.ScaleB(1, k));
        var snapshots = new[] { s.Read(() => s.Review(0).Truth), s.Read(() => s.Review(1).Truth) };
        foreach (var f in snapshots.SelectMany(x => x.Forces).Where(f => f.Faction == "lna")) allowed.Add(f.Low);
        allowed.Add(555);
        int checkedFigures = 0;
        foreach (var snapshot in snapshots)
            foreach (var f in snapshot.Forces)
            {
                if (f.Faction == "lna" || allowed.Contains(f.Low) || f.Low < 100) continue;
                string figure = f.Low.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                Assert.DoesNotMatch($"[^0-9.]{System.Text.RegularExpressions.Regex.Escape(figure)}[^0-9.]", all);
                checkedFigures++;
            }
        Assert.True(checkedFigures > 10, $"only {checkedFigures} hidden figures checked");
    }

    [Fact]
    public async Task Thirty_clients_ordering_at_once_lose_nothing_duplicate_nothing_and_all_see_the_publish()
    {
        await using var server = await StartAsync(replicates: 8);
        const int Clients = 30;
        var sockets = new List<ClientWebSocket>();
        var frames = new List<byte[]>[Clients];
        using var stop = new CancellationTokenSource();
        var readers = new List<Task>();
        for (int i = 0; i < Clients; i++)
        {
            var ws = await Connect(server, i % 2 == 0 ? "gna" : "lna");
            sockets.Add(ws);
            frames[i] = new List<byte[]>();
            readers.Add(Collect(ws, frames[i], stop.Token));
        }
        var http = Enumerable.Range(0, Clients).Select(i => server.Client(i % 2 == 0 ? "gna" : "lna")).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Act(http[i], i % 2 == 0
            ? new { type = "order", faction = "bunyan_marsus", kind = "move", from = "misrata", to = "abu_grein", fighters = 10 + i }
            : (object)new { type = "order", faction = "lna", kind = "move", from = "benghazi", to = "ajdabiya", fighters = 10 + i })));
        Assert.All(results, r => Assert.True(r.Accepted, r.Message));
        var drafts = server.Session.Drafts;
        Assert.Equal(Clients, drafts.Count);
        Assert.Equal(Clients, drafts.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Clients).Select(i => 10.0 + i), drafts.Select(d => d.Fighters).Order());
        Assert.Equal(Clients, server.Session.Read(() => server.Session.Engine.PendingOrders.Length));

        using var white = server.Client("white");
        Assert.True((await Act(white, new { type = "lock" })).Accepted);
        Assert.True((await Act(white, new { type = "adjudicate" })).Accepted);
        Assert.True((await Act(white, new { type = "publish", choice = "canonical" })).Accepted);
        for (int i = 0; i < Clients; i++)
        {
            var mine = frames[i];
            await Until(() => { lock (mine) return mine.Count > 0 && Encoding.UTF8.GetString(mine[^1]).Contains("\"phase\":\"published\""); }, $"client {i} to see the publish");
            var last = JsonDocument.Parse(Encoding.UTF8.GetString(mine[^1])).RootElement.GetProperty("view");
            Assert.Equal(i % 2 == 0 ? "gna" : "lna", last.GetProperty("cell").GetProperty("id").GetString());
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        foreach (var ws in sockets) ws.Dispose();
        foreach (var c in http) c.Dispose();
    }

    [Fact]
    public async Task A_client_that_reconnects_gets_its_picture_and_its_draft_orders_back()
    {
        await using var server = await StartAsync(replicates: 4);
        using var gna = server.Client("gna");
        Assert.True((await Act(gna, new { type = "order", faction = "bunyan_marsus", kind = "standing", from = "misrata", to = "abu_grein", fighters = 75 })).Accepted);
        using (var first = await Connect(server, "gna")) await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "wifi drops", CancellationToken.None);
        using var again = await Connect(server, "gna");
        var frames = new List<byte[]>();
        using var stop = new CancellationTokenSource();
        var reader = Collect(again, frames, stop.Token);
        await Until(() => { lock (frames) return frames.Count > 0; }, "the view on reconnect");
        stop.Cancel();
        await reader;
        var view = JsonDocument.Parse(frames[0]).RootElement.GetProperty("view");
        var order = view.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal("standing", order.GetProperty("kind").GetString());
        Assert.Equal(75, order.GetProperty("fighters").GetDouble());
        Assert.Contains(view.GetProperty("picture").GetProperty("forces").EnumerateArray(), f => f.GetProperty("faction").GetString() == "bunyan_marsus");
    }
}
