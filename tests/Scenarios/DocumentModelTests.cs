using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConflictSim.Generation;
using ConflictSim.Scenarios;
using ConflictSim.Scenarios.Yaml;
using FsCheck;
using FsCheck.Fluent;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// The loader's document (engine/Scenarios/Yaml: a node table built from parser events, with flow lines read apart
/// from the parser) against the model it replaced, YamlDotNet's representation model, kept here as the oracle: for
/// the shipped scenarios, a generated theater and hand-made YAML, each mutated the ways edits and hostile files
/// change text, and under tight limits, both give the same nodes (kind, text, style, tag, line, column, aliases
/// as one node) or the same first error at the same place (where the old model crashed, the document must not). A second property loads mutated theaters with and
/// without the flow-line reader and requires the same spec and the same errors. DOCUMENT_CASES=20000 searches longer.
/// </summary>
public partial class DocumentModelTests
{
    private static readonly string Theater = TheaterGenerator.Generate(new TheaterParameters { Regions = 60, Factions = 3, Seed = 7 });

    private static readonly string[] Bases =
    [
        Theater,
        .. Directory.GetFiles(Support.Repository.Scenarios, "*.yaml").Order().Select(File.ReadAllText),
        """
        base: &b {x: 1, y: "two", z: [1, 2]}
        items:
          - {id: a, name: "A", v: 1}
          - *b
          - {id: b, name: "B & C", v: -2.5, w: true}
          - {id: c, note: "x # not a comment", v: 1e5}   # a comment
        more:
          - &m {id: d, v: 3}
          - *m
        text: |
          - {id: e, v: 4}
        folded: >
          - {id: f}
        plain: first
          - {id: g}
        tagged: !!str {id: h}
        """,
    ];

    /// <summary>Cases per property; DOCUMENT_CASES=20000 for a longer search.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("DOCUMENT_CASES"), out int n) ? n : 400;

    private static readonly ScenarioLimits[] Limits =
    [
        ScenarioLimits.Default,
        new() { Depth = 3, Aliases = 1, AliasedNodes = 5, Regions = 20, Factions = 2, Links = 30 },
        new() { Depth = 2 },
    ];

    private static readonly string[] Insertions =
        ["&a ", "*a", "!!str ", "{", "}", "[", "]", ",", ": ", " #", "\t", "\"", "'", "\\", "|", ">", "- ", "? ", "\u0085", "\u2028", "\r", "~", "\uFEFF", "é"];

