using ConflictSim.Randomness;

namespace ConflictSim.Generation;

/// <summary>
/// A synthetic theater in flat arrays, built from <see cref="TheaterParameters"/> before it is written out as
/// YAML. Every draw comes from a stream derived from (seed, purpose), and only +, −, ×, ÷ and √ touch the
/// numbers (no sin, cos or exp), so the same parameters give the same theater on any machine.
/// <para>
/// The map is a jittered grid over Libya's bounding box, north row on the coast. Links come from a planar
/// candidate set (the four grid neighbours plus the shorter diagonal of each cell, as a Delaunay triangulation
/// of the jittered points would pick it): a random spanning tree over them (Kruskal on shuffled candidates)
/// keeps the map connected, then further candidates are added in the same random order up to the target mean
/// degree. Factions grow from seeded capitals over the links (a graph Voronoi: multi-source breadth-first
/// search), group into two or three geographic coalitions (west, east, south, as Libya's camps did), and hold
/// their ground with a thin garrison inside and a thick line where they meet a hostile faction, so the
/// number of forces stays about R whatever F is.
/// </para>
/// <para>
/// Unless the theater is plain, the sea (Theater.Sea.cs) and the campaign (Theater.Campaign.cs: patrons,
/// insurgents, events) are drawn last, each from its own stream, so the land, factions and forces are the same
/// as in the plain theater of the same regions less the sea zones.
/// </para>
/// </summary>
internal sealed partial class Theater
{
    // Libya's bounding box, the coast along the northern edge (outside fact: the country spans about 9.4–25.2°E, 19.5–33.2°N).
    public const double LatMin = 19.5, LatMax = 33.0, LonMin = 9.5, LonMax = 25.0;
    /// <summary>Kilometres per degree of latitude, and of longitude at the box's middle latitude (cos 26.25° ≈ 0.8969).</summary>
    public const double KmPerDegLat = 111.0, KmPerDegLon = 111.0 * 0.8969;
    /// <summary>
    /// Kilometres a column covers in a day on a road, as sidra-2016 sets its link days (1 day for ~25–75 km of
    /// coastal road, 2 for ~100–150 km); desert tracks are slower.
    /// </summary>
    public const double RoadKmPerDay = 75, TrackKmPerDay = 60;
    /// <summary>Link travel days are clamped to this, so a coarse map's long links stay a few days' drive.</summary>
    public const int MaxLinkDays = 3;
    /// <summary>How far a point may stray from its cell's centre, as a share of the cell.</summary>
    private const double Jitter = 0.35;
    /// <summary>Hostile border regions each faction takes as objectives, at most.</summary>
    public const int MaxBorderObjectives = 3;

    public readonly TheaterParameters Parameters;
    /// <summary>Land regions (the grid; ids r0 … r(R−1)), factions, grid columns and rows. Sea zones follow the land.</summary>
    public readonly int R, F, Cols, Rows;

    public readonly double[] Lat, Lon;
    public readonly Terrain[] RegionTerrain;
    public readonly int[] Population;
    public readonly double[] Value;
    public readonly bool[] OilTerminal, Port;
    /// <summary>City of each region, or -1.</summary>
    public readonly int[] City;
    public int CityCount { get; private set; }
    /// <summary>Faction holding each region at the start.</summary>
    public readonly int[] Owner;
    /// <summary>Whole fighters of the owner in each region.</summary>
    public readonly int[] Fighters;
    /// <summary>Per region: next to ground held by a hostile faction.</summary>
    public readonly bool[] Front;

    public int LinkCount { get; private set; }
    public int[] LinkA = [], LinkB = [], LinkDays = [];
    public LinkKind[] LinkKinds = [];
    private int[] _adjStart = [], _adj = [];

