using ConflictSim.CivilViolenceGrid;
using ConflictSim.Randomness;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// Epstein's civil violence grid model (PNAS 99 suppl. 3, 2002), rule by rule: arrest probability, rule A, rule C and
/// jail, rule M, conservation of citizens, determinism by seed, and the published behaviour.
/// </summary>
public class CivilViolenceGridTests
{
    private static readonly CivilViolenceSpec Paper = CivilViolenceLoader.LoadFile(Repository.Scenario("epstein-2002.yaml")).Spec!;

    /// <summary>NetLogo's Rebellion rules and defaults (⌊C/A⌋, disc vision, 4% cops, terms below 30), at L = 0.8.</summary>
    private static readonly CivilViolenceSpec NetLogo = Paper with
    {
        CopDensity = 0.04,
        MaxJailTerm = 30,
        ArrestRatio = ArrestRatio.Floor,
        JailTerm = JailTermDraw.WholeBelowMax,
        Neighbourhood = Neighbourhood.Disc,
    };

    [Fact]
    public void One_cop_and_one_active_give_an_arrest_probability_of_about_nine_tenths()
    {
        var model = new CivilViolenceModel(Paper, 1);
        // Epstein's calibration of k = 2.3: P(C = 1, A = 1) = 1 − e^−2.3 ≈ 0.9.
        Assert.Equal(1 - Math.Exp(-2.3), model.ArrestProbability(1, 1), 12);
        Assert.InRange(model.ArrestProbability(1, 1), 0.89, 0.91);
        Assert.Equal(0, model.ArrestProbability(0, 5));
    }

    [Theory]
    [InlineData(ArrestRatio.Exact)]
    [InlineData(ArrestRatio.Floor)]
    [InlineData(ArrestRatio.Round)]
    public void Arrest_probability_is_the_closed_form_of_the_rounded_ratio(ArrestRatio ratio)
    {
        var model = new CivilViolenceModel(Paper with { ArrestRatio = ratio }, 1);
        for (int c = 0; c <= 28; c++)
        {
            for (int a = 1; a <= 29; a++)
            {
                double r = ratio switch
                {
                    ArrestRatio.Floor => Math.Floor((double)c / a),
                    ArrestRatio.Round => Math.Round((double)c / a, MidpointRounding.ToEven),
                    _ => (double)c / a,
                };
                Assert.Equal(1 - DetMath.Exp(-2.3 * r), model.ArrestProbability(c, a));
            }
        }
    }

    [Fact]
    public void Floor_and_round_differ_from_the_paper_where_actives_outnumber_cops()
    {
        double Exact(int c, int a) => new CivilViolenceModel(Paper, 1).ArrestProbability(c, a);
        double Floor(int c, int a) => new CivilViolenceModel(Paper with { ArrestRatio = ArrestRatio.Floor }, 1).ArrestProbability(c, a);
        double Round(int c, int a) => new CivilViolenceModel(Paper with { ArrestRatio = ArrestRatio.Round }, 1).ArrestProbability(c, a);
        Assert.True(Exact(2, 3) > 0.7);          // 1 − e^(−2.3·2/3) ≈ 0.78
        Assert.Equal(0, Floor(2, 3));             // ⌊2/3⌋ = 0: no risk at all
        Assert.Equal(Exact(1, 1), Round(2, 3));   // 2/3 rounds to 1
        Assert.Equal(0, Round(1, 2));             // 0.5 rounds half to even, to 0, as Python's round()
        Assert.Equal(Exact(2, 1), Round(5, 2));   // 2.5 → 2
    }

    [Fact]
    public void Citizens_draw_hardship_and_risk_aversion_uniformly_and_grievance_is_H_times_illegitimacy()
    {
        var model = new CivilViolenceModel(Paper, 3);
        double sumH = 0, sumR = 0;
        for (int c = 0; c < model.Citizens; c++)
        {
            double h = model.HardshipOf(c), r = model.RiskAversionOf(c);
            Assert.InRange(h, 0, 1);
            Assert.InRange(r, 0, 1);
            Assert.Equal(h * (1 - 0.8), model.GrievanceOf(c));
            sumH += h;
            sumR += r;
        }
        // Means of 1,120 U(0,1) draws: within 5 standard errors (0.0086 each) of 1/2.
        Assert.InRange(sumH / model.Citizens, 0.457, 0.543);
        Assert.InRange(sumR / model.Citizens, 0.457, 0.543);
    }

