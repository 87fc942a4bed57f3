using System.Net;
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ConflictSim.Analysis.Assets;
using ConflictSim.Wargame.Game;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConflictSim.Wargame.Web;

/// <summary>
/// The web layer of <c>conflictsim serve</c>: ASP.NET Core minimal APIs, a small hand-written page, and one WebSocket
/// per page that pushes that role's view whenever the session changes. Why not Blazor Server: the issue asks that
/// what a cell's browser receives be provably free of hidden data; here it receives exactly two kinds of bytes —
/// the JSON of <see cref="WargameSession.ViewOf"/> (its own picture, computed by the service) and the answers to its
/// own actions — which a test can read and check, while a Blazor circuit ships render-tree diffs whose content is
/// the framework's. State stays on the server either way; the page only draws what it is sent.
/// <para>Security: every request and WebSocket carries a token (header <c>X-Token</c> or query <c>t</c>) that maps
/// to White or one cell; a WebSocket or POST from a foreign <c>Origin</c> is refused; request bodies and WebSocket
/// messages are bounded; an exception becomes "internal error" with no stack trace.</para>
/// </summary>
public sealed class WargameHost : IAsyncDisposable
{
    /// <summary>Largest action body accepted, in bytes.</summary>
    public const int MaxActionBytes = 16 * 1024;
    /// <summary>Largest message a page may send on its WebSocket, in bytes.</summary>
    public const int MaxSocketMessageBytes = 4 * 1024;

    private readonly WebApplication _app;
    private readonly WargameSession _session;
    private readonly Tokens _tokens;
    private readonly List<Subscriber> _subscribers = new();
    private readonly MapData _map;
    private readonly TextWriter _errors;

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:5123.</summary>
    public Uri Address { get; private set; } = null!;

    private WargameHost(WebApplication app, WargameSession session, Tokens tokens, TextWriter errors)
    {
        _app = app; _session = session; _tokens = tokens; _errors = errors;
        _map = MapData.Of(session.Scenario);
        session.Changed += Notify;
    }

    /// <summary>The join link of a role ("white" or a cell id).</summary>
    public string LinkFor(string role) => $"{Address.ToString().TrimEnd('/')}/play?t={_tokens.ByRole[role]}";

