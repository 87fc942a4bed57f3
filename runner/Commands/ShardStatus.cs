using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

internal enum ShardState { Done, Unfinished, Missing }

/// <summary>One shard as its directory shows it: the state files alone, so it works while the cluster runs.</summary>
internal sealed record ShardReport(string Dir, int? Shard, int? Shards, ShardState State, long Done, long Total, string Detail);

/// <summary>
/// What `merge --check` reports: per shard done, unfinished (runs done of total) or missing, so that only the
/// shards that need it are resubmitted.
/// </summary>
internal static partial class ShardStatus
{
    /// <summary>Where `sweep … --slurm` puts the shards of a cluster sweep, under its --out.</summary>
    public const string ShardsFolder = "shards";

    public static string ShardDirName(int k, int m) => $"shard-{k}-of-{m}";

    [GeneratedRegex(@"^shard-(\d+)-of-(\d+)$")]
    private static partial Regex ShardName();

    /// <summary>
    /// A cluster sweep's folder stands for all its shard directories, so the same short command works for
    /// checking and merging; any other directory is taken as one shard.
    /// </summary>
    public static List<string> Expand(IEnumerable<string> dirs)
    {
        var result = new List<string>();
        foreach (var dir in dirs)
        {
            string shards = Path.Combine(dir, ShardsFolder);
            if (Directory.Exists(shards))
                result.AddRange(Directory.GetDirectories(shards)
                    .Select(d => (Dir: d, Key: ShardName().Match(Path.GetFileName(d))))
                    .OrderBy(x => x.Key.Success ? int.Parse(x.Key.Groups[1].Value, CultureInfo.InvariantCulture) : int.MaxValue)
                    .ThenBy(x => x.Dir, StringComparer.Ordinal)
                    .Select(x => x.Dir));
            else
                result.Add(dir);
        }
        return result;
    }

    /// <summary>Reports every given directory, plus the shards of the sweep that no directory was given for.</summary>
    public static List<ShardReport> Inspect(IReadOnlyList<string> dirs, out string? problem)
    {
        problem = null;
        var reports = new List<ShardReport>();
        string? identity = null;
        int? shards = null;
        foreach (var dir in dirs)
        {
            var name = ShardName().Match(Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)));
            int? k = name.Success ? int.Parse(name.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            int? m = name.Success ? int.Parse(name.Groups[2].Value, CultureInfo.InvariantCulture) : null;
            string path = Path.Combine(dir, SweepOutputs.Checkpoint);
            if (!File.Exists(path))
            {
                reports.Add(new ShardReport(dir, k, m, ShardState.Missing, 0, 0,
                    Directory.Exists(dir) ? "no checkpoint yet: never started, or killed before its first" : "no such directory"));
                continue;
            }
            if (SweepState.Read(path, out var why) is not { } state)
            {
                // A damaged checkpoint cannot be resumed from; rerunning the shard in a fresh directory is the way out.
                reports.Add(new ShardReport(dir, k, m, ShardState.Missing, 0, 0, $"checkpoint unreadable: {why}"));
                continue;
            }
            var h = state.Header;
            identity ??= h.Identity();
            shards ??= h.Shards;
            if (h.Identity() != identity || h.Shards != shards)
            {
                problem = $"'{dir}' holds a different sweep from the other directories (scenario, seed, runs, points or shard count differ)";
                return reports;
            }
            string status = ManifestStatus(dir);
            reports.Add(state.Complete
                ? new ShardReport(dir, h.Shard, h.Shards, ShardState.Done, state.Committed, h.PlannedRuns, "")
                : new ShardReport(dir, h.Shard, h.Shards, ShardState.Unfinished, state.Committed, h.PlannedRuns,
                    status == "interrupted" ? "interrupted; resumes from its checkpoint" : "running, or killed without a final checkpoint"));
        }

        shards ??= reports.Select(r => r.Shards).FirstOrDefault(s => s is not null);
        if (shards is { } total)
        {
            var duplicated = reports.Where(r => r.Shard is not null).GroupBy(r => r.Shard).FirstOrDefault(g => g.Count() > 1);
            if (duplicated is not null)
            {
                problem = $"shard {duplicated.Key} of {total} is given twice ({string.Join(", ", duplicated.Select(r => r.Dir))}); expected each shard once";
                return reports;
            }
            foreach (int k in Enumerable.Range(1, total).Except(reports.Where(r => r.Shard is not null).Select(r => r.Shard!.Value)).ToList())
                reports.Add(new ShardReport("", k, total, ShardState.Missing, 0, 0, "no directory given for it"));
            reports.Sort((a, b) => (a.Shard ?? int.MaxValue).CompareTo(b.Shard ?? int.MaxValue));
        }
        return reports;
    }

    /// <summary>Prints the table; returns the shard numbers that are not done.</summary>
    public static List<int> Write(IReadOnlyList<ShardReport> reports, TextWriter w)
    {
        int width = reports.Select(r => Label(r).Length).DefaultIfEmpty(0).Max();
        foreach (var r in reports)
        {
            string state = r.State switch
            {
                ShardState.Done => $"done        {r.Done}/{r.Total} runs",
                ShardState.Unfinished => $"unfinished  {r.Done}/{r.Total} runs, {r.Detail}",
                _ => $"missing     {r.Detail}",
            };
            w.WriteLine($"{Label(r).PadRight(width)}  {state}{(r.Dir.Length > 0 ? $"  ({r.Dir})" : "")}");
        }
        var notDone = reports.Where(r => r.State != ShardState.Done && r.Shard is not null).Select(r => r.Shard!.Value).ToList();
        int shards = reports.Select(r => r.Shards ?? 0).DefaultIfEmpty(0).Max();
        int done = reports.Count(r => r.State == ShardState.Done);
        w.WriteLine(notDone.Count == 0 && done == reports.Count
            ? $"all {done} shards done; merge them"
            : $"{done} of {Math.Max(shards, reports.Count)} shards done; not done: {(notDone.Count > 0 ? CompactList(notDone) : "(shard numbers unknown)")}");
        return notDone;
    }

    private static string Label(ShardReport r) => r.Shard is { } k ? $"shard {k}/{r.Shards}" : "shard ?";

    /// <summary>Shard numbers as Slurm's --array takes them: 1-3,5.</summary>
    public static string CompactList(IEnumerable<int> numbers)
    {
        var sorted = numbers.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private static string ManifestStatus(string dir)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, SweepOutputs.Manifest)));
            return doc.RootElement.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            return "";
        }
    }
}
