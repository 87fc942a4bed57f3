using System.Numerics;
using System.Runtime.CompilerServices;
using ConflictSim.Randomness;
using Rules = ConflictSim.Models.CivilViolence;

namespace ConflictSim.CivilViolenceGrid;

/// <summary>Where a citizen stands under Epstein's rule A.</summary>
public enum CitizenState : byte
{
    /// <summary>Free and not rebelling: G − R·P ≤ T.</summary>
    Quiet,
    /// <summary>Free and in open rebellion: G − R·P &gt; T; cops may arrest it.</summary>
    Active,
    /// <summary>Serving a jail term; it neither looks nor acts until released.</summary>
    Jailed,
}

/// <summary>
/// Epstein's civil violence model I on a torus (J. M. Epstein, "Modeling civil violence: an agent-based
/// computational approach", PNAS 99 suppl. 3, 2002). Each step activates every agent once in a fresh random order
/// (random sequential activation): a citizen moves by rule M, then turns active or quiet by rule A; a cop moves by
/// rule M, then arrests one random active in its vision by rule C. Jailed citizens sit out their term.
/// <para>
/// Data-oriented: agents are indices into flat arrays (citizens 0..Citizens−1, then cops), the lattice is one int
/// per site, and a step allocates nothing. All randomness comes from one xoshiro256** stream keyed by the seed.
/// </para>
/// <para>
/// Built for lattices far larger than the cache (1000×1000, 774,000 agents): random sequential activation visits
/// agents in random order, so a turn's cost is its cache misses. A turn reads one 8-byte <see cref="Agent"/> record
/// (copied into turn order a chunk of turns ahead, where the misses overlap), scans its vision in a byte lattice of
/// kinds (<see cref="KindLattice"/>: a whole arm or row per load, its lines touched a batch of turns ahead), and
/// decides rule A by comparing the rank of P with a per-citizen cut instead of reading its G and R. Every random draw,
/// its order and every outcome are those of the plain scan (tests/Engine/CivilViolenceFingerprintTests.cs pins them).
/// </para>
/// </summary>
public sealed class CivilViolenceModel
{
    // A site holds 0 when empty, else agent << 2 | kind, so one read tells both who is there and what they are.
    internal const int KindInert = 1; // a quiet citizen, or a jailed one still holding its site
    internal const int KindActive = 2;
    internal const int KindCop = 3;

    /// <summary>Above this many entries P(C, A) is computed per look instead of tabled (only huge Moore or disc visions).</summary>
    private const int MaxTable = 1 << 20;

    private readonly int _width;
    private readonly int _height;
    private readonly int _pad;
    private readonly ulong _rowDivisor; // ⌊2⁶⁴ / width⌋ + 1: site / width as one multiply (Lemire's fastdiv, exact for 32-bit sites)
    private readonly bool _cross;       // von Neumann: scan the four arms directly instead of through the offset list
    private readonly int[] _col;       // x + pad + dx → (x + dx) mod width
    private readonly int[] _rowStart;  // y + pad + dy → ((y + dy) mod height) · width
    private readonly int[] _citizenView; // (dx, dy) pairs, the agent's own site excluded
    private readonly int[] _copView;
    private readonly double[]? _arrestTable; // P by [C · stride + A], A counting the citizen itself
    private readonly int _stride;

    private readonly double[]? _levels;  // the distinct values of the arrest table, ascending
    private readonly int[]? _ranks;      // P's rank among the levels, by the arrest table's index

    private readonly int[] _sites;
    private readonly KindLattice? _kinds; // null when a vision is too wide for one load: the int lattice is scanned instead
    private readonly uint[] _citizenRows; // Moore / disc: per dy = −v..v, the window bits (dx = i − v) the view covers
    private readonly uint[] _copRows;
    private readonly uint[] _masks;      // candidate bits per row of one Moore / disc look
    private readonly Agent[] _agents;
    private readonly Agent[] _turns;     // records of the next Chunk (+ 2·Batch) turns, copied in activation order
    private readonly double[] _hardship;
    private readonly double[] _traits;   // per citizen: grievance, risk aversion (cold: the hot path uses the cut)
    private readonly int[] _cut;         // per citizen: rule A holds exactly for the P levels of rank below this
    private readonly int[] _releaseStep; // first step a jailed citizen acts again (kept after release, for reports)
    private readonly int[] _order;
    private readonly int[] _scratch;     // candidate sites of one look
    private readonly int[] _shuffle;     // site permutation for the initial placement

