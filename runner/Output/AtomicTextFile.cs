using System.Text;

namespace ConflictSim.Cli.Output;

/// <summary>
/// A text file written to FILE.tmp beside its target and moved over it in one rename on <see cref="Commit"/>, so an
/// interrupted run leaves the previous file (or none), never half of one. Disposing without a commit drops the
/// temporary file.
/// </summary>
internal sealed class AtomicTextFile : IDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private StreamWriter? _writer;
    private bool _committed;

    /// <summary>Opens FILE.tmp (UTF-8, no BOM, "\n" line ends). Throws IOException if the directory is not writable.</summary>
    public AtomicTextFile(string path)
    {
        _path = Path.GetFullPath(path);
        _tempPath = _path + ".tmp";
        _writer = new StreamWriter(_tempPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
    }

    public TextWriter Writer => _writer ?? throw new InvalidOperationException($"{_path} already committed");

    /// <summary>Flushes the temporary file and moves it over the target.</summary>
    public void Commit()
    {
        var writer = _writer ?? throw new InvalidOperationException($"{_path} already committed");
        writer.Dispose();
        _writer = null;
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        if (_committed) return;
        try { File.Delete(_tempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
