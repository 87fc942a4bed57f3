using ConflictSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Engine;

/// <summary>Invariants that must hold after every tick, whatever the seed and parameters.</summary>
public class InvariantTests
{
    internal static void CheckInvariants(Simulation sim, double tolerance)
    {
        var s = sim.State;
        var sc = sim.Scenario;
        foreach (var x in s.Fighters) Assert.True(x >= 0 && double.IsFinite(x), $"fighters {x} on day {s.Day}");
        foreach (var x in s.Cells) Assert.True(x >= 0 && double.IsFinite(x), $"cells {x} on day {s.Day}");
        for (int r = 0; r < sc.RegionCount; r++)
        {
            Assert.True(s.ActiveResidents[r] >= 0 && s.Jailed[r] >= 0 && s.Armed[r] >= 0,
                $"region {sc.RegionIds[r]} day {s.Day}: active {s.ActiveResidents[r]}, jailed {s.Jailed[r]}, armed {s.Armed[r]}");
            Assert.True(s.ActiveResidents[r] + s.Jailed[r] + s.Armed[r] <= sc.Population.Population[r] * (1 + tolerance) + tolerance,
                $"region {sc.RegionIds[r]} day {s.Day}: more residents active, jailed or armed than live there");
        }
        foreach (var m in s.Morale) Assert.InRange(m, 0, 1);
        foreach (var d in s.SupplyDays) Assert.True(d >= 0);
        foreach (var c in s.Controller) Assert.InRange(c, -1, sc.FactionCount - 1);
        for (int i = 0; i < s.TransitCount; i++) Assert.True(s.TransitFighters[i] >= 0);
        for (int f = 0; f < sc.FactionCount; f++)
        {
            double inflow = s.Initial[f] + s.Reinforced[f] + s.DefectedIn[f] + s.Recruited[f];
            double accounted = s.FightersOf(f) + s.InTransitOf(f) + s.CellsOf(f)
                + s.Killed[f] + s.Wounded[f] + s.Deserted[f] + s.Dispersed[f] + s.DefectedOut[f];
            Assert.True(Math.Abs(inflow - accounted) <= tolerance * Math.Max(1, inflow),
                $"{sc.FactionIds[f]} day {s.Day}: in {inflow} ≠ accounted {accounted}");
        }
    }

    [Fact]
    public void Invariants_hold_every_day_over_many_seeds()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front(days: 90)), 1);
        for (ulong seed = 1; seed <= 200; seed++)
        {
            sim.Reset(seed);
            while (!sim.Finished)
            {
                sim.Step();
                CheckInvariants(sim, tolerance: 0); // whole fighters: conservation is exact
            }
        }
    }

    [Fact]
    public void Invariants_hold_with_cells_strikes_and_uprisings()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.FrontUnderground(days: 150)), 1);
        double cells = 0, risen = 0, attacks = 0;
        for (ulong seed = 1; seed <= 100; seed++)
        {
            sim.Reset(seed);
            while (!sim.Finished)
            {
                sim.Step();
                CheckInvariants(sim, tolerance: 0);
            }
            cells += sim.State.CellsOf(1) + sim.State.Killed[1];
            risen += sim.State.Risen[0];
            attacks += sim.State.Attacks[1];
        }
        // The scenario really exercises both phases, or the invariant above proves nothing about them.
        Assert.True(cells > 0 && risen > 0 && attacks > 0, $"cells {cells}, risen {risen}, attacks {attacks}");
    }

    [Fact]
    public void Invariants_hold_with_cells_and_uprisings_in_deterministic_mode()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.FrontUnderground(days: 150, mode: CombatMode.Deterministic)), 1);
        while (!sim.Finished)
        {
            sim.Step();
            CheckInvariants(sim, tolerance: 1e-9);
        }
    }

    [Fact]
    public void Invariants_hold_for_random_insurgencies()
    {
        var gen =
            from seed in Gen.Choose(1, int.MaxValue)
            from cellShare in Gen.Choose(0, 10)
            from recruit in Gen.Choose(0, 50)
            from smuggled in Gen.Choose(0, 40)
            from strikes in Gen.Choose(0, 90)
            from attackAt in Gen.Choose(1, 400)
            from legitimacy in Gen.Choose(0, 10)
            select (seed, cellShare / 10.0, recruit / 1000.0, smuggled / 10.0, (double)strikes, (double)attackAt, legitimacy / 10.0);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (seed, cellShare, recruit, smuggled, strikes, attackAt, legitimacy) = t;
            var spec = TestScenarios.FrontUnderground(days: 60);
            var factions = spec.Factions.ToArray();
            factions[1] = factions[1] with
            {
                Legitimacy = legitimacy,
                Insurgency = factions[1].Insurgency! with
                {
                    CellShare = cellShare, Recruit = recruit, AttackAt = attackAt,
                    Smuggling = smuggled > 0 ? new SmugglingSpec("hills", smuggled) : null,
                },
            };
            var patrons = spec.Patrons.Select(p => p with { StrikesPerMonth = strikes }).ToArray();
            var sim = new Simulation(Scenario.Compile(spec with { Factions = factions, Patrons = patrons }), (ulong)seed);
            while (!sim.Finished)
            {
                sim.Step();
                CheckInvariants(sim, 0);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Invariants_hold_in_deterministic_mode()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Front(days: 90)), 1, new SimulationOptions { Mode = CombatMode.Deterministic });
        while (!sim.Finished)
        {
            sim.Step();
            CheckInvariants(sim, tolerance: 1e-9);
        }
    }

    [Fact]
    public void Invariants_hold_for_random_forces_and_fire_rates()
    {
        var gen =
            from seed in Gen.Choose(1, int.MaxValue)
            from blue in Gen.Choose(0, 5000)
            from red in Gen.Choose(0, 3000)
            from fire in Gen.Choose(1, 100)
            from quality in Gen.Choose(1, 30)
            select (seed, blue, red, fire / 1000.0, quality / 10.0);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (seed, blue, red, fire, quality) = t;
            var spec = TestScenarios.Front(days: 40);
            var factions = spec.Factions.ToArray();
            factions[0] = factions[0] with { AimedFire = fire, Forces = new Dictionary<string, double> { ["base"] = blue, ["town"] = 100 } };
            factions[1] = factions[1] with { Quality = quality, Forces = new Dictionary<string, double> { ["centre"] = red } };
            var sim = new Simulation(Scenario.Compile(spec with { Factions = factions }), (ulong)seed);
            while (!sim.Finished)
            {
                sim.Step();
                CheckInvariants(sim, 0);
            }
        }).QuickCheckThrowOnFailure();
    }
}
