using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>Underground cells: formation, invisibility, growth, strikes and attacks (InsurgencyPhase).</summary>
public class InsurgencyTests
{
    private static int Region(Simulation sim, string id) => sim.Scenario.RegionIndex(id);
    private static int Faction(Simulation sim, string id) => sim.Scenario.FactionIndex(id);

    [Fact]
    public void Fighters_go_to_ground_only_once_the_faction_has_lost_its_territory()
    {
        var spec = TestScenarios.Underground(cells: 0, moveEvery: 30, phases: ["insurgency"]);
        var factions = spec.Factions.ToArray();
        factions[1] = factions[1] with
        {
            Forces = new Dictionary<string, double> { ["town"] = 200 },
            Insurgency = factions[1].Insurgency! with { GoToGround = 0.25 },
        };
        var regions = spec.Regions.Select(r => r.Id == "town" ? r with { Controller = "isis" } : r).ToArray();
        var sim = new Simulation(Scenario.Compile(spec with { Factions = factions, Regions = regions }), 1);
        int isis = Faction(sim, "isis"), town = Region(sim, "town");

        for (int d = 0; d < 10; d++) sim.Step();
        Assert.Equal(0, sim.State.CellsOf(isis));
        Assert.Equal(200, sim.State.Fighters[sim.State.Force(isis, town)]);

        sim.State.Controller[town] = Faction(sim, "gna"); // the town is lost
        sim.Step();
        Assert.Equal(50, sim.State.Cells[sim.State.Underground(isis, town)], 9); // a quarter went underground where they stood
        Assert.Equal(150, sim.State.Fighters[sim.State.Force(isis, town)], 9);
        sim.Step();
        Assert.Equal(50 + 150 * 0.25, sim.State.CellsOf(isis), 9);
    }

    [Fact]
    public void Cells_drift_from_exposed_ground_to_the_nearest_hideout()
    {
        var spec = TestScenarios.Underground(cells: 0, moveEvery: 2, phases: ["insurgency"]);
        var factions = spec.Factions.ToArray();
        factions[1] = factions[1] with { Insurgency = factions[1].Insurgency! with { Cells = new Dictionary<string, double> { ["town"] = 40 } } };
        var sim = new Simulation(Scenario.Compile(spec with { Factions = factions }), 1);
        int isis = Faction(sim, "isis");
        var s = sim.State;
        sim.Step();
        Assert.Equal(40, s.Cells[s.Underground(isis, Region(sim, "town"))]);
        sim.Step(); // day 2: one link, town → crossroads
        Assert.Equal(40, s.Cells[s.Underground(isis, Region(sim, "crossroads"))]);
        sim.Step(); sim.Step(); // day 4: crossroads → desert, a hideout, where they stay
        Assert.Equal(40, s.Cells[s.Underground(isis, Region(sim, "desert"))]);
        for (int d = 0; d < 6; d++) sim.Step();
        Assert.Equal(40, s.Cells[s.Underground(isis, Region(sim, "desert"))]);
    }

    [Fact]
    public void Dispersed_fighters_feed_the_cells_with_cell_share_and_leave_the_dispersed_count()
    {
        var spec = TestScenarios.Underground(cells: 0, phases: ["events", "insurgency"]);
        var factions = spec.Factions.ToArray();
        factions[1] = factions[1] with { Forces = new Dictionary<string, double> { ["town"] = 400 } };
        var regions = spec.Regions.Select(r => r.Id == "town" ? r with { Controller = "isis" } : r).ToArray();
        spec = spec with
        {
            Factions = factions, Regions = regions,
            Events = [new EventSpec { Id = "scatter", Day = 3, Effects = [new EffectSpec { Kind = EffectKind.Disperse, Faction = "isis", Amount = 0.5 }] }],
        };
        var sim = TestScenarios.Run(spec with { Days = 10 }, 1);
        int isis = Faction(sim, "isis");
        var s = sim.State;
        // 200 dispersed; cell_share 0.5 of them go underground, split evenly over the two hideouts.
        Assert.Equal(100, s.Dispersed[isis], 9);
        Assert.Equal(50, s.Cells[s.Underground(isis, Region(sim, "desert"))], 9);
        Assert.Equal(50, s.Cells[s.Underground(isis, Region(sim, "border"))], 9);
    }

