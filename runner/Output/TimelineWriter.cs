using System.Globalization;
using System.Text;

namespace ConflictSim.Cli.Output;

/// <summary>
/// The per-day CSV of `run --timeline`: one row per (day, faction, region) where the faction has fighters.
/// Written to FILE.tmp beside the target and moved over it at the end, so an interrupted run leaves the previous
/// file (or none), never half of one.
/// </summary>
internal sealed class TimelineWriter : IDisposable
{
    public const string Header = "day,date,faction,region,fighters,morale,supply_days,supplied,controller";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly Simulation _sim;
    private readonly string _path;
    private readonly string _tempPath;
    private StreamWriter? _writer;
    private bool _committed;

    private TimelineWriter(Simulation sim, string path, string tempPath, StreamWriter writer)
    {
        _sim = sim;
        _path = path;
        _tempPath = tempPath;
        _writer = writer;
    }

    /// <summary>Opens the temporary file and writes the header. Throws IOException if the directory is not writable.</summary>
    public static TimelineWriter Open(string path, Simulation sim)
    {
        string fullPath = Path.GetFullPath(path);
        string tempPath = fullPath + ".tmp";
        var writer = new StreamWriter(tempPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
        {
            NewLine = "\n",
        };
        writer.WriteLine(Header);
        return new TimelineWriter(sim, fullPath, tempPath, writer);
    }

    /// <summary>Appends the rows of the state as it is now (call once before the first step for day 0).</summary>
    public void WriteDay()
    {
        var writer = _writer ?? throw new InvalidOperationException("timeline already committed");
        var sc = _sim.Scenario;
        var s = _sim.State;
        string day = s.Day.ToString(Inv);
        string date = Dates.Iso(Dates.Of(sc.Spec, s.Day));
        int r = sc.RegionCount;
        for (int f = 0; f < sc.FactionCount; f++)
        {
            for (int region = 0; region < r; region++)
            {
                int force = f * r + region;
                if (s.Fighters[force] <= 0) continue;
                int controller = s.Controller[region];
                writer.Write(day); writer.Write(',');
                writer.Write(date); writer.Write(',');
                writer.Write(sc.FactionIds[f]); writer.Write(',');
                writer.Write(sc.RegionIds[region]); writer.Write(',');
                writer.Write(s.Fighters[force].ToString("R", Inv)); writer.Write(',');
                writer.Write(s.Morale[force].ToString("R", Inv)); writer.Write(',');
                writer.Write(s.SupplyDays[force].ToString("R", Inv)); writer.Write(',');
                writer.Write(s.Supplied[force] ? '1' : '0'); writer.Write(',');
                writer.WriteLine(controller < 0 ? "" : sc.FactionIds[controller]);
            }
        }
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

    /// <summary>Without a commit, the run failed: drop the partial file rather than leave it lying about.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        if (!_committed)
        {
            try { File.Delete(_tempPath); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
