using System.Globalization;

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
    private readonly AtomicTextFile _file;

    private TimelineWriter(Simulation sim, AtomicTextFile file)
    {
        _sim = sim;
        _file = file;
    }

    /// <summary>Opens the temporary file and writes the header. Throws IOException if the directory is not writable.</summary>
    public static TimelineWriter Open(string path, Simulation sim)
    {
        var file = new AtomicTextFile(path);
        file.Writer.WriteLine(Header);
        return new TimelineWriter(sim, file);
    }

    /// <summary>Appends the rows of the state as it is now (call once before the first step for day 0).</summary>
    public void WriteDay()
    {
        var writer = _file.Writer;
        var sc = _sim.Scenario;
        var s = _sim.View;
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

    /// <summary>Moves the finished file over the target in one rename.</summary>
    public void Commit() => _file.Commit();

    /// <summary>Without a commit, the run failed: the partial file is dropped.</summary>
    public void Dispose() => _file.Dispose();
}
