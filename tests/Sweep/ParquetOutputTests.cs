using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace ConflictSim.Tests.Sweep;

/// <summary>
/// runs.parquet and timeseries.parquet read back with Parquet.Net and with hyparquet (a JavaScript reader sharing no
/// code with it, installed by .ci/run): the same rows as runs.csv, integers as integers, missing values as nulls.
/// Merged shards and resumed sweeps give the same Parquet bytes as one sweep (SweepHarness.Files, checked by the
/// merge, resume and thread-count tests).
/// </summary>
public class ParquetOutputTests
{
    private static readonly string Reader = Path.Combine(Repository.Root, "tests", "tools", "parquet-reader");

    private static string SmallSweep(string dir)
    {
        // sirte-2016's first-day outcomes are empty in the runs where the day never comes within 40 days.
        var result = CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "30", "--days", "40", "--threads", "2",
            "--vary", "factions.bunyan_marsus.forces.misrata=2000,4000", "--vary", "settings.loss_shock=1.5,2.5", "--out", dir);
        Assert.True(result.Exit == 0, result.Err);
        return dir;
    }

    private static List<string[]> CsvRows(string dir, out string[] header)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }

    [Fact]
    public async Task Runs_parquet_reads_back_with_Parquet_Net_as_the_rows_of_runs_csv()
    {
        using var dir = CliHarness.TempDir();
        SmallSweep(dir.Path);
        var rows = CsvRows(dir.Path, out var header);

        using var stream = File.OpenRead(Path.Combine(dir.Path, "runs.parquet"));
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(header, fields.Select(f => f.Name));
        Assert.Equal(typeof(int), fields[0].ClrType);
        Assert.Equal(typeof(ulong), fields[1].ClrType);
        Assert.Equal(typeof(int), fields[2].ClrType);
        Assert.Equal(typeof(long), fields[3].ClrType);   // a whole-number parameter (forces) stays an integer
        Assert.Equal(typeof(double), fields[4].ClrType); // loss_shock
        var fall = fields.Single(f => f.Name == "sirte_fall_day");
        Assert.Equal(typeof(long), fall.ClrType);        // a day number
        Assert.True(fall.IsNullable);

        int row = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var columns = new List<object?[]>();
            foreach (var f in fields)
            {
                object?[] values;
                if (f.ClrType == typeof(int)) { var a = new int[n]; await group.ReadAsync<int>(f, a); values = a.Select(v => (object?)v).ToArray(); }
                else if (f.ClrType == typeof(ulong)) { var a = new ulong[n]; await group.ReadAsync<ulong>(f, a); values = a.Select(v => (object?)v).ToArray(); }
                else if (f.ClrType == typeof(long) && !f.IsNullable) { var a = new long[n]; await group.ReadAsync<long>(f, a); values = a.Select(v => (object?)v).ToArray(); }
                else if (f.ClrType == typeof(long)) { var a = new long?[n]; await group.ReadAsync<long>(f, a.AsMemory()); values = a.Select(v => (object?)v).ToArray(); }
                else if (!f.IsNullable) { var a = new double[n]; await group.ReadAsync<double>(f, a); values = a.Select(v => (object?)v).ToArray(); }
                else { var a = new double?[n]; await group.ReadAsync<double>(f, a.AsMemory()); values = a.Select(v => (object?)v).ToArray(); }
                columns.Add(values);
            }
            for (int i = 0; i < n; i++, row++)
                for (int c = 0; c < fields.Length; c++)
                    Assert.Equal(rows[row][c], Cell(columns[c][i]));
        }
        Assert.Equal(rows.Count, row);
        Assert.Contains(rows, r => r[Array.IndexOf(header, "sirte_fall_day")] == ""); // nulls were exercised
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    /// <summary>Null when hyparquet is installed; otherwise a failure on CI (which installs it) and a skip elsewhere.</summary>
    private static string? MissingReader()
    {
        bool node = File.Exists("/usr/bin/node") || File.Exists("/usr/local/bin/node");
        if (node && Directory.Exists(Path.Combine(Reader, "node_modules", "hyparquet"))) return null;
        string why = $"hyparquet is not installed (npm ci --prefix {Reader}); the independent Parquet reader test needs it";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(why);
        Console.Error.WriteLine("skipped: " + why);
        return why;
    }

    private static JsonDocument ReadWithHyparquet(string file)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Reader };
        start.ArgumentList.Add(Path.Combine(Reader, "read.mjs"));
        start.ArgumentList.Add(file);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "hyparquet did not finish");
        Assert.True(p.ExitCode == 0, error);
        return JsonDocument.Parse(output);
    }

    [Fact]
    public void Runs_and_timeseries_parquet_read_back_with_an_independent_reader()
    {
        if (MissingReader() is not null) return;
        using var dir = CliHarness.TempDir();
        SmallSweep(dir.Path);
        var rows = CsvRows(dir.Path, out var header);

        using var doc = ReadWithHyparquet(Path.Combine(dir.Path, "runs.parquet"));
        var schema = doc.RootElement.GetProperty("schema").EnumerateArray().ToList();
        Assert.Equal(header, schema.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("INT32", schema[0].GetProperty("type").GetString());
        Assert.Equal("INT64", schema[1].GetProperty("type").GetString());
        Assert.Equal("INT64", schema[3].GetProperty("type").GetString());
        Assert.Equal("DOUBLE", schema[4].GetProperty("type").GetString());
        var fall = schema.Single(s => s.GetProperty("name").GetString() == "sirte_fall_day");
        Assert.Equal("INT64", fall.GetProperty("type").GetString());
        Assert.Equal("OPTIONAL", fall.GetProperty("repetition").GetString());

        var read = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count, read.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var cells = read[r].EnumerateArray().ToList();
            for (int c = 0; c < header.Length; c++)
            {
                string expected = rows[r][c];
                var v = cells[c];
                string actual = v.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => v.GetString()!, // int64 and uint64, exactly
                    _ => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                };
                Assert.True(expected == actual, $"row {r}, {header[c]}: runs.csv has '{expected}', hyparquet read '{actual}'");
            }
        }

        using var ts = ReadWithHyparquet(Path.Combine(dir.Path, "timeseries.parquet"));
        var tsRows = ts.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var csv = File.ReadAllLines(Path.Combine(dir.Path, "timeseries.csv")).Skip(1).ToList();
        Assert.Equal(csv.Count, tsRows.Count);
        var first = tsRows[0].EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetDouble().ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(csv[0], string.Join(',', first));
    }

    [Fact]
    public void Merged_shards_write_the_parquet_bytes_of_one_sweep()
    {
        using var dir = CliHarness.TempDir();
        string whole = Path.Combine(dir.Path, "whole"), s1 = Path.Combine(dir.Path, "s1"), s2 = Path.Combine(dir.Path, "s2"), merged = Path.Combine(dir.Path, "m");
        string[] args = ["sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "21", "--days", "30", "--vary", "settings.loss_shock=1.5,2.5"];
        Assert.Equal(0, CliHarness.Run([.. args, "--out", whole]).Exit);
        Assert.Equal(0, CliHarness.Run([.. args, "--shard", "1/2", "--out", s1]).Exit);
        Assert.Equal(0, CliHarness.Run([.. args, "--shard", "2/2", "--out", s2]).Exit);
        Assert.Equal(0, CliHarness.Run("merge", s1, s2, "--out", merged).Exit);
        foreach (var f in new[] { "runs.parquet", "timeseries.parquet", "control.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, f))), $"{f} differs");
        // The merged directory reports like the sweep it equals.
        var report = CliHarness.Run("report", merged);
        Assert.True(report.Exit == 0, report.Err);
        Assert.Contains("Control at the end", File.ReadAllText(Path.Combine(merged, "report.html")));
        // A shard's own Parquet holds its own rows: the run indices i with i mod 2 = K − 1.
        var shardRows = File.ReadAllLines(Path.Combine(s2, "runs.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture));
        Assert.All(shardRows, run => Assert.Equal(1, run % 2));
    }
}
