using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using ConflictSim.Wargame.Game;
using static ConflictSim.Tests.Wargame.GameServer;

namespace ConflictSim.Tests.Wargame;

/// <summary>
/// The server under hostile or careless clients, on real loopback: forged and replayed tokens, malformed actions,
/// thousands of reconnects, a client that never reads. Each time it stays up, answers the others and loses no order.
/// </summary>
public class ServerHardeningTests
{
    private static async Task<ClientWebSocket> Socket(GameServer server, string token)
    {
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Origin", server.Origin);
        await ws.ConnectAsync(new Uri($"ws://{server.Host.Address.Authority}/ws?t={Uri.EscapeDataString(token)}"), CancellationToken.None);
        return ws;
    }

    [Fact]
    public async Task Forged_altered_and_other_sessions_tokens_are_refused_everywhere()
    {
        await using var server = await StartAsync(replicates: 4);
        await using var other = await StartAsync(replicates: 4); // a token from another game replayed here
        string real = server.Token("gna");
        char flip = real[10] == 'A' ? 'B' : 'A';
        var forged = new[]
        {
            other.Token("gna"), other.Token("white"),
            real[..10] + flip + real[11..],             // one character altered
            real[..^1],                                 // cut short
            real + "A",                                 // one too long
            real.ToUpperInvariant(),
            new string('A', 43), "", " ", "null", "../" + real,
            new string('x', 10_000),                    // oversized
            Convert.ToBase64String(RandomNumberGenerator(32)),
        };
        using var http = new HttpClient { BaseAddress = server.Host.Address };
        foreach (var token in forged)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/act") { Content = new StringContent("{\"type\":\"lock\"}") };
            request.Headers.TryAddWithoutValidation("X-Token", token);
            var status = (await http.SendAsync(request)).StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.RequestHeaderFieldsTooLarge,
                $"token '{Short(token)}' got {status}");
            var view = (await http.GetAsync("/api/view?t=" + Uri.EscapeDataString(token))).StatusCode;
            Assert.True(view is HttpStatusCode.Unauthorized or HttpStatusCode.RequestUriTooLong, $"token '{Short(token)}' got {view}");
            if (token.Length is > 0 and < 1000)
                await Assert.ThrowsAsync<WebSocketException>(() => Socket(server, token));
        }
        Assert.Equal(TurnPhase.Planning, server.Session.Phase);
        // The real token still works after all that.
        using var gna = server.Client("gna");
        Assert.True((await Act(gna, new { type = "ready", ready = true })).Accepted);
    }

    [Fact]
    public async Task Malformed_actions_get_one_sentence_and_the_session_goes_on()
    {
        await using var server = await StartAsync(replicates: 4);
        using var gna = server.Client("gna");
        string deep = new string('[', 7_000) + new string(']', 7_000); // under the 16 KB bound, far past JSON's depth limit
        var bodies = new[]
        {
            "", "{", "null", "[]", "42", "\"order\"", deep, "{\"type\":\"nosuch\"}", "{\"type\":null}",
            "{\"type\":\"order\",\"faction\":\"bunyan_marsus\",\"kind\":\"move\",\"from\":\"misrata\",\"to\":\"abu_grein\",\"fighters\":1e308}",
            "{\"type\":\"order\",\"faction\":\"bunyan_marsus\",\"kind\":\"move\",\"from\":\"misrata\",\"to\":\"abu_grein\",\"fighters\":\"NaN\"}",
            "{\"type\":\"order\",\"faction\":\"bunyan_marsus\",\"kind\":\"move\",\"from\":\"misrata\",\"to\":\"abu_grein\",\"fighters\":-5}",
            "{\"type\":\"order\",\"faction\":\"lna\",\"kind\":\"move\",\"from\":\"benghazi\",\"to\":\"ajdabiya\",\"fighters\":10}",
            "{\"type\":\"message\",\"text\":\"\\ud800\"}", "\u0000\u0001\u0002", "{\"type\":\"ready\",\"ready\":\"yes\"}",
        };
        foreach (var body in bodies)
        {
            var response = await gna.PostAsync("/api/act", new StringContent(body, Encoding.UTF8, "application/json"));
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{Short(body)}: {response.StatusCode}");
            Assert.Contains("\"accepted\":false", text);
            // A stack frame reads "at Namespace.Type.Method(": none may reach a client, nor an exception's type name.
            Assert.False(text.Contains("Exception") || System.Text.RegularExpressions.Regex.IsMatch(text, @"\bat [A-Z][\w.]+[.(]"), $"{Short(body)}: {text}");
            Assert.True(text.Length < 600, $"{Short(body)}: an answer of {text.Length} characters");
        }
        // Binary and invalid UTF-8 frames on the socket do nothing; the socket and the session carry on.
        using var ws = await Socket(server, server.Token("gna"));
        await ws.SendAsync(new byte[] { 0xff, 0xfe, 0x00 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(new byte[] { 0xc3, 0x28 }, WebSocketMessageType.Text, true, CancellationToken.None);
        var accepted = await Act(gna, new { type = "order", faction = "bunyan_marsus", kind = "move", from = "misrata", to = "abu_grein", fighters = 10 });
        Assert.True(accepted.Accepted, accepted.Message);
        Assert.Single(server.Session.Drafts, d => d.Cell == "gna");
        Assert.Equal("", server.Errors.ToString());
    }

    [Fact]
    public async Task Two_thousand_reconnects_leave_no_socket_behind_and_the_game_answers()
    {
        await using var server = await StartAsync(replicates: 4);
        int before = server.Host.OpenSockets;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var ws = await Socket(server, server.Token(i % 2 == 0 ? "gna" : "lna"));
            if (i % 3 == 0) await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            else ws.Abort(); // a dropped connection, as a sleeping laptop leaves it
        });
        for (int i = 0; i < 100 && server.Host.OpenSockets > before; i++) await Task.Delay(50);
        Assert.Equal(before, server.Host.OpenSockets);
        using var white = server.Client("white");
        Assert.True((await Act(white, new { type = "message", to = new[] { "gna" }, text = "still here" })).Accepted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"2,000 reconnects took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_client_that_never_reads_does_not_hold_up_the_others()
    {
        await using var server = await StartAsync(replicates: 4);
        // Connected, then never read: the server's pushes to it pile up in the socket until the kernel's buffers fill.
        using var stuck = await Socket(server, server.Token("lna"));
        using var reader = await Socket(server, server.Token("gna"));
        var views = new List<string>();
        using var stop = new CancellationTokenSource();
        var collecting = Task.Run(async () =>
        {
            var buffer = new byte[1 << 20];
            try
            {
                while (reader.State == WebSocketState.Open)
                {
                    var message = new MemoryStream();
                    ValueWebSocketReceiveResult r;
                    do { r = await reader.ReceiveAsync(buffer.AsMemory(), stop.Token); message.Write(buffer, 0, r.Count); } while (!r.EndOfMessage);
                    lock (views) views.Add(Encoding.UTF8.GetString(message.ToArray()));
                }
            }
            catch (OperationCanceledException) { }
        });

        using var white = server.Client("white");
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 300; i++)
            Assert.True((await Act(white, new { type = "message", to = new[] { "gna", "lna" }, text = $"note {i} " + new string('x', 200) })).Accepted);
        var answering = clock.Elapsed;
        for (int i = 0; i < 200 && !Latest(views).Contains("note 299 "); i++) await Task.Delay(50);
        Assert.Contains("note 299 ", Latest(views));
        Assert.True(answering < TimeSpan.FromSeconds(30), $"300 actions took {answering} with a stuck client connected");
        stop.Cancel();
        await collecting;
    }

    private static string Latest(List<string> views) { lock (views) return views.Count == 0 ? "" : views[^1]; }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static byte[] RandomNumberGenerator(int n) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(n);
}
