using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>The loader keys of the insurgency and population phases: read into the spec, and rejected when wrong.</summary>
public class UndergroundLoaderTests
{
    private const string Valid = """
        format: conflictsim/1
        assumption: "test fixture"
        scenario: {id: underground, title: Underground, start: 2017-01-01, days: 90}
        settings: {vision_residents: 25, max_jail_term: 40, arm_rate: 0.05}
        regions:
          - {id: misrata, name: Misrata, terrain: urban, controller: gna, population: 400000}
          - {id: south, name: South of Sirte, terrain: desert}
          - {id: bani_walid_east, name: East of Bani Waleed, terrain: desert}
          - {id: border, name: Tunisian border, terrain: desert}
          - {id: derna, name: Derna, terrain: urban, controller: isis, population: 80000, rises_for: dmsc}
          - {id: gulf, name: Gulf, terrain: sea}
        links:
          - {from: misrata, to: south}
          - {from: south, to: bani_walid_east}
          - {from: bani_walid_east, to: border}
          - {from: south, to: derna}
          - {from: misrata, to: gulf, kind: sea}
        factions:
          - {id: gna, name: GNA, forces: {misrata: 2000}}
          - id: isis
            name: ISIS
            legitimacy: 0.4
            rebels_join: dmsc
            forces: {derna: 300}
            insurgency:
              hideouts: [south, bani_walid_east]
              cell_share: 0.6
              territory_below: 1
              go_to_ground: 0.1
              recruit: 0.005
              smuggling: {region: border, per_day: 1.5}
              move_every: 5
              targets: [{region: misrata, from: [south]}]
              attack_at: 150
              cells: {south: 120}
          - {id: dmsc, name: DMSC}
        relations:
          - {between: [gna, isis], trust: -1}
          - {between: [dmsc, isis], trust: -1}
        patrons:
          - {id: us, name: US, client: gna, strikes_per_month: 6, detection: 0.4, strike_lethality: 0.25}
        events:
          - id: killings
            date: 2017-02-01
            effects:
              - legitimacy: {faction: isis, delta: -0.3}
              - strikes: {patron: us, per_month: 12}
        outcomes:
          - {id: cells, kind: cells, faction: isis}
          - {id: attacks, kind: attacks, faction: isis}
          - {id: misrata_hit, kind: first_day_attack, faction: isis, region: misrata, fighters: 50}
          - {id: risen, kind: uprising, faction: dmsc, at: misrata_hit}
          - {id: peak, kind: peak_active, faction: isis}

        """;

    [Fact]
    public void Every_key_is_read()
    {
        var result = ScenarioLoader.LoadText(Valid, "underground.yaml");
        Assert.Empty(result.Errors);
        var spec = result.Spec!;
        Assert.Equal(25, spec.Settings.VisionResidents);
        Assert.Equal(40, spec.Settings.MaxJailTerm);
        Assert.Equal(0.05, spec.Settings.ArmRate);
        Assert.Equal("dmsc", spec.Regions[4].RisesFor);
        var isis = spec.Factions[1];
        Assert.Equal(0.4, isis.Legitimacy);
        Assert.Equal("dmsc", isis.RebelsJoin);
        var ins = isis.Insurgency!;
        Assert.Equal(["south", "bani_walid_east"], ins.Hideouts);
        Assert.Equal((0.6, 1, 0.1, 0.005, 5, 150.0), (ins.CellShare, ins.TerritoryBelow, ins.GoToGround, ins.Recruit, ins.MoveEvery, ins.AttackAt!.Value));
        Assert.Equal(new SmugglingSpec("border", 1.5), ins.Smuggling);
        Assert.Equal("misrata", ins.Targets[0].Region);
        Assert.Equal(["south"], ins.Targets[0].From);
        Assert.Equal(120, ins.Cells["south"]);
        Assert.Null(spec.Factions[0].Insurgency);
        Assert.Equal(1.0, spec.Factions[0].Legitimacy);
        Assert.Equal((6.0, 0.4, 0.25), (spec.Patrons[0].StrikesPerMonth, spec.Patrons[0].Detection, spec.Patrons[0].StrikeLethality));
        Assert.Equal(EffectKind.Legitimacy, spec.Events[0].Effects[0].Kind);
        Assert.Equal(-0.3, spec.Events[0].Effects[0].Amount);
        Assert.Equal(12, spec.Events[0].Effects[1].Amount);
        Assert.Equal(50, spec.Outcomes[2].Threshold);
        Assert.Equal("misrata_hit", spec.Outcomes[3].At);

        var sc = Scenario.Compile(spec);
        Assert.Equal(120, sc.Insurgency.InitialCells[sc.Insurgency.Underground(1, sc.RegionIndex("south"))]);
        Assert.True(sc.Insurgency.Any && sc.Population.Any);
        var sim = new Simulation(sc, 1);
        // One row of underground slots: only faction 1 can go underground, so the others have none.
        Assert.Equal(sc.RegionCount, sim.State.Cells.Length);
        Assert.Equal(-1, sim.View.Underground(0, 0));
        Assert.Equal(420, sim.State.Initial[1]); // 300 on the map + 120 underground
        sim.Run();
        Assert.Equal(0.1, sim.State.Legitimacy[1], 12);
        Assert.Equal(12, sim.State.PatronStrikes[0]);
    }

