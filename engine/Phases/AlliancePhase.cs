using ConflictSim.Randomness;

namespace ConflictSim.Phases;

/// <summary>
/// After morale in the default order: trust, splinters and blocs.
/// <para>
/// Trust (the propensity p of landscape theory) moves with what the day brought. Factions fighting a common
/// enemy draw together, more so side by side in the same place (000: "a nascent anti-ISIS coalition. One that
/// is actually fighting together"; 003: groups "united by the fact that ISIS is targeting the only source of
/// income for all Libyans"). A faction short of supply turns against the faction it looks to for them (002:
/// "The Misratans are also increasingly bitter at what they see as the failure of Fayez Serraj and the GNA's
/// Presidency Council to provide supplies"). Trust drifts toward ideological affinity (002: "could possibly
/// facilitate some reunions between Misratans and Islamist hardliners"), and bloc-mates build it.
/// </para>
/// <para>
/// A faction whose cohesion collapses throws off its splinter (000: "more fragmentation of both the LNA and
/// the GNA militias"). Every <see cref="AllianceSettings.Interval"/> days factions realign by Axelrod and
/// Bennett's landscape rule (1993): an actor changes bloc only when that lowers its frustration
/// F_i = Σ_j s_j p_ij d_ij, generalised to any number of blocs (it may also leave to stand alone).
/// </para>
/// </summary>
internal sealed class AlliancePhase : IPhase
{
    private readonly int _words;
    /// <summary>Bit b of row a: a fought b today. Bitsets make "a common enemy" one AND per word, not a loop over F.</summary>
    private readonly ulong[] _fought;
    private readonly bool[] _sideBySide;
    private readonly int[] _present;
    private readonly double[] _strength;
    private readonly double[] _shortfall;
    private readonly double[] _mass;
    private readonly bool[] _campFought;
    private readonly bool[] _blocUsed;
    private readonly int[][] _splitOthers;
    private readonly double[][] _splitTrust;

    public AlliancePhase(Scenario scenario)
    {
        int f = scenario.FactionCount;
        _splitOthers = new int[f][];
        _splitTrust = new double[f][];
        for (int i = 0; i < f; i++)
        {
            var relations = scenario.Splinters[i]?.Relations ?? new Dictionary<string, double>();
            _splitOthers[i] = relations.Keys.Select(scenario.FactionIndex).ToArray();
            _splitTrust[i] = relations.Values.ToArray();
        }
        _words = (f + 63) / 64;
        _fought = new ulong[f * _words];
        _sideBySide = new bool[f * f];
        _present = new int[f];
        _strength = new double[f];
        _shortfall = new double[f];
        _mass = new double[f];
        _campFought = new bool[scenario.CampCount];
        _blocUsed = new bool[f];
    }

    public string Name => "alliances";

    public void Execute(World world, PhaseStreams rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        if (sc.FactionCount < 2) return;
        Observe(world);
        UpdateTrust(world);
        for (int f = 0; f < sc.DeclaredFactionCount; f++)
        {
            int slot = sc.SplinterSlot[f];
            if (slot >= 0 && !s.Active[slot] && s.Cohesion[f] < sc.Splinters[f]!.Below && s.FightersOf(f) > 0)
                Split(world, f, slot, ref rng.Of(f));
        }
        int interval = sc.Settings.Alliances.Interval;
        if (s.Day % interval == interval - 1) Realign(world);
    }

