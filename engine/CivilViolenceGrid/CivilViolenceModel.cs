using System.Runtime.CompilerServices;
using ConflictSim.Randomness;
using Rules = ConflictSim.Models.CivilViolence;

namespace ConflictSim.CivilViolenceGrid;

public enum CitizenState : byte { Quiet, Active, Jailed }

/// <summary>
/// Epstein's civil violence model I on a torus (J. M. Epstein, "Modeling civil violence: an agent-based
/// computational approach", PNAS 99 suppl. 3, 2002). Each step activates every agent once in a fresh random order
/// (random sequential activation): a citizen moves by rule M, then turns active or quiet by rule A; a cop moves by
/// rule M, then arrests one random active in its vision by rule C. Jailed citizens sit out their term.
/// <para>
/// Data-oriented: agents are indices into flat arrays (citizens 0..Citizens−1, then cops), the lattice is one int
/// per site, and a step allocates nothing. All randomness comes from one xoshiro256** stream keyed by the seed.
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

    private readonly int[] _sites;
    private readonly int[] _position;    // per agent; −1 while jailed off the lattice
    private readonly double[] _hardship;
    private readonly double[] _traits;   // per citizen: grievance, risk aversion, side by side so one look is one cache line
    private readonly CitizenState[] _state;
    private readonly int[] _releaseStep; // first step a jailed citizen acts again
    private readonly int[] _order;
    private readonly int[] _scratch;     // candidate sites of one look
    private readonly int[] _shuffle;     // site permutation for the initial placement

    private readonly double _outburstStart;
    private readonly double _outburstEnd;

    private Xoshiro256StarStar _rng;

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
            for (int c = 0; c <= maxCops; c++)
                for (int a = 1; a < _stride; a++)
                    _arrestTable[c * _stride + a] = ComputeArrestProbability(c, a);
        }

        int agents = Citizens + Cops;
        _sites = new int[spec.Sites];
        _position = new int[agents];
        _hardship = new double[Citizens];
        _traits = new double[2 * Citizens];
        _state = new CitizenState[Citizens];
        _releaseStep = new int[Citizens];
        _order = new int[agents];
        _scratch = new int[Math.Max(_citizenView.Length, _copView.Length) / 2];
        _shuffle = new int[spec.Sites];
        _outburstStart = spec.OutburstStart * Citizens;
        _outburstEnd = spec.OutburstEnd * Citizens;

        Reset(seed);
    }

    public CivilViolenceSpec Spec { get; }
    public int Citizens { get; }
    public int Cops { get; }
    /// <summary>Run length in steps.</summary>
    public int Steps { get; }
    public ulong Seed { get; private set; }

    /// <summary>Steps done so far (0 = the initial placement, everyone quiet).</summary>
    public int StepNumber { get; private set; }
    public bool Finished => StepNumber >= Steps;

    public int Quiet { get; private set; }
    public int Active { get; private set; }
    public int Jailed { get; private set; }

    /// <summary>Most citizens active at the end of any step, and the first step it happened (0 if never).</summary>
    public int PeakActive { get; private set; }
    public int PeakStep { get; private set; }

    /// <summary>
    /// Outbursts so far: an outburst starts at the end of a step when the active share reaches
    /// <see cref="CivilViolenceSpec.OutburstStart"/> and lasts until it falls to <see cref="CivilViolenceSpec.OutburstEnd"/>
    /// or below; the gap between the two keeps one burst's ragged top from counting twice.
    /// </summary>
    public int Outbursts { get; private set; }
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
        for (int s = 0; s < _shuffle.Length; s++) _shuffle[s] = s;
        int agents = Citizens + Cops;
        for (int i = 0; i < agents; i++)
        {
            int j = i + _rng.NextInt(_shuffle.Length - i);
            (_shuffle[i], _shuffle[j]) = (_shuffle[j], _shuffle[i]);
            _position[i] = _shuffle[i];
            _sites[_shuffle[i]] = i << 2 | (i < Citizens ? KindInert : KindCop);
            _order[i] = i;
        }

        double legitimacy = Spec.Legitimacy;
        for (int c = 0; c < Citizens; c++)
        {
            _hardship[c] = _rng.NextDouble();
            _traits[2 * c] = Rules.Grievance(_hardship[c], legitimacy);
            _traits[2 * c + 1] = _rng.NextDouble();
            _state[c] = CitizenState.Quiet;
            _releaseStep[c] = 0;
        }
    }

    /// <summary>One step: every agent acts once, in a fresh random order.</summary>
    public void Step()
    {
        int t = ++StepNumber;
        int n = _order.Length;
        for (int i = n - 1; i > 0; i--)
        {
            int j = _rng.NextInt(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
        for (int i = 0; i < n; i++)
        {
            int agent = _order[i];
            if (agent < Citizens) CitizenTurn(agent, t);
            else CopTurn(agent, t);
        }
        Record(t);
    }

    public void Run()
    {
        while (!Finished) Step();
    }

    private void CitizenTurn(int c, int t)
    {
        if (_state[c] == CitizenState.Jailed)
        {
            if (t < _releaseStep[c]) return;
            Release(c);
        }

        int site = _position[c];
        int code = _sites[site];
        if (Spec.Movement) site = Move(c, site, code, _citizenView, Spec.CitizenVision);

        double grievance = _traits[2 * c];
        // G ≤ T can never clear the threshold (R·P ≥ 0), so half the population at L = 0.8 skips the look.
        bool active = grievance > Spec.Threshold && Rules.Activates(grievance, _traits[2 * c + 1], Look(site), Spec.Threshold);
        bool wasActive = _state[c] == CitizenState.Active;
        if (active == wasActive) return;
        _state[c] = active ? CitizenState.Active : CitizenState.Quiet;
        _sites[site] = c << 2 | (active ? KindActive : KindInert);
        if (active) { Active++; Quiet--; }
        else { Active--; Quiet++; }
    }

    private void CopTurn(int cop, int t)
    {
        int site = _position[cop];
        if (Spec.Movement) site = Move(cop, site, _sites[site], _copView, Spec.CopVision);
        int n = Gather(site, _copView, Spec.CopVision, KindActive, 3);
        if (n == 0) return;
        Arrest(_scratch[_rng.NextInt(n)], t);
    }

    /// <summary>Rule C's arrest: the active at <paramref name="site"/> goes to jail for a freshly drawn term.</summary>
    private void Arrest(int site, int t)
    {
        int c = _sites[site] >> 2;
        _state[c] = CitizenState.Jailed;
        _releaseStep[c] = t + JailTerm() + 1;
        Active--;
        Jailed++;
        if (Spec.JailedHoldSites)
        {
            _sites[site] = c << 2 | KindInert;
        }
        else
        {
            _sites[site] = 0;
            _position[c] = -1;
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

    private void Release(int c)
    {
        _state[c] = CitizenState.Quiet;
        Jailed--;
        Quiet++;
        if (Spec.JailedHoldSites) return;
        int site = RandomEmptySite();
        _position[c] = site;
        _sites[site] = c << 2 | KindInert;
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
    private int Move(int agent, int site, int code, int[] view, int vision)
    {
        int n = Gather(site, view, vision, 0, ~0);
        if (n == 0) return site;
        int to = _scratch[_rng.NextInt(n)];
        _sites[site] = 0;
        _sites[to] = code;
        _position[agent] = to;
        return to;
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
        int y = RowOf(site), x = site - y * _width;
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
        return ArrestProbability(cops, actives + 1);
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

    public int Width => _width;
    public int Height => _height;
    /// <summary>The lattice: 0 for an empty site, else agent &lt;&lt; 2 | kind (1 quiet or jailed-in-place, 2 active, 3 cop).</summary>
    public ReadOnlySpan<int> Sites => _sites;
    /// <summary>Site of an agent (citizens first, then cops), or −1 for a citizen jailed off the lattice.</summary>
    public int PositionOf(int agent) => _position[agent];
    public CitizenState StateOf(int citizen) => _state[citizen];
    public double HardshipOf(int citizen) => _hardship[citizen];
    public double GrievanceOf(int citizen) => _traits[2 * citizen];
    public double RiskAversionOf(int citizen) => _traits[2 * citizen + 1];
    public int ReleaseStepOf(int citizen) => _releaseStep[citizen];
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
                    _ => dx * dx + dy * dy <= vision * vision,
                };
                if (seen) { offsets.Add(dx); offsets.Add(dy); }
            }
        }
        return offsets.ToArray();
    }

    private static int Mod(int a, int m) => ((a % m) + m) % m;
}
