using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// First in the default order: applies the scenario's scripted events dated today. An event with probability p happens with one
/// draw on its day — how a scenario says "ISIS leaders may have left" (002) without deciding it.
/// </summary>
public sealed class EventsPhase : IPhase
{
    public string Name => "events";

    public void Execute(World world, ref Xoshiro256StarStar rng)
    {
        var sc = world.Scenario;
        int day = world.State.Day;
        for (int e = 0; e < sc.EventDay.Length; e++)
        {
            if (sc.EventDay[e] != day) continue;
            double p = sc.EventProbability[e];
            // Always draw, even for certain events, so one event's probability never shifts another's draw.
            double u = rng.NextDouble();
            if (p < 1 && (world.Deterministic ? p < 0.5 : u >= p)) continue;
            for (int i = sc.EventEffectStart[e]; i < sc.EventEffectStart[e + 1]; i++)
                Apply(world, in sc.Effects[i], ref rng);
        }
    }

    /// <summary>
    /// A revelation that a faction's backers betrayed its partners (002: the 8 July leak "is seen as evidence of
    /// a Western betrayal … likely to fuel further suspicion within the GNA's coalition"): every faction not
    /// already its enemy loses trust in it, scaled by its position on the named ideology dimension ("disarray in
    /// the GNA camp, especially within the ranks of Islamists").
    /// </summary>
    private static void Betray(World world, in Effect fx)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nf = s.FactionCount, dims = sc.Dimensions.Length;
        for (int k = 0; k < nf; k++)
        {
            if (k == fx.Faction || !s.Active[k] || world.Hostile(k, fx.Faction)) continue;
            double weight = fx.Dimension >= 0 ? sc.IdeologyPosition[k * dims + fx.Dimension] : 1;
            s.SetTrust(k, fx.Faction, s.TrustBetween(k, fx.Faction) + fx.Amount * weight);
        }
    }

    private static void Apply(World world, in Effect fx, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        int r = s.RegionCount;
        switch (fx.Kind)
        {
            case EffectKind.Reinforce:
            {
                double n = world.Whole(fx.Amount);
                s.Join(s.Force(fx.Faction, fx.Region), n, sc.InitialMorale[fx.Faction], sc.SupplyCapacity[fx.Faction]);
                s.Reinforced[fx.Faction] += n;
                break;
            }
            case EffectKind.Morale:
                for (int reg = 0; reg < r; reg++)
                {
                    if (fx.Region >= 0 && reg != fx.Region) continue;
                    int i = s.Force(fx.Faction, reg);
                    s.Morale[i] = Math.Clamp(s.Morale[i] + fx.Amount, 0, 1);
                }
                break;
            case EffectKind.Cohesion:
                s.Cohesion[fx.Faction] = Math.Clamp(s.Cohesion[fx.Faction] + fx.Amount, 0, 1);
                break;
            case EffectKind.Relation:
            {
                s.SetTrust(fx.Faction, fx.Other, s.TrustBetween(fx.Faction, fx.Other) + fx.Amount);
                break;
            }
            case EffectKind.Blockade:
                s.Blockade[fx.Link] = fx.Faction;
                break;
            case EffectKind.Lift:
                s.Blockade[fx.Link] = -1;
                break;
            case EffectKind.Patron:
                if (!double.IsNaN(fx.Amount)) s.PatronAir[fx.Patron] = fx.Amount;
                if (!double.IsNaN(fx.Amount2)) s.PatronArtillery[fx.Patron] = fx.Amount2;
                break;
            case EffectKind.Disperse:
                for (int reg = 0; reg < r; reg++)
                {
                    if (fx.Region >= 0 && reg != fx.Region) continue;
                    int i = s.Force(fx.Faction, reg);
                    double n = world.Deterministic
                        ? s.Fighters[i] * fx.Amount
                        : Sampling.Binomial(ref rng, s.Fighters[i], fx.Amount);
                    s.Fighters[i] -= n;
                    s.Dispersed[fx.Faction] += n;
                }
                break;
            case EffectKind.Income:
                s.Income[fx.Faction] = fx.Amount;
                break;
            case EffectKind.Supply:
                s.Stock[fx.Faction] += fx.Amount;
                break;
            case EffectKind.Betrayal:
                Betray(world, in fx);
                break;
            case EffectKind.Legitimacy:
                s.Legitimacy[fx.Faction] = Math.Clamp(s.Legitimacy[fx.Faction] + fx.Amount, 0, 1);
                break;
            case EffectKind.Strikes:
                s.PatronStrikes[fx.Patron] = fx.Amount;
                break;
        }
    }
}
