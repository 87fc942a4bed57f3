using ConflictSim.CivilViolenceGrid;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>
/// Pins the civil violence grid bit for bit: each case runs a 200×200 torus for a few hundred steps and hashes the
/// whole timeline (every step's counts, peak and outburst book-keeping) and the final lattice and agents. The expected
/// hashes were taken from the straightforward engine before it was optimised (commit "Epstein grid: fingerprint
/// test"), so any change in RNG draws, their order or an outcome fails here. The cases cover every implementation
/// choice: the paper's rules, NetLogo's (disc vision, ⌊C/A⌋) and Mesa's (Moore vision, rounding, jailed keep their site),
/// and rule M switched off.
/// </summary>
public class CivilViolenceFingerprintTests
{
    private static readonly CivilViolenceSpec Paper =
        CivilViolenceLoader.LoadFile(Repository.Scenario("epstein-2002.yaml")).Spec! with { Width = 200, Height = 200 };

    public static TheoryData<string, ulong, int, ulong> Cases => new()
    {
        { "paper", 1, 300, 0xE5EAF703C223CA08UL },
        { "paper-l0.7", 2, 300, 0x64BCF004314CF9FCUL },
        { "netlogo", 3, 200, 0x2C87DB10218095F6UL },
        { "mesa", 4, 60, 0x738F447DFC0BF92EUL },
        { "still", 5, 200, 0xEC21C0B422154F85UL },
    };

    private static CivilViolenceSpec Spec(string name) => name switch
    {
        "paper" => Paper,
        "paper-l0.7" => Paper with { Legitimacy = 0.7, MaxJailTerm = 30 },
        "netlogo" => Paper with
        {
            CopDensity = 0.04,
            MaxJailTerm = 30,
            ArrestRatio = ArrestRatio.Floor,
            JailTerm = JailTermDraw.WholeBelowMax,
            Neighbourhood = Neighbourhood.Disc,
        },
        "mesa" => Paper with
        {
            Legitimacy = 0.7,
            MaxJailTerm = 30,
            ArrestRatio = ArrestRatio.Round,
            JailTerm = JailTermDraw.WholeUpToMax,
            Neighbourhood = Neighbourhood.Moore,
            JailedHoldSites = true,
        },
        _ => Paper with { Movement = false, JailedHoldSites = true, Legitimacy = 0.7, MaxJailTerm = 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_200x200_run_reproduces_the_fingerprint_of_the_unoptimised_engine(string name, ulong seed, int steps, ulong expected)
    {
        var model = new CivilViolenceModel(Spec(name), seed, steps);
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
        Assert.True(expected == h, $"{name}: fingerprint 0x{h:X16}UL, expected 0x{expected:X16}UL");
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
