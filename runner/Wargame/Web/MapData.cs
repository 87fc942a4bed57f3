using ConflictSim.Analysis.Assets;
using ConflictSim.Analysis.Maps;

namespace ConflictSim.Wargame.Web;

/// <summary>A region on the drawn map.</summary>
/// <param name="Id">Region id.</param>
/// <param name="Name">Its name.</param>
/// <param name="X">SVG x.</param>
/// <param name="Y">SVG y.</param>
/// <param name="Sea">True for a sea region.</param>
public sealed record MapRegion(string Id, string Name, double X, double Y, bool Sea);

/// <summary>A link between two regions.</summary>
/// <param name="From">One end.</param>
/// <param name="To">The other.</param>
/// <param name="Kind">Road, track, sea…</param>
public sealed record MapLink(string From, string To, string Kind);

/// <summary>A faction's id, name and the colour it is drawn in.</summary>
/// <param name="Id">Faction id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Colour">CSS colour.</param>
public sealed record MapFaction(string Id, string Name, string Colour);

/// <summary>
/// What every page draws the same way and no role's secret: the Natural Earth outline of Libya and its neighbours
/// (with the attribution it asks for), each region placed by its scenario coordinates, the links, and the factions'
/// names and colours. Nothing of the state.
/// </summary>
/// <param name="Width">SVG width.</param>
/// <param name="Height">SVG height.</param>
/// <param name="Libya">Libya's outline as an SVG path.</param>
/// <param name="Neighbours">Neighbouring countries' outlines.</param>
/// <param name="Attribution">Natural Earth's attribution.</param>
/// <param name="Regions">The regions.</param>
/// <param name="Links">The links.</param>
/// <param name="Factions">The factions.</param>
/// <param name="Events">Scenario events' ids (for White's inject form; public in the scenario file).</param>
/// <param name="Patrons">Patron ids.</param>
/// <param name="Start">The scenario's start date.</param>
/// <param name="Title">The scenario's title.</param>
public sealed record MapData(double Width, double Height, string Libya, IReadOnlyList<string> Neighbours, string Attribution,
    IReadOnlyList<MapRegion> Regions, IReadOnlyList<MapLink> Links, IReadOnlyList<MapFaction> Factions,
    IReadOnlyList<string> Events, IReadOnlyList<string> Patrons, string Start, string Title)
{
    private static readonly string[] Palette =
        ["#1f77b4", "#2ca02c", "#17becf", "#bcbd22", "#8c564b", "#d62728", "#ff7f0e", "#9467bd", "#e377c2", "#7f7f7f", "#111111", "#aec7e8", "#98df8a", "#ffbb78", "#c5b0d5", "#c49c94"];

    /// <summary>The map of <paramref name="sc"/>, <paramref name="width"/> units wide.</summary>
    public static MapData Of(Scenario sc, double width = 800)
    {
        var projection = MapProjection.Libya(width);
        var outline = MapOutline.Libya;
        var regions = sc.Spec.Regions.Select(r => new MapRegion(r.Id, r.Name, Math.Round(projection.X(r.Lon), 1), Math.Round(projection.Y(r.Lat), 1), r.Terrain == Terrain.Sea)).ToList();
        var links = sc.Spec.Links.Select(l => new MapLink(l.From, l.To, l.Kind.ToString().ToLowerInvariant())).ToList();
        var factions = Enumerable.Range(0, sc.FactionCount).Select(f => new MapFaction(sc.FactionIds[f], sc.FactionNames[f], Palette[f % Palette.Length])).ToList();
        return new MapData(width, Math.Round(projection.Height, 1), MapOutline.SvgPath(outline.Country, projection),
            outline.Neighbours.Values.Select(n => MapOutline.SvgPath(n, projection)).ToList(), BundledAssets.MapAttribution,
            regions, links, factions, sc.EventIds.ToList(), sc.PatronIds.ToList(), sc.Spec.Start.ToString("yyyy-MM-dd"), sc.Spec.Title);
    }
}
