using System.Text.RegularExpressions;
using ConflictSim.Scenarios;
using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.CivilViolenceGrid;

/// <summary>The result of loading a civil-violence file: a spec when there were no errors, every error otherwise.</summary>
public sealed record CivilViolenceLoadResult(CivilViolenceSpec? Spec, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>True when a spec was read and no error was found.</summary>
    public bool Ok => Spec is not null && Errors.Count == 0;
}

/// <summary>
/// Reads `conflictsim/1` files with <c>model: civil-violence</c> (Epstein's grid model) with the same YAML readers,
/// provenance rule and FILE:LINE:COL errors as the conflict scenarios. Sources may also name a paper declared under
/// <c>references:</c>.
/// </summary>
public static partial class CivilViolenceLoader
{
    /// <summary>The largest lattice accepted: 25 million sites keep a run within a few hundred megabytes.</summary>
    public const int MaxSites = 25_000_000;

    /// <summary>How a choice is spelled in the file (<c>von_neumann</c> for <see cref="Neighbourhood.VonNeumann"/>).</summary>
    public static string KeyName(Enum choice) => YamlValues.Snake(choice.ToString());

    /// <summary>Reads and validates the file at <paramref name="path"/>. Never throws for bad content or an unreadable file: that is one error at 1:1.</summary>
    public static CivilViolenceLoadResult LoadFile(string path)
    {
        var (text, error) = ScenarioLoader.ReadText(path);
        return text is null ? new CivilViolenceLoadResult(null, [error!]) : LoadText(text, path);
    }

    /// <summary>Reads and validates YAML text; errors name <paramref name="fileName"/> with 1-based line and column.</summary>
    public static CivilViolenceLoadResult LoadText(string yaml, string fileName)
    {
        var diag = new Diagnostics(fileName);
        if (ScenarioLoader.Parse(yaml, diag) is not { Exists: true } rootNode) return new CivilViolenceLoadResult(null, diag.Finish());

        // Reference keys must be known before any mapping's source: is checked, and readers check on creation.
        if (rootNode.Get("references") is { IsMapping: true } r)
            for (int i = 0; i < r.Count; i++)
                if (r.KeyAt(i) is { IsScalar: true } key) diag.References.Add(key.Value);

        var spec = Read(rootNode, diag);
        var errors = diag.Finish();
        return errors.Count > 0 || spec is null ? new CivilViolenceLoadResult(null, errors) : new CivilViolenceLoadResult(spec, []);
    }

