using System.Text.Json;
using ConflictSim.Alliances;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Cli;

/// <summary>`conflictsim blocs`: scenarios and tables in, landscape minima out, bad tables reported by position.</summary>
public class BlocsCommandTests
{
    /// <summary>sirte-2016 as the engine foundation shipped it (four factions, no political weights), frozen so the
    /// hand-computed energies below do not move when the live scenario is recalibrated.</summary>
    private static readonly string Sirte = Path.Combine(Repository.Root, "tests", "data", "blocs", "sirte-2016-foundation.yaml");
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "blocs", name);

    private static CliResult Tables(TempDir dir, string sizes, string matrix, params string[] extra)
    {
        File.WriteAllText(dir.File("sizes.csv"), sizes);
        File.WriteAllText(dir.File("matrix.csv"), matrix);
        return CliHarness.Run(["blocs", "--sizes", dir.File("sizes.csv"), "--propensities", dir.File("matrix.csv"), .. extra]);
    }

    [Fact]
    public void Sirte_splits_the_gna_side_from_isis_and_its_southern_friends()
    {
        var result = CliHarness.Run("blocs", Sirte);

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Err);
        Assert.Contains("ordered pairs", result.Out);
        Assert.Contains("exhaustive over 8 two-bloc configurations", result.Out);
        Assert.Contains("Local minima: 1", result.Out);
        Assert.Contains("Bloc A: bunyan_marsus, pfg", result.Out);
        Assert.Contains("Bloc B: isis, southern_militias", result.Out);
    }

    [Fact]
    public void Sirte_json_energy_matches_the_hand_sum_over_its_cross_pairs()
    {
        var first = CliHarness.Run("blocs", Sirte, "--json");
        var second = CliHarness.Run("blocs", Sirte, "--json");
        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);

        // Strength = fighters × quality: Bunyan Marsus 5000 × 1.0, ISIS 3060 × 1.2 = 3672, southern militias
        // 300 × 0.8 = 240, PFG 600 × 0.9 = 540; sizes are shares of 9452. Across the split the trusts are
        // BM–ISIS −1, BM–SM 0.1, PFG–ISIS −1, PFG–SM 0; E counts each of those pairs twice.
        double total = 5000 + 3672 + 240 + 540;
        double bm = 5000 / total, isis = 3672 / total, sm = 240 / total, pfg = 540 / total;
        double expected = 2 * (-bm * isis + 0.1 * bm * sm - pfg * isis);

        using var doc = JsonDocument.Parse(first.Out);
        var root = doc.RootElement;
        Assert.StartsWith("ordered pairs", root.GetProperty("energy").GetString());
        Assert.Equal("exhaustive", root.GetProperty("search").GetProperty("method").GetString());
        var min = Assert.Single(root.GetProperty("minima").EnumerateArray().ToList());
        Assert.Equal(expected, min.GetProperty("energy").GetDouble(), 12);
        var blocs = min.GetProperty("blocs").EnumerateArray().Select(b => b.EnumerateArray().Select(x => x.GetString()!).ToArray()).ToArray();
        Assert.Equal(new[] { "bunyan_marsus", "pfg" }, blocs[0]);
        Assert.Equal(new[] { "isis", "southern_militias" }, blocs[1]);
        // F_SM = s_BM·0.1 + s_PFG·0 (its friends across the line): positive, the one frustrated actor.
        Assert.Equal(0.1 * bm, min.GetProperty("frustration").GetProperty("southern_militias").GetDouble(), 12);
        Assert.Equal(5000, root.GetProperty("actors")[0].GetProperty("strength").GetDouble());
    }

    [Fact]
    public void Factions_without_initial_fighters_are_omitted_and_listed()
    {
        using var dir = CliHarness.TempDir();
        string yaml = File.ReadAllText(CliHarness.Fixture("tiny.yaml")).Replace(
            "relations:",
            "  - {id: green, name: Green, aimed_fire: 0.05, morale: 0.8, cohesion: 0.8, supply: 1000, income: 100, supply_sources: [a], assumption: \"test\"}\nrelations:");
        File.WriteAllText(dir.File("reserve.yaml"), yaml);

        var result = CliHarness.Run("blocs", dir.File("reserve.yaml"));

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("Omitted (no initial fighters): green.", result.Out);
        Assert.Contains("Bloc A: blue", result.Out);
        Assert.Contains("Bloc B: red", result.Out);
        var land = ScenarioLandscape.From(Scenario.Compile(ConflictSim.Scenarios.ScenarioLoader.LoadFile(dir.File("reserve.yaml")).Spec!));
        Assert.Equal(["blue", "red"], land.Actors);
        Assert.Equal(["green"], land.Omitted);
    }

    [Fact]
    public void Tables_with_two_local_minima_list_both_global_first()
    {
        var result = CliHarness.Run("blocs", "--sizes", Data("four-sizes.csv"), "--propensities", Data("four-matrix.csv"), "--json");

        Assert.Equal(0, result.Exit);
        using var doc = JsonDocument.Parse(result.Out);
        var minima = doc.RootElement.GetProperty("minima").EnumerateArray().ToList();
        Assert.Equal(2, minima.Count);
        Assert.Equal(-10, minima[0].GetProperty("energy").GetDouble(), 12);
        Assert.Equal(-8, minima[1].GetProperty("energy").GetDouble(), 12);
        Assert.Equal("A", minima[0].GetProperty("blocs")[0][0].GetString());
        Assert.Equal("B", minima[0].GetProperty("blocs")[0][1].GetString());
        Assert.Equal(-2.5, minima[0].GetProperty("frustration").GetProperty("D").GetDouble(), 12);
    }

    [Fact]
    public void Beyond_the_exhaustive_limit_the_report_says_local_search_and_may_be_incomplete()
    {
        var text = CliHarness.Run("blocs", "--sizes", Data("four-sizes.csv"), "--propensities", Data("four-matrix.csv"),
            "--exhaustive-max", "3", "--starts", "200", "--seed", "9");
        var json = CliHarness.Run("blocs", "--sizes", Data("four-sizes.csv"), "--propensities", Data("four-matrix.csv"),
            "--exhaustive-max", "3", "--starts", "200", "--seed", "9", "--json");

        Assert.Equal(0, text.Exit);
        Assert.Contains("local search, 200 descents from random configurations (seed 9)", text.Out);
        Assert.Contains("may be incomplete", text.Out);
        using var doc = JsonDocument.Parse(json.Out);
        var search = doc.RootElement.GetProperty("search");
        Assert.Equal("local", search.GetProperty("method").GetString());
        Assert.False(search.GetProperty("complete").GetBoolean());
        Assert.Equal(200, search.GetProperty("starts").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("minima").GetArrayLength());
    }

    [Fact]
    public void Any_blocs_lists_partitions_with_lone_actors()
    {
        using var dir = CliHarness.TempDir();
        var result = Tables(dir, "actor,size\na,1\nb,1\nc,1\n", ",a,b,c\na,0,-1,-1\nb,-1,0,-1\nc,-1,-1,0\n", "--any-blocs");

        Assert.Equal(0, result.Exit);
        Assert.Contains("1. E = -6: {a} {b} {c}", result.Out);
    }

    [Theory]
    [InlineData("actor,size\na,1\nb,x\n", ",a,b\na,0,1\nb,1,0\n", "sizes.csv:3:3: size 'x' is not a number; expected a positive number")]
    [InlineData("actor,size\na,1\nb,0\n", ",a,b\na,0,1\nb,1,0\n", "sizes.csv:3:3: size 0 of 'b' is not positive; expected a positive number")]
    [InlineData("name,weight\na,1\n", ",a\na,0\n", "sizes.csv:1:1: header is 'name,weight'; expected 'actor,size'")]
    [InlineData("actor,size\na,1\na,2\n", ",a\na,0\n", "sizes.csv:3:1: actor 'a' is listed twice (first on line 2); expected each actor once")]
    [InlineData("", ",a\na,0\n", "sizes.csv:1:1: file is empty; expected a header 'actor,size'")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,b\na,0,0.5\nb,0.25,0\n", "matrix.csv:3:3: p(b,a) = 0.25 but p(a,b) = 0.5 at 2:5; expected a symmetric matrix")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,b\na,0,1\nb,1,zero\n", "matrix.csv:3:5: propensity 'zero' is not a number")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,b\na,0,1\nb,1\n", "matrix.csv:3:3: 2 cells; expected 3 (the actor's name and one propensity per column)")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,c\na,0,1\nc,1,0\n", "matrix.csv:1:4: actor 'c' is not in sizes.csv; expected the actors of the sizes table")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,b\na,0,1\n", "matrix.csv:3:1: no row for actor 'b'; expected one row per column")]
    [InlineData("actor,size\na,1\nb,1\n", ",a,b\na,0,1\n\"b,1,0\n", "matrix.csv:3:1: quoted cell is not closed")]
    public void A_bad_table_is_reported_at_its_line_and_column(string sizes, string matrix, string expected)
    {
        using var dir = CliHarness.TempDir();
        var result = Tables(dir, sizes, matrix);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain("   at ", result.Err);
        // Errors name the file as given, so compare from the file name on.
        var lines = result.Err.Replace(dir.Path + Path.DirectorySeparatorChar, "").TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Quoted_names_with_commas_are_read()
    {
        using var dir = CliHarness.TempDir();
        var result = Tables(dir, "actor,size\n\"Misrata, city\",2\nb,1\n", ",\"Misrata, city\",b\n\"Misrata, city\",,-1\nb,-1,\n");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("Bloc A: Misrata, city", result.Out);
        Assert.Contains("Bloc B: b", result.Out);
    }

    [Fact]
    public void A_missing_table_exits_1_naming_the_path()
    {
        using var dir = CliHarness.TempDir();
        var result = CliHarness.Run("blocs", "--sizes", dir.File("nope.csv"), "--propensities", Data("four-matrix.csv"));

        Assert.Equal(1, result.Exit);
        Assert.Contains(dir.File("nope.csv"), result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("blocs")]
    [InlineData("blocs", "x.yaml", "--sizes", "s.csv", "--propensities", "m.csv")]
    [InlineData("blocs", "--sizes", "s.csv")]
    [InlineData("blocs", "x.yaml", "--starts", "0")]
    [InlineData("blocs", "x.yaml", "--exhaustive-max", "31")]
    [InlineData("blocs", "x.yaml", "--seed", "-1")]
    public void Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Out);
        Assert.StartsWith("conflictsim: ", result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Help_describes_both_inputs_and_the_search_options()
    {
        var result = CliHarness.Run("blocs", "--help");

        Assert.Equal(0, result.Exit);
        foreach (var word in new[] { "--sizes", "--propensities", "--json", "--exhaustive-max", "--starts", "--seed", "--any-blocs", "Axelrod" })
            Assert.Contains(word, result.Out);
    }
}
