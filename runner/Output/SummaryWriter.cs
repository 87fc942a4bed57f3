using System.Globalization;
using System.Text;

namespace ConflictSim.Cli.Output;

/// <summary>
/// The default report: what an instructor reads after a run. Plain text only, so it reads the same in a
/// terminal, a redirected file or a projector.
/// </summary>
internal static class SummaryWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(Simulation sim, TextWriter writer)
    {
        var sc = sim.Scenario;
        var spec = sc.Spec;
        var s = sim.View;

        writer.WriteLine(spec.Title);
        string mode = (sim.Mode == CombatMode.Deterministic) ? "expected losses" : "sampled losses";
        writer.WriteLine(
            $"{Dates.Iso(spec.Start)} to {Dates.Iso(Dates.Of(spec, s.Day))} ({s.Day} of {sim.Days} days), " +
            $"seed {sim.Seed.ToString(Inv)}, {mode}");
        if (!string.IsNullOrWhiteSpace(spec.Question)) writer.WriteLine(spec.Question.Trim());

        writer.WriteLine();
        writer.WriteLine("Factions");
        var factions = new TextTable(
            ("Faction", false), ("Fighters", true), ("Initial", true), ("Morale", true), ("Cohesion", true),
            ("Killed", true), ("Wounded", true), ("Deserted", true), ("Dispersed", true),
            ("Defected", true), ("Joined", true), ("Reinforced", true), ("Regions", true));
        for (int f = 0; f < sc.FactionCount; f++)
        {
            if (!s.Active[f]) continue;
            var tally = FactionTally.Of(s, f);
            factions.Add(
                sc.FactionNames[f], Count(tally.Fighters), Count(s.Initial[f]),
                tally.Morale is { } m ? Ratio(m) : "-", Ratio(s.Cohesion[f]),
                Count(s.Killed[f]), Count(s.Wounded[f]), Count(s.Deserted[f]), Count(s.Dispersed[f]),
                Count(s.DefectedOut[f]), Count(s.DefectedIn[f]), Count(s.Reinforced[f]),
                tally.RegionsHeld.ToString(Inv));
        }
        factions.WriteTo(writer);
        writer.WriteLine("  Morale is the fighter-weighted mean; Defected = went over to another faction, Joined = came over.");
        var blocs = FactionTally.Blocs(s, sc);
        if (blocs.Count < FactionTally.ActiveCount(s))
        {
            writer.WriteLine();
            writer.WriteLine("Blocs (landscape alignment at the end)");
            foreach (var members in blocs)
                writer.WriteLine("  " + string.Join(", ", members.Select(f => sc.FactionNames[f])));
        }

        if (sc.CityCount > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Cities (share of districts held)");
            var cities = new TextTable(("City", false), ("Held by", false));
            for (int c = 0; c < sc.CityCount; c++) cities.Add(sc.CityIds[c], CityHolders(sim, c));
            cities.WriteTo(writer);
        }

        writer.WriteLine();
        writer.WriteLine("Regions by controller");
        WriteControllers(sim, writer);

        writer.WriteLine();
        writer.WriteLine("Outcomes");
        if (sc.Outcomes.Length == 0)
        {
            writer.WriteLine("  (the scenario defines none)");
            return;
        }
        var outcomes = new TextTable(("Outcome", false), ("Value", true), ("Meaning", false));
        for (int i = 0; i < sc.Outcomes.Length; i++)
        {
            string value = sim.Outcome(i) is { } v ? Value(v) : "never";
            outcomes.Add(sc.Outcomes[i].Id, value, sc.Outcomes[i].Description);
        }
        outcomes.WriteTo(writer);
    }

    private static string CityHolders(Simulation sim, int city)
    {
        var sc = sim.Scenario;
        var text = new StringBuilder();
        double held = 0;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            double share = sim.CityShare(city, f);
            if (share <= 0) continue;
            held += share;
            if (text.Length > 0) text.Append(", ");
            text.Append(sc.FactionIds[f]).Append(' ').Append(Percent(share));
        }
        if (held < 1 - 1e-9)
        {
            if (text.Length > 0) text.Append(", ");
            text.Append("nobody ").Append(Percent(1 - held));
        }
        return text.ToString();
    }

    /// <summary>One line per controller listing its regions: compact even on a map of a hundred regions.</summary>
    private static void WriteControllers(Simulation sim, TextWriter writer)
    {
        var sc = sim.Scenario;
        var s = sim.View;
        var table = new TextTable(("Controller", false), ("Regions", false));
        for (int f = -1; f < sc.FactionCount; f++)
        {
            var regions = new List<string>();
            for (int r = 0; r < sc.RegionCount; r++) if (s.Controller[r] == f) regions.Add(sc.RegionIds[r]);
            if (regions.Count == 0) continue;
            table.Add(f < 0 ? "nobody" : sc.FactionIds[f], string.Join(", ", regions));
        }
        table.WriteTo(writer);
    }

    /// <summary>Fighters are whole people to a reader, even when deterministic mode carries fractions.</summary>
    private static string Count(double n) => Math.Round(n).ToString("#,0", Inv);

    private static string Ratio(double x) => x.ToString("0.00", Inv);

    private static string Percent(double share) => (share * 100).ToString("0", Inv) + "%";

    private static string Value(double v) => v.ToString("#,0.###", Inv);
}
