using System.Diagnostics;
using System.Text.Json;
using ConflictSim.Tests.Support;
using ConflictSim.Wargame.Game;

namespace ConflictSim.Tests.Wargame;

/// <summary>`conflictsim serve` as a real process: its start-up lines, its warnings, and resume after kill -9.</summary>
public class ServeProcessTests
{
    private sealed record Server(Process Process, string White, Dictionary<string, string> Cells, List<string> Out);

    private static async Task<Server> Start(params string[] args)
    {
        var p = CliProcess.Start(["serve", Games.ScenarioPath, "--port", "0", .. args]);
        var lines = new List<string>();
        var cells = new Dictionary<string, string>();
        string? white = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string? line = await p.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null) Assert.Fail($"serve exited: {await p.StandardError.ReadToEndAsync()}");
            lines.Add(line);
            if (line.StartsWith("White (control): ", StringComparison.Ordinal)) white = line["White (control): ".Length..];
            else if (line.StartsWith("Cell ", StringComparison.Ordinal)) cells[line.Split(' ')[1]] = line[(line.LastIndexOf(' ') + 1)..];
            else if (line.StartsWith("Ctrl+C", StringComparison.Ordinal)) break;
        }
        return new Server(p, white!, cells, lines);
    }

    private static (HttpClient Client, string Token) ClientOf(string link)
    {
        var uri = new Uri(link);
        var client = new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority)) };
        string token = uri.Query["?t=".Length..];
        client.DefaultRequestHeaders.Add("X-Token", token);
        return (client, token);
    }

    private static async Task<string> Fingerprint(HttpClient white) =>
        JsonDocument.Parse(await white.GetStringAsync("/api/view")).RootElement.GetProperty("fingerprint").GetString()!;

    [Fact]
    public async Task Serve_prints_a_link_per_cell_and_for_White_on_loopback_and_warns_when_open_to_the_network()
    {
        using var dir = new ScratchDirectory();
        var server = await Start("--session", Path.Combine(dir.Path, "s"), "--listen", "0.0.0.0", "--replicates", "4");
        try
        {
            Assert.StartsWith("ConflictSim wargame: libya-2016", server.Out[0]);
            Assert.Equal(5, server.Cells.Count); // the five largest factions by default
            Assert.All(server.Cells.Values.Append(server.White), link => Assert.Matches(@"^http://[^/]+:\d+/play\?t=[A-Za-z0-9_-]{43}$", link));
        }
        finally { server.Process.Kill(); await server.Process.WaitForExitAsync(); }
        string err = await server.Process.StandardError.ReadToEndAsync();
        Assert.Contains("warning: listening on 0.0.0.0, open to the network", err);

        var local = await Start("--session", Path.Combine(dir.Path, "t"), "--cell", "gna=gna_pc,bunyan_marsus", "--cell", "lna=lna", "--replicates", "4");
        try { Assert.All(local.Cells.Values.Append(local.White), l => Assert.StartsWith("http://127.0.0.1:", l)); }
        finally { local.Process.Kill(); await local.Process.WaitForExitAsync(); }
        Assert.DoesNotContain("warning", await local.Process.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_1()
    {
        using var dir = new ScratchDirectory();
        var (exit, _, err) = await CliProcess.Run("serve", Games.ScenarioPath, "--cell", "gna=gna_pc,atlantis", "--session", dir.Path);
        Assert.Equal(1, exit);
        Assert.StartsWith("conflictsim serve: cell 'gna': no faction 'atlantis' in the scenario; expected one of gna_pc,", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        (exit, _, err) = await CliProcess.Run("serve", Games.ScenarioPath, "--resume", Path.Combine(dir.Path, "nothing"));
        Assert.Equal(1, exit);
        Assert.Equal($"conflictsim serve: --resume {Path.Combine(dir.Path, "nothing")}: no session.jsonl there; expected a directory written by serve\n", err.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// A real server is killed with SIGKILL in the middle of a game; `serve --resume` brings back the same session,
    /// bit for bit, on the same links; and replaying the log in process gives the same fingerprint again.
    /// </summary>
    [Fact]
    public async Task After_kill_9_resume_restores_the_session_exactly_on_the_same_links()
    {
        using var dir = new ScratchDirectory();
        string session = Path.Combine(dir.Path, "class1");
        var first = await Start("--session", session, "--cell", "gna=gna_pc,bunyan_marsus", "--cell", "lna=lna", "--replicates", "16");
        string fingerprint;
        try
        {
            var (white, _) = ClientOf(first.White);
            var (gna, _) = ClientOf(first.Cells["gna"]);
            var (lna, _) = ClientOf(first.Cells["lna"]);
            Assert.True((await GameServer.Act(gna, new { type = "order", faction = "bunyan_marsus", kind = "standing", from = "misrata", to = "abu_grein", fighters = 120 })).Accepted);
            Assert.True((await GameServer.Act(lna, new { type = "order", faction = "lna", kind = "move", from = "benghazi", to = "ajdabiya", fighters = 700 })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "inject", kind = "reinforce", faction = "isis", region = "sirte_centre", amount = 300, notify = new[] { "gna" }, note = "Fighters slip into Sirte." })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "lock" })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "adjudicate" })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "publish", choice = "median", edits = new[] { new { faction = "lna", region = "ajdabiya", fighters = 1500, rationale = "tribal levies join" } } })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "open" })).Accepted);
            Assert.True((await GameServer.Act(gna, new { type = "order", faction = "bunyan_marsus", kind = "move", from = "abu_grein", to = "sirte_approach", fighters = 900 })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "lock" })).Accepted);
            fingerprint = await Fingerprint(white);
        }
        finally
        {
            first.Process.Kill(); // SIGKILL: no shutdown, no flush beyond what each acknowledged action already did
            await first.Process.WaitForExitAsync();
        }
        Assert.Equal(137, first.Process.ExitCode);

        var second = await Start("--resume", session);
        try
        {
            Assert.Contains(second.Out, l => l.Contains("resumed session") );
            Assert.Contains(second.Out, l => l.StartsWith("turn 2, locked", StringComparison.Ordinal));
            Assert.Equal(new Uri(first.White).Query, new Uri(second.White).Query); // the same tokens: the students' links still work
            var (white, _) = ClientOf(second.White);
            Assert.Equal(fingerprint, await Fingerprint(white));
            Assert.True((await GameServer.Act(white, new { type = "adjudicate" })).Accepted);
        }
        finally { second.Process.Kill(); await second.Process.WaitForExitAsync(); }

        // The log alone, replayed from the scenario in this process, reproduces the live state too.
        using var replayed = WargameSession.Resume(Games.Libya, Path.Combine(session, "session.jsonl"));
        Assert.Equal(TurnPhase.Adjudicated, replayed.Phase);
        var lines = replayed.LogLines;
        Assert.Equal(lines[^1].State, replayed.StateHex());
    }

    /// <summary>Killed in the middle of an adjudication (not yet acknowledged): the resumed session is the log's, and it goes on.</summary>
    [Fact]
    public async Task Killed_during_an_adjudication_the_session_resumes_as_its_log_says()
    {
        using var dir = new ScratchDirectory();
        string session = Path.Combine(dir.Path, "class2");
        var first = await Start("--session", session, "--cell", "gna=gna_pc,bunyan_marsus", "--replicates", "4000");
        string locked;
        try
        {
            var (white, _) = ClientOf(first.White);
            var (gna, _) = ClientOf(first.Cells["gna"]);
            Assert.True((await GameServer.Act(gna, new { type = "order", faction = "bunyan_marsus", kind = "move", from = "abu_grein", to = "sirte_approach", fighters = 1200 })).Accepted);
            Assert.True((await GameServer.Act(white, new { type = "lock" })).Accepted);
            locked = await Fingerprint(white);
            _ = GameServer.Act(white, new { type = "adjudicate" }); // 4,000 replicates: still running when the process dies
            await Task.Delay(150);
        }
        finally
        {
            first.Process.Kill();
            await first.Process.WaitForExitAsync();
        }
        string log = Path.Combine(session, "session.jsonl");
        using (var replayed = WargameSession.Resume(Games.Libya, log))
        {
            var second = await Start("--resume", session);
            try
            {
                var (white, _) = ClientOf(second.White);
                string resumed = await Fingerprint(white);
                Assert.Equal(replayed.Fingerprint(), resumed);
                if (replayed.Phase == TurnPhase.Locked) Assert.Equal(locked, resumed); // the unacknowledged adjudication left no trace
                Assert.True((await GameServer.Act(white, new { type = "adjudicate", replicates = 8 })).Accepted);
                Assert.True((await GameServer.Act(white, new { type = "publish", choice = "median" })).Accepted);
            }
            finally { second.Process.Kill(); await second.Process.WaitForExitAsync(); }
        }
        Assert.EndsWith("\n", File.ReadAllText(log));
    }
}
