using System.Diagnostics;

namespace ConflictSim.Tests.Support;

/// <summary>The built `conflictsim` binary run as a real process, as a user, a cluster or a crash test needs it.</summary>
internal static class CliProcess
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "conflictsim.dll");

    /// <summary>Starts the binary with its output redirected; the caller drains and waits.</summary>
    public static Process Start(params string[] args) => StartDll(Dll, args);

    /// <summary>Starts another build of the binary (such as the runner's own Release output) the same way.</summary>
    public static Process StartDll(string dll, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>Runs the binary to its end and returns its exit code and output; fails the test if it hangs past two minutes.</summary>
    public static Task<(int Exit, string Out, string Err)> Run(params string[] args) => RunDll(Dll, args);

    /// <summary><see cref="Run"/> with another build of the binary.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunDll(string dll, params string[] args)
    {
        Assert.True(File.Exists(dll), $"{dll} not built");
        using var p = StartDll(dll, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdout = p.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"conflictsim {string.Join(' ', args)} did not exit within 120 s");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
