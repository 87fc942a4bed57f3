using System.Collections.Immutable;
using System.Runtime.InteropServices;
namespace ConflictSim;

/// <summary>An effect with every id resolved to an index (-1 where unused).</summary>
internal readonly record struct Effect(EffectKind Kind, int Faction, int Other, int Region, int Patron, int Link, double Amount, double Amount2, int Dimension = -1);

/// <summary>A scripted order with ids resolved.</summary>
internal readonly record struct ScriptedOrder(int Day, int Faction, int From, int To, double Fraction);

/// <summary>An outcome with ids resolved. <see cref="Factions"/> lists faction indices.</summary>
public sealed record Outcome(string Id, OutcomeKind Kind, int[] Factions, int City, int Region, double Threshold, int At)
{
    /// <summary>Index into <see cref="Scenario.CampIds"/> for the camp kinds, or -1.</summary>
    public int Camp { get; init; } = -1;
    /// <summary>Human description for reports; "" when the file gives none.</summary>
    public string Description { get; init; } = "";
    /// <summary>A first-day kind: its value is the day something first happened, missing while it has not.</summary>
    public bool FirstDay => Phases.MetricsPhase.IsFirstDay(Kind);
}

/// <summary>
/// The immutable, index-based form of a scenario. Everything is an array indexed by faction, region, link
/// or city id, so the tick loop never touches a dictionary. Per-force arrays are laid out [faction * R + region].
/// </summary>
public sealed class Scenario
{
    /// <summary>The spec it was compiled from, ids and all.</summary>
    public ScenarioSpec Spec { get; }
    /// <summary>The scenario's engine settings (<see cref="ScenarioSpec.Settings"/>).</summary>
    public Settings Settings => Spec.Settings;

    /// <summary>Regions on the map, sea regions included; R in the [faction * R + region] layout.</summary>
    public int RegionCount { get; }
    /// <summary>Factions, declared ones plus one slot per declared splinter.</summary>
    public int FactionCount { get; }
    /// <summary>Links on the map, in file order.</summary>
    public int LinkCount { get; }
    /// <summary>Patrons, in file order.</summary>
    public int PatronCount { get; }
    /// <summary>Cities named by regions' <c>city:</c>, in order of first mention.</summary>
    public int CityCount { get; }

    /// <summary>Region ids by region index (file order).</summary>
    public ImmutableArray<string> RegionIds { get; }
    /// <summary>Declared factions first, then one dormant slot per declared splinter.</summary>
    public ImmutableArray<string> FactionIds { get; }
    /// <summary>Display names by faction index, aligned with <see cref="FactionIds"/>.</summary>
    public ImmutableArray<string> FactionNames { get; }
    /// <summary>Every faction's spec: the declared ones, then each splinter slot's (derived from its parent).</summary>
    public IReadOnlyList<FactionSpec> FactionSpecs { get; }
    /// <summary>Factions the file declares; slots at and beyond it are splinters waiting to form.</summary>
    public int DeclaredFactionCount { get; }
    /// <summary>City names by city index, in order of first mention.</summary>
    public ImmutableArray<string> CityIds { get; }
    /// <summary>Patron ids by patron index (file order).</summary>
    public ImmutableArray<string> PatronIds { get; }

    // Regions
    internal Terrain[] RegionTerrain { get; }
    internal double[] RegionDefence { get; }
    /// <summary>Per region: the factor on every faction's killed fraction in fights there (<see cref="RegionSpec.KilledScale"/>).</summary>
    internal double[] RegionKilledScale { get; }
    internal double[] RegionValue { get; }
    internal int[] RegionCity { get; }
    internal int[] InitialController { get; }

    // Links and adjacency (compressed sparse rows: neighbours of r are AdjRegion[AdjStart[r]..AdjStart[r+1]])
    internal int[] LinkFrom { get; }
    internal int[] LinkTo { get; }
    internal int[] LinkDays { get; }
    internal LinkKind[] LinkKinds { get; }
    internal int[] AdjStart { get; }
    internal int[] AdjRegion { get; }
    internal int[] AdjLink { get; }