    private readonly double _outburstStart;
    private readonly double _outburstEnd;

    private Xoshiro256StarStar _rng;
    private int _sink; // keeps the look-ahead loads of Step alive

    /// <summary>Turns whose data <see cref="LookAhead"/> loads at once.</summary>
    private const int Batch = 32;
    /// <summary>Turns whose records Step copies at a time: 17 KB of copies, so they stay in the L1 cache until used.</summary>
    private const int Chunk = 2048;
    /// <summary>Lattices from this many sites outgrow the L2 cache with their agents; smaller ones skip the look-ahead.</summary>
    private const int LookAheadFrom = 1 << 18;

    /// <summary>
    /// A turn's hot data in 8 bytes, so an agent costs one cache line: its site (−1 while jailed off the lattice), and
    /// for a citizen Word = cut · 2 + 1 if active (+0 if quiet) while free, −(release step) while jailed.
    /// </summary>
    private struct Agent
    {
        public int Site;
        public int Word;
    }

    /// <summary>Builds the lattice for <paramref name="spec"/> and places everyone for <paramref name="seed"/>; <paramref name="steps"/> overrides the spec's run length. Throws <see cref="ArgumentException"/> when the agents do not fit, the torus is under 3×3, or a vision wraps round it.</summary>
    public CivilViolenceModel(CivilViolenceSpec spec, ulong seed, int? steps = null)
    {
        if (spec.Citizens + spec.Cops > spec.Sites)
            throw new ArgumentException($"{spec.Citizens} citizens and {spec.Cops} cops do not fit on {spec.Sites} sites");
        if (spec.Width < 3 || spec.Height < 3 || spec.CitizenVision < 1 || spec.CopVision < 1)
            throw new ArgumentException("expected a torus of at least 3×3 sites and visions of at least 1");
        int maxVision = Math.Max(spec.CitizenVision, spec.CopVision);
        if (2 * maxVision + 1 > Math.Min(spec.Width, spec.Height))
            throw new ArgumentException($"vision {maxVision} wraps round a {spec.Width}×{spec.Height} torus");

        Spec = spec;
        Citizens = spec.Citizens;
        Cops = spec.Cops;
        Steps = steps ?? spec.Steps;
        _width = spec.Width;
        _height = spec.Height;
        _pad = maxVision;
        _rowDivisor = ulong.MaxValue / (ulong)_width + 1;
        _cross = spec.Neighbourhood == Neighbourhood.VonNeumann;

        _col = new int[_width + 2 * _pad];
        for (int i = 0; i < _col.Length; i++) _col[i] = Mod(i - _pad, _width);
        _rowStart = new int[_height + 2 * _pad];
        for (int i = 0; i < _rowStart.Length; i++) _rowStart[i] = Mod(i - _pad, _height) * _width;

        _citizenView = View(spec.Neighbourhood, spec.CitizenVision);
        _copView = View(spec.Neighbourhood, spec.CopVision);

        int maxCops = _citizenView.Length / 2;
        _stride = maxCops + 2;
        if ((long)(maxCops + 1) * _stride <= MaxTable)
        {
            _arrestTable = new double[(maxCops + 1) * _stride];
            var levels = new SortedSet<double>();
            for (int c = 0; c <= maxCops; c++)
            {
                for (int a = 1; a < _stride; a++)
                {
                    _arrestTable[c * _stride + a] = ComputeArrestProbability(c, a);
                    levels.Add(_arrestTable[c * _stride + a]);
                }
            }
            _levels = [.. levels];
            _ranks = new int[_arrestTable.Length];
            for (int i = 0; i < _ranks.Length; i++) _ranks[i] = Math.Max(0, Array.BinarySearch(_levels, _arrestTable[i]));
        }

        if (maxVision <= KindLattice.MaxVision)
            _kinds = new KindLattice(_width, _height, _pad, columns: _cross);
        _citizenRows = WindowRows(spec.Neighbourhood, spec.CitizenVision);
        _copRows = WindowRows(spec.Neighbourhood, spec.CopVision);
        _masks = new uint[2 * maxVision + 1];

        int agents = Citizens + Cops;
        _sites = new int[spec.Sites];
        _agents = new Agent[agents];
        _turns = new Agent[Chunk + 2 * Batch];
        _hardship = new double[Citizens];
        _traits = new double[2 * Citizens];
        _cut = new int[Citizens];
        _releaseStep = new int[Citizens];
        _order = new int[agents];
        _scratch = new int[Math.Max(_citizenView.Length, _copView.Length) / 2];
        _shuffle = new int[spec.Sites];
        _outburstStart = spec.OutburstStart * Citizens;
        _outburstEnd = spec.OutburstEnd * Citizens;

        Reset(seed);
    }

