using System.Reflection;
using System.Reflection.PortableExecutable;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// A Release build compiles the command line ahead of time (ReadyToRun) in runner/bin, so a command starts in native
/// code (runner/ConflictSim.Runner.csproj); a Debug build stays plain IL. Either way a run is the same bytes.
/// </summary>
public class ReadyToRunBuildTests
{
    private static readonly string Configuration =
        typeof(ReadyToRunBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>The runner's own output folder for the configuration these tests were built in.</summary>
    private static string RunnerBin => Path.Combine(Repository.Root, "runner", "bin", Configuration, "net10.0");

    /// <summary>Whether the assembly carries precompiled native code (a ReadyToRun header), not only IL.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Theory]
    [InlineData("conflictsim.dll")]
    [InlineData("ConflictSim.Engine.dll")]
    [InlineData("ConflictSim.Analysis.dll")]
    [InlineData("YamlDotNet.dll")]
    public void The_runner_build_is_ahead_of_time_in_Release_and_plain_IL_in_Debug(string assembly)
    {
        string path = Path.Combine(RunnerBin, assembly);
        Assert.True(File.Exists(path), $"{path} not built");

        Assert.Equal(Configuration == "Release", IsReadyToRun(path));
    }

    [Fact]
    public async Task The_precompiled_binary_gives_the_bytes_the_JIT_gives()
    {
        // In this process the engine is the IL its project built (the tests reference engine/bin, which is never
        // precompiled), so these runs are JIT-compiled; the runner's Release output is precompiled.
        Assert.False(IsReadyToRun(typeof(Simulation).Assembly.Location));
        string precompiled = Path.Combine(RunnerBin, "conflictsim.dll");
        using var tmp = CliHarness.TempDir();
        string scenario = Repository.Scenario("sirte-2016.yaml");

        var jit = CliHarness.Run("run", scenario, "--seed", "7", "--json");
        var aot = await CliProcess.RunDll(precompiled, "run", scenario, "--seed", "7", "--json");
        var jitSweep = CliHarness.Run("sweep", scenario, "--runs", "40", "--threads", "2", "--out", tmp.File("jit"));
        var aotSweep = await CliProcess.RunDll(precompiled, "sweep", scenario, "--runs", "40", "--threads", "2", "--out", tmp.File("aot"));

        Assert.Equal((0, 0, 0, 0), (jit.Exit, aot.Exit, jitSweep.Exit, aotSweep.Exit));
        Assert.Contains("\"outcomes\"", jit.Out);
        Assert.Equal(jit.Out, aot.Out);
        foreach (string file in new[] { "runs.csv", "timeseries.csv", "summary.json" })
            Assert.Equal(File.ReadAllBytes(tmp.File(Path.Combine("jit", file))), File.ReadAllBytes(tmp.File(Path.Combine("aot", file))));
    }
}