    /// <summary>Starts serving <paramref name="session"/> on <paramref name="listen"/>:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<WargameHost> StartAsync(WargameSession session, Tokens tokens, IPAddress listen, int port, TextWriter errors)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(listen, port);
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
            // A classroom is dozens of pages; a runaway script elsewhere on the network should not exhaust the host.
            k.Limits.MaxConcurrentConnections = 1000;
            k.Limits.MaxConcurrentUpgradedConnections = 500;
        });
        var app = builder.Build();
        var host = new WargameHost(app, session, tokens, errors);
        host.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Listening on every interface, the links name this machine as the classroom's other machines reach it.
        string lan = LanAddress() ?? Dns.GetHostName();
        host.Address = new Uri(address.Replace("://[::]", "://" + lan).Replace("://0.0.0.0", "://" + lan));
        return host;
    }

    /// <summary>This machine's first IPv4 address on a network interface that is up and not loopback, or null.</summary>
    private static string? LanAddress()
    {
        try
        {
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException) { return null; }
    }

    /// <summary>Blocks until the server stops (Ctrl+C or <paramref name="stop"/>).</summary>
    public Task WaitAsync(CancellationToken stop) => _app.WaitForShutdownAsync(stop);

    private void Map()
    {
        var app = _app;
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            h["Referrer-Policy"] = "no-referrer";
            h["X-Content-Type-Options"] = "nosniff";
            h["Cache-Control"] = "no-store";
            try { await next(); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The person at the keyboard gets a sentence; the operator's terminal gets the message; nobody gets a stack.
                lock (_errors) _errors.WriteLine($"conflictsim serve: internal error on {ctx.Request.Method} {ctx.Request.Path}: {e.GetType().Name}: {e.Message}");
                if (!ctx.Response.HasStarted)
                {
                    ctx.Response.Clear();
                    ctx.Response.StatusCode = 500;
                    await Json(ctx, new ActionResult(false, "internal error; the session goes on"));
                }
            }
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });

        app.MapGet("/", () => Results.Text("ConflictSim wargame: open the join link you were given.", "text/plain"));
        app.MapGet("/play", (HttpContext ctx) =>
        {
            if (Authorise(ctx) is not { } role) return Denied();
            string token = Token(ctx)!;
            return Results.Text(Asset("index.html").Replace("{{T}}", token).Replace("{{ROLE}}", role.IsWhite ? "White" : _session.CellOf(role.Id)!.Name), "text/html; charset=utf-8");
        });
        app.MapGet("/assets/{name}", (HttpContext ctx, string name) =>
        {
            if (Authorise(ctx) is null) return Denied();
            return name switch
            {
                "app.js" => Results.Text(Asset("app.js"), "text/javascript; charset=utf-8"),
                "app.css" => Results.Text(Asset("app.css"), "text/css; charset=utf-8"),
                "plotly.min.js" => Results.Text(BundledAssets.PlotlyJs, "text/javascript; charset=utf-8"),
                _ => Results.NotFound(),
            };
        });
        app.MapGet("/api/map", (HttpContext ctx) => Authorise(ctx) is null ? Denied() : JsonResult(_map));
        app.MapGet("/api/view", (HttpContext ctx) => Authorise(ctx) is { } role ? Results.Text(ViewJson(role), "application/json") : Denied());
        app.MapPost("/api/act", async (HttpContext ctx) =>
        {
            if (Authorise(ctx) is not { } role) return Denied();
            if (ForeignOrigin(ctx)) return Results.Json(new ActionResult(false, "refused: the request comes from another site"), GameLog.Json, statusCode: 403);
            var body = await ReadBounded(ctx.Request.Body, MaxActionBytes, ctx.RequestAborted);
            if (body is null) return Results.Json(new ActionResult(false, $"the action is over {MaxActionBytes} bytes"), GameLog.Json, statusCode: 413);
            GameAction? action;
            try { action = JsonSerializer.Deserialize<GameAction>(body, GameLog.Json); }
            catch (JsonException e) { return Results.Json(new ActionResult(false, $"not an action: {OneLine(e.Message)}"), GameLog.Json, statusCode: 400); }
            catch (NotSupportedException e) { return Results.Json(new ActionResult(false, $"not an action: {OneLine(e.Message)}"), GameLog.Json, statusCode: 400); }
            if (action is null) return Results.Json(new ActionResult(false, "not an action: the body is empty"), GameLog.Json, statusCode: 400);
            var result = await Task.Run(() => _session.Execute(role, action));
            return JsonResult(result);
        });
        app.MapGet("/api/review", (HttpContext ctx, int? turn) =>
        {
            if (Authorise(ctx) is not { } role) return Denied();
            if (!role.IsWhite) return Results.Json(new ActionResult(false, "only White can open the after-action review during the game"), GameLog.Json, statusCode: 403);
            int t = turn ?? _session.Turn;
            if (t < 0 || t > _session.Turn) return Results.Json(new ActionResult(false, $"turn {t} is not between 0 and {_session.Turn}"), GameLog.Json, statusCode: 400);
            return JsonResult(new { review = _session.Review(t), log = _session.LogLines.Skip(1).Select(l => new { l.Seq, l.Actor, l.Branch, turn = l.Turn + 1, l.Day, action = l.Action is null ? "" : Exports.ActionName(l.Action), l.Accepted, l.Message }) });
        });
        app.MapGet("/api/export/{name}", (HttpContext ctx, string name) =>
        {
            if (Authorise(ctx) is not { } role) return Denied();
            if (!role.IsWhite) return Results.Json(new ActionResult(false, "only White can export the game"), GameLog.Json, statusCode: 403);
            if (name == "scenario.yaml") return Download(ScenarioExport.Yaml(_session), "application/yaml", name);
            if (name.EndsWith(".parquet", StringComparison.Ordinal))
                return ParquetExport.Of(_session, name[..^".parquet".Length] + ".csv") is { } bytes ? Results.File(bytes, "application/vnd.apache.parquet", name) : Results.NotFound();
            return Exports.Csv(_session, name) is { } csv ? Download(csv, "text/csv", name) : Results.NotFound();
        });
        app.Map("/ws", Socket);
        app.MapFallback(() => Results.NotFound());
    }

    private static IResult Download(string text, string type, string name)
    {
        return Results.File(Encoding.UTF8.GetBytes(text), type + "; charset=utf-8", name);
    }

    private static string OneLine(string s) => s.Split('\n')[0].Split(" Path:")[0];

    private static async Task<byte[]?> ReadBounded(Stream body, int max, CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int n;
        while ((n = await body.ReadAsync(chunk, cancel)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max) return null;
        }
        return buffer.ToArray();
    }

    private static IResult Denied() => Results.Json(new ActionResult(false, "no valid token: open the join link you were given"), GameLog.Json, statusCode: 401);

    private static IResult JsonResult(object value) => Results.Text(JsonSerializer.Serialize(value, GameLog.Json), "application/json");

    private static async Task Json(HttpContext ctx, object value)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(value, GameLog.Json));
    }

    private static string? Token(HttpContext ctx) =>
        ctx.Request.Headers.TryGetValue("X-Token", out var h) && h.Count == 1 ? h[0] : ctx.Request.Query.TryGetValue("t", out var q) && q.Count == 1 ? q[0] : null;

    private Role? Authorise(HttpContext ctx) => _tokens.RoleOf(Token(ctx));

    /// <summary>True when the request names an Origin that is not this server's own.</summary>
    private static bool ForeignOrigin(HttpContext ctx)
    {
        if (!ctx.Request.Headers.TryGetValue("Origin", out var origin)) return false;
        return !string.Equals(origin.ToString(), $"{ctx.Request.Scheme}://{ctx.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private string ViewJson(Role role) =>
        role.IsWhite ? JsonSerializer.Serialize(_session.WhiteViewNow(), GameLog.Json) : JsonSerializer.Serialize(_session.ViewOf(role.Id), GameLog.Json);

    private static readonly Assembly Here = typeof(WargameHost).Assembly;
    private static readonly Dictionary<string, string> Assets = new();

    private static string Asset(string name)
    {
        lock (Assets)
        {
            if (Assets.TryGetValue(name, out var text)) return text;
            using var stream = Here.GetManifestResourceStream("ConflictSim.Wargame.Assets." + name) ?? throw new InvalidOperationException($"asset {name} missing from the build");
            using var reader = new StreamReader(stream);
            return Assets[name] = reader.ReadToEnd();
        }
    }

    // ---- Real time ----

    /// <summary>Open WebSockets now: what a test of reconnects checks returns to where it was.</summary>
    internal int OpenSockets { get { lock (_subscribers) return _subscribers.Count; } }

    private sealed class Subscriber(Role role, WebSocket socket)
    {
        public Role Role { get; } = role;
        public WebSocket Socket { get; } = socket;
        public Channel<bool> Dirty { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    }

    private void Notify()
    {
        lock (_subscribers) foreach (var s in _subscribers) s.Dirty.Writer.TryWrite(true);
    }

    private async Task Socket(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest) { ctx.Response.StatusCode = 400; return; }
        if (Authorise(ctx) is not { } role) { ctx.Response.StatusCode = 401; return; }
        // A WebSocket is not bound by the same-origin policy: a page elsewhere could open one with a stolen link.
        if (!ctx.Request.Headers.ContainsKey("Origin") || ForeignOrigin(ctx)) { ctx.Response.StatusCode = 403; return; }
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        var me = new Subscriber(role, socket);
        lock (_subscribers) _subscribers.Add(me);
        me.Dirty.Writer.TryWrite(true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        var sender = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in me.Dirty.Reader.ReadAllAsync(stop.Token))
                {
                    var bytes = Encoding.UTF8.GetBytes("{\"kind\":\"view\",\"view\":" + ViewJson(role) + "}");
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, stop.Token);
                }
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) { }
        });
        try
        {
            var buffer = new byte[MaxSocketMessageBytes];
            while (socket.State == WebSocketState.Open)
            {
                int used = 0;
                WebSocketReceiveResult r;
                do
                {
                    if (used == buffer.Length)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxSocketMessageBytes} bytes", CancellationToken.None);
                        return;
                    }
                    r = await socket.ReceiveAsync(buffer.AsMemory(used), stop.Token) is var m ? new WebSocketReceiveResult(m.Count, m.MessageType, m.EndOfMessage) : null!;
                    used += r.Count;
                } while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);
                if (r.MessageType == WebSocketMessageType.Close) break;
                // The page's only message is "refresh": it asks for its view again (after a reconnect, say). Nothing it sends acts.
                if (r.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, used) == "refresh") me.Dirty.Writer.TryWrite(true);
            }
            if (socket.State == WebSocketState.CloseReceived) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        finally
        {
            lock (_subscribers) _subscribers.Remove(me);
            me.Dirty.Writer.TryComplete();
            stop.Cancel();
            await sender;
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        _session.Changed -= Notify;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
