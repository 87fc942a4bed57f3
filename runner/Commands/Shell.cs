namespace ConflictSim.Cli.Commands;

/// <summary>Command lines printed for a user or written into a script, so they can be pasted or run as they are.</summary>
internal static class Shell
{
    /// <summary>One argument as a POSIX shell reads it back: plain when it is safe, else single-quoted.</summary>
    public static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:+@%".Contains(c)) ? a : $"'{a.Replace("'", "'\\''")}'";

    /// <summary>
    /// The command that runs this very binary — `dotnet /path/conflictsim.dll` — since `conflictsim` is not on PATH
    /// when it is run the ways README shows (`dotnet run --project runner`, or the dll through `dotnet`).
    /// </summary>
    public static string Launcher()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "conflictsim.dll");
        string? host = Environment.ProcessPath;
        string dotnet = host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost ? sdkHost : "dotnet";
        return $"{Quote(dotnet)} {Quote(dll)}";
    }
}
