using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After combat in the default order: ground changes hands. A holder keeps a region while any of its fighters remain there; once they
/// are gone, the strongest faction present takes it if hostile to the holder. Empty ground stays with its
/// holder — territory is held by presence and contested only by force. One controller per region, by construction.
/// </summary>
internal sealed class ControlPhase(Scenario scenario) : IPhase
{
    /// <summary>Fewer fighters than this cannot hold or take ground (a rounding remnant in deterministic mode).</summary>
    public const double MinimumToHold = 0.5;

    private readonly int _factions = scenario.FactionCount;

    public string Name => "control";

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        int nr = s.RegionCount;
        for (int r = 0; r < nr; r++)
        {
            if (world.Scenario.RegionTerrain[r] == Terrain.Sea) continue;
            int strongest = -1;
            double most = MinimumToHold;
            for (int f = 0; f < _factions; f++)
            {
                double x = s.Fighters[f * nr + r];
                if (x >= most && (x > most || strongest < 0)) { strongest = f; most = x; }
            }
            if (strongest < 0) continue;
            int holder = s.Controller[r];
            if (holder < 0) { s.Controller[r] = strongest; continue; }
            if (s.Fighters[holder * nr + r] >= MinimumToHold) continue;
            if (world.Hostile(strongest, holder)) s.Controller[r] = strongest;
        }
    }
}