    [Fact]
    public void Without_cops_rule_A_makes_exactly_the_citizens_with_grievance_above_T_active()
    {
        var model = new CivilViolenceModel(Paper with { CopDensity = 0 }, 5);
        model.Step();
        int expected = 0;
        for (int c = 0; c < model.Citizens; c++)
        {
            bool angry = model.GrievanceOf(c) > 0.1; // P = 0 with no cop anywhere, so N = 0
            Assert.Equal(angry ? CitizenState.Active : CitizenState.Quiet, model.StateOf(c));
            if (angry) expected++;
        }
        Assert.Equal(expected, model.Active);
        Assert.Equal(0, model.Jailed);
    }

    [Theory]
    [InlineData(Neighbourhood.VonNeumann, 7, 28)]
    [InlineData(Neighbourhood.Moore, 7, 224)]
    [InlineData(Neighbourhood.Diamond, 7, 112)] // Mesa 3's Epstein example: 2v(v + 1)
    [InlineData(Neighbourhood.Diamond, 1, 4)]
    public void Each_neighbourhood_covers_its_number_of_sites(Neighbourhood shape, int vision, int sites)
    {
        Assert.Equal(sites, CivilViolenceModel.View(shape, vision).Length / 2);
    }

    // Visions 1, 7 and 15 take the byte-lattice windows (15 is the widest one load covers), 16 the int-lattice scan.
    [Theory]
    [InlineData(Neighbourhood.VonNeumann, 7)]
    [InlineData(Neighbourhood.Moore, 7)]
    [InlineData(Neighbourhood.Disc, 7)]
    [InlineData(Neighbourhood.Diamond, 7)]
    [InlineData(Neighbourhood.Diamond, 15)]
    [InlineData(Neighbourhood.Diamond, 16)]
    [InlineData(Neighbourhood.VonNeumann, 1)]
    [InlineData(Neighbourhood.VonNeumann, 15)]
    [InlineData(Neighbourhood.Disc, 15)]
    [InlineData(Neighbourhood.VonNeumann, 16)]
    [InlineData(Neighbourhood.Moore, 16)]
    public void A_citizen_estimates_P_from_the_cops_and_actives_a_brute_force_count_finds_in_its_view(Neighbourhood shape, int vision)
    {
        var spec = NetLogo with { Neighbourhood = shape, Legitimacy = 0.6, CitizenVision = vision, CopVision = vision };
        var model = new CivilViolenceModel(spec, 9);
        for (int t = 0; t < 3; t++) model.Step();
        Assert.True(model.Active > 0);
        for (int site = 0; site < model.Sites.Length; site++)
        {
            var (cops, actives) = CountView(model, site, spec.CitizenVision);
            Assert.Equal(model.ArrestProbability(cops, actives + 1), model.Look(site));
        }
    }

    [Theory]
    [InlineData(JailTermDraw.UniformReal, false)]
    [InlineData(JailTermDraw.WholeBelowMax, false)]
    [InlineData(JailTermDraw.WholeUpToMax, true)]
    public void Rule_C_jails_only_actives_for_a_term_within_the_draw_and_releases_them_on_time(JailTermDraw draw, bool holdSites)
    {
        var spec = NetLogo with { JailTerm = draw, JailedHoldSites = holdSites, Legitimacy = 0.6 };
        var model = new CivilViolenceModel(spec, 2);
        var before = new CitizenState[model.Citizens];
        var release = new int[model.Citizens];
        int arrests = 0;
        for (int t = 1; t <= 200; t++)
        {
            for (int c = 0; c < model.Citizens; c++) { before[c] = model.StateOf(c); release[c] = model.ReleaseStepOf(c); }
            model.Step();
            for (int c = 0; c < model.Citizens; c++)
            {
                var now = model.StateOf(c);
                if (before[c] != CitizenState.Jailed && now == CitizenState.Jailed)
                {
                    arrests++;
                    int term = model.ReleaseStepOf(c) - t - 1;
                    int max = draw == JailTermDraw.WholeBelowMax ? spec.MaxJailTerm - 1 : spec.MaxJailTerm;
                    int min = draw == JailTermDraw.UniformReal ? 1 : 0;
                    Assert.InRange(term, min, max);
                }
                if (before[c] == CitizenState.Jailed && t < release[c]) Assert.Equal(CitizenState.Jailed, now);
                if (now == CitizenState.Jailed)
                {
                    int site = model.PositionOf(c);
                    if (holdSites) Assert.Equal(c << 2 | CivilViolenceModel.KindInert, model.Sites[site]);
                    else Assert.Equal(-1, site);
                }
            }
        }
        Assert.True(arrests > 100, $"only {arrests} arrests");
    }