    /// <summary>The model as the file states it.</summary>
    public CivilViolenceSpec Spec { get; }
    /// <summary>Citizens on the lattice; agent indices 0..Citizens−1.</summary>
    public int Citizens { get; }
    /// <summary>Cops; agent indices Citizens..Citizens+Cops−1.</summary>
    public int Cops { get; }
    /// <summary>Run length in steps.</summary>
    public int Steps { get; }
    /// <summary>The seed the model was last placed with (constructor or <see cref="Reset"/>).</summary>
    public ulong Seed { get; private set; }

    /// <summary>Steps done so far (0 = the initial placement, everyone quiet).</summary>
    public int StepNumber { get; private set; }
    /// <summary>True once <see cref="Steps"/> steps are done.</summary>
    public bool Finished => StepNumber >= Steps;

    /// <summary>Citizens quiet now (free and not active).</summary>
    public int Quiet { get; private set; }
    /// <summary>Citizens active now (in open rebellion).</summary>
    public int Active { get; private set; }
    /// <summary>Citizens in jail now.</summary>
    public int Jailed { get; private set; }

    /// <summary>Most citizens active at the end of any step, and the first step it happened (0 if never).</summary>
    public int PeakActive { get; private set; }
    /// <summary>First step at whose end <see cref="PeakActive"/> was reached (0 if nobody was ever active).</summary>
    public int PeakStep { get; private set; }

    /// <summary>
    /// Outbursts so far: an outburst starts at the end of a step when the active share reaches
    /// <see cref="CivilViolenceSpec.OutburstStart"/> and lasts until it falls to <see cref="CivilViolenceSpec.OutburstEnd"/>
    /// or below; the gap between the two keeps one burst's ragged top from counting twice.
    /// </summary>
    public int Outbursts { get; private set; }
    /// <summary>True while an outburst is under way (as of the last step's end).</summary>
    public bool InOutburst { get; private set; }
    /// <summary>Steps whose end found an outburst under way.</summary>
    public int OutburstSteps { get; private set; }

