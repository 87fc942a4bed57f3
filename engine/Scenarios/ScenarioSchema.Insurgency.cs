using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

/// <summary>The faction key <c>insurgency:</c> (see InsurgencyPhase and scenarios/README.md).</summary>
internal sealed partial class ScenarioSchema
{
    /// <summary>Terrain of each region read so far: regions come before factions, so hideouts can be checked.</summary>
    private readonly Dictionary<string, Terrain> terrains = new(StringComparer.Ordinal);

    private RegionSpec Remember(RegionSpec region)
    {
        terrains.TryAdd(region.Id, region.Terrain);
        return region;
    }

    private InsurgencySpec ReadInsurgency(MappingReader m)
    {
        var d = new InsurgencySpec();
        var unit = Bounds.Between(0, 1);
        var hideoutNodes = m.Scalars("hideouts", required: true);
        if (m.At("hideouts") is { IsSequence: true, Count: 0 } empty)
            m.Error(empty, "'hideouts' is empty; expected at least one region where the cells live");
        var hideouts = new List<string>();
        foreach (var node in hideoutNodes)
        {
            References.Add(new(Symbol.Region, node.Value, node));
            if (terrains.TryGetValue(node.Value, out var terrain) && terrain == Terrain.Sea)
                m.Error(node, $"hideout '{node.Value}' is a sea region; expected land where cells can hide");
            hideouts.Add(node.Value);
        }

        SmugglingSpec? smuggling = null;
        if (m.Child("smuggling") is { } sm)
        {
            var region = Ref(sm, "region", Symbol.Region, required: true);
            var perDay = sm.Number("per_day", Bounds.AtLeast(0), 0, required: true);
            smuggling = new SmugglingSpec(region ?? "", perDay);
        }

        var targets = new List<TargetSpec>();
        foreach (var t in m.Items("targets", "target"))
        {
            var region = Ref(t, "region", Symbol.Region, required: true);
            var from = t.Scalars("from");
            foreach (var node in from)
                if (!hideouts.Contains(node.Value))
                    t.Error(node, $"'{node.Value}' is not one of this faction's hideouts; expected one of {string.Join(", ", hideouts)}");
            targets.Add(new TargetSpec(region ?? "", from.Select(n => n.Value).ToList()));
        }

        return new InsurgencySpec
        {
            Hideouts = hideouts,
            CellShare = m.Number("cell_share", unit, d.CellShare),
            TerritoryBelow = m.Int("territory_below", 0, 100000, d.TerritoryBelow),
            GoToGround = m.Number("go_to_ground", unit, d.GoToGround),
            Recruit = m.Number("recruit", unit, d.Recruit),
            Smuggling = smuggling,
            MoveEvery = m.Int("move_every", 1, 3650, d.MoveEvery),
            Targets = targets,
            AttackAt = m.NumberOrNull("attack_at", Bounds.AtLeast(1)),
            Cells = ReadRegionValues(m.Child("cells"), Bounds.WholeAtLeast(0)),
        };
    }
}
