namespace ConflictSim.Cli;

/// <summary>Process exit codes; scripts and CI branch on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The scenario file is missing, unreadable or invalid, or an output file cannot be written.</summary>
    public const int BadInput = 1;
    /// <summary>The command line itself is wrong: unknown flag, bad number, missing argument.</summary>
    public const int Usage = 2;
    /// <summary>Stopped by Ctrl-C or SIGTERM after saving its progress (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
    /// <summary>A bug in ConflictSim (EX_SOFTWARE from sysexits.h).</summary>
    public const int Internal = 70;
}
