using System.Text;
using ConflictSim.Analysis;

namespace ConflictSim.Cli.Output;

/// <summary>
/// A text file written through <see cref="OutputFile"/> (a unique temporary beside the target, flushed and renamed
/// over it on <see cref="Commit"/>; links written through; FIFOs and devices written directly), so an interrupted
/// run leaves the previous file (or none), never half of one. Disposing without a commit drops the temporary.
/// </summary>
internal sealed class AtomicTextFile : IDisposable
{
    private readonly OutputFile _file;
    private StreamWriter? _writer;

    /// <summary>Opens the temporary (UTF-8, no BOM, "\n" line ends). Throws IOException if the target cannot be written.</summary>
    public AtomicTextFile(string path)
    {
        _file = OutputFile.Open(path);
        _writer = new StreamWriter(_file.Stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    public TextWriter Writer => _writer ?? throw new InvalidOperationException("already committed");

    /// <summary>Flushes the text and puts the file in place.</summary>
    public void Commit()
    {
        var writer = _writer ?? throw new InvalidOperationException("already committed");
        writer.Flush();
        writer.Dispose();
        _writer = null;
        _file.Commit();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        _file.Dispose();
    }
}
