using ConflictSim.Analysis;

namespace ConflictSim.Cli.Sweep;

internal static class SweepPlanErrors
{
    /// <summary>A file that cannot be read or loaded is bad input; a parameter the schema refuses is a usage mistake.</summary>
    public static int ExitCode(this SweepPlanException e) => e.BadInput ? ExitCodes.BadInput : ExitCodes.Usage;
}