    // Cities: districts of city c are CityRegions[CityStart[c]..CityStart[c+1]]
    internal int[] CityStart { get; }
    internal int[] CityRegions { get; }

    // Factions
    internal double[] Quality { get; }
    internal double[] AimedFire { get; }
    internal double[] AreaFire { get; }
    internal double[] KilledFraction { get; }
    internal double[] InitialMorale { get; }
    internal double[] InitialCohesion { get; }
    internal double[] InitialSupply { get; }
    internal double[] InitialIncome { get; }
    internal double[] SupplyCapacity { get; }
    internal Doctrine[] Doctrines { get; }
    internal int[] DefectTo { get; }
    internal int[] DefectRegion { get; }
    internal OrderSourceKind[] OrderSources { get; }
    internal bool[] IsSupplySource { get; }
    private readonly int[] _sourceStart, _sourceRegion;
    /// <summary>The faction's supply sources, ascending region id.</summary>
    internal ReadOnlySpan<int> SupplySourcesOf(int faction) =>
        new(_sourceRegion, _sourceStart[faction], _sourceStart[faction + 1] - _sourceStart[faction]);
    /// <summary>
    /// The forces fielded at the start, ascending by force index ([faction * R + region]) with their fighters:
    /// a list, not a faction × region array, because on a large map nearly every slot is empty.
    /// </summary>
    internal int[] InitialForce { get; }
    internal double[] InitialForceFighters { get; }

    /// <summary>Fighters a force starts with (0 when the scenario fields none there).</summary>
    internal double InitialFightersAt(int force)
    {
        int i = Array.BinarySearch(InitialForce, force);
        return i >= 0 ? InitialForceFighters[i] : 0;
    }

    /// <summary>Fighters a faction fields at the start, summed in region order.</summary>
    public double InitialFightersOf(int faction)
    {
        double total = 0;
        int first = faction * RegionCount, last = first + RegionCount;
        for (int i = Array.BinarySearch(InitialForce, first) is var k && k >= 0 ? k : ~k; i < InitialForce.Length && InitialForce[i] < last; i++)
            total += InitialForceFighters[i];
        return total;
    }
    internal ObjectiveTable Objective { get; }
    internal double[] InitialTrust { get; }

    // Alliances
    /// <summary>Initial political weight added to fighting strength when blocs form.</summary>
    internal double[] Weight { get; }
    internal int[] Supplier { get; }
    /// <summary>Per faction: its splinter's slot, or -1.</summary>
    internal int[] SplinterSlot { get; }
    /// <summary>Per faction: the faction it split from, or -1.</summary>
    internal int[] ParentOf { get; }
    internal SplinterSpec?[] Splinters { get; }
    internal string[] Dimensions { get; }
    /// <summary>Ideological affinity 1 − 2·distance per pair [a * F + b], NaN where either has no declared ideology.</summary>
    internal double[] Affinity { get; }
    /// <summary>Camp ids by camp index (file order).</summary>
    public ImmutableArray<string> CampIds { get; }
    /// <summary>Camp display names, aligned with <see cref="CampIds"/>.</summary>
    public ImmutableArray<string> CampNames { get; }
    /// <summary>Camps declared.</summary>
    public int CampCount { get; }
    /// <summary>Per faction: the camp it (or the faction it split from) started in, or -1.</summary>
    internal int[] CampOf { get; }
    /// <summary>Bloc at the start: a camp's members share the bloc of its first member; others stand alone.</summary>
    internal int[] InitialBloc { get; }

    // Patrons
    internal int[] PatronClient { get; }
    internal double[] PatronAir { get; }
    internal double[] PatronArtillery { get; }
    internal double[] PatronLethality { get; }
    internal double[] PatronSupply { get; }
    /// <summary>Per link: the faction whose enemies it is closed to at the start, or -1.</summary>
    internal int[] InitialBlockade { get; }

