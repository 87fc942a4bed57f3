using System.Diagnostics;

namespace ConflictSim.Tests.Cli;

/// <summary>The built binary as a user runs it: a real process, real exit code, real streams.</summary>
public class ProcessTests
{
    [Fact]
    public async Task Validate_on_a_missing_file_exits_1_and_names_it()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "conflictsim.dll");
        Assert.True(File.Exists(dll), $"{dll} not built next to the tests");
        string missing = Path.Combine(Path.GetTempPath(), $"conflictsim-missing-{Guid.NewGuid():N}.yaml");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(missing);

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("conflictsim did not exit within 60 s");
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stdout);
        string errors = await stderr;
        Assert.Contains(missing, errors);
        Assert.DoesNotContain("   at ", errors);
    }
}
