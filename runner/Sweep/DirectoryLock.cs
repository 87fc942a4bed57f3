namespace ConflictSim.Cli.Sweep;

/// <summary>
/// One writer per output directory: an OS lock on DIR/.lock, held while the process writes there, with the
/// holder's PID in the file so a refused process can name it. The kernel drops the lock when the holder dies,
/// so a .lock left by a killed process blocks nobody. A byte-range lock (FileStream.Lock: fcntl on Unix) rather
/// than FileShare.None, because on Unix FileShare.None is an exclusive flock that would also stop the refused
/// process from opening the file to read the PID.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    public const string FileName = ".lock";
    private readonly FileStream _file;

    private DirectoryLock(FileStream file) => _file = file;

    /// <summary>
    /// The lock on <paramref name="dir"/> (which must exist), or null with the one-line reason why not;
    /// <paramref name="inUse"/> tells a live holder (a conflict) from a directory that cannot be written (bad input).
    /// </summary>
    public static DirectoryLock? TryAcquire(string dir, out string? problem, out bool inUse)
    {
        problem = null;
        inUse = false;
        string path = Path.Combine(dir, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot lock '{dir}': cannot open '{path}': {e.Message}";
            return null;
        }
        try
        {
            // .NET has no byte-range lock on macOS; there the directory goes unguarded rather than unusable.
            if (!OperatingSystem.IsMacOS()) file.Lock(0, 1);
        }
        catch (IOException)
        {
            string holder = ReadPid(file);
            file.Dispose();
            inUse = true;
            problem = $"'{dir}' is in use by another conflictsim process ({holder}); wait for it to end, or choose another --out";
            return null;
        }
        try
        {
            file.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            file.Write(pid);
            file.Flush();
        }
        catch (IOException e)
        {
            file.Dispose();
            problem = $"cannot lock '{dir}': cannot write '{path}': {e.Message}";
            return null;
        }
        return new DirectoryLock(file);
    }

    private static string ReadPid(FileStream file)
    {
        try
        {
            file.Seek(0, SeekOrigin.Begin);
            var buffer = new byte[32];
            int n = file.Read(buffer);
            string text = System.Text.Encoding.ASCII.GetString(buffer, 0, n).Trim();
            return text.Length > 0 && text.All(char.IsAsciiDigit) ? $"PID {text}" : "PID unknown";
        }
        catch (IOException)
        {
            return "PID unknown";
        }
    }

    public void Dispose() => _file.Dispose();
}
