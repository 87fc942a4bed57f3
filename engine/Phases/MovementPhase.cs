using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After decisions in the default order: forces already on the road arrive, then today's orders set out along their link and arrive after
/// the link's travel time. Forces in transit neither fight nor hold ground. A blockaded sea lane refuses
/// the blockader's enemies.
/// </summary>
internal sealed class MovementPhase : IPhase
{
    public string Name => "movement";

    public void Execute(World world, PhaseStreams rng)
    {
        Arrive(world.State);
        Depart(world);
    }

    private static void Arrive(WorldState s)
    {
        int kept = 0;
        for (int i = 0; i < s.TransitCount; i++)
        {
            if (s.TransitArrival[i] <= s.Day)
            {
                int force = s.Force(s.TransitFaction[i], s.TransitTo[i]);
                s.Join(force, s.TransitFighters[i], s.TransitMorale[i], s.TransitSupply[i]);
                continue;
            }
            // Compact in place, keeping order, so arrival order (and so float sums) never depends on removals.
            if (kept != i)
            {
                s.TransitFaction[kept] = s.TransitFaction[i];
                s.TransitTo[kept] = s.TransitTo[i];
                s.TransitArrival[kept] = s.TransitArrival[i];
                s.TransitFighters[kept] = s.TransitFighters[i];
                s.TransitMorale[kept] = s.TransitMorale[i];
                s.TransitSupply[kept] = s.TransitSupply[i];
            }
            kept++;
        }
        s.TransitCount = kept;
    }

    private static void Depart(World world)
    {
        var s = world.State;
        var sc = world.Scenario;
        var book = world.Orders;
        for (int i = 0; i < book.Count; i++)
        {
            ref readonly var o = ref book[i];
            int link = sc.LinkBetween(o.From, o.To);
            if (link < 0 || !world.LinkOpenFor(link, o.Faction) || sc.RegionTerrain[o.To] == Terrain.Sea) continue;
            int from = s.Force(o.Faction, o.From);
            double n = Math.Min(world.Whole(o.Fighters), s.Fighters[from]);
            if (n <= 0) continue;
            if (!s.Send(o.Faction, o.To, n, s.Morale[from], s.SupplyDays[from], s.Day + sc.LinkDays[link])) break;
            s.Fighters[from] -= n;
        }
    }
}
