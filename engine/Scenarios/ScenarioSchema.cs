using System.Text.RegularExpressions;
using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

internal enum Symbol { Region, Faction, Patron, Event, Outcome, City, Link, Relation, Camp, Dimension, Target }

/// <summary>What a reference must resolve to beyond merely existing.</summary>
internal enum Need { Exists, SeaLink, Adjacent, FirstDayOutcome }

/// <summary>An id declared at a node; a value, since a theater declares one per region and link.</summary>
internal readonly record struct Declaration(Symbol Kind, string Id, Position At);

/// <summary>An id used at a node, resolved once the file is read.</summary>
internal readonly record struct Reference(Symbol Kind, string Id, Position At, Need Need = Need.Exists);

/// <summary>
/// Reads the <c>conflictsim/1</c> schema into a <see cref="ScenarioSpec"/>, reporting shape, type and range
/// problems as it goes. Ids and references are only collected here; <see cref="ScenarioChecks"/> resolves them
/// once the whole file has been read, since a reference may come before its declaration.
/// </summary>
internal sealed partial class ScenarioSchema(Diagnostics diag)
{
    public const string Format = "conflictsim/1";

    public List<Declaration> Declarations { get; } = [];
    public List<Reference> References { get; } = [];

    private DateOnly? start;
    private int days;

