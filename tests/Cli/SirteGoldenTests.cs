using System.Security.Cryptography;
using System.Text;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// Phases with nothing to do in a scenario must not change it: sirte-2016 has no insurgency and no grievance, so
/// adding the insurgency and population phases to the default order leaves its results bit for bit as before.
/// Pinned as the digest of `conflictsim run scenarios/sirte-2016.yaml --seed 1 --json | sha256sum`; a deliberate
/// change to the scenario, the engine's results or the report format updates it.
/// </summary>
public class SirteGoldenTests
{
    [Theory]
    [InlineData("1", false, "7d02f45a8cc46b420789ae2a7f590a38663661cbc5500f8423a558b7e0111904")]
    [InlineData("2", false, "6df684d6d11dd7ba71ce9145993716e7f53209ac94d4c45abe6559094c1d3d80")]
    [InlineData("1", true, "5441906678107ee0046b80bf64d30af91e083d9f5ecaae8590a3a9a6669c73ec")]
    public void Json_report_is_unchanged(string seed, bool deterministic, string sha256)
    {
        string[] args = ["run", Repository.Scenario("sirte-2016.yaml"), "--seed", seed, "--json"];
        var result = CliHarness.Run(deterministic ? [.. args, "--deterministic"] : args);
        Assert.Equal(0, result.Exit);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.Out))));
    }

    [Fact]
    public void The_new_phases_run_in_sirte_but_have_nothing_to_do()
    {
        var sc = Scenario.Compile(ConflictSim.Scenarios.ScenarioLoader.LoadFile(Repository.Scenario("sirte-2016.yaml")).Spec!);
        Assert.Contains("insurgency", sc.Spec.Phases);
        Assert.Contains("population", sc.Spec.Phases);
        Assert.False(sc.Insurgency.Any);
        Assert.False(sc.Population.Any);
    }
}
