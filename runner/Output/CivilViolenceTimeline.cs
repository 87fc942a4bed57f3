using System.Globalization;
using System.Text;
using ConflictSim.CivilViolenceGrid;

namespace ConflictSim.Cli.Output;

/// <summary>
/// The per-step CSV of `run --timeline` for the civil-violence model: step, quiet, active, jailed. Written to
/// FILE.tmp and moved over FILE at the end, as <see cref="TimelineWriter"/> does, so no run leaves half a file.
/// </summary>
internal sealed class CivilViolenceTimeline : IDisposable
{
    public const string Header = "step,quiet,active,jailed";

    private readonly CivilViolenceModel _model;
    private readonly string _path;
    private readonly string _tempPath;
    private StreamWriter? _writer;
    private bool _committed;

    private CivilViolenceTimeline(CivilViolenceModel model, string path, string tempPath, StreamWriter writer)
    {
        _model = model;
        _path = path;
        _tempPath = tempPath;
        _writer = writer;
    }

    /// <summary>Opens the temporary file and writes the header. Throws IOException if the directory is not writable.</summary>
    public static CivilViolenceTimeline Open(string path, CivilViolenceModel model)
    {
        string fullPath = Path.GetFullPath(path);
        string tempPath = fullPath + ".tmp";
        var writer = new StreamWriter(tempPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        writer.WriteLine(Header);
        return new CivilViolenceTimeline(model, fullPath, tempPath, writer);
    }

    /// <summary>Appends the counts as they are now (call once before the first step for step 0).</summary>
    public void WriteStep()
    {
        var writer = _writer ?? throw new InvalidOperationException("timeline already committed");
        var inv = CultureInfo.InvariantCulture;
        writer.Write(_model.StepNumber.ToString(inv)); writer.Write(',');
        writer.Write(_model.Quiet.ToString(inv)); writer.Write(',');
        writer.Write(_model.Active.ToString(inv)); writer.Write(',');
        writer.WriteLine(_model.Jailed.ToString(inv));
    }

    /// <summary>Flushes the temporary file and moves it over the target in one rename.</summary>
    public void Commit()
    {
        var writer = _writer ?? throw new InvalidOperationException("timeline already committed");
        writer.Dispose();
        _writer = null;
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    /// <summary>Without a commit, the run failed: drop the partial file.</summary>
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
