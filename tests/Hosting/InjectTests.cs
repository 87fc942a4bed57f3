using ConflictSim.Hosting;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Hosting;

/// <summary>Injects go through the events' own code, take effect on their day, keep the ledger, and are logged.</summary>
public class InjectTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    private static Session Started(int days = 3)
    {
        var session = new Session(Front, 5);
        session.Advance(days);
        return session;
    }

    [Fact]
    public void Each_kind_of_inject_takes_effect_on_its_day()
    {
        // Only the events phase runs, so what changes is exactly what the injects did.
        var sc = Scenario.Compile(TestScenarios.Front() with { Phases = ["events"], Events = [] });
        var session = new Session(sc, 5);
        session.Advance(3);
        int blue = sc.FactionIndex("blue"), red = sc.FactionIndex("red"), green = sc.FactionIndex("green");
        int desert = sc.RegionIndex("desert"), link = sc.LinkIndex("base-sea");
        Assert.True(session.Inject(Inject.TrustShift("red", "green", -0.4), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.PatronSupport("air", 9, 3), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.Reinforce("blue", "town", 120), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.Legitimacy("red", -0.3), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.Fighters("green", "desert", 40), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.Control("desert", "green"), day: 4).IsAccepted);
        Assert.True(session.Inject(Inject.Blockade("base-sea", "red"), day: 4).IsAccepted);
        var v = session.Simulation.View;
        double trust = v.TrustBetween(red, green);

        session.Advance(1); // day 3: nothing yet
        Assert.Equal(trust, v.TrustBetween(red, green));
        Assert.Equal(7, session.QueuedInjects);

        session.Advance(1); // day 4
        Assert.Equal(0, session.QueuedInjects);
        Assert.Equal(trust - 0.4, v.TrustBetween(red, green), 12);
        Assert.Equal(9, v.PatronAir[0]);
        Assert.Equal(3, v.PatronArtillery[0]);
        Assert.Equal(0.7, v.Legitimacy[red], 12);
        Assert.Equal(green, v.Controller[desert]);
        Assert.Equal(red, v.Blockade[link]);
        Assert.Equal(40, v.Fighters[sc.Force(green, desert)]);
        Assert.Equal(620, v.Fighters[sc.Force(blue, sc.RegionIndex("town"))]);
        Assert.Equal(120, v.Reinforced[blue]);
        Assert.Equal(40, v.Reinforced[green]);
        Assert.Equal(7, session.Log.Count(e => e.Kind == "inject"));
    }

    [Fact]
    public void Bad_injects_are_refused_with_a_code_and_logged()
    {
        var session = Started();
        Assert.Equal(InjectStatus.UnknownId, session.Inject(Inject.Reinforce("purple", "town", 10)).Status);
        Assert.Equal(InjectStatus.UnknownId, session.Inject(Inject.Control("atlantis", "blue")).Status);
        Assert.Equal(InjectStatus.OutOfRange, session.Inject(Inject.TrustShift("red", "green", 5)).Status);
        Assert.Equal(InjectStatus.OutOfRange, session.Inject(Inject.Reinforce("blue", "town", double.NaN)).Status);
        Assert.Equal(InjectStatus.OutOfRange, session.Inject(Inject.Blockade("base-town", "blue")).Status);
        Assert.Equal(InjectStatus.MissingField, session.Inject(Inject.PatronSupport("air", null, null)).Status);
        Assert.Equal(InjectStatus.InThePast, session.Inject(Inject.Legitimacy("red", -0.1), day: 1).Status);
        Assert.Equal(0, session.QueuedInjects);
        Assert.Equal(7, session.Log.Count(e => e.Kind == "inject-refused"));
    }

    [Fact]
    public void The_ledger_balances_under_every_inject()
    {
        var session = Started();
        session.Inject(Inject.Reinforce("blue", "town", 300));
        session.Inject(Inject.Fighters("red", "gate", -150));
        session.Inject(Inject.Fighters("red", "centre", 75));
        session.Inject(Inject.Fighters("green", "hills", -10_000)); // more than there: takes what there is
        session.Inject(Inject.Control("town", null));
        session.Inject(Inject.Legitimacy("blue", -0.5));
        session.Advance(30);
        var v = session.Simulation.View;
        for (int f = 0; f < Front.FactionCount; f++)
        {
            double inflow = v.Initial[f] + v.Reinforced[f] + v.DefectedIn[f] + v.Recruited[f];
            double accounted = v.FightersOf(f) + v.InTransitOf(f) + v.CellsOf(f) + v.Killed[f] + v.Wounded[f] + v.Deserted[f]
                + v.Dispersed[f] + v.DefectedOut[f];
            Assert.Equal(inflow, accounted, 6);
        }
    }

    [Fact]
    public void A_legitimacy_inject_starts_an_uprising_the_file_never_foresaw()
    {
        // Residents under a ruler at full legitimacy: nobody rises, until the inject lowers it.
        var spec = TestScenarios.Front(days: 40) with { Phases = ["control", "population", "metrics"] };
        spec = spec with { Regions = [.. spec.Regions.Select(r => r.Id == "centre" ? r with { Population = 20000 } : r)] };
        var calm = new Session(Scenario.Compile(spec), 3);
        var angry = new Session(Scenario.Compile(spec), 3);
        calm.Advance(10);
        angry.Advance(10);
        Assert.True(angry.Inject(Inject.Legitimacy("red", -0.8)).IsAccepted);
        calm.Advance(30);
        angry.Advance(30);
        int centre = calm.Scenario.RegionIndex("centre");
        Assert.Equal(0, calm.Simulation.View.ActiveResidents[centre] + calm.Simulation.View.Jailed[centre]);
        Assert.True(angry.Simulation.View.ActiveResidents[centre] + angry.Simulation.View.Jailed[centre] > 0);
    }

    [Fact]
    public void A_scenario_event_can_be_cancelled_or_moved()
    {
        var session = new Session(Front, 1);
        int blue = Front.FactionIndex("blue");
        Assert.True(session.CancelEvent("more").IsAccepted);          // the day-20 reinforcement never comes
        Assert.True(session.RescheduleEvent("blockade", 2).IsAccepted); // the day-10 blockade comes on day 2
        Assert.Equal(InjectStatus.UnknownId, session.CancelEvent("nothing").Status);
        session.Advance(3);
        Assert.Equal(blue, session.Simulation.View.Blockade[Front.LinkIndex("harbour-sea")]);
        session.Advance(25);
        Assert.Equal(0, session.Simulation.View.Reinforced[blue]);
        Assert.Contains(session.Log, e => e.Kind == "event-rescheduled");
    }
}
