using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ConflictSim.Wargame.Game;

/// <summary>
/// "Export this turn as a scenario": the scenario file the session plays, rewritten to start from the live state —
/// the start date becomes today's game date, the run the days that remain, each region's controller the current
/// one, each faction's forces the fighters it has on the map now, each declared relation's trust today's — and the
/// events and scripted orders already past (or cancelled by White) dropped. The result loads and sweeps like any
/// scenario: the bridge from a classroom game to a Monte Carlo analysis. What a scenario file cannot say (morale,
/// supply, movements under way, underground cells) starts afresh; the exact state is the state-file export.
/// </summary>
public static class ScenarioExport
{
    /// <summary>The YAML text.</summary>
    public static string Yaml(WargameSession s) => s.Read(() =>
    {
        var sc = s.Scenario;
        var sim = s.Engine.Simulation;
        var v = sim.View;
        int day = v.Day;
        var start = s.DateOf(day);
        string provenance = $"the wargame's published state at turn {s.Turn + 1}, day {day} ({start:yyyy-MM-dd}), branch {s.CurrentBranch}";

        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(s.Setup.ScenarioPath))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var head = (YamlMappingNode)root["scenario"];
        head.Children[new YamlScalarNode("id")] = new YamlScalarNode($"{sc.Spec.Id}-turn{s.Turn + 1}");
        head.Children[new YamlScalarNode("title")] = new YamlScalarNode($"{sc.Spec.Title} — from {provenance}") { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
        head.Children[new YamlScalarNode("start")] = new YamlScalarNode(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        head.Children[new YamlScalarNode("days")] = new YamlScalarNode(Math.Max(1, sim.Days - day).ToString(CultureInfo.InvariantCulture));

        foreach (YamlMappingNode region in (YamlSequenceNode)root["regions"])
        {
            int r = sc.RegionIndex(((YamlScalarNode)region["id"]).Value!);
            var key = new YamlScalarNode("controller");
            if (v.Controller[r] >= 0) region.Children[key] = new YamlScalarNode(sc.FactionIds[v.Controller[r]]);
            else region.Children.Remove(key);
        }
        foreach (YamlMappingNode faction in (YamlSequenceNode)root["factions"])
        {
            int f = sc.FactionIndex(((YamlScalarNode)faction["id"]).Value!);
            var forces = new YamlMappingNode();
            for (int r = 0; r < sc.RegionCount; r++)
            {
                double x = Math.Floor(v.Fighters[v.Force(f, r)]);
                if (x >= 1) forces.Add(sc.RegionIds[r], x.ToString("0", CultureInfo.InvariantCulture));
            }
            forces.Add("assumption", new YamlScalarNode(provenance) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted });
            faction.Children[new YamlScalarNode("forces")] = forces;
        }
        if (root.Children.TryGetValue(new YamlScalarNode("relations"), out var relations))
            foreach (YamlMappingNode rel in (YamlSequenceNode)relations)
            {
                if (!rel.Children.TryGetValue(new YamlScalarNode("between"), out var between)) continue;
                var pair = ((YamlSequenceNode)between).Children.Select(n => sc.FactionIndex(((YamlScalarNode)n).Value!)).ToArray();
                if (pair.Length != 2 || pair[0] < 0 || pair[1] < 0) continue;
                rel.Children[new YamlScalarNode("trust")] = new YamlScalarNode(Math.Round(v.TrustBetween(pair[0], pair[1]), 6).ToString("R", CultureInfo.InvariantCulture));
            }
        Drop(root, "events", node =>
        {
            string id = ((YamlScalarNode)node["id"]).Value!;
            int e = sc.EventIds.IndexOf(id);
            return e < 0 || sc.Spec.Events[e].Day < day || Cancelled(s, id);
        });
        Drop(root, "orders", node => DateOnly.Parse(((YamlScalarNode)node["date"]).Value!, CultureInfo.InvariantCulture) < start);

        using var writer = new StringWriter();
        writer.Write($"# Exported by conflictsim serve from {Path.GetFileName(s.Setup.ScenarioPath)}: {provenance}.\n");
        writer.Write("# Morale, supply, movements under way and underground cells start afresh; the exact state is the session's state file.\n");
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString().Replace("\n...\n", "\n");
    });

    private static bool Cancelled(WargameSession s, string id) =>
        s.Engine.Log.Any(e => (e.Kind == "event-cancelled" && e.Text == id) || (e.Kind == "event-rescheduled" && e.Text.StartsWith(id + " →", StringComparison.Ordinal)));

    private static void Drop(YamlMappingNode root, string key, Func<YamlMappingNode, bool> past)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var list) || list is not YamlSequenceNode seq) return;
        var keep = seq.Children.Where(n => n is not YamlMappingNode m || !past(m)).ToList();
        seq.Children.Clear();
        foreach (var n in keep) seq.Children.Add(n);
    }
}
