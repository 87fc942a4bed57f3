using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConflictSim.CivilViolenceGrid;

namespace ConflictSim.Cli.Output;

/// <summary>
/// What `run` prints for a civil-violence file: a short text summary, or with `--json` one document in the spirit of
/// <see cref="JsonReport"/> (same options and seed, same bytes).
/// </summary>
internal static class CivilViolenceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteSummary(CivilViolenceModel m, TextWriter w)
    {
        var s = m.Spec;
        w.WriteLine(s.Title);
        w.WriteLine(Invariant($"model civil-violence, {m.Width}×{m.Height} torus, {m.Citizens} citizens, {m.Cops} cops, legitimacy {s.Legitimacy}, seed {m.Seed}, {m.StepNumber} steps"));
        w.Write(Invariant($"choices: arrest ratio {Key(s.ArrestRatio)}, jail term {Key(s.JailTerm)} up to {s.MaxJailTerm}, "));
        w.WriteLine(Invariant(
            $"{Key(s.Neighbourhood)} vision {s.CitizenVision}/{s.CopVision}, jailed {(s.JailedHoldSites ? "hold their sites" : "leave the lattice")}, movement {(s.Movement ? "on" : "off")}"));
        w.WriteLine();
        w.WriteLine(Invariant($"at step {m.StepNumber}: quiet {m.Quiet}, active {m.Active}, jailed {m.Jailed}"));
        w.WriteLine(m.PeakActive > 0 ? Invariant($"peak active: {m.PeakActive} at step {m.PeakStep}") : "peak active: 0 (nobody ever rebelled)");
        w.WriteLine(Invariant(
            $"outbursts: {m.Outbursts} ({m.OutburstSteps} steps in outburst; one starts at {Percent(s.OutburstStart)} of citizens active, ends at {Percent(s.OutburstEnd)})"));
    }

    public static void WriteJson(CivilViolenceModel m, TextWriter writer)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options)) Write(m, json);
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    private static void Write(CivilViolenceModel m, Utf8JsonWriter json)
    {
        var s = m.Spec;
        json.WriteStartObject();
        json.WriteString("model", "civil-violence");
        json.WriteString("scenario", s.Id);
        json.WriteString("title", s.Title);
        json.WriteNumber("seed", m.Seed);
        json.WriteNumber("steps", m.StepNumber);

        json.WriteStartObject("parameters");
        json.WriteNumber("width", m.Width);
        json.WriteNumber("height", m.Height);
        json.WriteNumber("citizens", m.Citizens);
        json.WriteNumber("cops", m.Cops);
        json.WriteNumber("citizen_vision", s.CitizenVision);
        json.WriteNumber("cop_vision", s.CopVision);
        json.WriteNumber("legitimacy", s.Legitimacy);
        json.WriteNumber("k", s.K);
        json.WriteNumber("threshold", s.Threshold);
        json.WriteNumber("max_jail_term", s.MaxJailTerm);
        json.WriteString("arrest_ratio", Key(s.ArrestRatio));
        json.WriteString("jail_term", Key(s.JailTerm));
        json.WriteString("neighbourhood", Key(s.Neighbourhood));
        json.WriteBoolean("jailed_hold_sites", s.JailedHoldSites);
        json.WriteBoolean("movement", s.Movement);
        json.WriteNumber("outburst_start", s.OutburstStart);
        json.WriteNumber("outburst_end", s.OutburstEnd);
        json.WriteEndObject();

        json.WriteStartObject("outcomes");
        json.WriteNumber("quiet", m.Quiet);
        json.WriteNumber("active", m.Active);
        json.WriteNumber("jailed", m.Jailed);
        json.WriteNumber("peak_active", m.PeakActive);
        json.WriteNumber("peak_step", m.PeakStep);
        json.WriteNumber("outbursts", m.Outbursts);
        json.WriteNumber("outburst_steps", m.OutburstSteps);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static string Key(Enum choice) => CivilViolenceLoader.KeyName(choice);

    private static string Percent(double share) => (share * 100).ToString("0.##", Inv) + "%";

    private static string Invariant(FormattableString s) => s.ToString(Inv);
}
