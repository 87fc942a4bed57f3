using ConflictSim.Analysis;
using ConflictSim.Analysis.Sensitivity;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Sensitivity;

/// <summary>Morris and Sobol sweeps end to end: the points are the design's, the analysis deterministic, misuse refused.</summary>
public class DesignSweepTests
{
    private static readonly string Libya = Repository.Scenario("libya-2016.yaml");

    private static string[] Morris(string dir, int threads) =>
    [
        "sweep", Libya, "--runs", "3", "--days", "90", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--morris", "settings.alliances.grievance=0.01..0.05", "--morris", "events.leak.effects.0.betrayal.delta=-1..0",
        "--morris", "factions.bunyan_marsus.forces.misrata=1000..5000", "--trajectories", "4", "--out", dir,
    ];

    [Fact]
    public void A_Morris_sweep_runs_the_designs_points_and_its_analysis_does_not_depend_on_threads()
    {
        using var dir = CliHarness.TempDir();
        var one = CliHarness.Run(Morris(dir.File("one"), 1));
        Assert.True(one.Exit == 0, one.Err);
        Assert.Equal(0, CliHarness.Run(Morris(dir.File("two"), 2)).Exit);

        var state = SweepState.Read(Path.Combine(dir.File("one"), "checkpoint.bin"), out _)!;
        var design = state.Header.Design!;
        Assert.Equal(4 * 4, state.Header.Points.Length);
        Assert.Equal(design.Points(), state.Header.Points);
        Assert.True(design.Whole[2]); // forces are whole numbers, and the points hold whole numbers
        Assert.All(state.Header.Points, p => Assert.Equal(Math.Round(p[2]), p[2]));
        foreach (var f in new[] { "sensitivity.json", "runs.csv", "summary.json", "runs.parquet" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("one"), f)), File.ReadAllBytes(Path.Combine(dir.File("two"), f)));
        Assert.Contains("\"method\": \"morris\"", File.ReadAllText(Path.Combine(dir.File("one"), "sensitivity.json")));
        Assert.Contains("seed noise is", one.Out);
    }

    [Fact]
    public void The_analysis_refuses_points_that_are_not_its_designs()
    {
        using var dir = CliHarness.TempDir();
        Assert.Equal(0, CliHarness.Run(Morris(dir.Path, 2)).Exit);
        var state = SweepState.Read(Path.Combine(dir.Path, "checkpoint.bin"), out _)!;
        var other = new SweepState(state.Header with { Design = state.Header.Design! with { Seed = state.Header.Design.Seed + 1 } });

        Assert.Null(SweepSensitivity.Of(other, out var problem));
        Assert.Equal("the sweep's points are not those of its recorded design", problem);
        Assert.NotNull(SweepSensitivity.Of(state, out _));
    }

    [Theory]
    [InlineData("--sobol", "--samples", "1", 1, "conflictsim: --samples 1: a sensitivity analysis needs at least 2 base samples (points to compare); expected 2 or more")]
    [InlineData("--morris", "--trajectories", "1", 1, "conflictsim: --trajectories 1: a sensitivity analysis needs at least 2 trajectories (points to compare); expected 2 or more")]
    public void Fewer_than_two_points_to_compare_is_one_line_and_exit_1(string design, string sizeFlag, string size, int exit, string message)
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Run("sweep", Libya, design, "settings.alliances.grievance=0.01..0.05", sizeFlag, size, "--out", dir.Path);
        Assert.Equal(exit, result.Exit);
        Assert.Equal(message, result.Err.TrimEnd());
        Assert.False(File.Exists(Path.Combine(dir.Path, "checkpoint.bin")));
    }

    [Fact]
    public void A_design_cannot_be_mixed_with_a_grid_or_another_design()
    {
        var mixed = CliHarness.Run("sweep", Libya, "--morris", "settings.alliances.grievance=0.01..0.05", "--trajectories", "3",
            "--vary", "settings.loss_shock=1,2");
        Assert.Equal(2, mixed.Exit);
        Assert.Equal("conflictsim: --morris is a design of its own; expected no --vary or --lhs with it", mixed.Err.TrimEnd());
        var both = CliHarness.Run("sweep", Libya, "--morris", "settings.alliances.grievance=0.01..0.05", "--sobol", "settings.loss_shock=1..2");
        Assert.Equal(2, both.Exit);
        Assert.Single(both.Err.TrimEnd().Split('\n'));
    }
}