    /// <summary>Who fought whom today, who fought side by side, each faction's strength and supply shortfall.</summary>
    private void Observe(World world)
    {
        var s = world.State;
        var sc = world.Scenario;
        int nf = s.FactionCount, nr = s.RegionCount;
        Array.Clear(_fought);
        Array.Clear(_sideBySide);
        Array.Clear(_campFought);
        for (int r = 0; r < nr; r++)
        {
            int k = 0;
            for (int f = 0; f < nf; f++)
            {
                int i = f * nr + r;
                if (s.Fighters[i] > 0 || s.LossesToday[i] > 0) _present[k++] = f;
            }
            if (k < 2) continue;
            for (int x = 0; x < k; x++)
                for (int y = x + 1; y < k; y++)
                {
                    int a = _present[x], b = _present[y];
                    if (!world.Hostile(a, b)) continue;
                    _fought[a * _words + (b >> 6)] |= 1UL << (b & 63);
                    _fought[b * _words + (a >> 6)] |= 1UL << (a & 63);
                    if (sc.CampOf[a] >= 0 && sc.CampOf[a] == sc.CampOf[b]) _campFought[sc.CampOf[a]] = true;
                }
            if (k < 3) continue;
            for (int x = 0; x < k; x++)
                for (int y = x + 1; y < k; y++)
                {
                    int a = _present[x], c = _present[y];
                    if (world.Hostile(a, c)) continue;
                    for (int z = 0; z < k; z++)
                    {
                        int b = _present[z];
                        if (world.Hostile(a, b) && world.Hostile(c, b)) { _sideBySide[a * nf + c] = _sideBySide[c * nf + a] = true; break; }
                    }
                }
        }
        for (int c = 0; c < _campFought.Length; c++) if (_campFought[c]) s.CampInfightingDays[c]++;

        for (int f = 0; f < nf; f++)
        {
            double fighters = 0;
            for (int r = 0; r < nr; r++) fighters += s.Fighters[f * nr + r];
            _strength[f] = s.Active[f] ? s.Weight[f] + fighters * sc.Quality[f] : 0;
            // Each fighter uses a day of supply a day: the share of that the faction's income (its own and its
            // patrons') does not cover is what it expects its supplier to make good.
            double income = s.Income[f];
            for (int p = 0; p < sc.PatronCount; p++) if (sc.PatronClient[p] == f) income += s.PatronSupply[p];
            _shortfall[f] = fighters > 0 ? Math.Max(0, 1 - income / fighters) : 0;
        }
    }

    private void UpdateTrust(World world)
    {
        var s = world.State;
        var sc = world.Scenario;
        var a = sc.Settings.Alliances;
        int nf = s.FactionCount;
        for (int i = 0; i < nf; i++)
        {
            if (!s.Active[i]) continue;
            for (int j = i + 1; j < nf; j++)
            {
                if (!s.Active[j]) continue;
                int ij = i * nf + j;
                double t = s.Trust[ij], dt = 0;
                if (_sideBySide[ij]) dt += a.SideBySide;
                else if (CommonEnemy(i, j)) dt += a.CommonEnemy;
                double affinity = sc.Affinity[ij];
                if (!double.IsNaN(affinity)) dt += a.IdeologyPull * (affinity - t);
                if (s.Bloc[i] == s.Bloc[j]) dt += a.Solidarity;
                if (sc.Supplier[i] == j) dt -= a.Grievance * _shortfall[i];
                if (sc.Supplier[j] == i) dt -= a.Grievance * _shortfall[j];
                if (dt == 0) continue;
                s.SetTrust(i, j, t + dt);
            }
        }
    }

    private bool CommonEnemy(int i, int j)
    {
        int oi = i * _words, oj = j * _words;
        for (int w = 0; w < _words; w++) if ((_fought[oi + w] & _fought[oj + w]) != 0) return true;
        return false;
    }

    /// <summary>
    /// The splinter takes a share of the parent's fighters in every region (binomial draws, so a run's splits
    /// are fixed by its seed), the regions where it now outnumbers the parent, a share of the stock, and the
    /// parent's relations, except toward the parent itself.
    /// </summary>
    private void Split(World world, int parent, int slot, ref Xoshiro256StarStar rng)
    {
        var s = world.State;
        var sc = world.Scenario;
        var spec = sc.Splinters[parent]!;
        int nf = s.FactionCount, nr = s.RegionCount;
        double total = 0;
        for (int r = 0; r < nr; r++)
        {
            int from = parent * nr + r, to = slot * nr + r;
            double x = s.Fighters[from];
            if (x <= 0) continue;
            double n = world.Deterministic ? x * spec.Share : Sampling.Binomial(ref rng, x, spec.Share);
            if (n <= 0) continue;
            s.Fighters[from] = x - n;
            s.Fighters[to] = n;
            s.Morale[to] = s.Morale[from];
            s.SupplyDays[to] = s.SupplyDays[from];
            s.Supplied[to] = s.Supplied[from];
            if (s.Controller[r] == parent && n > s.Fighters[from]) s.Controller[r] = slot;
            total += n;
        }
        s.DefectedOut[parent] += total;
        s.DefectedIn[slot] += total;
        double weight = s.Weight[parent] * spec.Share;
        s.Weight[parent] -= weight;
        s.Weight[slot] = weight;
        double stock = s.Stock[parent] * spec.Share;
        s.Stock[parent] -= stock;
        s.Stock[slot] = stock;
        for (int j = 0; j < nf; j++)
        {
            double t = j == slot ? 1 : j == parent ? spec.Trust : s.Trust[parent * nf + j];
            s.SetTrust(slot, j, t);
        }
        var others = _splitOthers[parent];
        for (int k = 0; k < others.Length; k++)
            s.SetTrust(slot, others[k], _splitTrust[parent][k]);
        // Assumption: the disaffected leave with the splinter, so the parent recovers half its lost cohesion.
        s.Cohesion[parent] += (sc.InitialCohesion[parent] - s.Cohesion[parent]) / 2;
        s.Cohesion[slot] = sc.InitialCohesion[slot];
        s.Bloc[slot] = FreeBloc(s);
        s.Active[slot] = true;
        _strength[slot] = weight + s.FightersOf(slot) * sc.Quality[slot];
    }

