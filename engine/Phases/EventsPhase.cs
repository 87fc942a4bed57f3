using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// First in the default order: applies the scenario's scripted events dated today. An event with probability p happens
/// with one draw on its day — how a scenario says "ISIS leaders may have left" (002) without deciding it. A host's
/// injects go through the same <see cref="Apply"/> (see <see cref="ApplyInjects"/>), so an inject is exactly an
/// event's effect and keeps the same ledger.
/// </summary>
internal sealed class EventsPhase : IPhase
{
    public string Name => "events";

    public void Execute(World world, PhaseStreams rng)
    {
        var sc = world.Scenario;
        var s = world.State;
        int day = s.Day;
        for (int e = 0; e < sc.EventDay.Length; e++)
        {
            if (sc.EventDay[e] != day) continue;
            double p = sc.EventProbability[e];
            // Always draw, even for certain or cancelled events, so one event's fate never shifts another's draw.
            double u = rng.Shared.NextDouble();
            if (s.EventOff[e] || (p < 1 && (world.Deterministic ? p < 0.5 : u >= p))) continue;
            for (int i = sc.EventEffectStart[e]; i < sc.EventEffectStart[e + 1]; i++)
                Apply(world, in sc.Effects[i], rng);
        }
    }

    /// <summary>
    /// Applies, in the order they were queued, the injects due today (or overdue), and drops them from the queue. The
    /// simulation calls it before the day's phases, whatever the scenario's phase list, with streams of its own.
    /// </summary>
    internal static void ApplyInjects(World world, PhaseStreams rng)
    {
        var s = world.State;
        int kept = 0;
        for (int i = 0; i < s.InjectCount; i++)
        {
            var inject = s.Injects[i];
            var effect = inject.Effect;
            if (inject.Day <= s.Day) Apply(world, in effect, rng);
            else s.Injects[kept++] = inject;
        }
        s.InjectCount = kept;
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

    /// <summary>
    /// Fighters added to or taken from a force by a host's hand. Added fighters join at the force's own morale and
    /// supply (a fresh force at the faction's starting ones) and count as reinforcements; taken ones leave the map
    /// and count as dispersed, so the ledger balances either way.
    /// </summary>
    private static void AdjustFighters(World world, in Effect fx)
    {
        var s = world.State;
        var sc = world.Scenario;
        int i = s.Force(fx.Faction, fx.Region);
        double n = world.Whole(fx.Amount);
        if (n > 0)
        {
            bool fresh = s.Fighters[i] <= 0;
            s.Join(i, n, fresh ? sc.InitialMorale[fx.Faction] : s.Morale[i], fresh ? sc.SupplyCapacity[fx.Faction] : s.SupplyDays[i]);
            s.Reinforced[fx.Faction] += n;
        }
        else if (n < 0)
        {
            double taken = Math.Min(-n, s.Fighters[i]);
            s.Fighters[i] -= taken;
            s.Dispersed[fx.Faction] += taken;
        }
    }

    internal static void Apply(World world, in Effect fx, PhaseStreams rng)
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
                        : Sampling.Binomial(ref rng.Of(fx.Faction), s.Fighters[i], fx.Amount);
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
            case EffectKind.Fighters:
                AdjustFighters(world, in fx);
                break;
            case EffectKind.Control:
                s.Controller[fx.Region] = fx.Faction;
                break;
        }
    }
}