    [Theory]
    [InlineData("hideouts: [south, bani_walid_east]", "hideouts: [south, gulf]", "hideout 'gulf' is a sea region")]
    [InlineData("hideouts: [south, bani_walid_east]", "hideouts: []", "'hideouts' is empty")]
    [InlineData("hideouts: [south, bani_walid_east]", "hideouts: [south, nowhere]", "unknown region 'nowhere'")]
    [InlineData("from: [south]", "from: [border]", "'border' is not one of this faction's hideouts")]
    [InlineData("cell_share: 0.6", "cell_share: 1.6", "value 1.6 is out of range")]
    [InlineData("attack_at: 150", "attack_at: 0", "value 0 is out of range")]
    [InlineData("move_every: 5", "move_every: 0", "value 0 is out of range")]
    [InlineData("cells: {south: 120}", "cells: {south: 12.5}", "expected a whole number >= 0")]
    [InlineData("smuggling: {region: border, per_day: 1.5}", "smuggling: {per_day: 1.5}", "missing required key 'region'")]
    [InlineData("recruit: 0.005", "recruit: 0.005\n      hide: true", "unknown key 'hide'")]
    [InlineData("rises_for: dmsc", "rises_for: nobody", "unknown faction 'nobody'")]
    [InlineData("rebels_join: dmsc", "rebels_join: rebels", "unknown faction 'rebels'")]
    [InlineData("legitimacy: 0.4", "legitimacy: 1.4", "value 1.4 is out of range")]
    [InlineData("detection: 0.4", "detection: 2", "value 2 is out of range")]
    [InlineData("vision_residents: 25", "vision_residents: 0", "value 0 is out of range")]
    [InlineData("strikes: {patron: us, per_month: 12}", "strikes: {patron: us}", "missing required key 'per_month'")]
    [InlineData("legitimacy: {faction: isis, delta: -0.3}", "legitimacy: {faction: isis}", "missing required key 'delta'")]
    [InlineData("region: misrata, fighters: 50}", "fighters: 50}", "missing required key 'region'")]
    [InlineData("{id: peak, kind: peak_active, faction: isis}", "{id: peak, kind: peak_active, faction: isis, at: misrata_hit}", "key 'at' does not apply to this outcome; expected peak_active takes only faction: or factions:")]
    [InlineData("{id: cells, kind: cells, faction: isis}", "{id: cells, kind: cells, faction: isis, fighters: 3}", "key 'fighters' does not apply to this outcome")]
    public void Broken_keys_are_reported(string find, string replace, string message)
    {
        Assert.Contains(find, Valid);
        var result = ScenarioLoader.LoadText(Valid.Replace(find, replace), "underground.yaml");
        Assert.Null(result.Spec);
        Assert.Contains(result.Errors, e => e.Message.Contains(message));
    }

    [Fact]
    public void Insurgency_numbers_need_provenance()
    {
        var yaml = Valid.Replace("assumption: \"test fixture\"\n", "").Replace("- {id: gna, name: GNA, forces: {misrata: 2000}}", "- {id: gna, name: GNA, assumption: fixture, forces: {misrata: 2000}}");
        var errors = ScenarioLoader.LoadText(yaml, "underground.yaml").Errors;
        int line = Array.FindIndex(yaml.Split('\n'), l => l.Contains("cell_share")) + 1;
        Assert.Contains(errors, e => e.Message.StartsWith("number has no provenance") && e.Line == line);
    }
}