    /// <summary>
    /// Single-actor moves in faction order until no actor can lower its frustration by more than the inertia
    /// margin. F_i(b) = T_i − S_i(b) with S_i(b) = Σ_{j in b} s_j p_ij, so the best bloc is the one with the most
    /// affinity mass (an empty bloc has none). One constraint beyond Axelrod and Bennett: no faction aligns with
    /// a bloc holding a faction it is at war with (trust at or below hostile_below), and one at war with a
    /// bloc-mate must leave. Each move lowers the landscape energy or removes a war inside a bloc, so rounds end.
    /// </summary>
    private void Realign(World world)
    {
        var s = world.State;
        var sc = world.Scenario;
        var a = sc.Settings.Alliances;
        int nf = s.FactionCount;
        for (int pass = 0; pass < nf; pass++)
        {
            bool moved = false;
            for (int i = 0; i < nf; i++)
            {
                if (!s.Active[i] || _strength[i] <= 0) continue;
                Array.Clear(_mass);
                Array.Clear(_blocUsed); // here: blocs closed to i because they hold an enemy
                double scale = 0;
                bool alone = true;
                for (int j = 0; j < nf; j++)
                {
                    if (j == i || !s.Active[j] || _strength[j] <= 0) continue;
                    double w = _strength[j] * s.Trust[i * nf + j];
                    _mass[s.Bloc[j]] += w;
                    scale += Math.Abs(w);
                    if (s.Bloc[j] == s.Bloc[i]) alone = false;
                    if (world.Hostile(i, j)) _blocUsed[s.Bloc[j]] = true;
                }
                int current = s.Bloc[i], best = -1;
                double bestMass = 0; // standing alone
                for (int b = 0; b < nf; b++)
                    if (!_blocUsed[b] && _mass[b] > bestMass && b != current) { bestMass = _mass[b]; best = b; }
                bool mustLeave = _blocUsed[current];
                double stay = mustLeave ? double.NegativeInfinity : alone ? 0 : _mass[current];
                if (best < 0 && alone && !mustLeave) continue; // already alone, and no bloc is better than that
                if (!mustLeave && bestMass <= stay + a.Inertia * scale) continue;
                if (best < 0) best = FreeBloc(s);
                Move(world, i, current, best);
                moved = true;
            }
            if (!moved) break;
        }
    }

    /// <summary>Changing sides costs trust with the bloc left and buys it with the bloc joined.</summary>
    private static void Move(World world, int i, int from, int to)
    {
        var s = world.State;
        int nf = s.FactionCount;
        double shift = world.Scenario.Settings.Alliances.Realignment;
        for (int j = 0; j < nf; j++)
        {
            if (j == i || !s.Active[j]) continue;
            double d = s.Bloc[j] == from ? -shift : s.Bloc[j] == to ? shift : 0;
            if (d == 0) continue;
            s.SetTrust(i, j, s.TrustBetween(i, j) + d);
        }
        s.Bloc[i] = to;
    }

    private int FreeBloc(WorldState s)
    {
        Array.Clear(_blocUsed);
        for (int f = 0; f < s.FactionCount; f++) if (s.Active[f]) _blocUsed[s.Bloc[f]] = true;
        for (int b = 0; b < _blocUsed.Length; b++) if (!_blocUsed[b]) return b;
        return 0; // unreachable: F factions cannot fill F blocs while one of them is choosing a new one
    }
}
