using System.Text.Json;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sweep;

/// <summary>compare: common random numbers, paired statistics.</summary>
public class CompareTests
{
    [Fact]
    public void Identical_arms_differ_by_exactly_zero_with_p_one()
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Run("compare", SweepHarness.Duel, SweepHarness.Duel, "--runs", "50", "--out", dir.Path);
        Assert.Equal(0, result.Exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "compare.json")));
        foreach (var o in doc.RootElement.GetProperty("outcomes").EnumerateObject())
        {
            var v = o.Value;
            if (v.GetProperty("pairs").GetInt32() == 0) continue;
            Assert.Equal(0.0, v.GetProperty("mean_difference").GetDouble());
            Assert.Equal(v.GetProperty("mean_a").GetDouble(), v.GetProperty("mean_b").GetDouble());
            if (v.GetProperty("pairs").GetInt32() > 1)
            {
                Assert.Equal(0.0, v.GetProperty("sd_difference").GetDouble());
                Assert.Equal(0.0, v.GetProperty("ci95")[0].GetDouble());
                Assert.Equal(0.0, v.GetProperty("ci95")[1].GetDouble());
                Assert.Equal(1.0, v.GetProperty("paired_t").GetProperty("p").GetDouble());
            }
            Assert.Equal(1.0, v.GetProperty("wilcoxon_signed_rank").GetProperty("p").GetDouble());
            if (v.TryGetProperty("mcnemar", out var m)) Assert.Equal(1.0, m.GetProperty("p").GetDouble());
        }
    }

    [Fact]
    public void Us_airstrikes_on_sirte_kill_more_isis_fighters_under_common_seeds()
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Run("compare", Repository.Scenario("sirte-2016.yaml"), "--runs", "30",
            "--set-a", "events.us_airstrikes_begin.effects.0.patron.air_sorties=0", "--set-b", "events.us_airstrikes_begin.effects.0.patron.air_sorties=20", "--out", dir.Path);
        Assert.Equal(0, result.Exit);
        Assert.Contains("isis_killed", result.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "compare.json")));
        var killed = doc.RootElement.GetProperty("outcomes").GetProperty("isis_killed");
        Assert.Equal(30, killed.GetProperty("pairs").GetInt32());
        Assert.True(killed.GetProperty("mean_difference").GetDouble() > 0);
        Assert.True(killed.GetProperty("wilcoxon_signed_rank").GetProperty("p").GetDouble() < 0.05);
    }

    [Fact]
    public void Wilcoxon_handles_zeros_and_ties_as_documented()
    {
        // d = 1, 1, 2, -3, 0: the zero is dropped; |d| ranks 1.5, 1.5, 3, 4; W+ = 6, n = 4, E = 5,
        // Var = 4·5·9/24 − (2³−2)/48 = 7.5 − 0.125.
        double[] a = [0, 0, 0, 3, 5];
        double[] b = [1, 1, 2, 0, 5];
        var r = PairedComparison.Of("x", nullable: false, yesNo: false, a, b);
        Assert.Equal((6 - 5) / Math.Sqrt(7.375), r.WilcoxonZ, 12);
        Assert.Equal(0.2, r.MeanDiff, 12);
        Assert.Equal(5, r.Pairs);
    }

    [Fact]
    public void McNemar_counts_discordant_pairs_with_continuity_correction()
    {
        double[] a = [1, 1, 1, 0, 0, 1, 1, 1, 1, 1];
        double[] b = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0];
        var r = PairedComparison.Of("x", nullable: false, yesNo: true, a, b);
        Assert.Equal(7, r.McNemar!.OnlyA);
        Assert.Equal(1, r.McNemar.OnlyB);
        Assert.Equal((6 - 1) * (6 - 1) / 8.0, r.McNemar.ChiSquare, 12);
    }
}
