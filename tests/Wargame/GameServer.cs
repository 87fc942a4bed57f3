using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConflictSim.Wargame.Game;
using ConflictSim.Wargame.Web;

namespace ConflictSim.Tests.Wargame;

/// <summary>A real server on a loopback port, in process: the session, its tokens and the Kestrel host the browser talks to.</summary>
internal sealed class GameServer : IAsyncDisposable
{
    public WargameSession Session { get; }
    public Tokens Tokens { get; }
    public WargameHost Host { get; }
    public string Origin => Host.Address.GetLeftPart(UriPartial.Authority);
    public StringWriter Errors { get; }

    private GameServer(WargameSession session, Tokens tokens, WargameHost host, StringWriter errors) { Session = session; Tokens = tokens; Host = host; Errors = errors; }

    public static async Task<GameServer> StartAsync(int replicates = 24, string? log = null)
    {
        var session = Games.New(replicates, log);
        var tokens = Tokens.Create(session.Cells);
        var errors = new StringWriter();
        var host = await WargameHost.StartAsync(session, tokens, IPAddress.Loopback, 0, errors);
        return new GameServer(session, tokens, host, errors);
    }

    public string Token(string role) => Tokens.ByRole[role];

    public HttpClient Client(string? role)
    {
        var c = new HttpClient { BaseAddress = Host.Address };
        if (role is not null) c.DefaultRequestHeaders.Add("X-Token", Token(role));
        return c;
    }

    public static async Task<ActionResultDto> Act(HttpClient client, object action)
    {
        var response = await client.PostAsync("/api/act", new StringContent(JsonSerializer.Serialize(action), Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<ActionResultDto>())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Session.Dispose();
    }
}

/// <summary>An action's answer as a client reads it.</summary>
internal sealed record ActionResultDto(bool Accepted, string Message, JsonElement? Value);
