using ConflictSim.Scenarios;
using ConflictSim.Tests.Cli;
using ConflictSim.Wargame.Game;
using static ConflictSim.Tests.Wargame.Games;

namespace ConflictSim.Tests.Wargame;

/// <summary>The exports: tidy CSV rows that each carry turn, game date, cell and seed; and a turn exported as a scenario the runner sweeps.</summary>
public class ExportTests
{
    private static WargameSession TwoTurns()
    {
        var s = New(replicates: 6);
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Move, "abu_grein", "sirte_approach", 800));
        s.Ok(Lnar, new SubmitOrder("lna", OrderKind.Standing, "benghazi", "ajdabiya", 40));
        s.PlayTurn("median");
        s.Ok(White, new ChangeEvent("pc_delivers", "never"));
        s.Ok(Gnar, new SubmitOrder("bunyan_marsus", OrderKind.Hold, "sirte_approach", null, 0));
        s.PlayTurn("canonical", [new StateEdit("lna", "ajdabiya", 2000, "levies")]);
        return s;
    }

    private static readonly Role White = Role.White;

    [Fact]
    public void Every_csv_row_carries_turn_game_date_cell_and_seed()
    {
        using var s = TwoTurns();
        foreach (var name in Exports.Names)
        {
            var lines = Exports.Csv(s, name)!.TrimEnd('\n').Split('\n');
            Assert.StartsWith("turn,game_date,cell,seed,branch,", lines[0]);
            Assert.True(lines.Length > 2, $"{name} has no rows");
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                Assert.Matches(@"^\d+$", f[0]);
                Assert.Matches(@"^2016-\d\d-\d\d$", f[1]);
                Assert.True(f[2] == "white" || s.CellOf(f[2]) is not null, $"{name}: cell '{f[2]}' in {line}");
                if (name != "log.csv" && name != "orders.csv") Assert.Matches(@"^\d+$", f[3]);
            }
        }
        var turns = Exports.Csv(s, "turns.csv")!.Split('\n');
        Assert.StartsWith($"1,2016-06-01,white,{s.TurnRecords[0].Seed},main,0,7,2016-06-08,median,6,0,0,", turns[1]);
        Assert.StartsWith($"2,2016-06-08,white,2016,main,7,14,2016-06-15,canonical,6,1,", turns[2]);
        var orders = Exports.Csv(s, "orders.csv")!;
        Assert.Contains($"1,2016-06-01,gna,{s.TurnRecords[0].Seed},main,1,move,bunyan_marsus,abu_grein,sirte_approach,800,published", orders);
        Assert.Contains("2,2016-06-08,gna,2016,main,3,hold,bunyan_marsus,sirte_approach,,0,published", orders);
        Assert.Null(Exports.Csv(s, "secrets.csv"));
    }

    [Fact]
    public async Task The_parquet_exports_hold_the_csv_rows_with_typed_columns()
    {
        using var s = TwoTurns();
        foreach (var name in Exports.Names)
        {
            var csv = ParquetExport.ParseCsv(Exports.Csv(s, name)!);
            using var stream = new MemoryStream(ParquetExport.Of(s, name)!);
            await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
            var fields = reader.Schema.GetDataFields();
            Assert.Equal(csv[0], fields.Select(f => f.Name));
            Assert.Equal(typeof(int), fields[0].ClrType);
            Assert.Contains(fields[1].ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) }); // Parquet.Net reads a string column as either
            Assert.Equal(typeof(ulong), fields[3].ClrType);
            using var group = reader.OpenRowGroupReader(0);
            Assert.Equal(csv.Count - 1, group.RowCount);
            var turns = new int[group.RowCount];
            await group.ReadAsync<int>(fields[0], turns);
            Assert.Equal(csv.Skip(1).Select(r => int.Parse(r[0])), turns);
            var seeds = new ulong?[group.RowCount];
            await group.ReadAsync<ulong>(fields[3], seeds.AsMemory());
            Assert.Equal(csv.Skip(1).Select(r => r[3].Length == 0 ? (ulong?)null : ulong.Parse(r[3])), seeds);
        }
        Assert.Null(ParquetExport.Of(s, "secrets.csv"));
    }

    [Fact]
    public void A_turn_exported_as_a_scenario_loads_starts_from_the_game_and_sweeps()
    {
        using var s = TwoTurns();
        using var dir = new ScratchDirectory();
        string path = Path.Combine(dir.Path, "turn3.yaml");
        File.WriteAllText(path, ScenarioExport.Yaml(s));
        var loaded = ScenarioLoader.LoadFile(path);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var spec = loaded.Spec!;
        Assert.Equal(new DateOnly(2016, 6, 15), spec.Start);
        Assert.Equal(213 - 14, spec.Days);
        Assert.Equal("libya-2016-turn3", spec.Id);
        var v = s.Read(() => s.Engine.Simulation.Snapshot()).View;
        var sc = s.Scenario;
        Assert.Equal(2000, spec.Factions.Single(f => f.Id == "lna").Forces["ajdabiya"]);
        Assert.Equal(Math.Floor(v.Fighters[v.Force(sc.FactionIndex("isis"), sc.RegionIndex("sirte_centre"))]), spec.Factions.Single(f => f.Id == "isis").Forces["sirte_centre"]);
        Assert.DoesNotContain(spec.Events, e => e.Id == "pc_delivers"); // cancelled by White
        Assert.Equal(16, spec.Events.Single(e => e.Id == "pc_shortfall").Day); // 1 July, still to come, counted from the new start

        using var output = new ScratchDirectory();
        var result = CliHarness.Run("sweep", path, "--runs", "4", "--out", Path.Combine(output.Path, "out"));
        Assert.True(result.Exit == 0, result.Err);
    }
}
