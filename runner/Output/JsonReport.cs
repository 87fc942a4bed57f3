using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConflictSim.Cli.Output;

/// <summary>
/// The machine-readable report of `run --json`. Same scenario, options and seed give the same bytes, so
/// analysts can diff runs and cache them by content.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Fixed newline so the bytes do not depend on the platform the run happened on.
        NewLine = "\n",
        // Titles and names are Arabic or accented in places; this is data for tools, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Simulation sim, TextWriter writer)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options)) Write(sim, json);
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    private static void Write(Simulation sim, Utf8JsonWriter json)
    {
        var sc = sim.Scenario;
        var spec = sc.Spec;
        var s = sim.View;

        json.WriteStartObject();
        json.WriteString("scenario", spec.Id);
        json.WriteString("title", spec.Title);
        json.WriteNumber("seed", sim.Seed);
        json.WriteNumber("days", sim.Days);
        json.WriteString("start", Dates.Iso(spec.Start));
        json.WriteString("end", Dates.Iso(Dates.Of(spec, s.Day)));

        json.WriteStartObject("outcomes");
        for (int i = 0; i < sc.Outcomes.Length; i++)
        {
            json.WritePropertyName(sc.Outcomes[i].Id);
            Number(json, sim.Outcome(i));
        }
        json.WriteEndObject();

        json.WriteStartObject("final");
        json.WriteNumber("day", s.Day);

        json.WriteStartArray("factions");
        for (int f = 0; f < sc.FactionCount; f++)
        {
            if (!s.Active[f]) continue; // a splinter that never formed
            var tally = FactionTally.Of(s, f);
            json.WriteStartObject();
            json.WriteString("id", sc.FactionIds[f]);
            json.WriteString("name", sc.FactionNames[f]);
            json.WriteNumber("bloc", s.Bloc[f]);
            Number(json, "fighters", tally.Fighters);
            Number(json, "initial", s.Initial[f]);
            json.WritePropertyName("morale");
            Number(json, tally.Morale);
            Number(json, "cohesion", s.Cohesion[f]);
            Number(json, "stock", s.Stock[f]);
            Number(json, "killed", s.Killed[f]);
            Number(json, "wounded", s.Wounded[f]);
            Number(json, "deserted", s.Deserted[f]);
            Number(json, "dispersed", s.Dispersed[f]);
            Number(json, "defected_in", s.DefectedIn[f]);
            Number(json, "defected_out", s.DefectedOut[f]);
            Number(json, "reinforced", s.Reinforced[f]);
            json.WriteNumber("regions_held", tally.RegionsHeld);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("blocs");
        foreach (var members in FactionTally.Blocs(s, sc))
        {
            json.WriteStartArray();
            foreach (int f in members) json.WriteStringValue(sc.FactionIds[f]);
            json.WriteEndArray();
        }
        json.WriteEndArray();

        json.WriteStartArray("regions");
        for (int r = 0; r < sc.RegionCount; r++)
        {
            json.WriteStartObject();
            json.WriteString("id", sc.RegionIds[r]);
            int controller = s.Controller[r];
            if (controller < 0) json.WriteNull("controller");
            else json.WriteString("controller", sc.FactionIds[controller]);
            json.WriteStartObject("forces");
            for (int f = 0; f < sc.FactionCount; f++)
            {
                double n = s.Fighters[f * sc.RegionCount + r];
                if (n != 0) Number(json, sc.FactionIds[f], n);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        // Every faction appears under every city, zero included, so consumers can index without a missing-key case.
        json.WriteStartObject("cities");
        for (int c = 0; c < sc.CityCount; c++)
        {
            json.WriteStartObject(sc.CityIds[c]);
            for (int f = 0; f < sc.FactionCount; f++) Number(json, sc.FactionIds[f], sim.CityShare(c, f));
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        Number(json, value);
    }

    /// <summary>
    /// Utf8JsonWriter writes doubles in their shortest round-trip form, invariant of culture. JSON has no NaN or
    /// infinity; a phase producing one is a bug, but the report should still be valid JSON, so it becomes null.
    /// </summary>
    private static void Number(Utf8JsonWriter json, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }
}
