using System.Diagnostics;
using System.Text;
using ConflictSim.Generation;
using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// The loader's input-size limits (<see cref="ScenarioLimits"/>) and the checks whose depth the input controls.
/// A limit is exercised with a small <see cref="ScenarioLimits"/> on a small file: the code path is the one a
/// file over the real limit takes, without writing a gigabyte.
/// </summary>
public class LoaderLimitsTests
{
    private static readonly string Tiny = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "cli", "tiny.yaml"));

    /// <summary>A map of <paramref name="regions"/> regions in a line, r0 – r1 – … : the deepest union-find tree.</summary>
    internal static string Chain(int regions)
    {
        var text = new StringBuilder(regions * 130);
        text.Append("format: conflictsim/1\nscenario: {id: chain, title: \"Chain\", start: 2016-01-01, days: 10, seed: 1}\nregions:\n");
        for (int i = 0; i < regions; i++) text.Append("  - {id: r").Append(i).Append(", name: R, lat: 31, lon: 16, terrain: open, assumption: t}\n");
        text.Append("links:\n");
        for (int i = 0; i + 1 < regions; i++) text.Append("  - {from: r").Append(i).Append(", to: r").Append(i + 1).Append(", kind: road, days: 1, assumption: t}\n");
        text.Append("""
            factions:
              - {id: blue, name: Blue, aimed_fire: 0.05, morale: 0.8, cohesion: 0.8, supply: 1000, income: 100, supply_sources: [r0], forces: {r0: 500}, assumption: t}
              - {id: red, name: Red, aimed_fire: 0.05, morale: 0.8, cohesion: 0.8, supply: 1000, income: 100, supply_sources: [r1], forces: {r1: 500}, assumption: t}
            relations:
              - {between: [blue, red], trust: -1, assumption: t}
            outcomes:
              - {id: red_killed, kind: killed, faction: red}

            """);
        return text.ToString();
    }

    [Fact]
    public void Union_find_root_of_a_million_region_chain_is_found_without_recursion()
    {
        const int n = 1_000_000;
        // The tree a chain's links build when joined in file order: each region's parent is the next one.
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = Math.Min(i + 1, n - 1);

        Assert.Equal(n - 1, ScenarioChecks.Root(parent, 0));
        for (int i = 0; i < n; i++) Assert.Equal(n - 1, ScenarioChecks.Root(parent, i));
    }

    [Fact]
    public void A_hundred_thousand_region_chain_loads_and_validates()
    {
        var watch = Stopwatch.StartNew();
        var result = ScenarioLoader.LoadText(Chain(100_000), "chain.yaml");

        Assert.True(result.Ok, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(100_000, result.Spec!.Regions.Count);
        Assert.Equal(99_999, result.Spec.Links.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_broken_chain_is_reported_as_disconnected_at_the_second_component()
    {
        var text = Chain(1000).Replace("  - {from: r499, to: r500, kind: road, days: 1, assumption: t}\n", "");

        var error = Assert.Single(ScenarioLoader.LoadText(text, "chain.yaml").Errors);

        Assert.Equal(504, error.Line);
        Assert.Contains("region 'r500' starts a component not linked to 'r0' (2 components)", error.Message);
    }

    [Fact]
    public void The_limits_admit_the_largest_theater_conflictsim_generate_writes()
    {
        var limits = ScenarioLimits.Default;
        Assert.True(limits.Regions >= TheaterParameters.MaxRegions);
        Assert.True(limits.Factions >= TheaterParameters.MaxFactions);
        // At the densest degree every region has about three links.
        Assert.True(limits.Links >= (long)TheaterParameters.MaxRegions * TheaterParameters.MaxDegree / 2);
        // 512,382,709 bytes measured for --regions 1000000 --factions 1000 --degree 6 (issue 15; 511,948,039 plain); and a file must fit in a string.
        Assert.True(limits.FileBytes > 1.9 * 512_382_709);
        Assert.True(limits.FileBytes < Array.MaxLength);
    }

    public static TheoryData<string, ScenarioLimits, int, int, string> Crossings => new()
    {
        { Tiny, new ScenarioLimits { Regions = 2 }, 6, 5, "region number 3 exceeds the limit of 2 regions; expected at most 2 regions in a file" },
        { Tiny, new ScenarioLimits { Links = 1 }, 9, 5, "link number 2 exceeds the limit of 1 links; expected at most 1 links in a file" },
        { Tiny, new ScenarioLimits { Factions = 1 }, 12, 5, "faction number 2 exceeds the limit of 1 factions; expected at most 1 factions in a file" },
        { Tiny, new ScenarioLimits { Depth = 2 }, 4, 5, "nesting is 3 levels deep, which exceeds the limit of 2 levels; expected mappings and lists nested at most 2 deep" },
        { "a: &x 1\nb: *x\nc: *x\n", new ScenarioLimits { Aliases = 1 }, 3, 4, "alias *x is alias number 2, which exceeds the limit of 1 aliases; expected the values written out" },
        { "a: &x [1, 2, 3]\nb: *x\nc: *x\n", new ScenarioLimits { AliasedNodes = 6 }, 3, 4,
            "alias *x brings the nodes repeated through aliases to 8, which exceeds the limit of 6; expected fewer or smaller aliased nodes" },
        { Tiny, new ScenarioLimits { FileBytes = 100 }, 1, 1, $"file is {ScenarioLimits.N(Tiny.Length)} characters, which exceeds the limit of 100 bytes; expected a scenario of at most 100 bytes" },
    };

    [Theory]
    [MemberData(nameof(Crossings))]
    public void Each_limit_is_one_error_at_the_node_that_crosses_it(string yaml, ScenarioLimits limits, int line, int column, string message)
    {
        var result = ScenarioLoader.LoadText(yaml, "big.yaml", limits);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"big.yaml:{line}:{column}: {message}", error.ToString());
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"conflictsim-big-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Tiny);
        try
        {
            var error = Assert.Single(ScenarioLoader.LoadFile(path, new ScenarioLimits { FileBytes = 100 }).Errors);
            long bytes = new FileInfo(path).Length;
            Assert.Equal($"{path}:1:1: file is {ScenarioLimits.N(bytes)} bytes, which exceeds the limit of 100 bytes; expected a scenario of at most 100 bytes", error.ToString());
            Assert.True(ScenarioLoader.LoadFile(path).Ok);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("a: &x [1, *x]\n", 1, 11, "alias *x is inside the node it names; expected an alias to a complete node")]
    [InlineData("a: *x\nb: &x 1\n", 1, 4, "alias *x names no anchor before it; expected &x on an earlier node")]
    public void An_alias_must_name_a_complete_earlier_node(string yaml, int line, int column, string message)
    {
        var error = Assert.Single(ScenarioLoader.LoadText(yaml, "alias.yaml").Errors);

        Assert.Equal($"alias.yaml:{line}:{column}: {message}", error.ToString());
    }

    [Fact]
    public void Thirty_thousand_nested_lists_are_one_located_error()
    {
        string yaml = string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n";

        var error = Assert.Single(ScenarioLoader.LoadText(yaml, "deep.yaml").Errors);

        Assert.Equal("deep.yaml:1:129: nesting is 65 levels deep, which exceeds the limit of 64 levels; expected mappings and lists nested at most 64 deep", error.ToString());
        Assert.Equal(ScenarioModel.Conflict, ScenarioModel.Of(yaml));
        Assert.Empty(ScenarioLoader.ReadCitations(yaml));
    }

    [Fact]
    public void Citations_reached_twice_through_an_alias_are_listed_once_in_file_order()
    {
        const string yaml = """
            a: {source: s1, quote: q1, inner: [{source: s2, quote: q2}]}
            b: &shared {source: s3, quote: q3}
            c: [*shared, {source: s4, quote: q4}]
            """;

        var citations = ScenarioLoader.ReadCitations(yaml);

        Assert.Equal(["q1", "q2", "q3", "q4"], citations.Select(c => c.Quote));
    }

    [Fact]
    public void The_article_scenarios_are_far_inside_every_limit()
    {
        foreach (var file in Directory.GetFiles(Support.Repository.Scenarios, "*.yaml"))
        {
            var tight = new ScenarioLimits { Depth = 8, Aliases = 0, AliasedNodes = 0, Regions = 100, Factions = 20, Links = 200, FileBytes = 100_000 };
            var diag = new Diagnostics(file);
            Assert.True(ScenarioLoader.Parse(File.ReadAllText(file), diag, tight).Exists);
            Assert.False(diag.Any, string.Join("\n", diag.Finish()));
        }
    }
}