    [Theory]
    [InlineData(Neighbourhood.VonNeumann, 7, 7)]
    [InlineData(Neighbourhood.Moore, 7, 7)]
    [InlineData(Neighbourhood.Disc, 7, 7)]
    [InlineData(Neighbourhood.Diamond, 7, 7)]
    [InlineData(Neighbourhood.Diamond, 16, 3)]
    [InlineData(Neighbourhood.VonNeumann, 2, 15)]
    [InlineData(Neighbourhood.Disc, 15, 3)]
    [InlineData(Neighbourhood.VonNeumann, 16, 5)]
    public void Rule_M_moves_each_agent_to_an_empty_site_within_its_vision_and_citizens_are_conserved(Neighbourhood shape, int citizenVision, int copVision)
    {
        var spec = NetLogo with { Neighbourhood = shape, CitizenVision = citizenVision, CopVision = copVision };
        var model = new CivilViolenceModel(spec, 4);
        int agents = model.Citizens + model.Cops;
        var before = new int[agents];
        var wasJailed = new bool[model.Citizens];
        for (int t = 0; t < 60; t++)
        {
            for (int a = 0; a < agents; a++) before[a] = model.PositionOf(a);
            for (int c = 0; c < model.Citizens; c++) wasJailed[c] = model.StateOf(c) == CitizenState.Jailed;
            model.Step();

            AssertConsistent(model);
            for (int a = 0; a < agents; a++)
            {
                if (a < model.Citizens && (wasJailed[a] || model.StateOf(a) == CitizenState.Jailed)) continue;
                int dx = TorusDelta(model.PositionOf(a) % model.Width - before[a] % model.Width, model.Width);
                int dy = TorusDelta(model.PositionOf(a) / model.Width - before[a] / model.Width, model.Height);
                int v = a < model.Citizens ? spec.CitizenVision : spec.CopVision;
                bool inView = shape switch
                {
                    Neighbourhood.VonNeumann => (dx == 0 || dy == 0) && Math.Abs(dx + dy) <= v,
                    Neighbourhood.Moore => Math.Abs(dx) <= v && Math.Abs(dy) <= v,
                    Neighbourhood.Diamond => Math.Abs(dx) + Math.Abs(dy) <= v,
                    _ => dx * dx + dy * dy <= v * v,
                };
                Assert.True(inView, $"agent {a} moved by ({dx}, {dy}) with vision {v}");
            }
        }
    }

    [Fact]
    public void Without_movement_nobody_moves()
    {
        var model = new CivilViolenceModel(Paper with { Movement = false, JailedHoldSites = true }, 6);
        var start = new int[model.Citizens + model.Cops];
        for (int a = 0; a < start.Length; a++) start[a] = model.PositionOf(a);
        for (int t = 0; t < 30; t++) model.Step();
        for (int a = 0; a < start.Length; a++) Assert.Equal(start[a], model.PositionOf(a));
    }

    [Fact]
    public void Same_seed_gives_a_bit_identical_timeline_and_lattice_and_another_seed_differs()
    {
        var a = Timeline(new CivilViolenceModel(NetLogo, 42), 300, out var sitesA);
        var b = Timeline(new CivilViolenceModel(NetLogo, 42), 300, out var sitesB);
        var c = Timeline(new CivilViolenceModel(NetLogo, 43), 300, out _);
        Assert.Equal(a, b);
        Assert.Equal(sitesA, sitesB);
        Assert.NotEqual(a, c);

        // Reset on a used model reproduces a fresh one.
        var reused = new CivilViolenceModel(NetLogo, 7);
        for (int t = 0; t < 50; t++) reused.Step();
        reused.Reset(42);
        Assert.Equal(a, Timeline(reused, 300, out var sitesReset));
        Assert.Equal(sitesA, sitesReset);
    }

