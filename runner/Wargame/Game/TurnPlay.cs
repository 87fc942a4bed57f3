using ConflictSim.Decisions;

namespace ConflictSim.Wargame.Game;

/// <summary>
/// One play of a turn on a simulation whose state holds the turn's day-0 orders: day 0 is stepped as it stands,
/// and before each later day the standing orders are given again, each moving min(its fighters, what stands in its
/// origin that day), skipped below one fighter (see <see cref="OrderKind"/>). The canonical run, every replicate
/// and a replay all play a turn through here, so they agree.
/// </summary>
internal static class TurnPlay
{
    public static void Play(Simulation sim, ReadOnlySpan<Order> standing, int days)
    {
        var view = sim.View;
        for (int d = 0; d < days && !sim.Finished; d++)
        {
            if (d > 0)
                for (int i = 0; i < standing.Length; i++)
                {
                    var o = standing[i];
                    double there = Math.Floor(view.Fighters[view.Force(o.Faction, o.From)]);
                    double n = Math.Min(o.Fighters, there);
                    // A refusal here (the link blockaded since day 0, say) drops that day's move: the engine said why on day 0 for the same checks.
                    if (n >= 1) sim.Submit(new Order(o.Faction, o.From, o.To, n));
                }
            sim.Step();
        }
    }
}