    // Scripted content, sorted by day (stable, so file order breaks ties)
    internal int[] EventDay { get; }
    internal double[] EventProbability { get; }
    /// <summary>Event ids sorted by day (file order breaks ties): the order events fire in, not the file's.</summary>
    public ImmutableArray<string> EventIds { get; }
    internal int[] EventEffectStart { get; }
    internal Effect[] Effects { get; }
    internal ScriptedOrder[] ScriptedOrders { get; }
    /// <summary>Outcomes with ids resolved: the declared ones in file order, then five per camp; the order of <see cref="StateView.OutcomeValue"/>.</summary>
    public ImmutableArray<Outcome> Outcomes { get; }

    // Underground cells, strikes on them, and the population's civil violence (their own phases)
    internal InsurgencyPlan Insurgency { get; }
    internal PopulationPlan Population { get; }

    private readonly Dictionary<string, int> _regionIndex;

    /// <summary>Index of a force in per-force arrays: faction * RegionCount + region.</summary>
    public int Force(int faction, int region) => faction * RegionCount + region;
    /// <summary>Index of the faction with this id (splinter slots included), or -1.</summary>
    public int FactionIndex(string id) => FactionIds.IndexOf(id);
    /// <summary>Index of the region with this id, or -1.</summary>
    public int RegionIndex(string id) => _regionIndex.TryGetValue(id, out int i) ? i : -1;
    /// <summary>Index of the city with this name, or -1.</summary>
    public int CityIndex(string id) => CityIds.IndexOf(id);
    /// <summary>Index of the outcome with this id in <see cref="Outcomes"/>, or -1.</summary>
    public int OutcomeIndex(string id)
    {
        for (int i = 0; i < Outcomes.Length; i++) if (Outcomes[i].Id == id) return i;
        return -1;
    }

    /// <summary>The link joining two regions, or -1 when they are not neighbours.</summary>
    public int LinkBetween(int a, int b)
    {
        for (int i = AdjStart[a]; i < AdjStart[a + 1]; i++)
            if (AdjRegion[i] == b) return AdjLink[i];
        return -1;
    }

    /// <summary>Link key as scenarios write it: "from-to" (either direction matches).</summary>
    public int LinkIndex(string key)
    {
        for (int l = 0; l < LinkCount; l++)
        {
            string a = RegionIds[LinkFrom[l]], b = RegionIds[LinkTo[l]];
            if (key == a + "-" + b || key == b + "-" + a) return l;
        }
        return -1;
    }

    /// <summary>
    /// Compiles a validated spec. Throws <see cref="ArgumentException"/> on a dangling id (the loader reports those first).
    /// Specs are treated as immutable (built once, changed only by <c>with</c>), so compiling the same instance again
    /// returns the scenario compiled the first time: the loader compiles every spec as its last check, and a caller's
    /// compile then costs nothing (at 10⁵ regions a second compile was 0.15 s and a second copy of the tables).
    /// </summary>
    public static Scenario Compile(ScenarioSpec spec) => Compiled.GetValue(spec, static s => new Scenario(s));

    /// <summary>Each spec's scenario, for as long as the spec lives (the scenario holds its spec, so no longer).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScenarioSpec, Scenario> Compiled = new();

