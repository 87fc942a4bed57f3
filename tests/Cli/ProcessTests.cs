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
    /// A pipe can be read once, and every command reads its file twice (which model? then load). Each command
    /// must see the whole piped file, for both models.
    /// </summary>
    [Theory]
    [InlineData("sirte-2016.yaml", "validate", "ok (17 regions")]
    [InlineData("sirte-2016.yaml", "run", "Bunyan Marsus")]
    [InlineData("epstein-2002.yaml", "run", "civil violence model I")]
    [InlineData("sirte-2016.yaml", "blocs", "Landscape theory")]
    [InlineData("sirte-2016.yaml", "sweep", "20 runs")]
    public async Task A_scenario_piped_to_stdin_is_read_whole(string scenario, string command, string expected)
    {
        using var tmp = CliHarness.TempDir();
        string[] extra = command switch
        {
            "run" => ["--days", "3"],
            "sweep" => ["--runs", "20", "--out", tmp.File("s")],
            _ => [],
        };
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])[CliProcess.Dll, command, "/dev/stdin", .. extra]) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(await File.ReadAllTextAsync(Repository.Scenario(scenario)));
        p.StandardInput.Close();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(p.ExitCode == 0, await stderr);
        Assert.Contains(expected, await stdout);
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
