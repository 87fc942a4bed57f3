using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>The built binary as a user runs it: a real process, real exit code, real streams.</summary>
public class ProcessTests
{
    [Fact]
    public async Task Validate_on_a_missing_file_exits_1_and_names_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"conflictsim-missing-{Guid.NewGuid():N}.yaml");

        var (exit, stdout, stderr) = await Conflictsim("validate", missing);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains(missing, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>
    /// In a real process because a stack overflow cannot be caught: it kills the process (exit 134), which in-process
    /// would take the test host with it.
    /// </summary>
    [Fact]
    public async Task Validate_on_thirty_thousand_nested_lists_exits_1_with_the_position()
    {
        string deep = Path.Combine(Path.GetTempPath(), $"conflictsim-deep-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(deep, string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n");
        try
        {
            var (exit, stdout, stderr) = await Conflictsim("validate", deep);

            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Equal($"{deep}:1:129: nesting is 65 levels deep, which exceeds the limit of 64 levels; expected mappings and lists nested at most 64 deep\n", stderr.ReplaceLineEndings("\n"));
        }
        finally
        {
            File.Delete(deep);
        }
    }

    private static Task<(int Exit, string Out, string Err)> Conflictsim(params string[] args) => CliProcess.Run(args);
}