    /// <summary>Places everyone afresh for <paramref name="seed"/> and rewinds to step 0, allocating nothing.</summary>
    public void Reset(ulong seed)
    {
        Seed = seed;
        _rng = Xoshiro256StarStar.FromSeed(Xoshiro256StarStar.DeriveSeed(seed, 0, Xoshiro256StarStar.Key("civil-violence")));
        StepNumber = 0;
        PeakActive = PeakStep = Outbursts = OutburstSteps = 0;
        InOutburst = false;
        Quiet = Citizens;
        Active = Jailed = 0;

        // Distinct uniformly random sites for everyone: the head of a partial Fisher–Yates shuffle.
        Array.Clear(_sites);
        _kinds?.Clear();
        for (int s = 0; s < _shuffle.Length; s++) _shuffle[s] = s;
        int agents = Citizens + Cops;
        for (int i = 0; i < agents; i++)
        {
            int j = i + _rng.NextInt(_shuffle.Length - i);
            (_shuffle[i], _shuffle[j]) = (_shuffle[j], _shuffle[i]);
            int kind = i < Citizens ? KindInert : KindCop;
            _agents[i] = new Agent { Site = _shuffle[i] };
            _sites[_shuffle[i]] = i << 2 | kind;
            SetKind(_shuffle[i], kind);
            _order[i] = i;
        }

        double legitimacy = Spec.Legitimacy;
        for (int c = 0; c < Citizens; c++)
        {
            _hardship[c] = _rng.NextDouble();
            _traits[2 * c] = Rules.Grievance(_hardship[c], legitimacy);
            _traits[2 * c + 1] = _rng.NextDouble();
            _cut[c] = Cut(_traits[2 * c], _traits[2 * c + 1]);
            _agents[c].Word = _cut[c] << 1;
            _releaseStep[c] = 0;
        }
    }

