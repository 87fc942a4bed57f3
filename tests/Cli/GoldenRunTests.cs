using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// `conflictsim run FILE --seed S --json` of every article scenario, pinned as readable JSON in tests/data/golden/:
/// outcomes and the final state, so a change that moves results shows which numbers moved, not a new digest. A
/// deliberate change (a model, a scenario, the report format) regenerates them with CONFLICTSIM_UPDATE_GOLDEN=1 and
/// says why in its commit. Last regenerated when the random streams became per (phase, faction) and injects got a
/// stream group of their own (issue 10): every sampled run moved; deterministic runs did not.
/// <para>
/// Also pins that phases with nothing to do change nothing: sirte-2016 has residents but no grievance and nobody
/// who can go underground, so its insurgency and population phases find no work.
/// </para>
/// </summary>
public class GoldenRunTests
{
    public static TheoryData<string, string, bool> Runs => new()
    {
        { "sirte-2016", "1", false }, { "sirte-2016", "2", false }, { "sirte-2016", "1", true },
        { "libya-2016", "1", false }, { "derna-2015", "1", false }, { "sidra-2016", "1", false },
        { "isis-regroup-2017", "1", false }, { "libya-2016", "1", true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Json_report_matches_its_golden_file(string scenario, string seed, bool deterministic)
    {
        string[] args = ["run", Repository.Scenario(scenario + ".yaml"), "--seed", seed, "--json"];
        var result = CliHarness.Run(deterministic ? [.. args, "--deterministic"] : args);
        Assert.Equal(0, result.Exit);
        string golden = Path.Combine(Repository.Root, "tests", "data", "golden", $"{scenario}-seed{seed}{(deterministic ? "-deterministic" : "")}.json");
        if (Environment.GetEnvironmentVariable("CONFLICTSIM_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, result.Out);
        Assert.True(File.Exists(golden), $"no golden file {golden}; run with CONFLICTSIM_UPDATE_GOLDEN=1 to write it");
        var expected = File.ReadAllText(golden).ReplaceLineEndings("\n").Split('\n');
        var actual = result.Out.ReplaceLineEndings("\n").Split('\n');
        var moved = new List<string>();
        for (int i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            string e = i < expected.Length ? expected[i] : "<none>", a = i < actual.Length ? actual[i] : "<none>";
            if (e != a) moved.Add($"line {i + 1}: {e.Trim()}  →  {a.Trim()}");
        }
        Assert.True(moved.Count == 0, $"{moved.Count} lines moved from {Path.GetFileName(golden)}:\n" + string.Join("\n", moved.Take(25)));
    }
}
