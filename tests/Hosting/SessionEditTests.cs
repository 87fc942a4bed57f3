using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Hosting;

/// <summary><see cref="Session.Edit"/>: a White cell's change to the state, applied at once through the inject code.</summary>
public class SessionEditTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    [Fact]
    public void An_edit_changes_the_state_now_and_keeps_the_ledger()
    {
        var session = new Session(Front, 1);
        int blue = Front.FactionIndex("blue"), town = Front.RegionIndex("town"), gate = Front.RegionIndex("gate");
        double reinforced = session.Simulation.View.Reinforced[blue];
        Assert.True(session.Edit(Inject.Fighters("blue", "town", 250), "umpire's ruling").IsAccepted);
        Assert.True(session.Edit(Inject.Control("gate", "blue"), "the gate falls").IsAccepted);
        var v = session.Simulation.View;
        Assert.Equal(750, v.Fighters[v.Force(blue, town)]);
        Assert.Equal(blue, v.Controller[gate]);
        Assert.Equal(reinforced + 250, v.Reinforced[blue]);
        Assert.Equal(0, session.Day);
        Assert.Contains(session.Log, e => e.Kind == "edit" && e.Text.Contains("umpire's ruling"));
    }

    [Fact]
    public void A_bad_edit_is_refused_logged_and_changes_nothing()
    {
        var session = new Session(Front, 1);
        ulong before = session.Simulation.State.Fingerprint();
        Assert.Equal(InjectStatus.UnknownId, session.Edit(Inject.Fighters("purple", "town", 5), "x").Status);
        Assert.Equal(InjectStatus.OutOfRange, session.Edit(Inject.Fighters("blue", "town", 1e9), "x").Status);
        Assert.Equal(before, session.Simulation.State.Fingerprint());
        Assert.Equal(2, session.Log.Count(e => e.Kind == "edit-refused"));
    }
}
