using System.Globalization;
using System.Text;

namespace ConflictSim.Wargame.Game;

/// <summary>
/// Tidy CSV exports of a game for analysis: one observation per row, and every row carries the turn, the game date,
/// the cell (or "white" for what is the umpire's) and the seed of the published run it belongs to, so rows from
/// different files join on (branch, turn).
/// </summary>
public static class Exports
{
    /// <summary>The export names a host offers.</summary>
    public static readonly string[] Names = ["orders.csv", "turns.csv", "states.csv", "adjudications.csv", "log.csv"];

    /// <summary>The CSV named <paramref name="name"/> (one of <see cref="Names"/>), or null for another name.</summary>
    public static string? Csv(WargameSession s, string name) => s.Read(() => name switch
    {
        "orders.csv" => Orders(s),
        "turns.csv" => Turns(s),
        "states.csv" => States(s),
        "adjudications.csv" => Adjudications(s),
        "log.csv" => Log(s),
        _ => null,
    });

    private static string Orders(WargameSession s)
    {
        var b = new CsvTable("turn", "game_date", "cell", "seed", "branch", "order", "kind", "faction", "from", "to", "fighters", "status");
        foreach (var t in s.TurnRecords)
            foreach (var o in t.Orders)
                b.Row(t.Turn, s.DateOf(t.StartDay), o.Cell, t.Seed, s.CurrentBranch, o.Id, Kind(o.Kind), o.Faction, o.From, o.To, o.Fighters, "published");
        int turn = s.Turn + 1;
        foreach (var o in s.Drafts) b.Row(turn, s.DateOf(s.Day), o.Cell, "", s.CurrentBranch, o.Id, Kind(o.Kind), o.Faction, o.From, o.To, o.Fighters, "draft");
        return b.ToString();
    }

    private static string Turns(WargameSession s)
    {
        var b = new CsvTable("turn", "game_date", "cell", "seed", "branch", "start_day", "end_day", "end_date", "choice", "replicates", "edits", "edits_out_of_band", "note");
        foreach (var t in s.TurnRecords)
            b.Row(t.Turn, s.DateOf(t.StartDay), Role.WhiteId, t.Seed, s.CurrentBranch, t.StartDay, t.EndDay, s.DateOf(t.EndDay), t.Choice, t.Replicates,
                t.Edits.Count, t.Edits.Count(e => e.OutOfBand), t.Note);
        return b.ToString();
    }

    /// <summary>The true state at each turn's start (turn 1 starts at the scenario's start): every force and every region's controller.</summary>
    private static string States(WargameSession s)
    {
        var b = new CsvTable("turn", "game_date", "cell", "seed", "branch", "faction", "region", "fighters", "controller");
        var turns = s.TurnRecords;
        for (int k = 0; k <= turns.Count; k++)
        {
            var review = s.Review(k);
            ulong? seed = k == 0 ? s.Setup.Seed : turns[k - 1].Seed;
            var controller = review.Truth.Regions.ToDictionary(r => r.Id, r => r.Controller);
            foreach (var f in review.Truth.Forces)
                b.Row(k + 1, s.DateOf(review.Day), Role.WhiteId, seed, s.CurrentBranch, f.Faction, f.Region, f.Low, controller[f.Region]);
        }
        return b.ToString();
    }

    private static string Adjudications(WargameSession s)
    {
        var b = new CsvTable("turn", "game_date", "cell", "seed", "branch", "faction", "p10", "p50", "p90", "published_seed", "choice");
        var sc = s.Scenario;
        foreach (var t in s.TurnRecords)
            for (int f = 0; f < t.Bands.Count; f++)
                if (t.Bands[f].P90 > 0)
                    b.Row(t.Turn, s.DateOf(t.StartDay), Role.WhiteId, t.Seed, s.CurrentBranch, sc.FactionIds[f], t.Bands[f].P10, t.Bands[f].P50, t.Bands[f].P90, t.Seed, t.Choice);
        return b.ToString();
    }

    private static string Log(WargameSession s)
    {
        var b = new CsvTable("turn", "game_date", "cell", "seed", "branch", "seq", "at", "action", "accepted", "message");
        foreach (var l in s.LogLines)
            b.Row(l.Turn + 1, s.DateOf(l.Day), l.Actor, l.Seed, l.Branch, l.Seq, l.At, l.Action is null ? "setup" : ActionName(l.Action), l.Accepted, l.Message);
        return b.ToString();
    }

    internal static string ActionName(GameAction a) => System.Text.Json.JsonSerializer.SerializeToElement(a, GameLog.Json).GetProperty("type").GetString() ?? "";

    private static string Kind(OrderKind k) => k.ToString().ToLowerInvariant();

    /// <summary>RFC 4180 CSV: fields with a comma, quote or line break are quoted; numbers in invariant culture, round-trippable.</summary>
    private sealed class CsvTable
    {
        private readonly StringBuilder _b = new();
        public CsvTable(params string[] header) => _b.Append(string.Join(',', header)).Append('\n');

        public void Row(params object?[] fields)
        {
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0) _b.Append(',');
                _b.Append(Field(fields[i]));
            }
            _b.Append('\n');
        }

        private static string Field(object? v) => v switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Quote(v.ToString() ?? ""),
        };

        private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

        public override string ToString() => _b.ToString();
    }
}
