using System.Globalization;
using System.Text;
using System.Text.Json;
using ConflictSim.Analysis.Assets;

namespace ConflictSim.Analysis.Maps;

/// <summary>
/// Lon/lat to SVG coordinates for a theatre map: an equirectangular projection with the x scale shrunk by
/// the cosine of the box's middle latitude, which keeps Libya's shape true to within about 4% across its
/// 15° of latitude. Simple on purpose: a browser, a report and a test all place a region the same way.
/// </summary>
public sealed class MapProjection
{
    private readonly double lonMin, latMax, scale, kx;

    /// <summary>The drawing's width in SVG units.</summary>
    public double Width { get; }
    /// <summary>The drawing's height in SVG units.</summary>
    public double Height { get; }

    /// <summary>Fits the box [lonMin, latMin, lonMax, latMax] into a drawing <paramref name="width"/> wide.</summary>
    public MapProjection(double lonMin, double latMin, double lonMax, double latMax, double width)
    {
        if (!(lonMax > lonMin) || !(latMax > latMin) || !(width > 0)) throw new ArgumentException("the map box is empty");
        this.lonMin = lonMin; this.latMax = latMax;
        kx = Math.Cos((latMin + latMax) / 2 * Math.PI / 180);
        scale = width / ((lonMax - lonMin) * kx);
        Width = width;
        Height = (latMax - latMin) * scale;
    }

    /// <summary>The projection of the bundled Libya box, <paramref name="width"/> units wide.</summary>
    public static MapProjection Libya(double width = 800)
    {
        var box = MapOutline.Libya.Box;
        return new MapProjection(box[0], box[1], box[2], box[3], width);
    }

    /// <summary>SVG x of a longitude.</summary>
    public double X(double lon) => (lon - lonMin) * kx * scale;
    /// <summary>SVG y of a latitude (north up).</summary>
    public double Y(double lat) => (latMax - lat) * scale;
}

/// <summary>The bundled Natural Earth outline, parsed: Libya's polygons and its neighbours'.</summary>
public sealed class MapOutline
{
    private static readonly Lazy<MapOutline> libya = new(() => Parse(BundledAssets.LibyaOutlineJson));

    /// <summary>The outline shipped with the project.</summary>
    public static MapOutline Libya => libya.Value;

    /// <summary>Drawing box: lon min, lat min, lon max, lat max.</summary>
    public required double[] Box { get; init; }
    /// <summary>Libya: polygons, each a list of rings of (lon, lat).</summary>
    public required IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Country { get; init; }
    /// <summary>Neighbouring countries by name, same shape as <see cref="Country"/>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>>> Neighbours { get; init; }
    /// <summary>The attribution to print beside the map.</summary>
    public required string Attribution { get; init; }

    /// <summary>An SVG path (<c>d</c> attribute) of the given polygons under <paramref name="projection"/>.</summary>
    public static string SvgPath(IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> polygons, MapProjection projection)
    {
        var sb = new StringBuilder();
        foreach (var polygon in polygons)
            foreach (var ring in polygon)
            {
                for (int i = 0; i < ring.Length; i++)
                {
                    sb.Append(i == 0 ? 'M' : 'L');
                    sb.Append(projection.X(ring[i].Lon).ToString("0.#", CultureInfo.InvariantCulture)).Append(',');
                    sb.Append(projection.Y(ring[i].Lat).ToString("0.#", CultureInfo.InvariantCulture));
                }
                sb.Append('Z');
            }
        return sb.ToString();
    }

    private static MapOutline Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var neighbours = new Dictionary<string, IReadOnlyList<IReadOnlyList<(double, double)[]>>>(StringComparer.Ordinal);
        foreach (var n in root.GetProperty("neighbours").EnumerateObject()) neighbours[n.Name] = Polygons(n.Value);
        return new MapOutline
        {
            Box = root.GetProperty("box").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            Country = Polygons(root.GetProperty("libya")),
            Neighbours = neighbours,
            Attribution = root.GetProperty("attribution").GetString() ?? "",
        };
    }

    private static IReadOnlyList<IReadOnlyList<(double, double)[]>> Polygons(JsonElement e) =>
        e.EnumerateArray().Select(p => (IReadOnlyList<(double, double)[]>)p.EnumerateArray()
            .Select(r => r.EnumerateArray().Select(pt => (pt[0].GetDouble(), pt[1].GetDouble())).ToArray()).ToList()).ToList();
}
