using ConflictSim.CivilViolenceGrid;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// Pins the civil violence grid bit for bit: each case runs a torus (mostly 200×200, for a few hundred steps) and
/// hashes the whole timeline (every step's counts, peak and outburst book-keeping) and the final lattice and agents.
/// The expected hashes were taken from the straightforward engine before it was optimised (the int-lattice scan of
/// commit 40a8527), so any change in RNG draws, their order or an outcome fails here. The cases cover every
/// implementation choice: the paper's rules, NetLogo's (disc vision, ⌊C/A⌋) and Mesa's (Moore vision, rounding,
/// jailed keep their site), rule M switched off, visions too wide for the byte-lattice windows (and, for Moore 16,
/// for the arrest table), and lattices large enough for the look-ahead loads.
/// </summary>
public class CivilViolenceFingerprintTests
{
    private static readonly CivilViolenceSpec File =
        CivilViolenceLoader.LoadFile(Repository.Scenario("epstein-2002.yaml")).Spec!;

    public static TheoryData<string, int, ulong, int, ulong> Cases => new()
    {
        { "paper", 200, 1, 300, 0xE5EAF703C223CA08UL },
        { "paper-l0.7", 200, 2, 300, 0x64BCF004314CF9FCUL },
        { "netlogo", 200, 3, 200, 0x2C87DB10218095F6UL },
        { "mesa", 200, 4, 60, 0x738F447DFC0BF92EUL },
        { "still", 200, 5, 200, 0xEC21C0B422154F85UL },
        { "wide", 200, 6, 100, 0xA917F3A8AAC53249UL },
        { "wide-moore", 200, 7, 5, 0xDF2194D57E8D5090UL },
        { "paper", 1000, 8, 6, 0xB3457BA2DB7E021EUL },
        { "mesa", 600, 9, 3, 0xD57EF570D2BF3517UL },
    };

    private static CivilViolenceSpec Spec(string name, int side)
    {
        var paper = File with { Width = side, Height = side };
        return name switch
        {
            "paper" => paper,
            "paper-l0.7" => paper with { Legitimacy = 0.7, MaxJailTerm = 30 },
            "netlogo" => paper with
            {
                CopDensity = 0.04,
                MaxJailTerm = 30,
                ArrestRatio = ArrestRatio.Floor,
                JailTerm = JailTermDraw.WholeBelowMax,
                Neighbourhood = Neighbourhood.Disc,
            },
            "mesa" => paper with
            {
                Legitimacy = 0.7,
                MaxJailTerm = 30,
                ArrestRatio = ArrestRatio.Round,
                JailTerm = JailTermDraw.WholeUpToMax,
                Neighbourhood = Neighbourhood.Moore,
                JailedHoldSites = true,
            },
            "wide" => paper with { Legitimacy = 0.7, MaxJailTerm = 30, CitizenVision = 16, CopVision = 13 },
            "wide-moore" => paper with { Legitimacy = 0.7, MaxJailTerm = 30, Neighbourhood = Neighbourhood.Moore, CitizenVision = 16, CopVision = 16 },
            _ => paper with { Movement = false, JailedHoldSites = true, Legitimacy = 0.7, MaxJailTerm = 30 },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_reproduces_the_fingerprint_of_the_unoptimised_engine(string name, int side, ulong seed, int steps, ulong expected)
    {
        var model = new CivilViolenceModel(Spec(name, side), seed, steps);
        ulong h = 14695981039346656037UL;
        Mix(ref h, model.Quiet, model.Active, model.Jailed);
        while (!model.Finished)
        {
            model.Step();
            Mix(ref h, model.StepNumber, model.Quiet, model.Active, model.Jailed);
            Mix(ref h, model.PeakActive, model.PeakStep, model.Outbursts, model.OutburstSteps, model.InOutburst ? 1 : 0);
        }
        foreach (int code in model.Sites) Mix(ref h, code);
        for (int a = 0; a < model.Citizens + model.Cops; a++) Mix(ref h, model.PositionOf(a));
        for (int c = 0; c < model.Citizens; c++) Mix(ref h, (int)model.StateOf(c), model.ReleaseStepOf(c));
        Assert.True(expected == h, $"{name} {side}×{side}: fingerprint 0x{h:X16}UL, expected 0x{expected:X16}UL");
    }

    /// <summary>FNV-1a over the values' bytes: stable across processes, unlike HashCode.</summary>
    private static void Mix(ref ulong h, params ReadOnlySpan<int> values)
    {
        foreach (int v in values)
        {
            for (int b = 0; b < 32; b += 8)
            {
                h ^= (byte)(v >> b);
                h *= 1099511628211UL;
            }
        }
    }
}