    [Fact]
    public void Cells_are_invisible_to_combat_control_and_supply()
    {
        var spec = TestScenarios.Underground(cells: 0, gnaAtCrossroads: 100, phases: ["combat", "control", "supply", "insurgency"]);
        var factions = spec.Factions.ToArray();
        factions[1] = factions[1] with { Insurgency = factions[1].Insurgency! with { Cells = new Dictionary<string, double> { ["crossroads"] = 5000 } } };
        var sim = new Simulation(Scenario.Compile(spec with { Factions = factions, Days = 1 }), 1);
        sim.Run();
        var s = sim.State;
        int gna = Faction(sim, "gna"), crossroads = Region(sim, "crossroads");
        sim.World.Presence.Take(s);
        Assert.False(sim.World.Presence.Contested(sim.World, crossroads));
        Assert.Equal(100, s.Fighters[s.Force(gna, crossroads)]);
        Assert.Equal(0, s.Killed[gna]);
        Assert.Equal(gna, s.Controller[crossroads]);
        Assert.True(s.Supplied[s.Force(gna, crossroads)]);
    }

    [Fact]
    public void Cells_are_invisible_to_the_ai()
    {
        // Same start, one with 5,000 cells next to the GNA's forces: the GNA's orders are identical.
        Decisions.Order[] OrdersWith(double cells)
        {
            var spec = TestScenarios.Underground(cells: cells, gnaAtCrossroads: 100, phases: ["decisions"], mode: CombatMode.Stochastic);
            var sim = new Simulation(Scenario.Compile(spec), 7);
            sim.Step();
            var orders = new Decisions.Order[sim.World.Orders.Count];
            for (int i = 0; i < orders.Length; i++) orders[i] = sim.World.Orders[i];
            return orders;
        }
        var without = OrdersWith(0);
        Assert.NotEmpty(without);
        Assert.Equal(without, OrdersWith(5000));
    }

    [Theory]
    [InlineData(0.01, 3.0)]
    [InlineData(0.03, 0.5)]
    [InlineData(0.0, 2.0)]
    public void Recruitment_and_smuggling_follow_the_closed_form(double recruit, double smuggled)
    {
        const double c0 = 100;
        var sim = TestScenarios.Run(TestScenarios.Underground(cells: c0, recruit: recruit, smuggling: smuggled, days: 45), 1);
        int t = 45;
        // C(t+1) = (1 + ρ)·C(t) + S  ⇒  C(t) = (1 + ρ)^t·C₀ + S·((1 + ρ)^t − 1)/ρ  (S·t when ρ = 0).
        double growth = Math.Pow(1 + recruit, t);
        double expected = growth * c0 + (recruit > 0 ? smuggled * (growth - 1) / recruit : smuggled * t);
        int isis = Faction(sim, "isis");
        Assert.Equal(expected, sim.State.CellsOf(isis), 6);
        Assert.Equal(expected - c0, sim.State.Recruited[isis], 6);
        Assert.Equal(expected, sim.Outcome(0)!.Value, 6);
    }

