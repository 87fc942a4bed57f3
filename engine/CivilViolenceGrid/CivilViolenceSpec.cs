namespace ConflictSim.CivilViolenceGrid;

/// <summary>How C/A enters P = 1 − exp(−k·C/A); the one place public implementations of Epstein's rule A differ.</summary>
public enum ArrestRatio
{
    /// <summary>C/A as a real number, as written in Epstein (2002).</summary>
    Exact,
    /// <summary>⌊C/A⌋, as NetLogo's Rebellion model computes it (so P = 0 while actives outnumber cops).</summary>
    Floor,
    /// <summary>C/A rounded half to even, as Mesa's example does with Python's round().</summary>
    Round,
}

/// <summary>How a jail term is drawn at each arrest, given the maximum J.</summary>
public enum JailTermDraw
{
    /// <summary>Epstein's J ~ U(0, J_max) as a real number; the agent sits out ⌈J⌉ whole steps.</summary>
    UniformReal,
    /// <summary>A whole number 0..J−1, NetLogo's <c>random max-jail-term</c>.</summary>
    WholeBelowMax,
    /// <summary>A whole number 0..J, Mesa's <c>randint(0, max_jail_term)</c>.</summary>
    WholeUpToMax,
}

/// <summary>The sites an agent sees (and may move to) within its vision v, on the torus.</summary>
public enum Neighbourhood
{
    /// <summary>Epstein's lateral vision: v sites north, south, east and west (4v sites), O(v) per look.</summary>
    VonNeumann,
    /// <summary>The (2v+1)² square, as in Mesa's grid neighbourhood; (2v+1)² − 1 sites per look.</summary>
    Moore,
    /// <summary>Sites within Euclidean distance v, as NetLogo's <c>in-radius</c>; about πv² sites per look.</summary>
    Disc,
    /// <summary>
    /// Sites within Manhattan distance v (|dx| + |dy| ≤ v): 2v(v + 1) sites per look, 112 at v = 7. What Mesa 3's own
    /// Epstein example sees (its grid neighbourhood with <c>moore=False</c> and a radius).
    /// </summary>
    Diamond,
}

/// <summary>
/// Epstein's civil violence model I (generalised rebellion against a central authority) as a scenario file states
/// it: a torus of sites, citizens and cops at given densities, the regime's legitimacy and jail, and the choices
/// where implementations of the model differ.
/// </summary>
public sealed record CivilViolenceSpec
{
    /// <summary>Scenario id, <c>[a-z0-9-]+</c>.</summary>
    public string Id { get; init; } = "";
    /// <summary>Human title.</summary>
    public string Title { get; init; } = "";
    /// <summary>The question the file answers; default "".</summary>
    public string Question { get; init; } = "";
    /// <summary>Default run length in steps (one step activates every agent once).</summary>
    public int Steps { get; init; } = 500;
    /// <summary>Random seed (64-bit); default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Sites across the torus (3..100,000); default 40.</summary>
    public int Width { get; init; } = 40;
    /// <summary>Sites down the torus (3..100,000; at most 25 million sites in all); default 40.</summary>
    public int Height { get; init; } = 40;

    /// <summary>Share of sites holding a citizen at the start; the count is rounded to the nearest whole.</summary>
    public double CitizenDensity { get; init; } = 0.7;
    /// <summary>Share of sites holding a cop; rounded the same way.</summary>
    public double CopDensity { get; init; } = 0.074;
    /// <summary>How far a citizen sees and moves, in sites (≥ 1, 2·vision + 1 ≤ the shorter side); default 7.</summary>
    public int CitizenVision { get; init; } = 7;
    /// <summary>How far a cop sees and moves, in sites (same range as <see cref="CitizenVision"/>); default 7.</summary>
    public int CopVision { get; init; } = 7;

    /// <summary>L in G = H·(1 − L).</summary>
    public double Legitimacy { get; init; } = 0.8;
    /// <summary>Epstein's k in P = 1 − exp(−k·C/A).</summary>
    public double K { get; init; } = Models.CivilViolence.K;
    /// <summary>Epstein's T: active when G − R·P &gt; T.</summary>
    public double Threshold { get; init; } = Models.CivilViolence.Threshold;
    /// <summary>J_max, in steps.</summary>
    public int MaxJailTerm { get; init; } = 1000;

    /// <summary>How C/A enters the arrest probability (<c>choices.arrest_ratio</c>); default the paper's exact ratio.</summary>
    public ArrestRatio ArrestRatio { get; init; } = ArrestRatio.Exact;
    /// <summary>How jail terms are drawn (<c>choices.jail_term</c>); default the paper's U(0, J_max).</summary>
    public JailTermDraw JailTerm { get; init; } = JailTermDraw.UniformReal;
    /// <summary>The sites an agent sees (<c>choices.neighbourhood</c>); default the paper's von Neumann vision.</summary>
    public Neighbourhood Neighbourhood { get; init; } = Neighbourhood.VonNeumann;
    /// <summary>Whether a jailed citizen keeps its site (Mesa) or leaves the lattice until released (Epstein, NetLogo).</summary>
    public bool JailedHoldSites { get; init; }
    /// <summary>Rule M on (Epstein's runs) or off (agents keep their sites).</summary>
    public bool Movement { get; init; } = true;

    /// <summary>An outburst starts when the active share of citizens reaches this.</summary>
    public double OutburstStart { get; init; } = 0.05;
    /// <summary>… and ends when it falls back to this or below.</summary>
    public double OutburstEnd { get; init; } = 0.01;

    /// <summary>Sites on the torus: Width × Height.</summary>
    public int Sites => Width * Height;
    /// <summary>Citizens placed: CitizenDensity × Sites, rounded half to even.</summary>
    public int Citizens => (int)Math.Round(CitizenDensity * Sites, MidpointRounding.ToEven);
    /// <summary>Cops placed: CopDensity × Sites, rounded half to even.</summary>
    public int Cops => (int)Math.Round(CopDensity * Sites, MidpointRounding.ToEven);
}
