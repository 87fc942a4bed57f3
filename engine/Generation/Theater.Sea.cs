namespace ConflictSim.Generation;

/// <summary>
/// The sea off the northern coast (issue 15): a chain of sea zones, one per stretch of about
/// <see cref="CoastColumnsPerZone"/> coast columns, each joined by sea lanes to every port on its stretch and to
/// the next zone along the coast — as sirte-2016's Gulf of Sirte joins the ports of Misrata and Sirte. Nobody
/// holds or enters a sea zone; supply crosses it from port to port, and a blockade closes a lane to the
/// blockader's enemies (002: "GNA naval boats are blockading the port").
/// </summary>
internal sealed partial class Theater
{
    /// <summary>Coast columns a sea zone serves; fewer zones than this allows on a small map keep at least one.</summary>
    public const int CoastColumnsPerZone = 12;
    /// <summary>Kilometres a supply boat covers in a day (about 7 knots; an assumption), for the days of a lane between zones.</summary>
    public const double SeaKmPerDay = 300;
    /// <summary>How far offshore a zone's point lies, in degrees of latitude north of the box.</summary>
    private const double OffshoreDeg = 0.25;

    /// <summary>Sea zones, regions r(R) … r(R+SeaZones−1); 0 in a plain theater or where the map is too small for a coast of two ports.</summary>
    public readonly int SeaZones;
    public double[] ZoneLat = [], ZoneLon = [];
    /// <summary>Lanes from a port to its zone: SeaLanePort[i] (a land region) to zone SeaLaneZone[i].</summary>
    public int[] SeaLanePort = [], SeaLaneZone = [];
    /// <summary>Days of the lane from zone k to zone k + 1.</summary>
    public int[] ZoneLaneDays = [];
    /// <summary>Per land region: made a port here so its zone has two (a fishing harbour); the region's other values are unchanged.</summary>
    public bool[] Harbour = [];

    /// <summary>Region index of sea zone <paramref name="k"/>.</summary>
    public int ZoneRegion(int k) => R + k;

    /// <summary>First coast column (= land region, since row 0 is the coast) of zone <paramref name="k"/>'s stretch.</summary>
    public int ZoneStart(int k) => k * Cols / SeaZones;

    /// <summary>
    /// One zone per <see cref="CoastColumnsPerZone"/> columns, taken out of <see cref="TheaterParameters.Regions"/>
    /// so the file still has exactly R regions; never so many that a faction would lack a land region, and none
    /// unless the land keeps a coast row (two rows) of at least two columns per zone.
    /// </summary>
    public static int SeaZonesFor(TheaterParameters p)
    {
        if (p.Plain) return 0;
        int zones = Math.Min(Math.Max(1, ColumnsFor(p.Regions) / CoastColumnsPerZone), p.Regions - p.Factions);
        for (; zones > 0; zones--)
        {
            int land = p.Regions - zones, cols = ColumnsFor(land);
            if ((land + cols - 1) / cols >= 2 && cols >= 2 * zones) return zones;
        }
        return 0;
    }

    private void PlaceSea()
    {
        if (SeaZones == 0) return;
        var rng = Stream("sea");
        ZoneLat = new double[SeaZones]; ZoneLon = new double[SeaZones]; ZoneLaneDays = new int[Math.Max(0, SeaZones - 1)];
        Harbour = new bool[R];
        var port = new List<int>();
        var zone = new List<int>();
        for (int k = 0; k < SeaZones; k++)
        {
            int c0 = ZoneStart(k), c1 = ZoneStart(k + 1);
            ZoneLat[k] = LatMax + OffshoreDeg;
            ZoneLon[k] = LonMin + 0.5 * (c0 + c1) / Cols * (LonMax - LonMin);
            int ports = 0;
            for (int r = c0; r < c1; r++) if (Port[r]) ports++;
            // Every zone joins at least two ports: otherwise its lanes would lead nowhere.
            while (ports < 2)
            {
                int pick = -1, seen = 0;
                for (int r = c0; r < c1; r++)
                    if (!Port[r] && rng.NextInt(++seen) == 0) pick = r; // reservoir sample of one
                Port[pick] = Harbour[pick] = true;
                ports++;
            }
            for (int r = c0; r < c1; r++)
                if (Port[r]) { port.Add(r); zone.Add(k); }
        }
        SeaLanePort = port.ToArray();
        SeaLaneZone = zone.ToArray();
        for (int k = 0; k + 1 < SeaZones; k++)
        {
            double km = (ZoneLon[k + 1] - ZoneLon[k]) * KmPerDegLon;
            ZoneLaneDays[k] = Math.Clamp((int)Math.Ceiling(km / SeaKmPerDay), 1, MaxLinkDays);
        }
    }

    /// <summary>Sea lanes in the file: port lanes, then the lanes along the coast between zones.</summary>
    public int SeaLinkCount => SeaLanePort.Length + ZoneLaneDays.Length;
}
