using System.Text.Json;
using ConflictSim.Cli.Commands;
using ConflictSim.Cli.Output;

namespace ConflictSim.Tests.Cli;

/// <summary>`run` on a scenario built in code: independent of the loader, and of what the phases compute.</summary>
public class RunCommandTests
{
    [Fact]
    public void Summary_names_the_run_every_faction_city_and_outcome()
    {
        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions());

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Err);
        string[] lines = result.Out.Split('\n');
        Assert.Equal("Tiny", lines[0]);
        Assert.Contains("2016-01-01 to 2016-01-11", lines[1]);
        Assert.Contains("seed 1", lines[1]);
        foreach (string expected in new[] { "Factions", "Blue", "Red", "Cities", "town", "Regions by controller", "Outcomes", "red_killed", "town_falls" })
            Assert.Contains(expected, result.Out);
        Assert.Contains("never", result.Out);
        Assert.DoesNotContain("\u001b[", result.Out);
    }

    [Fact]
    public void Summary_columns_line_up()
    {
        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions());

        string[] lines = result.Out.Split('\n');
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Faction ", StringComparison.Ordinal));
        Assert.True(header > 0, result.Out);
        // Header, rule and both faction rows end their "Fighters" column at the same place.
        int end = lines[header].IndexOf("Fighters", StringComparison.Ordinal) + "Fighters".Length;
        for (int i = header + 1; i <= header + 3; i++)
        {
            Assert.NotEqual(' ', lines[i][end - 1]);
            Assert.Equal(' ', lines[i][end]);
        }
    }

    [Fact]
    public void Seed_and_days_override_the_scenario()
    {
        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { Seed = 42, Days = 3, Deterministic = true });

        Assert.Equal(0, result.Exit);
        Assert.Contains("2016-01-01 to 2016-01-04 (3 of 3 days), seed 42, expected losses", result.Out);
    }

    [Fact]
    public void Json_is_one_document_with_the_documented_shape()
    {
        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { Json = true });

        Assert.Equal(0, result.Exit);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal("tiny", root.GetProperty("scenario").GetString());
        Assert.Equal("Tiny", root.GetProperty("title").GetString());
        Assert.Equal(1UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(10, root.GetProperty("days").GetInt32());
        Assert.Equal("2016-01-01", root.GetProperty("start").GetString());
        Assert.Equal("2016-01-11", root.GetProperty("end").GetString());

        var outcomes = root.GetProperty("outcomes").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["red_killed", "town_falls"], outcomes);

        var final = root.GetProperty("final");
        Assert.Equal(10, final.GetProperty("day").GetInt32());
        var factions = final.GetProperty("factions").EnumerateArray().ToArray();
        Assert.Equal(["blue", "red"], factions.Select(f => f.GetProperty("id").GetString()));
        string[] factionKeys =
        [
            "id", "name", "bloc", "fighters", "initial", "morale", "cohesion", "stock", "killed", "wounded", "deserted",
            "dispersed", "defected_in", "defected_out", "reinforced", "regions_held",
        ];
        foreach (var faction in factions)
            Assert.Equal(factionKeys, faction.EnumerateObject().Select(p => p.Name));
        Assert.Equal(300, factions[1].GetProperty("initial").GetDouble());

        var regions = final.GetProperty("regions").EnumerateArray().ToArray();
        Assert.Equal(["a", "b", "c"], regions.Select(r => r.GetProperty("id").GetString()));
        foreach (var region in regions)
        {
            Assert.True(region.TryGetProperty("controller", out _));
            foreach (var force in region.GetProperty("forces").EnumerateObject()) Assert.NotEqual(0, force.Value.GetDouble());
        }

        // Blue and red are enemies with no reason to align: each stands in a bloc of its own.
        var blocs = final.GetProperty("blocs").EnumerateArray().Select(b => b.EnumerateArray().Select(x => x.GetString()).ToArray()).ToArray();
        Assert.Equal([["blue"], ["red"]], blocs);

        var town = final.GetProperty("cities").GetProperty("town");
        Assert.Equal(["blue", "red"], town.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Json_is_byte_identical_for_the_same_seed()
    {
        var options = new RunOptions { Json = true, Seed = 7 };
        var first = CliHarness.Execute(CliHarness.TinySpec(), options);
        var second = CliHarness.Execute(CliHarness.TinySpec(), options);

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Timeline_has_the_header_and_day_zero_and_no_temporary_file_left()
    {
        using var dir = CliHarness.TempDir();
        string csv = dir.File("timeline.csv");

        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { TimelinePath = csv, Days = 2 });

        Assert.Equal(0, result.Exit);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(TimelineWriter.Header, lines[0]);
        // Day 0 holds the initial forces: blue in a, red in b and c.
        Assert.Contains(lines, l => l.StartsWith("0,2016-01-01,blue,a,500,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("0,2016-01-01,red,b,200,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2,2016-01-03,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Equal(9, l.Split(',').Length));
        Assert.Equal(["timeline.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Timeline_replaces_an_existing_file()
    {
        using var dir = CliHarness.TempDir();
        string csv = dir.File("timeline.csv");
        File.WriteAllText(csv, "stale\n");

        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { TimelinePath = csv, Days = 0 });

        Assert.Equal(0, result.Exit);
        Assert.Equal(TimelineWriter.Header, File.ReadLines(csv).First());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(csv))!, "*.tmp")); // temporaries have unique names: none may be left
    }

    [Fact]
    public void Timeline_in_a_missing_directory_is_one_error_line()
    {
        using var dir = CliHarness.TempDir();
        string csv = Path.Combine(dir.Path, "no-such-dir", "timeline.csv");

        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { TimelinePath = csv });

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Out);
        Assert.StartsWith("conflictsim: cannot write timeline", result.Err);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Json_mode_keeps_stdout_clean_when_a_timeline_is_written()
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Execute(CliHarness.TinySpec(), new RunOptions { Json = true, TimelinePath = dir.File("t.csv") });

        Assert.Equal(0, result.Exit);
        using var _ = JsonDocument.Parse(result.Out);
    }

    [Fact]
    public void A_dangling_id_is_reported_not_thrown()
    {
        var spec = CliHarness.TinySpec() with
        {
            Regions = [new RegionSpec { Id = "a", Name = "A", Controller = "nobody-here" }],
        };

        var result = CliHarness.Execute(spec, new RunOptions());

        Assert.Equal(1, result.Exit);
        Assert.Contains("nobody-here", result.Err);
    }
}
