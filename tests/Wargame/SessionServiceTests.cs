using ConflictSim.Analysis;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Wargame.Game;
using static ConflictSim.Tests.Wargame.Games;

namespace ConflictSim.Tests.Wargame;

/// <summary>The session service's rules, without a browser: orders, phases, adjudication, publish, injects, branches, the log.</summary>
public class SessionServiceTests
{
    private static readonly Role White = Role.White;

    // ---- Orders ----

    [Fact]
    public void A_move_is_checked_by_the_engine_and_a_refusal_says_why()
    {
        using var s = New();
        var ok = s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "abu_grein", 500));
        Assert.Equal("500 of bunyan_marsus move from misrata to abu_grein", ok.Message);
        Assert.Contains("are not linked", s.No(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "benghazi", 10)).Message);
        Assert.Contains("only 3500 fighters of bunyan_marsus at misrata are not already ordered elsewhere",
            s.No(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "abu_grein", 3600)).Message);
        Assert.Contains("no region 'atlantis'", s.No(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "atlantis", 10)).Message);
        Assert.Contains("at least one fighter", s.No(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "abu_grein", double.NaN)).Message);
        Assert.Single(s.Drafts);
        Assert.Equal(1, s.Read(() => s.Engine.PendingOrders.Length));
    }

    [Fact]
    public void A_cell_cannot_order_a_faction_it_does_not_command_nor_touch_another_cells_orders()
    {
        using var s = New();
        Assert.Equal("GNA does not command 'lna'; it commands gna_pc, bunyan_marsus", s.No(Gnar, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 100)).Message);
        Assert.Contains("does not command 'isis'", s.No(Lnar, new SubmitOrder("isis", OrderKind.Move, "sirte_centre", "sirte_port", 100)).Message);
        int id = (int)s.Ok(Lnar, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 100)).Value!;
        Assert.Equal($"order {id} is not gna's to withdraw", s.No(Gnar, new CancelOrder(id)).Message);
        Assert.Equal("White does not give orders; the cells do", s.No(White, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 1)).Message);
        s.Ok(Lnar, new CancelOrder(id));
        Assert.Empty(s.Drafts);
        Assert.Equal(0, s.Read(() => s.Engine.PendingOrders.Length));
    }

    [Fact]
    public void Hold_withdraws_the_moves_out_of_a_region_and_withdraw_takes_every_fighter()
    {
        using var s = New();
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "abu_grein", 500));
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 300));
        var hold = s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Hold, "misrata", null, 0));
        Assert.Contains("1 order(s) out of it withdrawn", hold.Message);
        Assert.Equal([OrderKind.Move, OrderKind.Hold], s.Drafts.Select(d => d.Kind));
        Assert.Equal(1, s.Read(() => s.Engine.PendingOrders.Length));

        var withdraw = s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Withdraw, "abu_grein", "misrata", 0));
        Assert.Equal("bunyan_marsus withdraws all 2500 fighters from abu_grein to misrata", withdraw.Message);
        var pending = s.Read(() => s.Engine.PendingOrders.ToArray());
        Assert.Equal([2500.0], pending.Select(o => o.Fighters));
    }

    [Fact]
    public void A_move_goes_out_on_the_first_day_and_a_standing_order_again_every_day_as_documented()
    {
        using var s = New(replicates: 4);
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 400));
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Standing, "misrata", "abu_grein", 150));
        s.PlayTurn("canonical");

        // The same turn played by hand through the engine's own Session.Advance hook.
        var hand = new Session(Libya, 2016);
        hand.Command("gna_pc", OrderSourceKind.Human); hand.Command("bunyan_marsus", OrderSourceKind.Human); hand.Command("lna", OrderSourceKind.Human);
        int bm = Libya.FactionIndex("bunyan_marsus"), misrata = Libya.RegionIndex("misrata");
        Assert.True(hand.Submit("bunyan_marsus", "abu_grein", "sirte_approach", 400).IsAccepted);
        Assert.True(hand.Submit("bunyan_marsus", "misrata", "abu_grein", 150).IsAccepted);
        hand.Advance(7, d =>
        {
            if (d == 0) return;
            double there = Math.Floor(hand.Simulation.View.Fighters[hand.Simulation.View.Force(bm, misrata)]);
            if (Math.Min(150, there) >= 1) Assert.True(hand.Submit("bunyan_marsus", "misrata", "abu_grein", Math.Min(150, there)).IsAccepted);
        });
        Assert.Equal(7, s.Day);
        Assert.Null(hand.Simulation.State.FirstDifference(s.Read(() => s.Engine.Simulation.State)));
    }

    // ---- Phases ----

    [Fact]
    public void A_turn_goes_planning_locked_adjudicated_published_and_each_phase_refuses_what_it_does_not_allow()
    {
        using var s = New(replicates: 8);
        Assert.Equal(TurnPhase.Planning, s.Phase);
        Assert.Contains("adjudicate it before publishing", s.No(White, new PublishTurn("canonical")).Message);
        Assert.Contains("lock it first", s.No(White, new AdjudicateTurn()).Message);
        s.Ok(Lnar, new MarkReady(true));
        Assert.True(s.ClockView().Ready["lna"]);
        s.Ok(White, new LockTurn());
        Assert.Equal(TurnPhase.Locked, s.Phase);
        Assert.Equal("orders are closed: the turn is locked", s.No(Lnar, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 10)).Message);
        Assert.Contains("only a turn in planning can be locked", s.No(White, new LockTurn()).Message);
        s.Ok(White, new AdjudicateTurn());
        Assert.Equal(TurnPhase.Adjudicated, s.Phase);
        Assert.Contains("the adjudication has started", s.No(White, new ApplyInject("reinforce", Faction: "lna", Region: "benghazi", Amount: 10)).Message);
        s.Ok(White, new PublishTurn("median"));
        Assert.Equal(TurnPhase.Published, s.Phase);
        Assert.Equal(1, s.Turn);
        Assert.Equal(7, s.Day);
        Assert.Equal("2016-06-08", s.ClockView().Date);
        s.Ok(White, new OpenTurn());
        Assert.Equal(TurnPhase.Planning, s.Phase);
        Assert.False(s.ClockView().Ready["lna"]);
        s.Ok(White, new LockTurn());
        s.Ok(White, new UnlockTurn());
        Assert.Equal(TurnPhase.Planning, s.Phase);
    }

    // ---- Adjudication ----

    [Fact]
    public void Adjudication_runs_K_200_by_default_with_derived_seeds_and_bands_P10_P50_P90()
    {
        using var s = WargameSession.Start(Libya, GameSetup.Of(ScenarioPath, Sha, 2016, [Gna, Lna]));
        Assert.Equal(200, s.Setup.Replicates);
        Assert.Equal(7, s.Setup.TurnDays);
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 1500));
        s.Ok(White, new LockTurn());
        s.Ok(White, new AdjudicateTurn());
        var a = s.Adjudication!;
        Assert.Equal(200, a.Replicates);
        int nf = Libya.FactionCount, isis = Libya.FactionIndex("isis");
        var column = Enumerable.Range(0, 200).Select(i => a.Fighters[i * nf + isis]).Order().ToArray();
        Assert.Equal(Adjudicator.Quantile(column, 0.1), a.FighterBands[isis].P10);
        Assert.Equal(Adjudicator.Quantile(column, 0.5), a.FighterBands[isis].P50);
        Assert.Equal(Adjudicator.Quantile(column, 0.9), a.FighterBands[isis].P90);
        Assert.True(a.FighterBands[isis].P10 < a.FighterBands[isis].P90, "combat on the approach is stochastic; the band has width");
        Assert.Equal(RunPipeline.RunSeed(a.Seed, 17), a.SeedOf(17));

        // Replicate 17 is exactly the locked state reseeded with its seed and played.
        var sim = new Simulation(Libya, 2016);
        var start = s.Read(() => s.Engine.Simulation.Snapshot());
        Adjudicator.Replay(sim, start, [], 7, a, 17);
        Assert.Equal(a.Fighters[17 * nf + isis], sim.View.FightersOf(isis) + sim.View.InTransitOf(isis));
    }

    [Fact]
    public void The_adjudication_is_the_same_on_one_thread_as_on_all_and_nearest_median_minimises_its_distance()
    {
        Adjudication Run(int threads)
        {
            using var s = New(replicates: 40, threads: threads);
            s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 1500));
            s.Ok(White, new LockTurn());
            s.Ok(White, new AdjudicateTurn());
            return s.Adjudication!;
        }
        var one = Run(1);
        var all = Run(Math.Max(2, Environment.ProcessorCount));
        Assert.Equal(one.Fighters, all.Fighters);
        Assert.Equal(one.Controllers, all.Controllers);
        Assert.Equal(one.NearestMedian, all.NearestMedian);

        int nf = Libya.FactionCount, nr = Libya.RegionCount;
        double Distance(int i)
        {
            double d = 0;
            for (int f = 0; f < nf; f++)
            {
                var b = one.FighterBands[f];
                double z = (one.Fighters[i * nf + f] - b.P50) / Math.Max(1, b.P90 - b.P10);
                d += z * z;
            }
            for (int r = 0; r < nr; r++)
            {
                var counts = Enumerable.Range(0, one.Replicates).GroupBy(k => one.Controllers[k * nr + r]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
                if (one.Controllers[i * nr + r] != counts) d += 1;
            }
            return d;
        }
        double best = Distance(one.NearestMedian);
        for (int i = 0; i < one.Replicates; i++) Assert.True(Distance(i) >= best - 1e-12, $"replicate {i} is nearer the median than {one.NearestMedian}");
    }

    [Fact]
    public void Publish_canonical_or_median_makes_that_run_the_live_state()
    {
        foreach (var choice in new[] { "canonical", "median" })
        {
            using var s = New(replicates: 16);
            s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 1500));
            s.Ok(White, new LockTurn());
            s.Ok(White, new AdjudicateTurn());
            var a = s.Adjudication!;
            s.Ok(White, new PublishTurn(choice));
            int nf = Libya.FactionCount;
            var v = s.Read(() => s.Engine.Simulation.Snapshot()).View;
            for (int f = 0; f < nf; f++)
            {
                double expected = choice == "canonical" ? a.CanonicalFighters[f] : a.Fighters[a.NearestMedian * nf + f];
                Assert.Equal(expected, v.FightersOf(f) + v.InTransitOf(f));
            }
            Assert.Equal(choice == "canonical" ? 2016UL : a.SeedOf(a.NearestMedian), s.TurnRecords[0].Seed);
        }
    }

    [Fact]
    public void Edits_need_a_rationale_and_those_outside_the_band_are_published_but_flagged()
    {
        using var s = New(replicates: 16);
        s.Ok(White, new LockTurn());
        s.Ok(White, new AdjudicateTurn());
        Assert.Contains("has no rationale", s.No(White, new PublishTurn("canonical", [new StateEdit("lna", "benghazi", 3000, " ")])).Message);
        int lna = Libya.FactionIndex("lna"), benghazi = Libya.RegionIndex("benghazi");
        var a = s.Adjudication!;
        var r = s.Ok(White, new PublishTurn("canonical",
        [
            new StateEdit("lna", "benghazi", null, "the canonical run keeps Benghazi; restated for the class"),
            new StateEdit("isis", "sirte_centre", 20000, "an ISIS surge no replicate showed: a teaching point"),
        ], "turn one"));
        Assert.Equal([false, true], (bool[])r.Value!);
        var v = s.Read(() => s.Engine.Simulation.Snapshot()).View;
        Assert.Equal(20000, v.Fighters[v.Force(Libya.FactionIndex("isis"), Libya.RegionIndex("sirte_centre"))]);
        Assert.Equal(lna, v.Controller[benghazi]);
        var record = s.TurnRecords.Single();
        Assert.Equal([false, true], record.Edits.Select(e => e.OutOfBand));
        Assert.Contains(s.LogLines, l => l.Action is PublishTurn && l.Message.Contains("2 edit(s), 1 out of band"));
    }

    [Fact]
    public void An_engine_failure_during_adjudication_leaves_the_session_up_for_a_manual_publish()
    {
        using var s = New(replicates: 8);
        s.AdjudicationFault = () => new InvalidOperationException("NaN fighters in sirte_port");
        s.Ok(White, new LockTurn());
        var failed = s.No(White, new AdjudicateTurn());
        Assert.Contains("the engine failed during adjudication: NaN fighters in sirte_port", failed.Message);
        Assert.Equal(TurnPhase.Adjudicated, s.Phase);
        Assert.Contains("only a manual publish", s.No(White, new PublishTurn("canonical")).Message);
        s.Ok(White, new PublishTurn("manual", [new StateEdit("bunyan_marsus", "sirte_approach", 800, "umpire's call: the approach falls")]));
        var v = s.Read(() => s.Engine.Simulation.Snapshot()).View;
        Assert.Equal(800, v.Fighters[v.Force(Libya.FactionIndex("bunyan_marsus"), Libya.RegionIndex("sirte_approach"))]);
        Assert.Equal(TurnPhase.Published, s.Phase);
        Assert.True(s.TurnRecords[0].Edits[0].OutOfBand, "with no band every edit is flagged");
    }

    // ---- Injects and messages ----

    [Fact]
    public void White_fires_an_event_early_late_or_never_and_applies_targeted_injects()
    {
        using var s = New(replicates: 4);
        Assert.Contains("is not before the event's own day", s.No(White, new ChangeEvent("leak", "early", 40)).Message);
        s.Ok(White, new ChangeEvent("leak", "early", 3, ["gna"], "The leak is out early."));
        s.Ok(White, new ChangeEvent("pc_shortfall", "never"));
        s.Ok(White, new ChangeEvent("lna_stalls", "late", 200));
        Assert.Contains("no event 'moon_landing'", s.No(White, new ChangeEvent("moon_landing", "never")).Message);
        s.Ok(White, new ApplyInject("trust", Faction: "lna", Other: "pfg", Amount: -0.3, Notify: ["lna"], Note: "Talks with the PFG break down."));
        s.Ok(White, new ApplyInject("patron", Patron: "us_africom", Amount: 12, Day: 2));
        s.Ok(White, new ApplyInject("reinforce", Faction: "lna", Region: "benghazi", Amount: 500, Notify: ["lna"], Note: "500 reinforcements reach Benghazi."));
        Assert.Contains("out of range", s.No(White, new ApplyInject("trust", Faction: "lna", Other: "pfg", Amount: 5)).Message);
        Assert.Contains("no cell 'isis'", s.No(White, new ApplyInject("reinforce", Faction: "lna", Region: "benghazi", Amount: 5, Notify: ["isis"])).Message);
        Assert.Equal(2, s.Feed.Count(f => f.To.Contains("lna")));
        int Effects(string id) => Libya.Spec.Events.Single(e => e.Id == id).Effects.Count;
        // The moved events' effects and the three accepted injects all wait in the queue for their day.
        Assert.Equal(Effects("leak") + Effects("lna_stalls") + 3, s.Read(() => s.Engine.QueuedInjects));
        Assert.Equal(["The leak is out early."], s.ViewOf("gna").Feed.Select(f => f.Text));
        Assert.DoesNotContain(s.ViewOf("lna").Feed, f => f.Text.Contains("leak"));

        s.PlayTurn();
        Assert.Contains(s.Read(() => s.Engine.Log), e => e.Kind == "event-cancelled" && e.Text == "pc_shortfall");
        Assert.Contains(s.Read(() => s.Engine.Log), e => e.Kind == "event-rescheduled" && e.Text == "leak → day 3");
        Assert.Contains(s.LogLines, l => l.Action is ApplyInject { Kind: "patron" } && l.Accepted);
        Assert.True(s.TurnRecords[0].Bands.Count > 0);
    }

    [Fact]
    public void Messages_reach_only_the_cells_they_are_for()
    {
        using var s = New();
        s.Ok(White, new SendMessage(["lna"], "Haftar's envoy is in Cairo."));
        s.Ok(Gnar, new SendMessage(null, "Request air support over Sirte."));
        Assert.Equal("a cell's messages go to White only", s.No(Gnar, new SendMessage(["lna"], "psst")).Message);
        Assert.Contains("over 2000 characters", s.No(White, new SendMessage(null, new string('x', 2001))).Message);
        Assert.Equal(["Haftar's envoy is in Cairo."], s.ViewOf("lna").Feed.Select(f => f.Text));
        Assert.Equal(["Request air support over Sirte."], s.ViewOf("gna").Feed.Select(f => f.Text));
        Assert.Equal(2, s.WhiteViewNow().Feed.Count);
    }

    // ---- Forecast ----

    [Fact]
    public void A_forecast_is_Whites_unless_White_allows_a_cell_which_then_sees_only_its_own_fans()
    {
        using var s = New();
        s.Ok(White, new RequestForecast(40, 30));
        Assert.Equal("White has not allowed your cell to ask for forecasts", s.No(Gnar, new RequestForecast(40, 30)).Message);
        s.Ok(White, new AllowForecast("gna", true));
        var view = (ForecastView)s.Ok(Gnar, new RequestForecast(40, 30)).Value!;
        Assert.Equal(40, view.Runs);
        Assert.Equal(30, view.ToDay);
        Assert.All(view.Fans, f => Assert.Contains(f.Faction, Gna.Factions));
        var white = (ForecastView)s.Ok(White, new RequestForecast(40, 30)).Value!;
        Assert.Contains(white.Fans, f => f.Faction == "isis");
        Assert.Contains("expected a day after today", s.No(White, new RequestForecast(10, 0)).Message);
        Assert.Contains(s.LogLines, l => l.Action is RequestForecast && l.Seed is not null);
    }

    // ---- Rewind and branches ----

    [Fact]
    public void Rewind_to_a_turn_starts_a_named_branch_and_both_stay_playable()
    {
        using var s = New(replicates: 4);
        s.PlayTurn();
        var afterOne = s.StateHex();
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 1000));
        s.PlayTurn();
        var mainEnd = s.StateHex();
        Assert.Equal(2, s.Turn);

        s.Ok(White, new RewindTo(1, "cautious"));
        Assert.Equal(["main", "cautious"], s.Branches);
        Assert.Equal("cautious", s.CurrentBranch);
        Assert.Equal(1, s.Turn);
        Assert.Equal(afterOne, s.StateHex());
        Assert.Empty(s.Drafts);
        Assert.Contains("already", s.No(White, new RewindTo(0, "cautious")).Message);

        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Hold, "abu_grein", null, 0));
        s.PlayTurn();
        Assert.NotEqual(mainEnd, s.StateHex());
        s.Ok(White, new SwitchBranch("main"));
        Assert.Equal(mainEnd, s.StateHex());
        Assert.Equal(2, s.Turn);
        s.PlayTurn();
        Assert.Equal(3, s.Turn);
    }

    // ---- Fog of war ----

    [Fact]
    public void A_cell_sees_its_own_forces_exactly_others_as_bands_where_it_observes_and_only_its_own_relations()
    {
        using var s = New();
        var picture = s.ViewOf("gna").Picture;
        var sim = s.Read(() => s.Engine.Simulation.Snapshot());
        var v = sim.View;
        var sc = Libya;
        var observers = Gna.Factions.Select(f => s.Read(() => s.Engine.Observe(f))).ToList();
        foreach (var region in picture.Regions)
            Assert.Equal(observers.Any(o => o.Observed[sc.RegionIndex(region.Id)]), region.Observed);
        foreach (var f in picture.Forces)
        {
            double truth = v.Fighters[v.Force(sc.FactionIndex(f.Faction), sc.RegionIndex(f.Region))];
            if (Gna.Factions.Contains(f.Faction)) { Assert.True(f.Exact); Assert.Equal(truth, f.Low); Assert.NotNull(f.Morale); }
            else
            {
                Assert.False(f.Exact);
                Assert.True(picture.Regions.Single(r => r.Id == f.Region).Observed);
                Assert.Equal(StrengthBand.Of(truth), (f.Low, f.High));
                Assert.Null(f.Morale);
            }
        }
        // Every force of its own is there; ISIS in central Sirte, two regions from any GNA force, is not.
        foreach (var own in Gna.Factions)
            for (int r = 0; r < sc.RegionCount; r++)
                if (v.Fighters[v.Force(sc.FactionIndex(own), r)] > 0) Assert.Contains(picture.Forces, f => f.Faction == own && f.Region == sc.RegionIds[r]);
        Assert.DoesNotContain(picture.Forces, f => f.Faction == "isis" && f.Region == "sirte_centre");
        Assert.Contains(picture.Forces, f => f.Faction == "isis" && f.Region == "sirte_approach");
        Assert.All(picture.Trust, t => Assert.Contains(t.Faction, Gna.Factions));
        Assert.Contains(picture.Trust, t => t.Faction == "bunyan_marsus" && t.Other == "lna");
    }

    [Fact]
    public void Underground_cells_are_never_in_a_cells_picture_even_next_to_its_forces()
    {
        var sc = Scenario.Compile(ConflictSim.Tests.Support.TestScenarios.Underground(cells: 120, gnaAtCrossroads: 100));
        var cell = new Cell("gov", "Government", ["gna"]);
        using var s = WargameSession.Start(sc, GameSetup.Of("underground.yaml", "", 1, [cell], turnDays: 3, replicates: 2));
        for (int turn = 0; turn < 2; turn++)
        {
            var picture = s.ViewOf("gov").Picture;
            Assert.True(picture.Regions.Single(r => r.Id == "desert").Observed, "the desert borders the crossroads the GNA holds");
            Assert.DoesNotContain(picture.Forces, f => f.Faction == "isis");
            Assert.True(s.WhiteViewNow().Truth.Cells[sc.FactionIndex("isis")] > 0, "the cells are there, and White sees them");
            s.PlayTurn();
        }
    }

    [Fact]
    public void White_overrides_what_a_cell_sees_region_by_region_and_every_override_is_logged()
    {
        using var s = New();
        s.Ok(White, new SetOverride("gna", "sirte_approach", Visible: false));
        s.Ok(White, new SetOverride("gna", "sirte_centre", Visible: true));
        s.Ok(White, new SetOverride("gna", "bani_waleed", Owner: "isis", Faction: "isis", Low: 400, High: 800));
        s.Ok(White, new SetOverride("lna", "derna", Owner: "none"));
        Assert.Contains("knows its own forces exactly", s.No(White, new SetOverride("gna", "misrata", Faction: "bunyan_marsus", Low: 1, High: 2)).Message);
        Assert.Contains("changes nothing", s.No(White, new SetOverride("gna", "misrata")).Message);
        Assert.Contains("no cell 'isis'", s.No(White, new SetOverride("isis", "misrata", Visible: true)).Message);

        var gna = s.ViewOf("gna").Picture;
        Assert.False(gna.Regions.Single(r => r.Id == "sirte_approach").Observed);
        Assert.DoesNotContain(gna.Forces, f => f.Region == "sirte_approach" && f.Faction == "isis");
        Assert.True(gna.Regions.Single(r => r.Id == "sirte_centre").Observed);
        var centre = gna.Forces.Single(f => f.Region == "sirte_centre" && f.Faction == "isis");
        Assert.Equal(StrengthBand.Of(1200), (centre.Low, centre.High));
        Assert.Equal("isis", gna.Regions.Single(r => r.Id == "bani_waleed").Controller);
        Assert.Equal((400.0, 800.0), gna.Forces.Where(f => f.Region == "bani_waleed").Select(f => (f.Low, f.High)).Single());
        Assert.Null(s.ViewOf("lna").Picture.Regions.Single(r => r.Id == "derna").Controller);
        Assert.Equal("dmsc", s.ViewOf("gna").Picture.Regions.Single(r => r.Id == "derna").Controller); // only the LNA's picture changed

        s.Ok(White, new ClearOverride("gna", "sirte_approach"));
        Assert.True(s.ViewOf("gna").Picture.Regions.Single(r => r.Id == "sirte_approach").Observed);
        Assert.Equal(5, s.LogLines.Count(l => l.Action is SetOverride or ClearOverride && l.Accepted));
        Assert.Equal(3, s.LogLines.Count(l => l.Action is SetOverride && !l.Accepted));
    }

    [Fact]
    public void Publishing_tells_every_cell_in_a_debrief_and_White_keeps_the_flags_to_itself()
    {
        using var s = New(replicates: 4);
        s.Ok(White, new LockTurn());
        s.Ok(White, new AdjudicateTurn());
        s.Ok(White, new PublishTurn("canonical", [new StateEdit("isis", "sirte_centre", 50000, "teaching point")], "Sirte holds."));
        foreach (var cell in new[] { "gna", "lna" })
        {
            var debrief = s.ViewOf(cell).Feed.Single();
            Assert.Equal("Turn 1 is published: it is now 8 June 2016. Sirte holds.", debrief.Text);
        }
        Assert.DoesNotContain(s.ViewOf("gna").Feed, f => f.Text.Contains("teaching point") || f.Text.Contains("band"));
    }

    // ---- Log and resume ----

    [Fact]
    public void Every_action_is_logged_before_it_is_answered_and_replaying_the_log_rebuilds_the_session()
    {
        using var dir = new ScratchDirectory();
        string log = Path.Combine(dir.Path, "session.jsonl");
        string fingerprint, state;
        using (var s = New(replicates: 12, log: log))
        {
            s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Standing, "misrata", "abu_grein", 100));
            s.No(Lnar, new SubmitOrder("isis", OrderKind.Move, "sirte_centre", "sirte_port", 10));
            s.Ok(White, new SetOverride("lna", "derna", Visible: false));
            s.Ok(White, new ApplyInject("reinforce", Faction: "lna", Region: "benghazi", Amount: 250));
            s.PlayTurn("median");
            s.Ok(White, new RewindTo(0, "again"));
            s.Ok(Lnar, new SubmitOrder("lna", OrderKind.Move, "benghazi", "ajdabiya", 900));
            s.Ok(White, new LockTurn());
            s.Ok(White, new AdjudicateTurn());
            // Each line is on the disk when the action returns.
            var lines = File.ReadAllLines(log);
            Assert.Equal(s.LogLines.Count, lines.Length);
            Assert.Contains("\"type\":\"adjudicate\"", lines[^1]);
            Assert.Contains(lines, l => l.Contains("\"actor\":\"lna\"") && l.Contains("\"accepted\":false") && l.Contains("does not command"));
            fingerprint = s.Fingerprint();
            state = s.StateHex();
        }
        // A torn line, as kill -9 mid-write leaves, was never acknowledged and is dropped.
        File.AppendAllText(log, "{\"seq\":99,\"actor\":\"white\",\"acti");
        using var resumed = WargameSession.Resume(Libya, log);
        Assert.Equal(fingerprint, resumed.Fingerprint());
        Assert.Equal(state, resumed.StateHex());
        Assert.Equal(TurnPhase.Adjudicated, resumed.Phase);
        Assert.NotNull(resumed.Adjudication);
        resumed.Ok(White, new PublishTurn("canonical"));
        Assert.EndsWith("\n", File.ReadAllText(log));
        Assert.DoesNotContain("\"acti\n", File.ReadAllText(log));
    }

    [Fact]
    public void A_log_that_does_not_replay_to_the_same_states_is_refused_with_its_line()
    {
        using var dir = new ScratchDirectory();
        string log = Path.Combine(dir.Path, "session.jsonl");
        using (var s = New(replicates: 4, log: log)) s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "misrata", "abu_grein", 500));
        File.WriteAllText(log, File.ReadAllText(log).Replace("\"fighters\":500", "\"fighters\":400"));
        var e = Assert.Throws<InvalidDataException>(() => WargameSession.Resume(Libya, log));
        Assert.StartsWith($"{log}:2:1: replay diverged", e.Message);
    }
}
