using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>A state saved by one process and loaded by another continues bit for bit (`run --save-state` / `--from-state`).</summary>
public class StateFileProcessTests
{
    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliProcess.Run(args);

    [Fact]
    public async Task A_run_saved_at_day_60_and_continued_in_a_new_process_ends_as_the_uninterrupted_run()
    {
        using var tmp = CliHarness.TempDir();
        string scenario = Repository.Scenario("libya-2016.yaml"), state = tmp.File("day60.state");
        var whole = await Run("run", scenario, "--seed", "7", "--json");
        var first = await Run("run", scenario, "--seed", "7", "--days", "60", "--save-state", state);
        var rest = await Run("run", scenario, "--from-state", state, "--json");
        Assert.Equal(0, whole.Exit);
        Assert.True(first.Exit == 0, first.Err);
        Assert.True(rest.Exit == 0, rest.Err);
        Assert.Equal(whole.Out, rest.Out);

        // With a seed it is a fork: the same day-60 state, other dice.
        var fork = await Run("run", scenario, "--from-state", state, "--seed", "8", "--json");
        Assert.Equal(0, fork.Exit);
        Assert.NotEqual(whole.Out, fork.Out);
    }

    [Fact]
    public async Task A_damaged_state_file_is_one_clear_line_and_exit_1()
    {
        using var tmp = CliHarness.TempDir();
        string scenario = Repository.Scenario("sirte-2016.yaml"), state = tmp.File("s.state");
        Assert.Equal(0, (await Run("run", scenario, "--days", "10", "--save-state", state)).Exit);
        var bytes = File.ReadAllBytes(state);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(state, bytes);
        var result = await Run("run", scenario, "--from-state", state);
        Assert.Equal(1, result.Exit);
        Assert.Equal($"conflictsim: cannot continue from '{state}': state file: checksum mismatch: the file is damaged", result.Err.Trim());

        var other = await Run("run", Repository.Scenario("derna-2015.yaml"), "--from-state", tmp.File("s.state"));
        Assert.Equal(1, other.Exit);
        Assert.Contains("another scenario", other.Err);
    }
}