    [Fact]
    public void Steps_and_reset_allocate_nothing()
    {
        var model = new CivilViolenceModel(NetLogo with { JailedHoldSites = false }, 1);
        for (int t = 0; t < 5; t++) model.Step();
        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int t = 0; t < 100; t++) model.Step();
            model.Reset(2);
            model.Step();
        }));
    }

    [Fact]
    public void With_legitimacy_high_the_population_stays_quiet()
    {
        // G = H·(1 − 0.9) ≤ 0.1 = T for every citizen, so G − N > T never holds, whatever the implementation choices.
        foreach (var spec in new[] { Paper, NetLogo, NetLogo with { ArrestRatio = ArrestRatio.Round, Neighbourhood = Neighbourhood.Moore } })
        {
            for (ulong seed = 1; seed <= 3; seed++)
            {
                var model = new CivilViolenceModel(spec with { Legitimacy = 0.9 }, seed, 200);
                model.Run();
                Assert.Equal(0, model.PeakActive);
                Assert.Equal(0, model.Jailed);
                Assert.Equal(0, model.Outbursts);
            }
        }
    }

    [Fact]
    public void With_legitimacy_lowered_rebellion_comes_in_bursts_separated_by_quiet_periods()
    {
        // Punctuated equilibrium (Epstein 2002, model I) under the rules of NetLogo's Rebellion model, at L = 0.8.
        // Averaged over eight seeds, so no single lucky run carries the assertion.
        const int seeds = 8, steps = 400;
        double outbursts = 0, burstSteps = 0, peaks = 0, quietSteps = 0;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            var model = new CivilViolenceModel(NetLogo, seed, steps);
            int quiet = 0;
            while (!model.Finished)
            {
                model.Step();
                if (model.Active <= 0.01 * model.Citizens) quiet++;
            }
            Assert.True(model.Outbursts >= 3, $"seed {seed}: {model.Outbursts} outbursts");
            outbursts += model.Outbursts;
            burstSteps += model.OutburstSteps;
            peaks += (double)model.PeakActive / model.Citizens;
            quietSteps += quiet;
        }
        Assert.True(outbursts / seeds >= 8, $"mean outbursts {outbursts / seeds}");     // repeated bursts …
        Assert.True(peaks / seeds >= 0.2, $"mean peak share {peaks / seeds}");           // … that are large …
        Assert.True(burstSteps / (seeds * steps) <= 0.4, $"share of steps in outburst {burstSteps / (seeds * steps)}");
        Assert.True(quietSteps / (seeds * steps) >= 0.4, $"share of quiet steps {quietSteps / (seeds * steps)}"); // … between quiet spells
    }

    [Fact]
    public void With_the_papers_exact_ratio_and_the_files_numbers_an_opening_flare_settles_into_a_jailed_quiet()
    {
        // What the shipped scenario does (documented in scenarios/README.md): without the floor there is no moment
        // when a crowd of actives drives the risk to zero, so after a flare in the first steps (about 5% of citizens)
        // the long terms fill the jail and at most a handful are active at a time.
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var model = new CivilViolenceModel(Paper, seed, 500);
            model.Run();
            Assert.InRange(model.Outbursts, 0, 1);
            Assert.InRange(model.PeakStep, 1, 5);
            Assert.True(model.Active <= 0.01 * model.Citizens, $"seed {seed}: {model.Active} active at the end");
            Assert.InRange((double)model.Jailed / model.Citizens, 0.3, 0.7);
        }
    }

    private static List<(int, int, int)> Timeline(CivilViolenceModel model, int steps, out int[] sites)
    {
        var rows = new List<(int, int, int)> { (model.Quiet, model.Active, model.Jailed) };
        for (int t = 0; t < steps; t++)
        {
            model.Step();
            rows.Add((model.Quiet, model.Active, model.Jailed));
        }
        sites = model.Sites.ToArray();
        return rows;
    }

    /// <summary>The lattice and the agents agree, no site holds two agents, and quiet + active + jailed = citizens.</summary>
    private static void AssertConsistent(CivilViolenceModel model)
    {
        int quiet = 0, active = 0, jailed = 0, onLattice = 0;
        var seen = new HashSet<int>();
        for (int a = 0; a < model.Citizens + model.Cops; a++)
        {
            int site = model.PositionOf(a);
            if (a < model.Citizens)
            {
                var state = model.StateOf(a);
                if (state == CitizenState.Quiet) quiet++;
                else if (state == CitizenState.Active) active++;
                else jailed++;
                if (site < 0) { Assert.Equal(CitizenState.Jailed, state); continue; }
                int kind = state == CitizenState.Active ? CivilViolenceModel.KindActive : CivilViolenceModel.KindInert;
                Assert.Equal(a << 2 | kind, model.Sites[site]);
            }
            else
            {
                Assert.Equal(a << 2 | CivilViolenceModel.KindCop, model.Sites[site]);
            }
            Assert.True(seen.Add(site), $"two agents on site {site}");
            onLattice++;
        }
        int occupied = 0;
        foreach (int code in model.Sites) if (code != 0) occupied++;
        Assert.Equal(onLattice, occupied);
        Assert.Equal((quiet, active, jailed), (model.Quiet, model.Active, model.Jailed));
        Assert.Equal(model.Citizens, quiet + active + jailed);
    }

    private static (int Cops, int Actives) CountView(CivilViolenceModel model, int site, int vision)
    {
        int cops = 0, actives = 0;
        int x = site % model.Width, y = site / model.Width;
        var view = CivilViolenceModel.View(model.Spec.Neighbourhood, vision);
        for (int i = 0; i < view.Length; i += 2)
        {
            int s = ((y + view[i + 1] + model.Height) % model.Height) * model.Width + (x + view[i] + model.Width) % model.Width;
            int kind = model.Sites[s] & 3;
            if (kind == CivilViolenceModel.KindCop) cops++;
            if (kind == CivilViolenceModel.KindActive) actives++;
        }
        return (cops, actives);
    }

    private static int TorusDelta(int d, int size)
    {
        d = ((d % size) + size) % size;
        return d > size / 2 ? d - size : d;
    }
}