    private static CivilViolenceSpec? Read(Node rootNode, Diagnostics diag)
    {
        if (MappingReader.Of(rootNode, diag, covered: false) is not { } root) return null;
        var d = new CivilViolenceSpec();

        if (root.String("format", required: true) is { } format && format != ScenarioSchema.Format)
            root.Error(root.At("format"), $"unsupported format '{format}'; expected {ScenarioSchema.Format}");
        if (root.String("model", required: true) is { } model && model != ScenarioModel.CivilViolence)
            root.Error(root.At("model"), $"model '{model}' is not read by the civil-violence loader; expected {ScenarioModel.CivilViolence}");

        var header = root.Child("scenario", required: true, exempt: true);
        string? id = header?.String("id", required: true);
        if (id is not null && !ScenarioId().IsMatch(id))
            header!.Error(header.At("id"), $"invalid scenario id '{id}'; expected lower-case letters, digits and -");

        ReadReferences(root.Child("references", required: true, exempt: true));

        var grid = root.Child("grid", required: true);
        var citizens = root.Child("citizens", required: true);
        var cops = root.Child("cops", required: true);
        var regime = root.Child("regime", required: true);
        var choices = root.Child("choices");
        var outbursts = root.Child("outbursts");
        var unit = Bounds.Between(0, 1);

        var spec = new CivilViolenceSpec
        {
            Id = id ?? "",
            Title = header?.String("title", required: true) ?? "",
            Question = header?.String("question") ?? "",
            Steps = header?.Int("steps", 1, 1_000_000, d.Steps, required: true) ?? d.Steps,
            Seed = header?.Unsigned("seed") ?? 1,
            Width = grid?.Int("width", 3, 100_000, d.Width, required: true) ?? d.Width,
            Height = grid?.Int("height", 3, 100_000, d.Height, required: true) ?? d.Height,
            CitizenDensity = citizens?.Number("density", unit, d.CitizenDensity, required: true) ?? d.CitizenDensity,
            CitizenVision = citizens?.Int("vision", 1, 1000, d.CitizenVision, required: true) ?? d.CitizenVision,
            Threshold = citizens?.Number("threshold", unit, d.Threshold) ?? d.Threshold,
            CopDensity = cops?.Number("density", unit, d.CopDensity, required: true) ?? d.CopDensity,
            CopVision = cops?.Int("vision", 1, 1000, d.CopVision, required: true) ?? d.CopVision,
            Legitimacy = regime?.Number("legitimacy", unit, d.Legitimacy, required: true) ?? d.Legitimacy,
            K = regime?.Number("k", Bounds.Between(0, 100), d.K) ?? d.K,
            MaxJailTerm = regime?.Int("max_jail_term", 0, 1_000_000, d.MaxJailTerm, required: true) ?? d.MaxJailTerm,
            ArrestRatio = choices?.Choice("arrest_ratio", "arrest ratio", d.ArrestRatio) ?? d.ArrestRatio,
            JailTerm = choices?.Choice("jail_term", "jail term draw", d.JailTerm) ?? d.JailTerm,
            Neighbourhood = choices?.Choice("neighbourhood", "neighbourhood", d.Neighbourhood) ?? d.Neighbourhood,
            JailedHoldSites = choices?.Bool("jailed_hold_sites", d.JailedHoldSites) ?? d.JailedHoldSites,
            Movement = choices?.Bool("movement", d.Movement) ?? d.Movement,
            OutburstStart = outbursts?.Number("start", Bounds.AboveZeroTo(1), d.OutburstStart) ?? d.OutburstStart,
            OutburstEnd = outbursts?.Number("end", Bounds.Between(0, 1), d.OutburstEnd) ?? d.OutburstEnd,
        };
        if (diag.Any) return spec; // the checks below compare values that were read correctly

        if ((long)spec.Width * spec.Height > MaxSites)
            grid!.Error(grid.At("height"), $"{spec.Width}×{spec.Height} is {(long)spec.Width * spec.Height} sites; expected at most {MaxSites}");
        else if (spec.Citizens + spec.Cops > spec.Sites)
            cops!.Error(cops.At("density"),
                $"citizen density {spec.CitizenDensity} and cop density {spec.CopDensity} need more than every site; expected densities adding up to at most 1");
        CheckVision(citizens!, spec, spec.CitizenVision);
        CheckVision(cops!, spec, spec.CopVision);
        if (outbursts is not null && spec.OutburstEnd >= spec.OutburstStart)
            outbursts.Error(outbursts.At("end") is { Exists: true } end ? end : outbursts.Node,
                $"outburst end {spec.OutburstEnd} is not below start {spec.OutburstStart}; expected end < start");
        return spec;
    }

    private static void ReadReferences(MappingReader? refs)
    {
        if (refs is null) return;
        var entries = refs.Entries();
        if (entries.Count == 0) refs.Error(refs.Node, "no references; expected at least one key: full citation");
        foreach (var (key, value) in entries)
        {
            if (!ReferenceKey().IsMatch(key.Value))
                refs.Error(key, $"invalid reference key '{key.Value}'; expected lower-case letters, digits and -");
            refs.Text(value);
        }
    }

    /// <summary>A vision reaching half way round the torus would see some sites twice.</summary>
    private static void CheckVision(MappingReader section, CivilViolenceSpec spec, int vision)
    {
        int max = (Math.Min(spec.Width, spec.Height) - 1) / 2;
        if (vision > max)
            section.Error(section.At("vision"),
                $"vision {vision} wraps round the {spec.Width}×{spec.Height} torus; expected at most {max} (2·vision + 1 ≤ the shorter side)");
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ScenarioId();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ReferenceKey();
}
