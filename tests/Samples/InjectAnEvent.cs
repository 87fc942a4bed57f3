using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Samples;

/// <summary>Sample: a White cell intervenes — a trust shift, more air support, and a scenario event moved.</summary>
public class InjectAnEvent
{
    [Fact]
    public void Shift_trust_send_air_support_and_bring_an_event_forward()
    {
        var scenario = Scenario.Compile(SeedRuns.Load("sirte-2016.yaml"));
        var game = new Session(scenario, seed: 1);
        game.Advance(7);

        var trust = game.Inject(Inject.TrustShift("bunyan_marsus", "pfg", -0.3), note: "Misratan grievance over pay");
        var air = game.Inject(Inject.PatronSupport("us_africom", airSorties: 6, artillery: null), day: 10);
        var early = game.RescheduleEvent("us_airstrikes_begin", 14); // it was due on 1 August

        Assert.True(trust.IsAccepted && air.IsAccepted && early.IsAccepted);
        game.Advance(7);
        Assert.Equal(6, game.Simulation.View.PatronAir[scenario.PatronIds.IndexOf("us_africom")]);
        Assert.Equal(3, game.Log.Count(e => e.Kind is "inject" or "event-rescheduled"));
    }
}