    private Scenario(ScenarioSpec spec)
    {
        Spec = spec;
        int r = RegionCount = spec.Regions.Count;
        var factions = WithSplinterSlots(spec.Factions);
        DeclaredFactionCount = spec.Factions.Count;
        FactionSpecs = factions;
        int f = FactionCount = factions.Count;
        int l = LinkCount = spec.Links.Count;
        int p = PatronCount = spec.Patrons.Count;

        var regionIds = new string[r];
        for (int i = 0; i < r; i++) regionIds[i] = spec.Regions[i].Id;
        RegionIds = ImmutableCollectionsMarshal.AsImmutableArray(regionIds);
        // A scan per lookup made compiling quadratic in regions (minutes at 10^5, one lookup per link end and force).
        _regionIndex = new Dictionary<string, int>(r, StringComparer.Ordinal);
        for (int i = 0; i < r; i++) _regionIndex.TryAdd(RegionIds[i], i); // the first of duplicates, as Array.IndexOf gave
        FactionIds = [.. factions.Select(x => x.Id)];
        FactionNames = [.. factions.Select(x => x.Name)];
        PatronIds = [.. spec.Patrons.Select(x => x.Id)];

        var cities = new List<string>();
        foreach (var reg in spec.Regions)
            if (reg.City is { } c && !cities.Contains(c)) cities.Add(c);
        CityIds = [.. cities];
        CityCount = CityIds.Length;

        RegionTerrain = new Terrain[r];
        RegionDefence = new double[r];
        RegionKilledScale = new double[r];
        RegionValue = new double[r];
        RegionCity = new int[r];
        InitialController = new int[r];
        for (int i = 0; i < r; i++)
        {
            var reg = spec.Regions[i];
            RegionTerrain[i] = reg.Terrain;
            RegionDefence[i] = (spec.Settings.Defence.TryGetValue(reg.Terrain, out var d) ? d : 1.0) * reg.Fortification;
            RegionKilledScale[i] = reg.KilledScale;
            RegionValue[i] = reg.Value;
            RegionCity[i] = reg.City is null ? -1 : CityIndex(reg.City);
            InitialController[i] = reg.Controller is null ? -1 : Require(FactionIndex(reg.Controller), reg.Controller);
        }

        CityStart = new int[CityCount + 1];
        var cityRegions = new List<int>();
        for (int c = 0; c < CityCount; c++)
        {
            CityStart[c] = cityRegions.Count;
            for (int i = 0; i < r; i++) if (RegionCity[i] == c) cityRegions.Add(i);
        }
        CityStart[CityCount] = cityRegions.Count;
        CityRegions = cityRegions.ToArray();

        LinkFrom = new int[l]; LinkTo = new int[l]; LinkDays = new int[l]; LinkKinds = new LinkKind[l];
        var degree = new int[r + 1];
        for (int i = 0; i < l; i++)
        {
            var link = spec.Links[i];
            LinkFrom[i] = Require(RegionIndex(link.From), link.From);
            LinkTo[i] = Require(RegionIndex(link.To), link.To);
            LinkDays[i] = Math.Max(1, link.Days);
            LinkKinds[i] = link.Kind;
            degree[LinkFrom[i]]++; degree[LinkTo[i]]++;
        }
        AdjStart = new int[r + 1];
        for (int i = 0; i < r; i++) AdjStart[i + 1] = AdjStart[i] + degree[i];
        AdjRegion = new int[AdjStart[r]];
        AdjLink = new int[AdjStart[r]];
        var fill = new int[r];
        for (int i = 0; i < l; i++)
        {
            int a = LinkFrom[i], b = LinkTo[i];
            int ia = AdjStart[a] + fill[a]++; AdjRegion[ia] = b; AdjLink[ia] = i;
            int ib = AdjStart[b] + fill[b]++; AdjRegion[ib] = a; AdjLink[ib] = i;
        }

        Quality = new double[f]; AimedFire = new double[f]; AreaFire = new double[f]; KilledFraction = new double[f];
        InitialMorale = new double[f]; InitialCohesion = new double[f]; InitialSupply = new double[f]; InitialIncome = new double[f];
        SupplyCapacity = new double[f];
        Doctrines = new Doctrine[f]; DefectTo = new int[f]; DefectRegion = new int[f]; OrderSources = new OrderSourceKind[f];
        IsSupplySource = new bool[f * r];
        var objectives = new List<(int Faction, int Region, double Value)>();
        var initial = new List<(int Force, double Fighters)>();
        for (int i = 0; i < f; i++)
        {
            var fs = factions[i];
            Quality[i] = fs.Quality; AimedFire[i] = fs.AimedFire; AreaFire[i] = fs.AreaFire; KilledFraction[i] = fs.KilledFraction;
            InitialMorale[i] = fs.Morale; InitialCohesion[i] = fs.Cohesion; InitialSupply[i] = fs.Supply; InitialIncome[i] = fs.Income;
            SupplyCapacity[i] = fs.SupplyDays ?? spec.Settings.SupplyCapacityDays;
            Doctrines[i] = fs.Doctrine; OrderSources[i] = fs.Orders;
            DefectTo[i] = fs.Doctrine.DefectTo is null ? -1 : Require(FactionIndex(fs.Doctrine.DefectTo), fs.Doctrine.DefectTo);
            DefectRegion[i] = fs.Doctrine.DefectRegion is null ? -1 : Require(RegionIndex(fs.Doctrine.DefectRegion), fs.Doctrine.DefectRegion);
            foreach (var s in fs.SupplySources) IsSupplySource[i * r + Require(RegionIndex(s), s)] = true;
            foreach (var (reg, n) in fs.Forces) initial.Add((i * r + Require(RegionIndex(reg), reg), n));
            foreach (var (reg, v) in fs.Objectives) objectives.Add((i, Require(RegionIndex(reg), reg), v));
        }
        Objective = new ObjectiveTable(f, r, objectives);
        initial.Sort((a, b) => a.Force.CompareTo(b.Force));
        InitialForce = new int[initial.Count];
        InitialForceFighters = new double[initial.Count];
        for (int k = 0; k < initial.Count; k++) (InitialForce[k], InitialForceFighters[k]) = initial[k];
        _sourceStart = new int[f + 1];
        for (int i = 0; i < f; i++)
        {
            int n = 0;
            for (int reg = 0; reg < r; reg++) if (IsSupplySource[i * r + reg]) n++;
            _sourceStart[i + 1] = _sourceStart[i] + n;
        }
        _sourceRegion = new int[_sourceStart[f]];
        for (int i = 0, k = 0; i < f; i++)
            for (int reg = 0; reg < r; reg++) if (IsSupplySource[i * r + reg]) _sourceRegion[k++] = reg;

        InitialTrust = new double[f * f];
        for (int i = 0; i < f; i++) InitialTrust[i * f + i] = 1.0;
        foreach (var rel in spec.Relations)
        {
            int a = Require(FactionIndex(rel.A), rel.A), b = Require(FactionIndex(rel.B), rel.B);
            InitialTrust[a * f + b] = InitialTrust[b * f + a] = rel.Trust;
        }
        // A dormant splinter starts with its parent's relations; the split itself sets its trust in the parent.
        for (int i = DeclaredFactionCount; i < f; i++)
        {
            int parent = factions.FindIndex(x => x.Id + SplinterSuffix == factions[i].Id);
            for (int j = 0; j < f; j++)
            {
                double t = j == i ? 1.0 : InitialTrust[parent * f + j];
                InitialTrust[i * f + j] = InitialTrust[j * f + i] = t;
            }
        }

        Weight = new double[f]; Supplier = new int[f]; SplinterSlot = new int[f]; ParentOf = new int[f];
        Splinters = new SplinterSpec?[f];
        Array.Fill(SplinterSlot, -1); Array.Fill(ParentOf, -1);
        Dimensions = spec.Settings.Alliances.Dimensions.ToArray();
        int dims = Dimensions.Length;
        var position = new double[f * dims];
        var hasIdeology = new bool[f];
        for (int i = 0; i < f; i++)
        {
            var fs = factions[i];
            Weight[i] = fs.Weight;
            Supplier[i] = fs.Supplier is null ? -1 : Require(FactionIndex(fs.Supplier), fs.Supplier);
            Splinters[i] = fs.Splinter;
            if (fs.Splinter is not null) SplinterSlot[i] = FactionIndex(SplinterId(fs.Id));
            if (i >= DeclaredFactionCount) ParentOf[i] = FactionIndex(factions[i].Id[..^SplinterSuffix.Length]);
            hasIdeology[i] = fs.Ideology.Count > 0;
            for (int d = 0; d < dims; d++) position[i * dims + d] = fs.Ideology.TryGetValue(Dimensions[d], out var x) ? x : 0.5;
        }
        Affinity = new double[f * f];
        for (int a = 0; a < f; a++)
            for (int b = 0; b < f; b++)
            {
                if (!hasIdeology[a] || !hasIdeology[b] || dims == 0) { Affinity[a * f + b] = double.NaN; continue; }
                double d2 = 0;
                for (int d = 0; d < dims; d++) { double x = position[a * dims + d] - position[b * dims + d]; d2 += x * x; }
                Affinity[a * f + b] = 1 - 2 * Math.Sqrt(d2 / dims);
            }
        IdeologyPosition = position;

        CampCount = spec.Camps.Count;
        CampIds = [.. spec.Camps.Select(c => c.Id)];
        CampNames = [.. spec.Camps.Select(c => c.Name)];
        CampOf = new int[f];
        Array.Fill(CampOf, -1);
        InitialBloc = new int[f];
        for (int i = 0; i < f; i++) InitialBloc[i] = i;
        for (int c = 0; c < CampCount; c++)
        {
            int first = -1;
            foreach (var m in spec.Camps[c].Members)
            {
                int i = Require(FactionIndex(m), m);
                CampOf[i] = c;
                if (first < 0) first = i;
                InitialBloc[i] = first;
            }
        }
        for (int i = DeclaredFactionCount; i < f; i++) CampOf[i] = CampOf[ParentOf[i]];

        PatronClient = new int[p]; PatronAir = new double[p]; PatronArtillery = new double[p];
        PatronLethality = new double[p]; PatronSupply = new double[p];
        InitialBlockade = new int[l];
        Array.Fill(InitialBlockade, -1);
        for (int i = 0; i < p; i++)
        {
            var ps = spec.Patrons[i];
            PatronClient[i] = Require(FactionIndex(ps.Client), ps.Client);
            PatronAir[i] = ps.AirSorties; PatronArtillery[i] = ps.Artillery;
            PatronLethality[i] = ps.Lethality; PatronSupply[i] = ps.Supply;
            foreach (var key in ps.Blockade) InitialBlockade[Require(LinkIndex(key), key)] = PatronClient[i];
        }

        var events = spec.Events.Select((e, i) => (e, i)).OrderBy(x => x.e.Day).ThenBy(x => x.i).Select(x => x.e).ToArray();
        EventDay = new int[events.Length]; EventProbability = new double[events.Length]; EventIds = [.. events.Select(e => e.Id)];
        EventEffectStart = new int[events.Length + 1];
        var effects = new List<Effect>();
        for (int i = 0; i < events.Length; i++)
        {
            EventDay[i] = events[i].Day; EventProbability[i] = events[i].Probability;
            EventEffectStart[i] = effects.Count;
            foreach (var e in events[i].Effects) effects.Add(Resolve(e));
        }
        EventEffectStart[events.Length] = effects.Count;
        Effects = effects.ToArray();

        ScriptedOrders = spec.Orders.Select((o, i) => (o, i)).OrderBy(x => x.o.Day).ThenBy(x => x.i)
            .Select(x => new ScriptedOrder(x.o.Day, Require(FactionIndex(x.o.Faction), x.o.Faction),
                Require(RegionIndex(x.o.From), x.o.From), Require(RegionIndex(x.o.To), x.o.To), x.o.Fraction))
            .ToArray();

        var outcomeSpecs = spec.Outcomes.Concat(CampOutcomes(spec.Camps)).ToList();
        var outcomeIds = outcomeSpecs.Select(o => o.Id).ToList();
        Outcomes = outcomeSpecs.Select(o => new Outcome(
            o.Id, o.Kind,
            o.Factions.Select(x => Require(FactionIndex(x), x)).ToArray(),
            o.City is null ? -1 : Require(CityIndex(o.City), o.City),
            o.Region is null ? -1 : Require(RegionIndex(o.Region), o.Region),
            o.Threshold,
            o.At is null ? -1 : Require(outcomeIds.IndexOf(o.At), o.At))
        {
            Camp = o.Camp is null ? -1 : Require(CampIds.IndexOf(o.Camp), o.Camp),
            Description = o.Description ?? "",
        }).ToImmutableArray();

        Insurgency = new InsurgencyPlan(this, spec, id => Require(RegionIndex(id), id));
        Population = new PopulationPlan(this, spec, id => Require(FactionIndex(id), id));
    }