    /// <summary>One text change, seeded so a failing case replays.</summary>
    private static string Mutate(string text, int kind, int seed)
    {
        var rng = new Random(seed);
        var lines = text.Split('\n').ToList();
        int at = rng.Next(lines.Count);
        // Most changes aim at a flow line, the lines the document reads without the parser.
        var flow = Enumerable.Range(0, lines.Count).Where(i => FlowLine().IsMatch(lines[i])).ToList();
        if (flow.Count > 0 && rng.Next(3) > 0) at = flow[rng.Next(flow.Count)];
        switch (kind % 9)
        {
            case 0: lines.RemoveAt(at); break;
            case 1: lines.Insert(at, lines[at]); break;
            case 2: lines[at] = new string(' ', 1 + rng.Next(3)) + lines[at]; break;
            case 3: lines[at] = lines[at].TrimStart(); break;
            case 4:
            {
                int col = lines[at].Length == 0 ? 0 : rng.Next(lines[at].Length);
                lines[at] = lines[at].Insert(col, Insertions[rng.Next(Insertions.Length)]);
                break;
            }
            case 5: lines.Insert(at, new string(' ', rng.Next(4)) + (rng.Next(2) == 0 ? "text: |" : "- plain")); break;
            case 6: lines[at] = Regex.Replace(lines[at], @"(\w+): ", m => rng.Next(3) == 0 ? "id: " : m.Value); break; // duplicate keys
            case 7: lines.Insert(at, "  - {id: x, v: 1}"); break;
            default: return text[..rng.Next(text.Length + 1)];
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^\s*- \{")]
    private static partial Regex FlowLine();

    [Fact]
    public void The_document_matches_YamlDotNets_tree_node_for_node_and_error_for_error()
    {
        var cases = from b in Gen.Choose(0, Bases.Length - 1)
                    from l in Gen.Choose(0, Limits.Length - 1)
                    from n in Gen.Choose(0, 3)
                    from kinds in Gen.ArrayOf(Gen.Choose(0, 8), n)
                    from seed in Gen.Choose(0, 1_000_000)
                    select (Base: b, Limits: l, Kinds: kinds, Seed: seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string text = Bases[c.Base];
            for (int i = 0; i < c.Kinds.Length; i++) text = Mutate(text, c.Kinds[i], c.Seed + i);
            var limits = Limits[c.Limits];
            YamlNode? expected;
            string? expectedError;
            try
            {
                (expected, expectedError) = Oracle(text, limits);
            }
            catch (ArgumentException)
            {
                // YamlDotNet's tree refused its own parser's events (a mapping ending on a key): the former loader
                // crashed here. The document must read the file without throwing.
                foreach (int from in new[] { 1, int.MaxValue }) ScenarioLoader.Parse(text, new Diagnostics("f.yaml"), limits, flowLinesFrom: from);
                return;
            }
            foreach (int from in new[] { 1, int.MaxValue })
            {
                var diag = new Diagnostics("f.yaml");
                var root = ScenarioLoader.Parse(text, diag, limits, flowLinesFrom: from);
                string? error = diag.Any ? diag.Finish()[0].ToString() : null;
                Assert.True(expectedError == error, $"flow lines from {from}: expected {expectedError ?? "no error"}, got {error ?? "no error"}\n--- case {c}:\n{text}");
                if (expected is not null) AssertSame(expected, root, new Dictionary<YamlNode, int>(ReferenceEqualityComparer.Instance));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void A_theater_loads_to_the_same_spec_and_errors_with_and_without_the_flow_line_reader()
    {
        var cases = from n in Gen.Choose(0, 3)
                    from kinds in Gen.ArrayOf(Gen.Choose(0, 8), n)
                    from seed in Gen.Choose(0, 1_000_000)
                    select (Kinds: kinds, Seed: seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string text = Theater;
            for (int i = 0; i < c.Kinds.Length; i++) text = Mutate(text, c.Kinds[i], c.Seed + i);
            var fast = ScenarioLoader.LoadText(text, "t.yaml", ScenarioLimits.Default, flowLinesFrom: 1);
            var parser = ScenarioLoader.LoadText(text, "t.yaml", ScenarioLimits.Default, flowLinesFrom: int.MaxValue);
            Assert.Equal(parser.Errors.Select(e => e.ToString()), fast.Errors.Select(e => e.ToString()));
            Assert.Equal(Json(parser.Spec), Json(fast.Spec));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Math.Max(1, Cases / 7)));
    }

    [Fact]
    public void A_generated_theater_has_its_regions_and_links_read_as_flow_lines()
    {
        var spec = ScenarioLoader.LoadText(Theater, "t.yaml").Spec!;
        var flow = FlowLines.Find(Theater);

        Assert.NotNull(flow);
        // Every region and link line, and the relations and outcomes that hold no list.
        Assert.True(flow.Count >= spec.Regions.Count + spec.Links.Count, $"{flow.Count} flow lines");
    }

    [Fact]
    public void Flow_lines_inside_a_block_scalar_stay_text()
    {
        var text = "notes: |\n" + string.Concat(Enumerable.Range(0, 70).Select(i => $"  - {{id: r{i}, v: {i}}}\n")) + "after: 1\n";
        var diag = new Diagnostics("f.yaml");

        var root = ScenarioLoader.Parse(text, diag, ScenarioLimits.Default);

        Assert.False(diag.Any);
        Assert.StartsWith("- {id: r0, v: 0}\n- {id: r1, v: 1}\n", root.Get("notes").Value);
        Assert.Equal("1", root.Get("after").Value);
    }

    [Fact]
    public void The_depth_limit_fires_at_a_flow_line_where_the_parser_would_report_it()
    {
        var text = Theater;
        var limits = new ScenarioLimits { Depth = 2 };
        int line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("  - {id: r0,")) + 1;

        var errors = ScenarioLoader.LoadText(text, "t.yaml", limits, flowLinesFrom: 1).Errors;

        var error = Assert.Single(errors);
        Assert.Equal((line, 5), (error.Line, error.Column));
        Assert.StartsWith("nesting is 3 levels deep, which exceeds the limit of 2 levels", error.Message);
    }

    [Fact]
    public void A_duplicate_key_in_a_flow_line_is_YamlDotNets_error_at_the_second_key()
    {
        var text = Theater.Replace("  - {id: r3, name:", "  - {id: r3, id:");
        int line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("  - {id: r3, id:")) + 1;

        var error = Assert.Single(ScenarioLoader.LoadText(text, "t.yaml").Errors);

        Assert.Equal($"t.yaml:{line}:14: YAML syntax error: Duplicate key id; expected well-formed YAML", error.ToString());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void A_name_a_tag_lets_repeat_is_one_entry_where_it_first_stands_holding_the_last_value(int keys)
    {
        // YamlDotNet's tree keeps both (the tags differ); the reader's old dictionary kept one, in the first one's place.
        var text = string.Concat(Enumerable.Range(0, keys).Select(i => $"k{i}: {i}\n")) + "!!str k1: last\n";
        var diag = new Diagnostics("f.yaml");
        var reader = MappingReader.Of(ScenarioLoader.Parse(text, diag, ScenarioLimits.Default), diag, covered: true)!;

        var entries = reader.Entries();

        Assert.Equal(keys, entries.Count);
        Assert.Equal(("k1", "last", keys + 1), (entries[1].Key.Value, entries[1].Value.Value, entries[1].Key.Line));
        Assert.Equal("last", reader.At("k1").Value);
    }

    [Fact]
    public void A_line_that_is_only_a_colon_after_a_nested_mapping_is_reported_where_YamlDotNets_tree_crashed()
    {
        // YamlDotNet's parser ends the root mapping on a key here, which its tree builder refused with an
        // ArgumentException: the former loader's "internal error", exit 70.
        const string text = "a:\n  k: v\n: \nb: 1\n";
        Assert.Throws<ArgumentException>(() => new YamlStream().Load(new StringReader(text)));

        var errors = ScenarioLoader.LoadText(text, "f.yaml").Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("f.yaml:3:2: unsupported key nothing; expected a plain name", errors);
    }

    private static string Json(ScenarioSpec? spec) =>
        spec is null ? "null" : JsonSerializer.Serialize(spec, new JsonSerializerOptions { IncludeFields = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });

    private static void AssertSame(YamlNode expected, Node actual, Dictionary<YamlNode, int> seen)
    {
        if (seen.TryGetValue(expected, out int index))
        {
            Assert.Equal(index, actual.Index); // an alias is the node it names
            return;
        }
        seen[expected] = actual.Index;
        Assert.Equal(((int)expected.Start.Line, (int)expected.Start.Column), (actual.Line, actual.Column));
        Assert.Equal(expected.Tag.IsEmpty ? "" : expected.Tag.Value, actual.Tag);
        switch (expected)
        {
            case YamlScalarNode s:
                Assert.True(actual.IsScalar);
                Assert.Equal(s.Value, actual.Value);
                Assert.Equal((int)s.Style, actual.Style);
                break;
            case YamlSequenceNode q:
                Assert.True(actual.IsSequence);
                Assert.Equal((int)q.Style, actual.Style);
                Assert.Equal(q.Children.Count, actual.Count);
                for (int i = 0; i < q.Children.Count; i++) AssertSame(q.Children[i], actual.Item(i), seen);
                break;
            case YamlMappingNode m:
                Assert.True(actual.IsMapping);
                Assert.Equal((int)m.Style, actual.Style);
                Assert.Equal(m.Children.Count, actual.Count);
                int e = 0;
                foreach (var (key, value) in m.Children)
                {
                    AssertSame(key, actual.KeyAt(e), seen);
                    AssertSame(value, actual.ValueAt(e), seen);
                    e++;
                }
                break;
        }
    }

    /// <summary>The loader's parse as it was before the document model: YamlDotNet's tree, with the same limits and messages.</summary>
    private static (YamlNode? Root, string? Error) Oracle(string yaml, ScenarioLimits limits)
    {
        string At(Mark m, string message) => new ScenarioError("f.yaml", (int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column), message).ToString();
        if (yaml.Length > limits.FileBytes) return (null, "too large");
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new LimitedParser(new Parser(scanner), limits));
        }
        catch (LimitExceededException e)
        {
            return (null, At(e.At, e.Message));
        }
        catch (YamlException e)
        {
            return (null, At(e.Start, $"YAML syntax error: {MarkPrefix().Replace(e.Message, "")}; expected well-formed YAML"));
        }
        catch (InvalidOperationException)
        {
            return (null, At(scanner.CurrentPosition, "YAML syntax error: cannot read on from here; expected well-formed YAML (an unclosed bracket or quote?)"));
        }
        if (stream.Documents.Count == 0) return (null, At(Mark.Empty, "file is empty; expected a conflictsim/1 scenario"));
        return (stream.Documents[0].RootNode, null);
    }

    [GeneratedRegex(@"^\([^)]*\) - \([^)]*\):\s*")]
    private static partial Regex MarkPrefix();
}
