using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConflictSim.Wargame.Game;

/// <summary>How a session was set up: the first line of its log, enough with the scenario file to rebuild it.</summary>
/// <param name="ScenarioPath">The scenario file, as given to <c>serve</c> (absolute).</param>
/// <param name="ScenarioSha256">Hash of its text: a resume refuses a changed scenario.</param>
/// <param name="Seed">The game's master seed.</param>
/// <param name="TurnDays">Days per turn.</param>
/// <param name="Replicates">K, the replicates run per adjudication.</param>
/// <param name="Cells">The player cells.</param>
public sealed record SessionSetup(string ScenarioPath, string ScenarioSha256, ulong Seed, int TurnDays, int Replicates, IReadOnlyList<Cell> Cells);

/// <summary>One line of the session's log: who did what, on which branch, turn and day, the answer, and the state's fingerprint after it.</summary>
public sealed record LogLine
{
    /// <summary>Line number, from 0 (the setup).</summary>
    public long Seq { get; init; }
    /// <summary>Wall-clock time (UTC), for people; replay ignores it.</summary>
    public string At { get; init; } = "";
    /// <summary>"white" or the acting cell.</summary>
    public string Actor { get; init; } = "";
    /// <summary>The branch acted on.</summary>
    public string Branch { get; init; } = "";
    /// <summary>Turns published on that branch when it was done (the turn being played is Turn + 1).</summary>
    public int Turn { get; init; }
    /// <summary>Game day (days since the start).</summary>
    public int Day { get; init; }
    /// <summary>The action (null on the setup line).</summary>
    public GameAction? Action { get; init; }
    /// <summary>Whether it was carried out.</summary>
    public bool Accepted { get; init; }
    /// <summary>The answer given.</summary>
    public string Message { get; init; } = "";
    /// <summary>Seed it used, for an adjudication, a publish or a forecast.</summary>
    public ulong? Seed { get; init; }
    /// <summary>The live state's <see cref="WorldState.Fingerprint"/> after it, hex: replay checks it line by line.</summary>
    public string State { get; init; } = "";
    /// <summary>The setup, on line 0 only.</summary>
    public SessionSetup? Setup { get; init; }
}

/// <summary>
/// The append-only JSON-lines log. Each line is written and flushed to the disk (not just to the OS) before the
/// action it records is acknowledged, so after a kill -9 the file holds every acknowledged action; a torn last
/// line (the process died while writing it, before any acknowledgement) is dropped on resume.
/// </summary>
public sealed class GameLog : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly FileStream? _file;

    /// <summary>The log's path (null for a session kept in memory only, as tests use).</summary>
    public string? Path { get; }

    private GameLog(string? path, FileStream? file) { Path = path; _file = file; }

    /// <summary>A log kept in memory only.</summary>
    public static GameLog InMemory() => new(null, null);

    /// <summary>Opens (creating) <paramref name="path"/> for appending, first cutting a torn last line.</summary>
    public static GameLog Append(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        long end = file.Length;
        if (end > 0)
        {
            // Keep everything up to the last newline: a line without one was never acknowledged.
            var bytes = new byte[end];
            file.ReadExactly(bytes);
            int last = Array.LastIndexOf(bytes, (byte)'\n');
            file.SetLength(last + 1);
        }
        file.Seek(0, SeekOrigin.End);
        return new GameLog(path, file);
    }

    /// <summary>Writes a line and flushes it to the disk.</summary>
    public void Write(LogLine line)
    {
        if (_file is null) return;
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Json) + "\n");
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>The complete lines of a log file, in order (a torn last line is left out).</summary>
    public static List<LogLine> Read(string path)
    {
        var lines = new List<LogLine>();
        string text = File.ReadAllText(path);
        int end = text.LastIndexOf('\n');
        if (end < 0) return lines;
        int number = 0;
        foreach (var raw in text[..end].Split('\n'))
        {
            number++;
            if (raw.Length == 0) continue;
            try { lines.Add(JsonSerializer.Deserialize<LogLine>(raw, Json) ?? throw new JsonException("empty line")); }
            catch (JsonException e) { throw new InvalidDataException($"{path}:{number}:1: not a log line ({e.Message.Split('.')[0]})"); }
        }
        return lines;
    }

    /// <inheritdoc/>
    public void Dispose() => _file?.Dispose();
}