    /// <summary>Ideology positions per faction [f * Dimensions.Length + d] (0.5 where undeclared).</summary>
    internal double[] IdeologyPosition { get; }

    /// <summary>Appended to a faction's id to name its splinter's slot.</summary>
    public const string SplinterSuffix = "_splinter";

    /// <summary>Id of the splinter of faction <paramref name="parent"/>: the parent id plus <see cref="SplinterSuffix"/>.</summary>
    public static string SplinterId(string parent) => parent + SplinterSuffix;

    /// <summary>The declared factions followed by a dormant slot for each declared splinter.</summary>
    private static List<FactionSpec> WithSplinterSlots(IReadOnlyList<FactionSpec> declared)
    {
        var all = declared.ToList();
        foreach (var fs in declared)
        {
            if (fs.Splinter is not { } sp) continue;
            all.Add(fs with
            {
                Id = SplinterId(fs.Id),
                Name = sp.Name ?? fs.Name + " (splinter)",
                Forces = new Dictionary<string, double>(),
                Splinter = null,
                Weight = 0,
                Supply = 0,
                Income = 0,
            });
        }
        return all;
    }

    /// <summary>The standard fragmentation outcomes every declared camp reports (issue: GNA/LNA fragmentation).</summary>
    public static IEnumerable<OutcomeSpec> CampOutcomes(IReadOnlyList<CampSpec> camps)
    {
        foreach (var c in camps)
        {
            yield return new OutcomeSpec { Id = c.Id + "_blocs", Kind = OutcomeKind.CampBlocs, Camp = c.Id, Description = $"blocs the {c.Name}'s factions and splinters end in" };
            yield return new OutcomeSpec { Id = c.Id + "_effective_blocs", Kind = OutcomeKind.CampEffectiveBlocs, Camp = c.Id, Description = "effective number of blocs by strength, 1/Σ share²" };
            yield return new OutcomeSpec { Id = c.Id + "_largest_share", Kind = OutcomeKind.CampLargestShare, Camp = c.Id, Description = "largest successor bloc's share of the camp's strength" };
            yield return new OutcomeSpec { Id = c.Id + "_infighting_days", Kind = OutcomeKind.CampInfightingDays, Camp = c.Id, Description = "days on which camp members fought each other" };
            yield return new OutcomeSpec { Id = c.Id + "_fragmented", Kind = OutcomeKind.CampFragmented, Camp = c.Id, Description = "1 when the camp ends fragmented (see scenarios/README.md)" };
        }
    }

    /// <summary>Resolves an effect written with ids (an event's, or a host's inject). Throws <see cref="ArgumentException"/> on an unknown id.</summary>
    internal Effect Resolve(EffectSpec e) => new(
        e.Kind,
        e.Faction is null ? -1 : Require(FactionIndex(e.Faction), e.Faction),
        e.Other is null ? -1 : Require(FactionIndex(e.Other), e.Other),
        e.Region is null ? -1 : Require(RegionIndex(e.Region), e.Region),
        e.Patron is null ? -1 : Require(PatronIds.IndexOf(e.Patron), e.Patron),
        e.Link is null ? -1 : Require(LinkIndex(e.Link), e.Link),
        e.Amount, e.Amount2,
        e.Dimension is null ? -1 : Require(Array.IndexOf(Dimensions, e.Dimension), e.Dimension));

    private static int Require(int index, string id) =>
        index >= 0 ? index : throw new ArgumentException($"unknown id '{id}'");
}
