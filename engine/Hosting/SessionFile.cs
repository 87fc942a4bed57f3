using System.Text;

namespace ConflictSim.Hosting;

/// <summary>
/// The saved form of a <see cref="Session"/>: "CSIMSESSION", a version, the run's days and mode, the turn, the log,
/// then every turn's starting state and the live state, each as a <see cref="StateFile"/> (which checks its own
/// scenario, fields and checksum). The scenario itself is not in the file: the host loads it, and the states refuse
/// one of another shape.
/// </summary>
internal static class SessionFile
{
    private const string Magic = "CSIMSESSION";
    private const int Version = 1;
    /// <summary>A limit that keeps a damaged count from asking for gigabytes before the checksums could object.</summary>
    private const int MaxEntries = 10_000_000;

    public static void Write(Session session, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var sim = session.Simulation;
        w.Write(Magic);
        w.Write(Version);
        w.Write(sim.Days);
        w.Write((int)sim.Mode);
        w.Write(session.Turn);
        w.Write(session.Log.Count);
        foreach (var e in session.Log) { w.Write(e.Turn); w.Write(e.Day); w.Write(e.Kind); w.Write(e.Text); }
        w.Write(session.TurnStarts.Count);
        w.Flush();
        foreach (var start in session.TurnStarts) StateFile.Write(start, sim.Scenario, stream);
        sim.Save(stream);
    }

    public static Session Read(Scenario scenario, Stream stream)
    {
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (r.ReadString() != Magic) throw Bad("not a ConflictSim session file");
            int version = r.ReadInt32();
            if (version != Version) throw Bad($"session file version {version}; this build reads version {Version}");
            int days = r.ReadInt32();
            int mode = r.ReadInt32();
            if (days < 0 || !Enum.IsDefined((CombatMode)mode)) throw Bad("bad run options");
            int turn = r.ReadInt32();
            int entries = Count(r.ReadInt32());
            var log = new List<LogEntry>(Math.Min(entries, 4096));
            for (int i = 0; i < entries; i++) log.Add(new LogEntry(r.ReadInt32(), r.ReadInt32(), r.ReadString(), r.ReadString()));
            int starts = Count(r.ReadInt32());
            if (turn != starts) throw Bad($"turn {turn} with {starts} turn starts recorded");
            var sim = new Simulation(scenario, 0, new SimulationOptions { Days = days, Mode = (CombatMode)mode });
            var states = new List<WorldState>(starts);
            for (int i = 0; i < starts; i++)
            {
                var state = sim.NewState();
                StateFile.Read(state, scenario, stream);
                states.Add(state);
            }
            sim.Load(stream);
            return Session.Restored(sim, turn, states, log);
        }
        catch (EndOfStreamException)
        {
            throw Bad("the file ends early");
        }
    }

    private static int Count(int n) => n is >= 0 and <= MaxEntries ? n : throw Bad($"a count of {n} cannot be right");

    private static InvalidDataException Bad(string message) => new("session file: " + message);
}