    /// <summary>Canonical key of an undirected pair, so "a-b" and "b-a" name the same link.</summary>
    public static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}-{b}" : $"{b}-{a}";

    public ScenarioSpec? Read(Node rootNode)
    {
        if (MappingReader.Of(rootNode, diag, covered: false) is not { } root) return null;

        if (root.String("format", required: true) is { } format && format != Format)
            root.Error(root.At("format"), $"unsupported format '{format}'; expected {Format}");

        var header = root.Child("scenario", required: true, exempt: true);
        string? id = header?.String("id", required: true);
        if (id is not null && !Regex.IsMatch(id, "^[a-z0-9-]+$"))
            header!.Error(header.At("id"), $"invalid scenario id '{id}'; expected lower-case letters, digits and -");
        start = header?.Date("start", required: true);
        days = header?.Int("days", 1, 3650, 0, required: true) ?? 0;
        if (days == 0) start = null; // without a valid span, dates cannot be checked against it

        var spec = new ScenarioSpec
        {
            Id = id ?? "",
            Title = header?.String("title", required: true) ?? "",
            Question = header?.String("question") ?? "",
            Start = start ?? default,
            Days = days,
            Seed = header?.Unsigned("seed") ?? 1,
            Settings = ReadSettings(root.Child("settings")),
            Phases = ReadPhases(root),
            Regions = root.ReadItems("regions", "region", ReadRegion, required: true),
            Links = root.ReadItems("links", "link", ReadLink),
            Factions = root.ReadItems("factions", "faction", ReadFaction, required: true),
            Relations = root.ReadItems("relations", "relation", ReadRelation),
            Patrons = root.ReadItems("patrons", "patron", ReadPatron),
            Events = root.ReadItems("events", "event", ReadEvent),
            Orders = root.ReadItems("orders", "order", ReadOrder),
            Outcomes = root.ReadItems("outcomes", "outcome", ReadOutcome),
            Camps = ReadCamps(root),
            Targets = ReadTargets(root, diag),
        };
        // Read last so the list of known keys in messages keeps its order; only other models set it.
        if (root.String("model") is { } model && model != ScenarioModel.Conflict)
            root.Error(root.At("model"), ScenarioModel.Names.Contains(model)
                ? $"model '{model}' has its own loader; expected {ScenarioModel.Conflict} here (the command line picks the loader by model)"
                : $"unknown model '{model}'; expected one of {string.Join(", ", ScenarioModel.Names)}");
        diag.ReleaseAll();
        return spec;
    }

    /// <summary>Camps, each faction in at most one; their standard outcomes get ids that must not clash.</summary>
    private List<CampSpec> ReadCamps(MappingReader root)
    {
        var camps = new List<CampSpec>();
        var member = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in root.Items("camps", "camp"))
        {
            var id = Declare(c, "id", Symbol.Camp);
            var members = c.Scalars("members", required: true);
            if (members.Count == 0 && c.At("members").IsSequence) c.Error(c.At("members"), "'members' is empty; expected at least one faction");
            foreach (var m in members)
            {
                References.Add(new(Symbol.Faction, m.Value, m));
                if (!member.TryAdd(m.Value, id ?? "")) c.Error(m, $"faction '{m.Value}' is already in camp '{member[m.Value]}'; expected each faction in at most one camp");
            }
            if (id is not null)
                foreach (var o in Scenario.CampOutcomes([new CampSpec { Id = id, Name = id }]))
                    Declarations.Add(new(Symbol.Outcome, o.Id, c.At("id")));
            camps.Add(new CampSpec { Id = id ?? "", Name = c.String("name", required: true) ?? "", Members = members.Select(m => m.Value).ToList() });
        }
        return camps;
    }

    private Settings ReadSettings(MappingReader? s)
    {
        var d = new Settings();
        if (s is null) return d;
        var unit = Bounds.Between(0, 1);
        var trust = Bounds.Between(-1, 1);
        var settings = new Settings
        {
            Mode = s.Choice("mode", "mode", d.Mode),
            Information = s.Choice("information", "information", d.Information),
            Substeps = s.Int("substeps", 1, 64, d.Substeps),
            HostileBelow = s.Number("hostile_below", trust, d.HostileBelow),
            AlliedAbove = s.Number("allied_above", trust, d.AlliedAbove),
            MoraleWeight = s.Number("morale_weight", unit, d.MoraleWeight),
            UnsuppliedEffect = s.Number("unsupplied_effect", unit, d.UnsuppliedEffect),
            SupplyCapacityDays = s.Number("supply_days", Bounds.Between(0, 3650), d.SupplyCapacityDays),
            LossShock = s.Number("loss_shock", Bounds.Between(0, 50), d.LossShock),
            UnsuppliedMoraleLoss = s.Number("unsupplied_morale_loss", unit, d.UnsuppliedMoraleLoss),
            MoraleRecovery = s.Number("morale_recovery", unit, d.MoraleRecovery),
            RoutDesertion = s.Number("rout_desertion", unit, d.RoutDesertion),
            CohesionShock = s.Number("cohesion_shock", Bounds.Between(0, 50), d.CohesionShock),
            CohesionRecovery = s.Number("cohesion_recovery", unit, d.CohesionRecovery),
            VisionResidents = s.Number("vision_residents", Bounds.AtLeast(1), d.VisionResidents),
            MaxJailTerm = s.Number("max_jail_term", Bounds.Between(1, 3650), d.MaxJailTerm),
            ArmRate = s.Number("arm_rate", unit, d.ArmRate),
            Defence = ReadDefence(s.Child("defence")),
            Alliances = ReadAlliances(s.Child("alliances")),
        };
        if (settings.AlliedAbove <= settings.HostileBelow)
            s.Error(s.At("allied_above") is { Exists: true } above ? above : s.At("hostile_below"),
                $"allied_above {settings.AlliedAbove} is not above hostile_below {settings.HostileBelow}; expected allied_above > hostile_below");
        return settings;
    }

    private AllianceSettings ReadAlliances(MappingReader? a)
    {
        var d = new AllianceSettings();
        if (a is null) return d;
        var rate = Bounds.Between(0, 1);
        var dimensions = a.Scalars("dimensions");
        foreach (var dim in dimensions) Declarations.Add(new(Symbol.Dimension, dim.Value, dim));
        return new AllianceSettings
        {
            Dimensions = dimensions.Select(x => x.Value).ToList(),
            CommonEnemy = a.Number("common_enemy", rate, d.CommonEnemy),
            SideBySide = a.Number("side_by_side", rate, d.SideBySide),
            Grievance = a.Number("grievance", rate, d.Grievance),
            IdeologyPull = a.Number("ideology_pull", rate, d.IdeologyPull),
            Solidarity = a.Number("solidarity", rate, d.Solidarity),
            Realignment = a.Number("realignment", rate, d.Realignment),
            Interval = a.Int("interval", 1, 365, d.Interval),
            Inertia = a.Number("inertia", rate, d.Inertia),
            FragmentedShare = a.Number("fragmented_share", rate, d.FragmentedShare),
            FragmentedDays = a.Int("fragmented_days", 1, 3650, d.FragmentedDays),
        };
    }

    private IReadOnlyDictionary<Terrain, double> ReadDefence(MappingReader? m)
    {
        if (m is null) return Settings.DefaultDefence;
        var defence = new Dictionary<Terrain, double>(Settings.DefaultDefence);
        foreach (var (key, value) in m.Entries())
            if (YamlValues.ParseEnum<Terrain>(key, diag, "terrain") is { } terrain && m.Number(value, Bounds.Between(0.1, 10)) is { } v)
                defence[terrain] = v;
        return defence;
    }

    private IReadOnlyList<string> ReadPhases(MappingReader root)
    {
        if (!root.Has("phases")) { root.Take("phases"); return PhaseCatalog.DefaultOrder; }
        var phases = new List<string>();
        foreach (var node in root.Scalars("phases"))
        {
            var name = node.Value;
            if (!PhaseCatalog.Exists(name))
                diag.At(node, $"unknown phase '{name}'; expected one of {string.Join(", ", PhaseCatalog.Names)}");
            else if (phases.Contains(name))
                diag.At(node, $"phase '{name}' is listed twice; expected each phase at most once");
            else
                phases.Add(name);
        }
        return phases;
    }

    private RegionSpec ReadRegion(MappingReader r)
    {
        return Remember(new RegionSpec
        {
            Id = Declare(r, "id", Symbol.Region) ?? "",
            Name = r.String("name", required: true) ?? "",
            Lat = r.Number("lat", Bounds.Between(-90, 90), 0),
            Lon = r.Number("lon", Bounds.Between(-180, 180), 0),
            Terrain = r.Choice("terrain", "terrain", Terrain.Open),
            Population = r.Number("population", Bounds.AtLeast(0), 0),
            Value = r.Number("value", Bounds.Between(0, 1000), 0),
            OilTerminal = r.Bool("oil_terminal", false),
            Port = r.Bool("port", false),
            City = DeclareCity(r),
            Controller = Ref(r, "controller", Symbol.Faction),
            RisesFor = Ref(r, "rises_for", Symbol.Faction),
            Fortification = r.Number("fortification", Bounds.Between(1, 100), 1.0),
            KilledScale = r.Number("killed_scale", Bounds.Between(0, 3), 1.0),
        });
    }

    private LinkSpec ReadLink(MappingReader l)
    {
        var from = Ref(l, "from", Symbol.Region, required: true);
        var to = Ref(l, "to", Symbol.Region, required: true);
        if (from is not null && from == to)
            l.Error(l.At("to"), $"link from '{from}' to itself; expected two different regions");
        else if (from is not null && to is not null)
            Declarations.Add(new(Symbol.Link, PairKey(from, to), l.Node));
        return new LinkSpec
        {
            From = from ?? "",
            To = to ?? "",
            Kind = l.Choice("kind", "link kind", LinkKind.Road),
            Days = l.Int("days", 1, 60, 1),
        };
    }

    private FactionSpec ReadFaction(MappingReader f)
    {
        var d = new FactionSpec { Id = "", Name = "" };
        var unit = Bounds.Between(0, 1);
        var id = Declare(f, "id", Symbol.Faction);
        var sources = f.Scalars("supply_sources");
        foreach (var source in sources) References.Add(new(Symbol.Region, source.Value, source));
        return new FactionSpec
        {
            Id = id ?? "",
            Name = f.String("name", required: true) ?? "",
            Quality = f.Number("quality", Bounds.Between(0, 10), d.Quality),
            AimedFire = f.Number("aimed_fire", unit, d.AimedFire),
            AreaFire = f.Number("area_fire", unit, d.AreaFire),
            KilledFraction = f.Number("killed_fraction", unit, d.KilledFraction),
            Morale = f.Number("morale", unit, d.Morale),
            Cohesion = f.Number("cohesion", unit, d.Cohesion),
            Supply = f.Number("supply", Bounds.AtLeast(0), d.Supply),
            SupplyDays = f.NumberOrNull("supply_days", Bounds.Between(0, 3650)),
            Income = f.Number("income", Bounds.AtLeast(0), d.Income),
            SupplySources = sources.Select(s => s.Value).ToList(),
            Forces = ReadRegionValues(f.Child("forces"), Bounds.WholeAtLeast(0)),
            Objectives = ReadRegionValues(f.Child("objectives"), Bounds.Between(0, 1000)),
            Orders = f.Choice("orders", "order source", OrderSourceKind.Ai),
            Doctrine = f.Child("doctrine") is { } doctrine ? ReadDoctrine(doctrine, id) : d.Doctrine,
            Weight = f.Number("weight", Bounds.AtLeast(0), d.Weight),
            Ideology = ReadIdeology(f.Child("ideology")),
            Supplier = ReadSupplier(f, id),
            Splinter = f.Child("splinter") is { } splinter ? ReadSplinter(splinter, id) : null,
            Insurgency = f.Child("insurgency") is { } insurgency ? ReadInsurgency(insurgency) : null,
            Legitimacy = f.Number("legitimacy", unit, d.Legitimacy),
            RebelsJoin = Ref(f, "rebels_join", Symbol.Faction),
        };
    }

    private Dictionary<string, double> ReadIdeology(MappingReader? m)
    {
        var positions = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m is null) return positions;
        foreach (var (key, value) in m.Entries())
        {
            References.Add(new(Symbol.Dimension, key.Value, key));
            if (m.Number(value, Bounds.Between(0, 1)) is { } v) positions[key.Value] = v;
        }
        return positions;
    }

    private string? ReadSupplier(MappingReader f, string? faction)
    {
        var supplier = Ref(f, "supplier", Symbol.Faction);
        if (supplier is not null && supplier == faction)
            f.Error(f.At("supplier"), $"faction '{faction}' is its own supplier; expected another faction");
        return supplier;
    }

    /// <summary>The splinter is a faction too: its id is declared here so outcomes may name it and clashes are caught.</summary>
    private SplinterSpec ReadSplinter(MappingReader m, string? parent)
    {
        if (parent is not null) Declarations.Add(new(Symbol.Faction, Scenario.SplinterId(parent), m.Node));
        var d = new SplinterSpec();
        return new SplinterSpec
        {
            Below = m.Number("below", Bounds.Between(0, 1), d.Below),
            Share = m.Number("share", Bounds.AboveZeroTo(1), d.Share),
            Trust = m.Number("trust", Bounds.Between(-1, 1), d.Trust),
            Name = m.String("name"),
            Relations = ReadFactionValues(m.Child("relations"), Bounds.Between(-1, 1)),
        };
    }

    /// <summary>A mapping from faction id to a number.</summary>
    private Dictionary<string, double> ReadFactionValues(MappingReader? m, Bounds bounds)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m is null) return values;
        foreach (var (key, value) in m.Entries())
        {
            References.Add(new(Symbol.Faction, key.Value, key));
            if (m.Number(value, bounds) is { } v) values[key.Value] = v;
        }
        return values;
    }

    /// <summary>A mapping from region id to a number (forces, objectives).</summary>
    private Dictionary<string, double> ReadRegionValues(MappingReader? m, Bounds bounds)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m is null) return values;
        foreach (var (key, value) in m.Entries())
        {
            References.Add(new(Symbol.Region, key.Value, key));
            if (m.Number(value, bounds) is { } v) values[key.Value] = v;
        }
        return values;
    }

    private Doctrine ReadDoctrine(MappingReader m, string? faction)
    {
        var d = new Doctrine();
        var unit = Bounds.Between(0, 1);
        var defectTo = Ref(m, "defect_to", Symbol.Faction);
        if (defectTo is not null && defectTo == faction)
            m.Error(m.At("defect_to"), $"faction '{faction}' defects to itself; expected another faction");
        var defectRegion = Ref(m, "defect_region", Symbol.Region);
        if (defectRegion is not null && defectTo is null && !m.Has("defect_to"))
            m.Error(m.At("defect_region"), "defect_region without defect_to; expected defect_to: naming the faction defectors join");
        return new Doctrine
        {
            Aggression = m.Number("aggression", Bounds.Between(0, 10), d.Aggression),
            Caution = m.Number("caution", Bounds.Between(0, 10), d.Caution),
            AttackRatio = m.Number("attack_ratio", Bounds.Between(0.1, 20), d.AttackRatio),
            Commit = m.Number("commit", Bounds.AboveZeroTo(1), d.Commit),
            Garrison = m.Number("garrison", Bounds.AtLeast(0), d.Garrison),
            Temperature = m.Number("temperature", Bounds.Between(0.001, 10), d.Temperature),
            RoutMorale = m.Number("rout_morale", unit, d.RoutMorale),
            DispersalRate = m.Number("dispersal_rate", unit, d.DispersalRate),
            DefectTo = defectTo,
            DefectRegion = defectRegion,
            DefectionRate = m.Number("defection_rate", unit, d.DefectionRate),
            DefectMorale = m.Number("defect_morale", unit, d.DefectMorale),
            StandAside = m.Number("stand_aside", Bounds.Between(0, 100), d.StandAside),
            RoutedGoHome = m.Bool("routed_go_home", d.RoutedGoHome),
        };
    }

    private RelationSpec ReadRelation(MappingReader r)
    {
        var (a, b) = ReadPair(r, "between");
        if (a is not null && b is not null && a != b) Declarations.Add(new(Symbol.Relation, PairKey(a, b), r.Node));
        return new RelationSpec(a ?? "", b ?? "", r.Number("trust", Bounds.Between(-1, 1), 0, required: true));
    }

    /// <summary>Reads <c>[a, b]</c>: two distinct faction references.</summary>
    private (string? A, string? B) ReadPair(MappingReader r, string key)
    {
        var pair = r.Scalars(key, required: true);
        if (r.At(key) is { IsSequence: true } seq && seq.Count != 2)
        {
            r.Error(seq, $"'{key}' lists {seq.Count} factions; expected exactly two");
            return (null, null);
        }
        if (pair.Count != 2) return (null, null);
        foreach (var node in pair) References.Add(new(Symbol.Faction, node.Value, node));
        if (pair[0].Value == pair[1].Value)
            r.Error(pair[1], $"'{pair[0].Value}' paired with itself; expected two distinct factions");
        return (pair[0].Value, pair[1].Value);
    }

    private PatronSpec ReadPatron(MappingReader p)
    {
        var d = new PatronSpec { Id = "", Name = "", Client = "" };
        var blockade = p.Scalars("blockade");
        foreach (var link in blockade) LinkRef(p, link, Need.SeaLink);
        return new PatronSpec
        {
            Id = Declare(p, "id", Symbol.Patron) ?? "",
            Name = p.String("name", required: true) ?? "",
            Client = Ref(p, "client", Symbol.Faction, required: true) ?? "",
            AirSorties = p.Number("air_sorties", Bounds.AtLeast(0), d.AirSorties),
            Artillery = p.Number("artillery", Bounds.AtLeast(0), d.Artillery),
            Lethality = p.Number("lethality", Bounds.Between(0, 1), d.Lethality),
            Supply = p.Number("supply", Bounds.AtLeast(0), d.Supply),
            Blockade = blockade.Select(s => s.Value).ToList(),
            StrikesPerMonth = p.Number("strikes_per_month", Bounds.Between(0, 3000), d.StrikesPerMonth),
            Detection = p.Number("detection", Bounds.Between(0, 1), d.Detection),
            StrikeLethality = p.Number("strike_lethality", Bounds.Between(0, 1), d.StrikeLethality),
        };
    }

    private EventSpec ReadEvent(MappingReader e)
    {
        var effects = new List<EffectSpec>();
        foreach (var item in e.Items("effects", "effect", required: true))
            if (ReadEffect(item) is { } effect) effects.Add(effect);
        return new EventSpec
        {
            Id = Declare(e, "id", Symbol.Event) ?? "",
            Day = Day(e, "date"),
            Probability = e.Number("probability", Bounds.Between(0, 1), 1.0),
            Effects = effects,
        };
    }

    /// <summary>An effect is a one-key mapping whose key names its kind: <c>- morale: {faction: f, delta: -0.1}</c>.</summary>
    private EffectSpec? ReadEffect(MappingReader item)
    {
        var kinds = item.Entries();
        if (kinds.Count != 1)
        {
            item.Error(kinds.Count == 0 ? item.Node : kinds[1].Key,
                $"an effect has {kinds.Count} kinds; expected exactly one key naming its kind");
            return null;
        }
        var (key, value) = kinds[0];
        if (YamlValues.ParseEnum<EffectKind>(key, diag, "effect") is not { } kind || item.ChildOf(value) is not { } m) return null;

        var unit = Bounds.Between(0, 1);
        var delta = Bounds.Between(-1, 1);
        var amount = Bounds.AtLeast(0);
        var effect = new EffectSpec { Kind = kind };
        switch (kind)
        {
            case EffectKind.Reinforce:
                return effect with { Faction = FactionRef(m), Region = Ref(m, "region", Symbol.Region, required: true), Amount = m.Number("fighters", amount, 0, required: true) };
            case EffectKind.Morale:
                return effect with { Faction = FactionRef(m), Region = Ref(m, "region", Symbol.Region), Amount = m.Number("delta", delta, 0, required: true) };
            case EffectKind.Cohesion:
                return effect with { Faction = FactionRef(m), Amount = m.Number("delta", delta, 0, required: true) };
            case EffectKind.Relation:
                var (a, b) = ReadPair(m, "between");
                return effect with { Faction = a, Other = b, Amount = m.Number("delta", Bounds.Between(-2, 2), 0, required: true) };
            case EffectKind.Blockade:
                return effect with { Link = LinkRef(m, "link", Need.SeaLink), Faction = Ref(m, "by", Symbol.Faction, required: true) };
            case EffectKind.Lift:
                return effect with { Link = LinkRef(m, "link", Need.Exists) };
            case EffectKind.Patron:
                var patron = Ref(m, "patron", Symbol.Patron, required: true);
                var air = m.NumberOrNull("air_sorties", amount);
                var artillery = m.NumberOrNull("artillery", amount);
                if (!m.Has("air_sorties") && !m.Has("artillery"))
                    m.Error(m.Node, "patron effect changes nothing; expected air_sorties:, artillery:, or both");
                return effect with { Patron = patron, Amount = air ?? double.NaN, Amount2 = artillery ?? double.NaN };
            case EffectKind.Disperse:
                return effect with { Faction = FactionRef(m), Region = Ref(m, "region", Symbol.Region), Amount = m.Number("fraction", unit, 0, required: true) };
            case EffectKind.Legitimacy:
                return effect with { Faction = FactionRef(m), Amount = m.Number("delta", delta, 0, required: true) };
            case EffectKind.Strikes:
                return effect with { Patron = Ref(m, "patron", Symbol.Patron, required: true), Amount = m.Number("per_month", Bounds.Between(0, 3000), 0, required: true) };
            case EffectKind.Income:
                return effect with { Faction = FactionRef(m), Amount = m.Number("value", amount, 0, required: true) };
            case EffectKind.Betrayal:
                return effect with
                {
                    Faction = FactionRef(m),
                    Amount = m.Number("delta", Bounds.Between(-2, 2), 0, required: true),
                    Dimension = Ref(m, "dimension", Symbol.Dimension),
                };
            case EffectKind.Fighters:
                return effect with { Faction = FactionRef(m), Region = Ref(m, "region", Symbol.Region, required: true), Amount = m.Number("delta", Bounds.Between(-1e7, 1e7), 0, required: true) };
            case EffectKind.Control:
                return effect with { Faction = Ref(m, "faction", Symbol.Faction), Region = Ref(m, "region", Symbol.Region, required: true) };
            default: // EffectKind.Supply
                return effect with { Faction = FactionRef(m), Amount = m.Number("amount", amount, 0, required: true) };
        }
    }

    private OrderSpec ReadOrder(MappingReader o)
    {
        var from = Ref(o, "from", Symbol.Region, required: true);
        var to = Ref(o, "to", Symbol.Region, required: true);
        if (from is not null && to is not null) References.Add(new(Symbol.Link, PairKey(from, to), o.At("to"), Need.Adjacent));
        return new OrderSpec
        {
            Day = Day(o, "date"),
            Faction = FactionRef(o) ?? "",
            From = from ?? "",
            To = to ?? "",
            Fraction = o.Number("fraction", Bounds.AboveZeroTo(1), 1.0),
        };
    }

    private static readonly OutcomeKind[] FirstDayKinds =
        [OutcomeKind.FirstDayShareAtMost, OutcomeKind.FirstDayHolds, OutcomeKind.FirstDayEncircled, OutcomeKind.FirstDaySameBloc, OutcomeKind.FirstDayAttack];
    private static readonly OutcomeKind[] CampKinds =
        [OutcomeKind.CampBlocs, OutcomeKind.CampEffectiveBlocs, OutcomeKind.CampLargestShare, OutcomeKind.CampInfightingDays, OutcomeKind.CampFragmented];
    private static readonly OutcomeKind[] LedgerKinds =
        [OutcomeKind.Killed, OutcomeKind.Wounded, OutcomeKind.Casualties, OutcomeKind.Dispersed, OutcomeKind.Deserted, OutcomeKind.Defected, OutcomeKind.Fighters,
         OutcomeKind.Cells, OutcomeKind.Attacks, OutcomeKind.Uprising];

    public static bool IsFirstDay(OutcomeKind kind) => FirstDayKinds.Contains(kind);

    /// <summary>The kind-specific keys each outcome kind takes; any other of them present is an error.</summary>
    private static string[] OutcomeKeys(OutcomeKind kind) => kind switch
    {
        OutcomeKind.FirstDayShareAtMost => ["city", "share"],
        OutcomeKind.FirstDayEncircled => ["city", "region"],
        OutcomeKind.FirstDayHolds or OutcomeKind.Holds or OutcomeKind.DaysNotHeld => ["region"],
        OutcomeKind.Share => ["city"],
        OutcomeKind.FirstDaySameBloc or OutcomeKind.SameBloc => [],
        _ when CampKinds.Contains(kind) => ["camp"],
        OutcomeKind.FirstDayAttack => ["region", "fighters"],
        OutcomeKind.PeakActive => [],
        _ => ["at"],
    };

    private OutcomeSpec ReadOutcome(MappingReader o)
    {
        var id = Declare(o, "id", Symbol.Outcome);
        var kind = o.ChoiceOrNull<OutcomeKind>("kind", "outcome kind", required: true);
        var factions = kind is { } ck && CampKinds.Contains(ck) ? [] : ReadOutcomeFactions(o);
        var description = o.String("description");
        string[] optional = ["city", "region", "share", "at", "camp", "fighters"];
        foreach (var key in optional) o.Take(key);
        if (kind is not { } k)
            return new OutcomeSpec { Id = id ?? "", Kind = default, Factions = factions, Description = description };

        var takes = OutcomeKeys(k);
        string expects = takes.Length == 0 ? $"{YamlValues.Snake(k.ToString())} takes only faction: or factions:"
            : $"{YamlValues.Snake(k.ToString())} takes {string.Join(k == OutcomeKind.FirstDayEncircled ? " or " : " and ", takes.Select(t => t + ":"))}";
        foreach (var key in optional)
            if (o.Has(key) && !takes.Contains(key))
                o.Error(o.KeyNode(key), $"key '{key}' does not apply to this outcome; expected {expects}");

        string? city = null, region = null;
        if (takes.Contains("city") && o.Has("city"))
        {
            city = o.String("city");
            if (city is not null) References.Add(new(Symbol.City, city, o.At("city")));
        }
        if (takes.Contains("region")) region = Ref(o, "region", Symbol.Region);
        if (k == OutcomeKind.FirstDayEncircled)
        {
            if (o.Has("city") == o.Has("region"))
                o.Error(o.Has("city") ? o.KeyNode("region") : o.Node, $"first_day_encircled needs a city or a region; expected exactly one of city: and region:");
        }
        else
        {
            foreach (var key in takes.Where(t => t is "city" or "region" or "share")) o.Take(key, required: true);
        }
        string? camp = takes.Contains("camp") ? Ref(o, "camp", Symbol.Camp, required: true) : null;
        if (k is OutcomeKind.FirstDaySameBloc or OutcomeKind.SameBloc && factions.Count < 2 && o.Has("factions"))
            o.Error(o.At("factions"), $"{YamlValues.Snake(k.ToString())} needs at least two factions; expected factions: [a, b, …]");
        var threshold = k == OutcomeKind.FirstDayShareAtMost ? o.Number("share", Bounds.Between(0, 1), 0)
            : k == OutcomeKind.FirstDayAttack ? o.Number("fighters", Bounds.AtLeast(0), 0) : 0;
        string? at = null;
        if (LedgerKinds.Contains(k) && o.String("at") is { } atId)
        {
            at = atId;
            References.Add(new(Symbol.Outcome, atId, o.At("at"), Need.FirstDayOutcome));
        }
        return new OutcomeSpec
        {
            Id = id ?? "", Kind = k, Factions = factions, City = city, Region = region,
            Threshold = threshold, At = at, Camp = camp, Description = description,
        };
    }

    /// <summary><c>faction: x</c> or <c>factions: [x, y]</c>.</summary>
    private List<string> ReadOutcomeFactions(MappingReader o)
    {
        o.Take("factions");
        if (o.Has("faction") && o.Has("factions"))
            o.Error(o.KeyNode("factions"), "both faction: and factions:; expected one of them");
        if (o.Has("factions"))
        {
            var list = o.Scalars("factions");
            if (list.Count == 0 && o.At("factions").IsSequence) o.Error(o.At("factions"), "'factions' is empty; expected at least one faction");
            foreach (var node in list) References.Add(new(Symbol.Faction, node.Value, node));
            return list.Select(n => n.Value).ToList();
        }
        if (!o.Has("faction"))
        {
            o.Take("faction");
            o.Error(o.Node, "missing required key 'faction'; expected 'faction:' or 'factions:' in this mapping");
            return [];
        }
        return FactionRef(o) is { } f ? [f] : [];
    }

    /// <summary>Days since the scenario start; reports a date outside [start, start + days].</summary>
    private int Day(MappingReader m, string key) =>
        m.Take(key, required: true) is { Exists: true } node ? DayAt(m, node) : 0;

    /// <summary>Days since the scenario start of the date at <paramref name="node"/>; reports one outside the span.</summary>
    private int DayAt(MappingReader m, Node node)
    {
        if (m.DateOf(node) is not { } date || start is not { } s) return 0;
        int day = date.DayNumber - s.DayNumber;
        if (day < 0 || day > days)
            m.Error(node, $"date {date:yyyy-MM-dd} is outside the scenario span; expected {s:yyyy-MM-dd} to {s.AddDays(days):yyyy-MM-dd}");
        return day;
    }

    private string? Declare(MappingReader m, string key, Symbol kind)
    {
        var id = m.Id(key, required: true);
        if (id is not null) Declarations.Add(new(kind, id, m.At(key)));
        return id;
    }

    /// <summary>Regions sharing a <c>city:</c> are its districts; the city exists once any region names it.</summary>
    private string? DeclareCity(MappingReader r)
    {
        var city = r.String("city");
        if (city is not null) Declarations.Add(new(Symbol.City, city, r.At("city")));
        return city;
    }

    private string? Ref(MappingReader m, string key, Symbol kind, bool required = false)
    {
        var id = m.String(key, required);
        if (id is not null) References.Add(new(kind, id, m.At(key)));
        return id;
    }

    private string? FactionRef(MappingReader m) => Ref(m, "faction", Symbol.Faction, required: true);

    private string? LinkRef(MappingReader m, string key, Need need) =>
        m.Take(key, required: true) is { Exists: true } node ? LinkRef(m, node, need) : null;

    /// <summary>A link written as its key "from-to"; either direction names the same link.</summary>
    private string? LinkRef(MappingReader m, Node node, Need need)
    {
        if (m.Text(node) is not { } key) return null;
        var ends = key.Split('-');
        if (ends.Length != 2 || ends[0].Length == 0 || ends[1].Length == 0)
        {
            m.Error(node, $"'{key}' is not a link key; expected from-to, e.g. misrata-abu_grein");
            return null;
        }
        References.Add(new(Symbol.Link, PairKey(ends[0], ends[1]), node, need));
        return key;
    }
}
