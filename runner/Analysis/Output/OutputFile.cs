using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ConflictSim.Analysis;

/// <summary>
/// The one way the runner writes a result file. A regular file (or a new one) is written to a temporary file with
/// a unique name beside it, flushed to disk, renamed over the target, and the directory is flushed too, so a crash
/// or a full disk leaves the previous file whole, never half of one, and two writers never share a temporary.
/// A symbolic link is written through: its final target is replaced and the link stays. A FIFO or a character
/// device (/dev/stdout, /dev/null) is written to directly, since it cannot be renamed over. A directory, a block
/// device or a socket is refused with an <see cref="IOException"/> saying what it is.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private readonly string? _temp, _target;
    private bool _committed;

    /// <summary>Where the bytes go until <see cref="Commit"/>.</summary>
    public Stream Stream { get; }

    private OutputFile(Stream stream, string? temp, string? target) { Stream = stream; _temp = temp; _target = target; }

    /// <summary>Writes <paramref name="write"/>'s bytes to <paramref name="path"/> as described on the class. Throws IOException or UnauthorizedAccessException with the OS's reason; the old file is then untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Open(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Opens <paramref name="path"/> for an atomic write; disposing without <see cref="Commit"/> leaves the target as it was.</summary>
    public static OutputFile Open(string path)
    {
        path = Path.GetFullPath(path);
        switch (FileKind.Of(path))
        {
            case FileKind.Kind.Fifo or FileKind.Kind.CharacterDevice:
                return new OutputFile(new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite), null, null);
            case FileKind.Kind.Directory:
                throw new IOException("it is a directory; expected a file name");
            case FileKind.Kind.Other:
                throw new IOException("it is not a regular file (a block device or a socket); expected a file, a FIFO or /dev/stdout");
        }
        string target = FinalTarget(path);
        string dir = Path.GetDirectoryName(target)!;
        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return new OutputFile(stream, temp, target);
    }

    /// <summary>Flushes the bytes to disk and puts them in place.</summary>
    public void Commit()
    {
        if (_committed) throw new InvalidOperationException("already committed");
        if (_temp is null) { Stream.Flush(); Stream.Dispose(); _committed = true; return; }
        try
        {
            ((FileStream)Stream).Flush(flushToDisk: true);
            Stream.Dispose();
            File.Move(_temp, _target!, overwrite: true);
        }
        catch
        {
            Drop();
            throw;
        }
        _committed = true;
        FlushDirectory(Path.GetDirectoryName(_target!)!);
    }

    public void Dispose()
    {
        if (!_committed) Drop();
    }

    /// <summary>Closes and deletes the temporary. Closing flushes what is buffered, which fails again on a full disk; the delete must still happen.</summary>
    private void Drop()
    {
        try { Stream.Dispose(); }
        catch (IOException) { }
        if (_temp is not null) TryDelete(_temp);
    }

    /// <summary>
    /// Deletes the temporaries a killed writer left in <paramref name="dir"/>. Call only while holding the
    /// directory's lock: then no live writer owns one. Returns how many went.
    /// </summary>
    public static int RemoveStale(string dir)
    {
        int removed = 0;
        foreach (var path in Directory.EnumerateFiles(dir, ".*.tmp"))
        {
            string name = Path.GetFileName(path);
            int dash = name.LastIndexOf('-'), dot = name.LastIndexOf('.', dash < 0 ? 0 : dash);
            if (dash < 0 || dot <= 0 || !int.TryParse(name.AsSpan(dot + 1, dash - dot - 1), out _)) continue; // not one of ours
            TryDelete(path);
            removed++;
        }
        return removed;
    }

    /// <summary>The file a chain of symbolic links ends at (the path itself when it is not a link); a dangling link's target is created.</summary>
    private static string FinalTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return path;
        var final = info.ResolveLinkTarget(returnFinalTarget: true);
        return final is null ? path : Path.GetFullPath(final.FullName);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// fsync of the directory, so the rename itself survives a power cut (POSIX only guarantees the file's data).
    /// Best effort: some file systems refuse it, and Windows has no such call.
    /// </summary>
    private static void FlushDirectory(string dir)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        int fd = Posix.open(dir, 0);
        if (fd < 0) return;
        Posix.fsync(fd);
        Posix.close(fd);
    }
}

/// <summary>What kind of file a path names, following links, from statx(2) on Linux; elsewhere existing paths count as regular.</summary>
internal static class FileKind
{
    public enum Kind { Missing, Regular, Directory, Fifo, CharacterDevice, Other }

    public static Kind Of(string path)
    {
        if (Directory.Exists(path)) return Kind.Directory;
        if (!OperatingSystem.IsLinux()) return File.Exists(path) ? Kind.Regular : Kind.Missing;
        // statx's buffer layout is fixed by the kernel on every architecture, unlike struct stat's.
        var buffer = new byte[256];
        int rc;
        try { rc = Posix.statx(AtFdCwd, path, 0, StatxType, buffer); }
        catch (EntryPointNotFoundException) { rc = -1; } // glibc before 2.28
        if (rc != 0) return File.Exists(path) ? Kind.Regular : Kind.Missing;
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        return mode switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            _ => Kind.Other,
        };
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
}

/// <summary>The three POSIX calls .NET does not expose: a directory's fsync and a file's type. Strings go as UTF-8 on Unix.</summary>
internal static class Posix
{
#pragma warning disable SYSLIB1054 // DllImport, not LibraryImport: the generator would need unsafe code in this library.
    [DllImport("libc", SetLastError = true)]
    internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    internal static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    internal static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
