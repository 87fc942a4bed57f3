using System.Security.Cryptography;
using ConflictSim.Scenarios;

namespace ConflictSim.Wargame.Game;

/// <summary>Loading the scenario a session plays and choosing its cells.</summary>
public static class GameSetup
{
    /// <summary>Reads and compiles a scenario file; the error is its first problem as <c>file:line:col: message</c>.</summary>
    public static (Scenario? Scenario, string Sha256, string? Error) Load(string path)
    {
        if (!File.Exists(path)) return (null, "", $"{path}: no such file; expected a scenario file");
        var result = ScenarioLoader.LoadFile(path);
        if (!result.Ok) return (null, "", result.Errors[0].ToString());
        if (result.Spec is null) return (null, "", $"{path}: not a conflict scenario (a civil-violence grid cannot be served)");
        string sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
        return (Scenario.Compile(result.Spec), sha, null);
    }

    /// <summary>
    /// The cells when none are given: one per faction, for the <paramref name="count"/> factions with the most fighters
    /// at the start (ties in file order), listed in file order — for libya-2016 Bunyan Marsus, the NSG, the LNA, the PFG and ISIS.
    /// </summary>
    public static IReadOnlyList<Cell> DefaultCells(Scenario scenario, int count = 5)
    {
        var order = Enumerable.Range(0, scenario.DeclaredFactionCount)
            .OrderByDescending(f => scenario.InitialFightersOf(f)).ThenBy(f => f).Take(count).Order();
        return order.Select(f => new Cell(scenario.FactionIds[f], scenario.FactionNames[f], [scenario.FactionIds[f]])).ToList();
    }

    /// <summary>
    /// Parses a <c>--cell</c> value: <c>id=faction,faction</c> or <c>id:Display name=faction,…</c>. Throws
    /// <see cref="FormatException"/> with what was expected.
    /// </summary>
    public static Cell ParseCell(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new FormatException($"--cell {text}: expected id=faction[,faction…], e.g. gna=gna_pc,bunyan_marsus");
        string head = text[..eq];
        int colon = head.IndexOf(':');
        string id = colon < 0 ? head : head[..colon];
        string name = colon < 0 ? head : head[(colon + 1)..];
        var factions = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Cell(id, name, factions);
    }

    /// <summary>A setup with the defaults: 7-day turns and K = 200.</summary>
    public static SessionSetup Of(string scenarioPath, string sha256, ulong seed, IReadOnlyList<Cell> cells,
        int turnDays = WargameSession.DefaultTurnDays, int replicates = WargameSession.DefaultReplicates) =>
        new(Path.GetFullPath(scenarioPath), sha256, seed, turnDays, replicates, cells);
}
