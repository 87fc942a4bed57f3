using ConflictSim.Wargame.Game;
using static ConflictSim.Tests.Wargame.Games;

namespace ConflictSim.Tests.Wargame;

/// <summary>Every action against every role: White, each cell, and a role the session does not have.</summary>
public class RoleMatrixTests
{
    /// <summary>One of each action, valid for the phase it is tried in, so only the role decides.</summary>
    private static IEnumerable<GameAction> Actions(string cell) =>
    [
        new SubmitOrder(cell == "gna" ? "bunyan_marsus" : "lna", OrderKind.Move, cell == "gna" ? "misrata" : "benghazi", cell == "gna" ? "abu_grein" : "ajdabiya", 10),
        new CancelOrder(1), new MarkReady(true), new LockTurn(), new UnlockTurn(), new AdjudicateTurn(), new PublishTurn("canonical"), new OpenTurn(),
        new ChangeEvent("leak", "never"), new ApplyInject("reinforce", Faction: "lna", Region: "benghazi", Amount: 10), new SendMessage(null, "hello"),
        new SetOverride("gna", "derna", Visible: true), new ClearOverride("gna", "derna"), new RewindTo(0, "b" + cell), new SwitchBranch("main"),
        new AllowForecast("gna", true), new RequestForecast(5, 10),
    ];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { "white", "gna", "lna", "stranger" })
            foreach (var a in Actions("gna")) data.Add(role, a.GetType().Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_action_is_allowed_only_to_the_roles_it_belongs_to(string role, string actionName)
    {
        using var s = New(replicates: 2);
        var action = Actions(role).Single(a => a.GetType().Name == actionName);
        var who = new Role(role);
        // Bring the session to a phase where the action is possible for the role that may take it.
        if (action is UnlockTurn or AdjudicateTurn) s.Ok(Role.White, new LockTurn());
        if (action is PublishTurn) { s.Ok(Role.White, new LockTurn()); s.Ok(Role.White, new AdjudicateTurn()); }
        if (action is OpenTurn) { s.Ok(Role.White, new LockTurn()); s.Ok(Role.White, new AdjudicateTurn()); s.Ok(Role.White, new PublishTurn("canonical")); }
        if (action is ClearOverride) s.Ok(Role.White, new SetOverride("gna", "derna", Visible: true));
        if (action is CancelOrder && role is "gna" or "lna") s.Ok(who, Actions(role).OfType<SubmitOrder>().Single());
        int before = s.LogLines.Count;
        string state = s.Fingerprint();

        var result = s.Execute(who, action);

        bool cellAction = action is SubmitOrder or CancelOrder or MarkReady;
        bool expected = role switch
        {
            "white" => !cellAction,
            "gna" or "lna" => !action.WhiteOnly && (action is not RequestForecast),
            _ => false,
        };
        Assert.True(expected == result.Accepted, $"{role} {actionName}: {(result.Accepted ? "accepted" : "refused")}: {result.Message}");
        if (!result.Accepted)
        {
            Assert.Equal(state, s.Fingerprint()); // a refusal changes nothing…
            string why = role == "stranger" ? "'stranger' is not a cell of this session"
                : action.WhiteOnly ? "only White can"
                : role == "white" ? (action is MarkReady ? "White has no orders to mark ready" : "White does not give orders; the cells do")
                : "White has not allowed your cell";
            Assert.Contains(why, result.Message);
        }
        // …and everything, refused or not, is a line of the log with who asked.
        Assert.Equal(before + 1, s.LogLines.Count);
        Assert.Equal(role, s.LogLines[^1].Actor);
        Assert.Equal(result.Accepted, s.LogLines[^1].Accepted);
    }

    [Fact]
    public void A_cell_acting_for_another_cell_is_refused_and_logged()
    {
        using var s = New(replicates: 2);
        int lnaOrder = (int)s.Ok(Lnar, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 50)).Value!;
        foreach (var a in new GameAction[] { new SubmitOrder("lna", OrderKind.Hold, "benghazi", null, 0), new SubmitOrder("lna", OrderKind.Withdraw, "benghazi", "ajdabiya", 0),
                     new SubmitOrder("lna", OrderKind.Standing, "benghazi", "ajdabiya", 5), new CancelOrder(lnaOrder) })
        {
            var r = s.No(Gnar, a);
            Assert.Contains(s.LogLines, l => l.Actor == "gna" && l.Action == a && !l.Accepted && l.Message == r.Message);
        }
        Assert.Single(s.Drafts);
    }
}