    [Fact]
    public void Stochastic_growth_averages_to_the_closed_form()
    {
        const double c0 = 100, recruit = 0.01, smuggled = 2.5;
        var sim = new Simulation(Scenario.Compile(TestScenarios.Underground(cells: c0, recruit: recruit, smuggling: smuggled, days: 30, mode: CombatMode.Stochastic)), 1);
        double sum = 0;
        const int seeds = 400;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            sim.Reset(seed);
            sim.Run();
            sum += sim.State.CellsOf(1);
        }
        double growth = Math.Pow(1 + recruit, 30);
        double expected = growth * c0 + smuggled * (growth - 1) / recruit;
        Assert.InRange(sum / seeds, expected * 0.98, expected * 1.02);
    }

    [Fact]
    public void Strikes_at_tempo_zero_kill_nothing()
    {
        var sim = new Simulation(Scenario.Compile(TestScenarios.Underground(cells: 200, strikesPerMonth: 0, detection: 1, lethality: 1, mode: CombatMode.Stochastic)), 1);
        for (ulong seed = 1; seed <= 50; seed++)
        {
            sim.Reset(seed);
            sim.Run();
            Assert.Equal(0, sim.State.Killed[1]);
            Assert.Equal(200, sim.State.CellsOf(1));
            Assert.DoesNotContain(true, sim.State.Detected);
        }
    }

    [Fact]
    public void Deterministic_strikes_follow_the_closed_form()
    {
        const double c0 = 200, m = 6, d = 0.5, l = 0.3;
        var sim = TestScenarios.Run(TestScenarios.Underground(cells: c0, strikesPerMonth: m, detection: d, lethality: l, days: 60), 1);
        double expected = c0 * Math.Pow(1 - m / 30 * d * l, 60);
        Assert.Equal(expected, sim.State.CellsOf(1), 6);
        Assert.Equal(c0 - expected, sim.State.Killed[1], 6);
    }

    [Fact]
    public void Higher_strike_tempo_kills_more_on_average()
    {
        double MeanKilled(double tempo)
        {
            var sim = new Simulation(Scenario.Compile(TestScenarios.Underground(cells: 200, strikesPerMonth: tempo, mode: CombatMode.Stochastic)), 1);
            double sum = 0;
            for (ulong seed = 1; seed <= 100; seed++)
            {
                sim.Reset(seed);
                sim.Run();
                sum += sim.State.Killed[1];
            }
            return sum / 100;
        }
        double low = MeanKilled(1), mid = MeanKilled(3), high = MeanKilled(9);
        Assert.True(low > 0, "a strike a month still kills someone over 60 days");
        Assert.True(low < mid && mid < high, $"killed: {low} at 1/month, {mid} at 3, {high} at 9");
    }

    [Fact]
    public void A_group_sets_out_at_attack_at_and_surfaces_next_to_its_target()
    {
        const double c0 = 90, recruit = 0.01, attackAt = 100;
        // After k days the desert group has c0·(1+ρ)^k; it sets out on the first day it reaches attack_at, moves to
        // the crossroads the next day and, being next to the capital, surfaces there that same day.
        int k = 1;
        while (c0 * Math.Pow(1 + recruit, k) < attackAt) k++;
        var sim = TestScenarios.Run(TestScenarios.Underground(cells: c0, recruit: recruit, attackAt: attackAt, days: k + 1), 1);
        var s = sim.State;
        int isis = Faction(sim, "isis"), capital = Region(sim, "capital");
        Assert.Equal(1, s.Attacks[isis]);
        Assert.Equal(k + 1, sim.Outcome(2));
        Assert.Equal(c0 * Math.Pow(1 + recruit, k + 1), s.AttackPeak[s.Underground(isis, capital)], 9);
        Assert.Equal(s.AttackPeak[s.Underground(isis, capital)], s.Fighters[s.Force(isis, capital)], 9);
        Assert.Equal(0, s.CellsOf(isis));
    }

    [Fact]
    public void No_attack_below_attack_at()
    {
        var sim = TestScenarios.Run(TestScenarios.Underground(cells: 90, attackAt: 100, days: 30), 1);
        Assert.Equal(0, sim.State.Attacks[1]);
        Assert.Null(sim.Outcome(2));
    }

    [Fact]
    public void Runs_are_reproducible_by_seed()
    {
        var spec = TestScenarios.Underground(cells: 100, recruit: 0.02, smuggling: 1.5, strikesPerMonth: 10, attackAt: 150,
            gnaAtCrossroads: 50, phases: null, days: 90, mode: CombatMode.Stochastic) with { Phases = PhaseCatalog.DefaultOrder };
        var scenario = Scenario.Compile(spec);
        ulong Print(ulong seed)
        {
            var sim = new Simulation(scenario, seed);
            sim.Run();
            return sim.State.Fingerprint();
        }
        Assert.Equal(Print(3), Print(3));
        Assert.NotEqual(Print(3), Print(4));
    }

    [Fact]
    public void Reset_restore_and_threads_replay_cells_and_uprisings_exactly()
    {
        var scenario = Scenario.Compile(TestScenarios.FrontUnderground(days: 150));
        ulong Fresh(ulong seed)
        {
            var sim = new Simulation(scenario, seed);
            sim.Run();
            return sim.State.Fingerprint();
        }
        var reused = new Simulation(scenario, 5);
        for (int i = 0; i < 70; i++) reused.Step();
        var snapshot = reused.Snapshot();
        reused.Run();
        ulong first = reused.State.Fingerprint();
        Assert.Equal(Fresh(5), first);
        reused.Restore(snapshot);
        reused.Run();
        Assert.Equal(first, reused.State.Fingerprint());
        reused.Reset(6);
        reused.Run();
        Assert.Equal(Fresh(6), reused.State.Fingerprint());

        var sequential = new ulong[16];
        for (int i = 0; i < 16; i++) sequential[i] = Fresh((ulong)i + 10);
        var parallel = new ulong[16];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Fresh((ulong)i + 10));
        Assert.Equal(sequential, parallel);
    }
}
