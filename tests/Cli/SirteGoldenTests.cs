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
    [InlineData("1", false, "65343aeba6c32b1a0d6320bcf968bfa481693daa522bb64a48201fb8c6e93c69")]
    [InlineData("2", false, "9bafd2e149260fb0d79b506aafd2e6c7f8e071847732ff23a506d7c9bf3b58bd")]
    [InlineData("1", true, "0b4ed7477d45454eec4047c19f22c70e32c0bfbb555c842425c4a2bb3d082440")]
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