    // Factions
    public readonly int[] Capital;
    /// <summary>Coalition of each faction, or -1 for a neutral.</summary>
    public readonly int[] Coalition;
    public int CoalitionCount { get; private set; }
    /// <summary>Initial trust [a * F + b], symmetric; 0 for pairs not written.</summary>
    public readonly double[] Trust;
    public readonly double[] Quality, AimedFire, Morale, Cohesion, Aggression, Caution, AttackRatio;
    public readonly long[] TotalFighters;
    public readonly int[] Garrison;
    /// <summary>Up to <see cref="MaxBorderObjectives"/> hostile regions next to each faction's ground [f * Max + k], -1 where none.</summary>
    public readonly int[] BorderObjective;
    /// <summary>Nearest hostile capital's faction, or -1 (neutrals and factions with no enemies).</summary>
    public readonly int[] TargetCapital;
    /// <summary>Regions of faction f are TerritoryRegion[TerritoryStart[f]..TerritoryStart[f+1]], ascending.</summary>
    public readonly int[] TerritoryStart, TerritoryRegion;

    private Theater(TheaterParameters p)
    {
        Parameters = p;
        SeaZones = SeaZonesFor(p);
        R = p.Regions - SeaZones;
        F = p.Factions;
        Cols = ColumnsFor(R);
        Rows = (R + Cols - 1) / Cols;
        Lat = new double[R]; Lon = new double[R]; RegionTerrain = new Terrain[R]; Population = new int[R]; Value = new double[R];
        OilTerminal = new bool[R]; Port = new bool[R]; City = new int[R]; Owner = new int[R]; Fighters = new int[R]; Front = new bool[R];
        Capital = new int[F]; Coalition = new int[F]; Trust = new double[F * F];
        Quality = new double[F]; AimedFire = new double[F]; Morale = new double[F]; Cohesion = new double[F];
        Aggression = new double[F]; Caution = new double[F]; AttackRatio = new double[F];
        TotalFighters = new long[F]; Garrison = new int[F];
        BorderObjective = new int[F * MaxBorderObjectives]; TargetCapital = new int[F];
        TerritoryStart = new int[F + 1]; TerritoryRegion = new int[R];
    }

    public static Theater Build(TheaterParameters p)
    {
        var t = new Theater(p);
        t.PlaceRegions();
        t.ChooseLinks();
        t.PaintTerrain();
        t.PlaceCapitalsAndCities();
        t.GrowTerritories();
        t.FormCoalitions();
        t.PlaceForces();
        t.DrawFactionTraits();
        t.ChooseObjectives();
        if (!p.Plain)
        {
            t.PlaceSea();
            t.DrawPatrons();
            t.DrawInsurgents();
            t.DrawEvents();
        }
        return t;
    }

    /// <summary>Grid columns for a map of <paramref name="regions"/> land regions: square cells over the box.</summary>
    public static int ColumnsFor(int regions)
    {
        double aspect = (LonMax - LonMin) * KmPerDegLon / ((LatMax - LatMin) * KmPerDegLat);
        return Math.Clamp((int)Math.Round(Math.Sqrt(regions * aspect)), 1, regions);
    }

    public bool Hostile(int a, int b) => a != b && Coalition[a] >= 0 && Coalition[b] >= 0 && Coalition[a] != Coalition[b];

    public int Row(int r) => r / Cols;
    public int Col(int r) => r % Cols;

