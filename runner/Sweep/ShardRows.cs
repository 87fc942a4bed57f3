using ConflictSim.Analysis;

namespace ConflictSim.Cli.Sweep;

/// <summary>
/// Checks a finished shard's runs.csv against its checkpoint before merge trusts it: the checkpoint says how many
/// runs are committed and how long runs.csv was when they were, so a cut or edited file shows before any row is
/// merged. Bytes past that length (a crash after a flush, before the checkpoint) are not the shard's and are
/// not read.
/// </summary>
internal static class ShardRows
{
    /// <summary>What is wrong with <paramref name="dir"/>'s runs.csv, in one line; null when it matches.</summary>
    public static string? Problem(string dir, SweepState state)
    {
        string path = Path.Combine(dir, SweepOutputs.Runs);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (file.Length < state.CsvLength)
                return $"'{path}' is shorter than its checkpoint says ({file.Length} of {state.CsvLength} bytes); rerun that shard";
            // Header plus one line per committed run, the last one ending exactly at the checkpointed length.
            long lines = 0;
            long left = state.CsvLength;
            int last = -1;
            var buffer = new byte[1 << 16];
            while (left > 0)
            {
                int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) break;
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                last = buffer[n - 1];
                left -= n;
            }
            if (last != '\n')
                return $"'{path}' is cut mid-line at the length its checkpoint says ({state.CsvLength} bytes); rerun that shard";
            if (lines - 1 != state.Committed)
                return $"'{path}' holds {lines - 1} rows where its checkpoint says {state.Committed} runs; rerun that shard";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read '{path}': {e.Message}";
        }
    }
}
