using System.Globalization;
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
    private readonly AtomicTextFile _file;

    private CivilViolenceTimeline(CivilViolenceModel model, AtomicTextFile file)
    {
        _model = model;
        _file = file;
    }

    /// <summary>Opens the temporary file and writes the header. Throws IOException if the directory is not writable.</summary>
    public static CivilViolenceTimeline Open(string path, CivilViolenceModel model)
    {
        var file = new AtomicTextFile(path);
        file.Writer.WriteLine(Header);
        return new CivilViolenceTimeline(model, file);
    }

    /// <summary>Appends the counts as they are now (call once before the first step for step 0).</summary>
    public void WriteStep()
    {
        var writer = _file.Writer;
        var inv = CultureInfo.InvariantCulture;
        writer.Write(_model.StepNumber.ToString(inv)); writer.Write(',');
        writer.Write(_model.Quiet.ToString(inv)); writer.Write(',');
        writer.Write(_model.Active.ToString(inv)); writer.Write(',');
        writer.WriteLine(_model.Jailed.ToString(inv));
    }

    /// <summary>Moves the finished file over the target in one rename.</summary>
    public void Commit() => _file.Commit();

    /// <summary>Without a commit, the run failed: the partial file is dropped.</summary>
    public void Dispose() => _file.Dispose();
}