    private Xoshiro256StarStar Stream(string purpose) =>
        Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(Parameters.Seed, 0, Xoshiro256StarStar.Key("generate/" + purpose)));

    /// <summary>Uniform in [lo, hi), rounded to <paramref name="step"/> so the YAML shows the value exactly as drawn.</summary>
    private static double Draw(ref Xoshiro256StarStar rng, double lo, double hi, double step) =>
        Math.Round((lo + (hi - lo) * rng.NextDouble()) / step) * step;

    private void PlaceRegions()
    {
        var rng = Stream("regions");
        double cellLat = (LatMax - LatMin) / Rows, cellLon = (LonMax - LonMin) / Cols;
        for (int r = 0; r < R; r++)
        {
            Lat[r] = LatMax - (Row(r) + 0.5 + Jitter * (2 * rng.NextDouble() - 1)) * cellLat;
            Lon[r] = LonMin + (Col(r) + 0.5 + Jitter * (2 * rng.NextDouble() - 1)) * cellLon;
            City[r] = -1;
        }
    }

    public double Km(int a, int b)
    {
        double dy = (Lat[a] - Lat[b]) * KmPerDegLat, dx = (Lon[a] - Lon[b]) * KmPerDegLon;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private void ChooseLinks()
    {
        // Candidates: right and down neighbours, and the shorter diagonal of each whole cell (no two cross).
        var ca = new int[3 * R];
        var cb = new int[3 * R];
        int n = 0;
        for (int r = 0; r < R; r++)
        {
            int col = Col(r);
            if (col + 1 < Cols && r + 1 < R) { ca[n] = r; cb[n++] = r + 1; }
            if (r + Cols < R) { ca[n] = r; cb[n++] = r + Cols; }
            if (col + 1 < Cols && r + Cols + 1 < R)
            {
                if (Km(r, r + Cols + 1) <= Km(r + 1, r + Cols)) { ca[n] = r; cb[n++] = r + Cols + 1; }
                else { ca[n] = r + 1; cb[n++] = r + Cols; }
            }
        }

        var rng = Stream("links");
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int target = Math.Clamp((int)Math.Round(Parameters.MeanDegree * R / 2), R - 1, n);
        var chosen = new bool[n];
        var parent = new int[R];
        for (int r = 0; r < R; r++) parent[r] = r;
        int count = 0;
        foreach (int e in order)
        {
            int a = Root(parent, ca[e]), b = Root(parent, cb[e]);
            if (a == b) continue;
            parent[a] = b;
            chosen[e] = true;
            count++;
        }
        for (int i = 0; i < n && count < target; i++)
            if (!chosen[order[i]]) { chosen[order[i]] = true; count++; }

        LinkCount = count;
        LinkA = new int[count]; LinkB = new int[count]; LinkDays = new int[count]; LinkKinds = new LinkKind[count];
        int k = 0;
        for (int e = 0; e < n; e++)
            if (chosen[e]) { LinkA[k] = ca[e]; LinkB[k++] = cb[e]; }

        var degree = new int[R + 1];
        for (int l = 0; l < count; l++) { degree[LinkA[l]]++; degree[LinkB[l]]++; }
        _adjStart = new int[R + 1];
        for (int r = 0; r < R; r++) _adjStart[r + 1] = _adjStart[r] + degree[r];
        _adj = new int[_adjStart[R]];
        var fill = new int[R];
        for (int l = 0; l < count; l++)
        {
            int a = LinkA[l], b = LinkB[l];
            _adj[_adjStart[a] + fill[a]++] = b;
            _adj[_adjStart[b] + fill[b]++] = a;
        }
    }

    /// <summary>Union-find root with path halving.</summary>
    private static int Root(int[] parent, int x)
    {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }

    /// <summary>
    /// Coast along the northern row; desert thickening southward, broken by a smooth random field; hills where a
    /// second field peaks. Libya is mostly desert behind a settled coastal strip (outside fact).
    /// </summary>
    private void PaintTerrain()
    {
        var rng = Stream("terrain");
        var dry = Lattice(ref rng);
        var high = Lattice(ref rng);
        for (int r = 0; r < R; r++)
        {
            double x = (Col(r) + 0.5) / Cols, y = (Row(r) + 0.5) / Rows;
            double south = Rows == 1 ? 0.5 : y;
            if (Row(r) == 0 && Rows > 1) RegionTerrain[r] = Terrain.Coast;
            else if (south + 0.6 * (Noise(dry, x, y) - 0.5) > 0.55) RegionTerrain[r] = Terrain.Desert;
            else if (Noise(high, x, y) > 0.62) RegionTerrain[r] = Terrain.Hills;
            else RegionTerrain[r] = Terrain.Open;
        }
        for (int l = 0; l < LinkCount; l++)
        {
            bool track = RegionTerrain[LinkA[l]] == Terrain.Desert || RegionTerrain[LinkB[l]] == Terrain.Desert;
            LinkKinds[l] = track ? LinkKind.Track : LinkKind.Road;
            double days = Km(LinkA[l], LinkB[l]) / (track ? TrackKmPerDay : RoadKmPerDay);
            LinkDays[l] = Math.Clamp((int)Math.Ceiling(days), 1, MaxLinkDays);
        }
    }

    private const int LatticeSide = 6;

    private static double[] Lattice(ref Xoshiro256StarStar rng)
    {
        var v = new double[LatticeSide * LatticeSide];
        for (int i = 0; i < v.Length; i++) v[i] = rng.NextDouble();
        return v;
    }

    /// <summary>Value noise: smoothstep interpolation of a coarse random lattice, at (x, y) in the unit square.</summary>
    private static double Noise(double[] lattice, double x, double y)
    {
        double fx = x * (LatticeSide - 1), fy = y * (LatticeSide - 1);
        int ix = Math.Min((int)fx, LatticeSide - 2), iy = Math.Min((int)fy, LatticeSide - 2);
        double tx = fx - ix, ty = fy - iy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = lattice[iy * LatticeSide + ix], b = lattice[iy * LatticeSide + ix + 1];
        double c = lattice[(iy + 1) * LatticeSide + ix], d = lattice[(iy + 1) * LatticeSide + ix + 1];
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
    }

    /// <summary>
    /// Capitals at random regions kept apart (half the spacing an even spread would give), then about √R / 3 cities
    /// of up to four districts: the first capitals, then random regions. Every capital is at least a town.
    /// Coast, population and economic value follow.
    /// </summary>
    private void PlaceCapitalsAndCities()
    {
        var rng = Stream("capitals");
        var perm = new int[R];
        for (int r = 0; r < R; r++) perm[r] = r;
        for (int i = R - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        int spacing = (int)(0.5 * Math.Sqrt((double)R / F));
        var isCapital = new bool[R];
        int placed = 0;
        for (int i = 0; i < R && placed < F; i++)
        {
            int r = perm[i];
            bool clear = true;
            for (int f = 0; f < placed && clear; f++)
            {
                int c = Capital[f];
                clear = Math.Max(Math.Abs(Row(c) - Row(r)), Math.Abs(Col(c) - Col(r))) >= spacing;
            }
            if (!clear) continue;
            Capital[placed++] = r;
            isCapital[r] = true;
        }
        for (int i = 0; i < R && placed < F; i++)
            if (!isCapital[perm[i]]) { Capital[placed++] = perm[i]; isCapital[perm[i]] = true; }

        CityCount = Math.Clamp((int)Math.Round(Math.Sqrt(R) / 3), 1, Math.Max(1, R / 8));
        int extraDistricts = Math.Clamp(R / (CityCount * 40), 0, 3);
        int next = 0;
        for (int c = 0; c < CityCount; c++)
        {
            // Capitals first; further cities at the next free regions of the same random order.
            int centre = c < F ? Capital[c] : -1;
            while (centre < 0)
                if (!isCapital[perm[next]] && City[perm[next]] < 0) centre = perm[next++];
                else next++;
            City[centre] = c;
            int added = 0;
            for (int a = _adjStart[centre]; a < _adjStart[centre + 1] && added < extraDistricts; a++)
            {
                int n = _adj[a];
                if (City[n] >= 0 || isCapital[n]) continue;
                City[n] = c;
                added++;
            }
        }

        var pop = Stream("population");
        for (int r = 0; r < R; r++)
        {
            if (City[r] >= 0 || isCapital[r])
            {
                bool coastal = RegionTerrain[r] == Terrain.Coast;
                RegionTerrain[r] = Terrain.Urban;
                Population[r] = (int)Draw(ref pop, City[r] >= 0 ? 50_000 : 20_000, City[r] >= 0 ? 300_000 : 80_000, 1000);
                Value[r] = isCapital[r] ? 5 : 3;
                Port[r] = coastal;
                continue;
            }
            (double lo, double hi) = RegionTerrain[r] switch
            {
                Terrain.Coast => (5_000, 40_000),
                Terrain.Open => (2_000, 15_000),
                Terrain.Hills => (1_000, 8_000),
                _ => (100, 2_000),
            };
            Population[r] = (int)Draw(ref pop, lo, hi, 100);
            if (RegionTerrain[r] == Terrain.Coast)
            {
                Value[r] = 1;
                // The oil crescent: a few terminals along the coast, worth what sidra-2016 gives Es Sider.
                if (pop.NextDouble() < 0.05) { OilTerminal[r] = Port[r] = true; Value[r] = 8; }
            }
        }
    }

    /// <summary>Graph Voronoi: every region goes to the capital that reaches it first, breadth first over the links.</summary>
    private void GrowTerritories()
    {
        Array.Fill(Owner, -1);
        var queue = new int[R];
        int head = 0, tail = 0;
        for (int f = 0; f < F; f++)
        {
            Owner[Capital[f]] = f;
            queue[tail++] = Capital[f];
        }
        while (head < tail)
        {
            int r = queue[head++];
            for (int a = _adjStart[r]; a < _adjStart[r + 1]; a++)
            {
                int n = _adj[a];
                if (Owner[n] >= 0) continue;
                Owner[n] = Owner[r];
                queue[tail++] = n;
            }
        }
        // Counting sort of regions by owner: each faction's territory in ascending region order.
        for (int r = 0; r < R; r++) TerritoryStart[Owner[r] + 1]++;
        for (int f = 0; f < F; f++) TerritoryStart[f + 1] += TerritoryStart[f];
        var fill = new int[F];
        for (int r = 0; r < R; r++) TerritoryRegion[TerritoryStart[Owner[r]] + fill[Owner[r]]++] = r;
    }

    /// <summary>
    /// Two coalitions for two factions, three otherwise, by where each capital lies (west, east, south: roughly where
    /// the GNA's, the LNA's and the southern groups' strongholds lay in 2016, an outside fact); about one faction in ten stands neutral. Allies trust each
    /// other above <c>allied_above</c>, coalitions are hostile (trust at or below <c>hostile_below</c>), and
    /// neutrals are left at 0 with everyone.
    /// </summary>
    private void FormCoalitions()
    {
        CoalitionCount = F == 2 ? 2 : 3;
        (double X, double Y)[] centres = CoalitionCount == 2 ? [(0.2, 0.3), (0.8, 0.3)] : [(0.2, 0.25), (0.8, 0.25), (0.5, 0.8)];
        var rng = Stream("coalitions");
        int neutrals = F >= 10 ? F / 10 : 0;
        var neutral = new bool[F];
        for (int k = 0; k < neutrals;)
        {
            int f = rng.NextInt(F);
            if (!neutral[f]) { neutral[f] = true; k++; }
        }
        var size = new int[CoalitionCount];
        for (int f = 0; f < F; f++)
        {
            if (neutral[f]) { Coalition[f] = -1; continue; }
            int best = 0;
            for (int k = 1; k < CoalitionCount; k++)
                if (Dist2(f, centres[k]) < Dist2(f, centres[best])) best = k;
            Coalition[f] = best;
            size[best]++;
        }
        // A coalition nobody's capital fell near takes the nearest member of the largest one.
        for (int k = 0; k < CoalitionCount; k++)
        {
            if (size[k] > 0) continue;
            int largest = 0;
            for (int j = 1; j < CoalitionCount; j++) if (size[j] > size[largest]) largest = j;
            int pick = -1;
            for (int f = 0; f < F; f++)
                if (Coalition[f] == largest && (pick < 0 || Dist2(f, centres[k]) < Dist2(pick, centres[k]))) pick = f;
            Coalition[pick] = k;
            size[largest]--; size[k]++;
        }

        for (int a = 0; a < F; a++)
        {
            Trust[a * F + a] = 1;
            for (int b = a + 1; b < F; b++)
            {
                if (Coalition[a] < 0 || Coalition[b] < 0) continue;
                double t = Coalition[a] == Coalition[b] ? Draw(ref rng, 0.4, 0.7, 0.05) : -Draw(ref rng, 0.5, 1.0, 0.05);
                Trust[a * F + b] = Trust[b * F + a] = t;
            }
        }
    }

    private double Dist2(int f, (double X, double Y) centre)
    {
        double x = (Col(Capital[f]) + 0.5) / Cols - centre.X, y = (Row(Capital[f]) + 0.5) / Rows - centre.Y;
        return x * x + y * y;
    }

    /// <summary>
    /// A capital's guard of 600–1,500, a front line of 120–400 wherever hostile ground is next door, and a thin
    /// garrison of 10–60 in half the interior (the sizes of sirte-2016's and sidra-2016's forces). One force per
    /// region at most: forces stay O(R), not O(F·R).
    /// </summary>
    private void PlaceForces()
    {
        var rng = Stream("forces");
        for (int r = 0; r < R; r++)
        {
            int f = Owner[r];
            for (int a = _adjStart[r]; a < _adjStart[r + 1] && !Front[r]; a++) Front[r] = Hostile(f, Owner[_adj[a]]);
            double x = r == Capital[f] ? Draw(ref rng, 600, 1500, 10)
                : Front[r] ? Draw(ref rng, 120, 400, 10)
                : rng.NextDouble() < 0.5 ? Draw(ref rng, 10, 60, 1) : 0;
            Fighters[r] = (int)x;
            TotalFighters[f] += Fighters[r];
        }
    }

    /// <summary>Traits drawn around the real scenarios' values (sirte-2016, sidra-2016): quality, fire, morale, doctrine.</summary>
    private void DrawFactionTraits()
    {
        var rng = Stream("traits");
        for (int f = 0; f < F; f++)
        {
            Quality[f] = Draw(ref rng, 0.8, 1.2, 0.01);
            AimedFire[f] = Draw(ref rng, 0.010, 0.016, 0.001);
            Morale[f] = Draw(ref rng, 0.6, 0.85, 0.01);
            Cohesion[f] = Draw(ref rng, 0.6, 0.85, 0.01);
            Aggression[f] = Coalition[f] < 0 ? 0.2 : Draw(ref rng, 0.6, 1.4, 0.05);
            Caution[f] = Draw(ref rng, 0.3, 0.6, 0.05);
            AttackRatio[f] = Draw(ref rng, 1.2, 1.8, 0.05);
            Garrison[f] = (int)(0.3 * Fighters[Capital[f]]);
        }
    }

    /// <summary>
    /// Each faction wants the nearest hostile capital and up to three hostile regions on its border (a sample
    /// drawn evenly over the border's links), and to keep its own capital.
    /// </summary>
    private void ChooseObjectives()
    {
        Array.Fill(BorderObjective, -1);
        Array.Fill(TargetCapital, -1);
        for (int f = 0; f < F; f++)
            for (int g = 0; g < F; g++)
                if (Hostile(f, g) && (TargetCapital[f] < 0 || Km(Capital[f], Capital[g]) < Km(Capital[f], Capital[TargetCapital[f]])))
                    TargetCapital[f] = g;

        // Reservoir sampling (Vitter's algorithm R) over the border links of each faction, in link order.
        var rng = Stream("objectives");
        var seen = new int[F];
        for (int l = 0; l < LinkCount; l++)
        {
            int a = LinkA[l], b = LinkB[l];
            if (!Hostile(Owner[a], Owner[b])) continue;
            Offer(Owner[a], b, seen, ref rng);
            Offer(Owner[b], a, seen, ref rng);
        }
    }

    private void Offer(int f, int region, int[] seen, ref Xoshiro256StarStar rng)
    {
        int k = seen[f]++;
        if (k < MaxBorderObjectives) BorderObjective[f * MaxBorderObjectives + k] = region;
        else if (rng.NextInt(k + 1) is var j && j < MaxBorderObjectives) BorderObjective[f * MaxBorderObjectives + j] = region;
    }
}
