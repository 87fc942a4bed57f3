using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using ConflictSim.Wargame.Game;
using ConflictSim.Wargame.Web;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// `conflictsim serve FILE`: the teaching wargame. Starts a session (or resumes one from its directory), serves the
/// pages on loopback unless told otherwise, prints one join link per cell and one for White, and runs until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 8016;
    public const string LogName = "session.jsonl";
    public const string TokensName = "tokens.json";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file to play (YAML, format conflictsim/1)." };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port).", DefaultValueFactory = _ => DefaultPort };
        var listen = new Option<string>("--listen") { Description = "Address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 opens the game to the classroom's network.", DefaultValueFactory = _ => "127.0.0.1" };
        var session = new Option<string?>("--session") { Description = "Directory for the new session's log and join tokens; default sessions/ID-DATE-TIME." };
        var resume = new Option<string?>("--resume") { Description = "Resume the session saved in this directory, exactly as it stood (after a crash or kill -9 too)." };
        var cells = new Option<string[]>("--cell")
        {
            Description = "A player cell: id=faction[,faction…] (repeat for each cell); default one cell for each of the five largest factions.",
            AllowMultipleArgumentsPerToken = false,
        };
        var turnDays = new Option<int>("--turn-days") { Description = "Days per turn.", DefaultValueFactory = _ => WargameSession.DefaultTurnDays };
        var replicates = new Option<int>("--replicates") { Description = "K, the runs of each turn's adjudication.", DefaultValueFactory = _ => WargameSession.DefaultReplicates };
        var seed = new Option<ulong?>("--seed") { Description = "The game's master seed; default the scenario's seed." };
        var command = new Command("serve", "Host a teaching wargame in the browser: White runs the clock, player cells give orders, the engine adjudicates.")
        {
            file, port, listen, session, resume, cells, turnDays, replicates, seed,
        };
        command.SetAction(parsed => Execute(parsed.GetValue(file)!, parsed.GetValue(port), parsed.GetValue(listen)!, parsed.GetValue(session), parsed.GetValue(resume),
            parsed.GetValue(cells) ?? [], parsed.GetValue(turnDays), parsed.GetValue(replicates), parsed.GetValue(seed), stdout, stderr));
        return command;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"{Cli.Name} serve: {message}");
        return ExitCodes.BadInput;
    }

    public static int Execute(string path, int port, string listen, string? sessionDir, string? resumeDir, string[] cellArgs, int turnDays, int replicates,
        ulong? seed, TextWriter stdout, TextWriter stderr)
    {
        if (port is < 0 or > 65535) return Fail(stderr, $"--port {port}: expected 0..65535");
        IPAddress? address = listen == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(listen, out var a) ? a : null;
        if (address is null) return Fail(stderr, $"--listen {listen}: expected an IP address such as 127.0.0.1 or 0.0.0.0");
        if (sessionDir is not null && resumeDir is not null) return Fail(stderr, "--session and --resume: give one (--resume names the directory to continue)");
        var (scenario, sha, error) = GameSetup.Load(path);
        if (scenario is null) return Fail(stderr, error!);

        WargameSession game;
        Tokens tokens;
        string dir;
        try
        {
            if (resumeDir is not null)
            {
                dir = resumeDir;
                string log = Path.Combine(dir, LogName), tokenFile = Path.Combine(dir, TokensName);
                if (!File.Exists(log)) return Fail(stderr, $"--resume {dir}: no {LogName} there; expected a directory written by serve");
                if (!File.Exists(tokenFile)) return Fail(stderr, $"--resume {dir}: no {TokensName} there; expected a directory written by serve");
                var setup = GameLog.Read(log).FirstOrDefault()?.Setup;
                if (setup is not null && setup.ScenarioSha256 != sha)
                    return Fail(stderr, $"--resume {dir}: {path} is not the scenario the session was started with ({setup.ScenarioPath}); it has changed since");
                game = WargameSession.Resume(scenario, log);
                tokens = Tokens.Load(tokenFile);
            }
            else
            {
                var cells = cellArgs.Length > 0 ? cellArgs.Select(GameSetup.ParseCell).ToList() : GameSetup.DefaultCells(scenario).ToList();
                dir = sessionDir ?? Path.Combine("sessions", $"{scenario.Spec.Id}-{DateTime.Now:yyyyMMdd-HHmmss}");
                string log = Path.Combine(dir, LogName);
                if (File.Exists(log) && new FileInfo(log).Length > 0) return Fail(stderr, $"--session {dir} holds a session already; continue it with --resume {dir}");
                Directory.CreateDirectory(dir);
                var setup = GameSetup.Of(path, sha, seed ?? scenario.Spec.Seed, cells, turnDays, replicates);
                tokens = Tokens.Create(cells);
                tokens.Save(Path.Combine(dir, TokensName));
                game = WargameSession.Start(scenario, setup, log);
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return Fail(stderr, e.Message);
        }

        using (game)
        {
            WargameHost host;
            try { host = WargameHost.StartAsync(game, tokens, address, port, stderr).GetAwaiter().GetResult(); }
            catch (IOException e) { return Fail(stderr, $"cannot listen on {listen}:{port}: {e.Message}"); }
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            var sc = game.Scenario;
            if (!IPAddress.IsLoopback(address))
                stderr.WriteLine($"{Cli.Name} serve: warning: listening on {listen}, open to the network: anyone who has a link can join as that cell. Share each link with its cell only.");
            stdout.WriteLine($"ConflictSim wargame: {sc.Spec.Id} — {sc.Spec.Title}");
            stdout.WriteLine($"{game.Setup.TurnDays}-day turns, K = {game.Setup.Replicates} replicates per turn; {(resumeDir is null ? "session" : "resumed session")} in {Path.GetFullPath(dir)}");
            stdout.WriteLine($"turn {game.Turn + 1}, {game.Phase.ToString().ToLowerInvariant()}, {game.DateOf(game.Day):yyyy-MM-dd}");
            stdout.WriteLine($"White (control): {host.LinkFor(Role.WhiteId)}");
            foreach (var c in game.Cells)
                stdout.WriteLine($"Cell {c.Id} ({string.Join(", ", c.Factions)}): {host.LinkFor(c.Id)}");
            stdout.WriteLine($"Ctrl+C stops the server; every action is already saved. Resume with: {Cli.Name} serve {path} --resume {dir}");
            stdout.Flush();
            try { host.WaitAsync(stop.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return ExitCodes.Ok;
    }
}