    /// <summary>
    /// How many of the ascending P levels make rule A hold for (G, R). G − R·P &gt; T is monotone in P even in floating
    /// point (each rounding is monotone), so it holds on a prefix of the levels and "rank of P below the cut" is exactly
    /// the rule. Without a table (huge visions) the cut only says whether G &gt; T and the turn evaluates the rule itself.
    /// </summary>
    private int Cut(double grievance, double riskAversion)
    {
        // G ≤ T can never clear the threshold (R·P ≥ 0), so half the population at L = 0.8 skips the look.
        if (!(grievance > Spec.Threshold)) return 0;
        if (_levels is not { } levels) return 1;
        int lo = 0, hi = levels.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Rules.Activates(grievance, riskAversion, levels[mid], Spec.Threshold)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>One step: every agent acts once, in a fresh random order.</summary>
    public void Step()
    {
        int t = ++StepNumber;
        int n = _order.Length;
        var order = _order;
        var agents = _agents;
        var turns = _turns;
        var rng = _rng; // a local copy lives in registers; the field would be read and written through memory per draw
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        _rng = rng;

        int sink = 0, first = 0;
        bool lookAhead = _sites.Length >= LookAheadFrom;
        for (int i = 0; i < n; i++)
        {
            if ((i & (Chunk - 1)) == 0)
            {
                // The next chunk's records copied into turn order: loads that depend on nothing else, so dozens overlap
                // in this tight loop instead of each stalling its turn; the copy runs 2·Batch turns on for the look-ahead.
                first = i;
                for (int j = i, end = Math.Min(n, i + turns.Length); j < end; j++) turns[j - i] = agents[order[j]];
            }
            if (lookAhead && (i & (Batch - 1)) == 0) sink += LookAhead(i - first, Math.Min(n - first, turns.Length));
            int agent = order[i];
            if (agent < Citizens) CitizenTurn(agent, t, turns[i - first]);
            else CopTurn(agent, t, turns[i - first]);
        }
        _sink = sink;
        Record(t);
    }

    /// <summary>
    /// Loads, at turn i (counted in the copied chunk <see cref="_turns"/>, which holds n of them), the lattice lines
    /// round the sites of the agents acting at i + Batch .. i + 2·Batch − 1, and sums a little of what it read so the
    /// loads stay. A load that misses holds up the turn it sits in until it
    /// arrives; issued in a batch, the misses arrive together, so a batch of turns waits about once instead of once per
    /// turn (C# has no prefetch instruction without unsafe code).
    /// </summary>
    private int LookAhead(int i, int n)
    {
        var turns = _turns;
        int sink = 0;
        if (_kinds is not { } lattice) return sink;
        for (int j = i + Batch, end = Math.Min(n, i + 2 * Batch); j < end; j++)
        {
            int site = turns[j].Site;
            if (site < 0) continue;
            int y = RowOf(site);
            sink += lattice.Touch(site - y * _width, y);
        }
        return sink;
    }

    /// <summary>Steps until <see cref="Finished"/>.</summary>
    public void Run()
    {
        while (!Finished) Step();
    }

    /// <summary>A citizen's turn; <paramref name="copy"/> is its record as Step copied it a little earlier in the step.</summary>
    private void CitizenTurn(int c, int t, Agent copy)
    {
        // Only an active can have been arrested (rule C) since the copy was taken; any other record is still current.
        if (copy.Word > 0 && (copy.Word & 1) != 0) copy = _agents[c];
        int word = copy.Word;
        if (word < 0)
        {
            if (t < -word) return;
            word = Release(c);
            copy = _agents[c];
        }

        bool wasActive = (word & 1) != 0;
        int site = copy.Site;
        if (Spec.Movement) site = Move(c, site, c << 2 | (wasActive ? KindActive : KindInert), _citizenView, _citizenRows, Spec.CitizenVision);

        int cut = word >> 1;
        bool active = cut > 0 && Activates(c, site, cut);
        if (active == wasActive) return;
        _agents[c].Word = cut << 1 | (active ? 1 : 0);
        _sites[site] = c << 2 | (active ? KindActive : KindInert);
        SetKind(site, active ? KindActive : KindInert);
        if (active) { Active++; Quiet--; }
        else { Active--; Quiet++; }
    }

    /// <summary>Rule A for a citizen with G &gt; T at <paramref name="site"/>: G − R·P &gt; T, P from what it sees there.</summary>
    private bool Activates(int c, int site, int cut)
    {
        var (cops, actives) = CountView(site);
        if (_ranks is { } ranks) return ranks[cops * _stride + actives + 1] < cut;
        return Rules.Activates(_traits[2 * c], _traits[2 * c + 1], ArrestProbability(cops, actives + 1), Spec.Threshold);
    }

    private void CopTurn(int cop, int t, Agent copy)
    {
        int site = copy.Site;
        if (Spec.Movement) site = Move(cop, site, cop << 2 | KindCop, _copView, _copRows, Spec.CopVision);
        int target = Pick(site, _copView, _copRows, Spec.CopVision, KindActive);
        if (target >= 0) Arrest(target, t);
    }

    /// <summary>Rule C's arrest: the active at <paramref name="site"/> goes to jail for a freshly drawn term.</summary>
    private void Arrest(int site, int t)
    {
        int c = _sites[site] >> 2;
        int release = t + JailTerm() + 1;
        _releaseStep[c] = release;
        _agents[c].Word = -release;
        Active--;
        Jailed++;
        if (Spec.JailedHoldSites)
        {
            _sites[site] = c << 2 | KindInert;
            SetKind(site, KindInert);
        }
        else
        {
            _sites[site] = 0;
            SetKind(site, 0);
            _agents[c].Site = -1;
        }
    }

    /// <summary>Whole steps to sit out, drawn as the spec's implementation choice says.</summary>
    private int JailTerm()
    {
        int max = Spec.MaxJailTerm;
        return Spec.JailTerm switch
        {
            JailTermDraw.UniformReal => (int)Math.Ceiling(_rng.NextDouble() * max),
            JailTermDraw.WholeBelowMax => max > 0 ? _rng.NextInt(max) : 0,
            _ => _rng.NextInt(max + 1),
        };
    }

    /// <summary>A jailed citizen whose term is over comes back quiet; returns its new word.</summary>
    private int Release(int c)
    {
        int word = _cut[c] << 1;
        _agents[c].Word = word;
        Jailed--;
        Quiet++;
        if (Spec.JailedHoldSites) return word;
        int site = RandomEmptySite();
        _agents[c].Site = site;
        _sites[site] = c << 2 | KindInert;
        SetKind(site, KindInert);
        return word;
    }

    /// <summary>
    /// Where a released citizen comes back: a uniformly random empty site. The agent taken off the lattice left at
    /// least one site empty, so the search ends; rejection is quick below ~95% occupancy, a scan covers the rest.
    /// </summary>
    private int RandomEmptySite()
    {
        for (int tries = 0; tries < 64; tries++)
        {
            int s = _rng.NextInt(_sites.Length);
            if (_sites[s] == 0) return s;
        }
        int start = _rng.NextInt(_sites.Length);
        for (int i = 0; i < _sites.Length; i++)
        {
            int s = start + i < _sites.Length ? start + i : start + i - _sites.Length;
            if (_sites[s] == 0) return s;
        }
        throw new InvalidOperationException("no empty site for a released citizen");
    }

    /// <summary>Rule M: move to a random empty site within vision; stay if there is none.</summary>
    private int Move(int agent, int site, int code, int[] view, uint[] rows, int vision)
    {
        int to = Pick(site, view, rows, vision, 0);
        if (to < 0) return site;
        _sites[site] = 0;
        _sites[to] = code;
        SetKind(site, 0);
        SetKind(to, code & 3);
        _agents[agent].Site = to;
        return to;
    }

    /// <summary>
    /// A uniformly random site in view holding <paramref name="kind"/> (0 for empty), or −1 if there is none: the
    /// candidates are numbered in the order of <see cref="View"/> (von Neumann: by distance, then east, west, south,
    /// north) and one draw picks among them, exactly as a scan into a list would.
    /// </summary>
    private int Pick(int site, int[] view, uint[] rows, int vision, int kind)
    {
        if (_kinds is not { } lattice)
        {
            int count = Gather(site, view, vision, kind, kind == 0 ? ~0 : 3);
            return count == 0 ? -1 : _scratch[_rng.NextInt(count)];
        }

        int y = RowOf(site), x = site - y * _width;
        if (_cross)
        {
            // The four arms' candidates as one bit string in scan order: count with popcount, pick the k-th set bit.
            uint row = lattice.Row(x, y, 0, vision, kind, kind).A;
            uint column = lattice.Column(x, y, vision, kind, kind).A;
            ulong arms = VisionBits.Cross(row, column, vision);
            if (arms == 0) return -1;
            int b = VisionBits.Select(arms, _rng.NextInt(BitOperations.PopCount(arms)));
            // Arm b & 3 is east, west, south, north: the step as arithmetic, not a four-way branch the CPU cannot guess.
            int step = ((b >> 2) + 1) * (1 - 2 * (b & 1));
            int along = (b & 2) == 0 ? step : 0;
            return _rowStart[y + _pad + step - along] + _col[x + _pad + along];
        }

        // Moore and disc: View lists a row at a time, west to east, so the candidates are the rows' bits in turn.
        var masks = _masks;
        int n = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            uint m = lattice.Row(x, y, r - vision, vision, kind, kind).A & rows[r];
            masks[r] = m;
            n += BitOperations.PopCount(m);
        }
        if (n == 0) return -1;
        int k = _rng.NextInt(n), line = 0;
        for (int pc; k >= (pc = BitOperations.PopCount(masks[line])); line++) k -= pc;
        int dx = VisionBits.Select(masks[line], k) - vision;
        return _rowStart[y + _pad + line - vision] + _col[x + _pad + dx];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetKind(int site, int kind)
    {
        if (_kinds is not { } lattice) return;
        int y = RowOf(site);
        lattice.Set(site - y * _width, y, kind);
    }

    /// <summary>Collects into the scratch buffer the sites in view whose code masked by <paramref name="mask"/> equals <paramref name="value"/>.</summary>
    private int Gather(int site, int[] view, int vision, int value, int mask)
    {
        int y = RowOf(site), x = site - y * _width;
        var sites = _sites;
        var scratch = _scratch;
        int n = 0;
        // Every candidate is written and the count advances only on a match: no branch to mispredict per site.
        if (_cross)
        {
            int row = y * _width, cx = x + _pad, cy = y + _pad;
            for (int d = 1; d <= vision; d++)
            {
                int s = row + _col[cx + d];
                scratch[n] = s; n += (sites[s] & mask) == value ? 1 : 0;
                s = row + _col[cx - d];
                scratch[n] = s; n += (sites[s] & mask) == value ? 1 : 0;
                s = _rowStart[cy + d] + x;
                scratch[n] = s; n += (sites[s] & mask) == value ? 1 : 0;
                s = _rowStart[cy - d] + x;
                scratch[n] = s; n += (sites[s] & mask) == value ? 1 : 0;
            }
            return n;
        }
        for (int i = 0; i < view.Length; i += 2)
        {
            int s = _rowStart[y + _pad + view[i + 1]] + _col[x + _pad + view[i]];
            scratch[n] = s; n += (sites[s] & mask) == value ? 1 : 0;
        }
        return n;
    }

    /// <summary>The citizen at <paramref name="site"/> estimates its arrest probability from the cops and actives it sees.</summary>
    internal double Look(int site)
    {
        var (cops, actives) = CountView(site);
        return ArrestProbability(cops, actives + 1);
    }

    /// <summary>Cops and actives in a citizen's view of <paramref name="site"/>, the site itself excluded.</summary>
    private (int Cops, int Actives) CountView(int site)
    {
        int y = RowOf(site), x = site - y * _width;
        int v = Spec.CitizenVision;
        if (_kinds is { } lattice)
        {
            // One window per row (Moore, disc) or per arm pair (von Neumann): O(v) loads, however many sites they cover.
            if (_cross)
            {
                uint arms = ((1u << (2 * v + 1)) - 1) & ~(1u << v);
                var (rowCops, rowActives) = lattice.Row(x, y, 0, v, KindCop, KindActive);
                var (columnCops, columnActives) = lattice.Column(x, y, v, KindCop, KindActive);
                return (
                    BitOperations.PopCount(rowCops & arms) + BitOperations.PopCount(columnCops & arms),
                    BitOperations.PopCount(rowActives & arms) + BitOperations.PopCount(columnActives & arms));
            }
            var rows = _citizenRows;
            int c = 0, a = 0;
            for (int r = 0; r < rows.Length; r++)
            {
                var (copBits, activeBits) = lattice.Row(x, y, r - v, v, KindCop, KindActive);
                c += BitOperations.PopCount(copBits & rows[r]);
                a += BitOperations.PopCount(activeBits & rows[r]);
            }
            return (c, a);
        }

        var sites = _sites;
        int cops = 0, actives = 0;
        // Bit k of 0b1000 is set only for kind 3 (cop), of 0b0100 only for kind 2 (active): counting without branches.
        if (_cross)
        {
            int row = y * _width, cx = x + _pad, cy = y + _pad;
            for (int d = 1; d <= Spec.CitizenVision; d++)
            {
                int a = sites[row + _col[cx + d]] & 3, b = sites[row + _col[cx - d]] & 3;
                int c = sites[_rowStart[cy + d] + x] & 3, e = sites[_rowStart[cy - d] + x] & 3;
                cops += ((0b1000 >> a) & 1) + ((0b1000 >> b) & 1) + ((0b1000 >> c) & 1) + ((0b1000 >> e) & 1);
                actives += ((0b0100 >> a) & 1) + ((0b0100 >> b) & 1) + ((0b0100 >> c) & 1) + ((0b0100 >> e) & 1);
            }
        }
        else
        {
            var view = _citizenView;
            for (int i = 0; i < view.Length; i += 2)
            {
                int kind = sites[_rowStart[y + _pad + view[i + 1]] + _col[x + _pad + view[i]]] & 3;
                cops += (0b1000 >> kind) & 1;
                actives += (0b0100 >> kind) & 1;
            }
        }
        return (cops, actives);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RowOf(int site) => (int)Math.BigMul(_rowDivisor, (ulong)site, out _);

    /// <summary>P for <paramref name="cops"/> in view and A = <paramref name="actives"/> (the citizen itself included).</summary>
    public double ArrestProbability(int cops, int actives) =>
        _arrestTable is { } table && cops < _stride - 1 && actives < _stride ? table[cops * _stride + actives] : ComputeArrestProbability(cops, actives);

    private double ComputeArrestProbability(int cops, int actives)
    {
        double ratio = Spec.ArrestRatio switch
        {
            ArrestRatio.Floor => cops / actives,
            ArrestRatio.Round => Math.Round((double)cops / actives, MidpointRounding.ToEven),
            _ => (double)cops / actives,
        };
        return Rules.ArrestProbability(ratio, Spec.K);
    }

    private void Record(int t)
    {
        if (Active > PeakActive) { PeakActive = Active; PeakStep = t; }
        if (!InOutburst && Active > 0 && Active >= _outburstStart) { InOutburst = true; Outbursts++; }
        else if (InOutburst && Active <= _outburstEnd) InOutburst = false;
        if (InOutburst) OutburstSteps++;
    }

    // ── read access for reports and tests ──

    /// <summary>Sites across the torus.</summary>
    public int Width => _width;
    /// <summary>Sites down the torus.</summary>
    public int Height => _height;
    /// <summary>The lattice: 0 for an empty site, else agent &lt;&lt; 2 | kind (1 quiet or jailed-in-place, 2 active, 3 cop).</summary>
    public ReadOnlySpan<int> Sites => _sites;
    /// <summary>Site of an agent (citizens first, then cops), or −1 for a citizen jailed off the lattice.</summary>
    public int PositionOf(int agent) => _agents[agent].Site;
    /// <summary>Whether the citizen (0..Citizens−1) is quiet, active or jailed now.</summary>
    public CitizenState StateOf(int citizen) =>
        _agents[citizen].Word < 0 ? CitizenState.Jailed : (_agents[citizen].Word & 1) != 0 ? CitizenState.Active : CitizenState.Quiet;
    /// <summary>The citizen's hardship H, drawn once from U(0, 1).</summary>
    public double HardshipOf(int citizen) => _hardship[citizen];
    /// <summary>The citizen's grievance G = H·(1 − L).</summary>
    public double GrievanceOf(int citizen) => _traits[2 * citizen];
    /// <summary>The citizen's risk aversion R, drawn once from U(0, 1).</summary>
    public double RiskAversionOf(int citizen) => _traits[2 * citizen + 1];
    /// <summary>First step the citizen acts again after its last arrest; 0 if never arrested (kept after release).</summary>
    public int ReleaseStepOf(int citizen) => _releaseStep[citizen];
    /// <summary>True when the agent index is a cop's (≥ <see cref="Citizens"/>).</summary>
    public bool IsCop(int agent) => agent >= Citizens;

    /// <summary>The (dx, dy) offsets a vision covers, own site excluded: (dx0, dy0, dx1, dy1, …).</summary>
    public static int[] View(Neighbourhood shape, int vision)
    {
        var offsets = new List<int>();
        for (int dy = -vision; dy <= vision; dy++)
        {
            for (int dx = -vision; dx <= vision; dx++)
            {
                if (dx == 0 && dy == 0) continue;
                bool seen = shape switch
                {
                    Neighbourhood.VonNeumann => dx == 0 || dy == 0,
                    Neighbourhood.Moore => true,
                    Neighbourhood.Diamond => Math.Abs(dx) + Math.Abs(dy) <= vision,
                    _ => dx * dx + dy * dy <= vision * vision,
                };
                if (seen) { offsets.Add(dx); offsets.Add(dy); }
            }
        }
        return offsets.ToArray();
    }

    /// <summary>Per dy = −v..v, the bits (i = dx + v) of a row window that <see cref="View"/> covers; own site excluded.</summary>
    private static uint[] WindowRows(Neighbourhood shape, int vision)
    {
        if (vision > KindLattice.MaxVision) return [];
        var rows = new uint[2 * vision + 1];
        var view = View(shape, vision);
        for (int i = 0; i < view.Length; i += 2) rows[view[i + 1] + vision] |= 1u << (view[i] + vision);
        return rows;
    }

    private static int Mod(int a, int m) => ((a % m) + m) % m;
}
