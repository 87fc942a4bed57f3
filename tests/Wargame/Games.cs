using ConflictSim.Tests.Support;
using ConflictSim.Wargame.Game;

namespace ConflictSim.Tests.Wargame;

/// <summary>libya-2016 set up as a classroom plays it: a GNA cell (the Presidency Council and Bunyan Marsus) and an LNA cell.</summary>
internal static class Games
{
    public static readonly string ScenarioPath = Repository.Scenario("libya-2016.yaml");
    private static readonly Lazy<(Scenario Scenario, string Sha)> loaded = new(() =>
    {
        var (sc, sha, error) = GameSetup.Load(ScenarioPath);
        return (sc ?? throw new InvalidOperationException(error), sha);
    });

    public static Scenario Libya => loaded.Value.Scenario;
    public static string Sha => loaded.Value.Sha;

    public static readonly Cell Gna = new("gna", "GNA", ["gna_pc", "bunyan_marsus"]);
    public static readonly Cell Lna = new("lna", "LNA", ["lna"]);
    public static readonly Role Gnar = new("gna"), Lnar = new("lna");

    public static SessionSetup Setup(int replicates = 24, int turnDays = 7) =>
        GameSetup.Of(ScenarioPath, Sha, 2016, [Gna, Lna], turnDays, replicates);

    public static WargameSession New(int replicates = 24, string? log = null, int threads = 0)
    {
        var s = WargameSession.Start(Libya, Setup(replicates), log);
        s.Threads = threads;
        return s;
    }

    /// <summary>Runs an action that must be accepted, failing with its refusal otherwise.</summary>
    public static ActionResult Ok(this WargameSession s, Role who, GameAction a)
    {
        var r = s.Execute(who, a);
        Assert.True(r.Accepted, $"{who} {a}: refused: {r.Message}");
        return r;
    }

    public static ActionResult No(this WargameSession s, Role who, GameAction a)
    {
        var r = s.Execute(who, a);
        Assert.False(r.Accepted, $"{who} {a}: accepted: {r.Message}");
        return r;
    }

    /// <summary>Lock, adjudicate and publish a turn the given way.</summary>
    public static void PlayTurn(this WargameSession s, string choice = "canonical", IReadOnlyList<StateEdit>? edits = null)
    {
        s.Ok(Role.White, new LockTurn());
        s.Ok(Role.White, new AdjudicateTurn());
        s.Ok(Role.White, new PublishTurn(choice, edits));
        s.Ok(Role.White, new OpenTurn());
    }
}
