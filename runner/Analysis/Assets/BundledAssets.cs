using System.Reflection;

namespace ConflictSim.Analysis.Assets;

/// <summary>
/// Files shipped inside the tool so that reports and the wargame work with no network:
/// plotly.js (MIT, from the npm package plotly.js-dist-min 4.1.2, stored gzipped: <c>gzip -9 -n plotly.min.js</c>) and the Natural Earth outline of Libya
/// (public domain, via world-atlas; see <c>derive-libya-outline.py</c>). Read once, on first use.
/// </summary>
public static class BundledAssets
{
    // Kept gzipped (1.4 MB, not 4.8 MB) in the repository and the binary; unpacked once, on first use.
    private static readonly Lazy<string> plotly = new(() => Read("plotly.min.js.gz", gzipped: true));
    private static readonly Lazy<string> outline = new(() => Read("libya-outline.json"));

    /// <summary>The version of plotly.js in <see cref="PlotlyJs"/>.</summary>
    public const string PlotlyVersion = "4.1.2";

    /// <summary>plotly.js, minified, to inline in a page or serve from the app itself.</summary>
    public static string PlotlyJs => plotly.Value;

    /// <summary>The outline of Libya and its neighbours as JSON: <c>attribution</c>, <c>box</c>, <c>libya</c> and <c>neighbours</c> (polygons of rings of [lon, lat]).</summary>
    public static string LibyaOutlineJson => outline.Value;

    /// <summary>The attribution Natural Earth asks for, to print beside every map drawn from <see cref="LibyaOutlineJson"/>.</summary>
    public const string MapAttribution = "Outline: Natural Earth (naturalearthdata.com), 1:50m Admin 0, public domain, via world-atlas 2.0.2.";

    private static string Read(string name, bool gzipped = false)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ConflictSim.Analysis.Assets." + name)
            ?? throw new InvalidOperationException($"the bundled asset '{name}' is missing from the build");
        using var reader = new StreamReader(gzipped ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream);
        return reader.ReadToEnd();
    }
}
