using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Engine;
using ConflictSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// Mutates the shipped scenarios the ways a hand edit, a bad copy or a hostile file would, and runs each result
/// through `validate` and `run` as a user would: whatever the bytes, the CLI answers with exit 0, 1 or 2, located
/// errors and no stack trace, in bounded time, and whatever it accepts runs with the engine's invariants holding.
/// CI runs <see cref="DefaultCases"/> cases, the same ones each time (FUZZ_SEED picks others); for a night, <c>FUZZ_CASES=100000 dotnet test -c Release --filter
/// ScenarioFuzzTests</c>. A failure names the case (scenario and mutations, each with its seed, so it replays by hand)
/// and its changed lines, and keeps its text in the temp directory as conflictsim-fuzz-failure.yaml; shrink it there and
/// save it to tests/data/broken/ with its message in ScenarioLoaderTests.
/// </summary>
public partial class ScenarioFuzzTests
{
    /// <summary>About 7 s on the 2-core CI machine (10,000 take 41 s), so a loaded machine stays far under the 2-minute budget.</summary>
    private const int DefaultCases = 500;

    /// <summary>The slowest of 10,000 cases took 0.2 s; a case far beyond that is a hang in the making.</summary>
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    /// <summary>The worst of 10,000 cases allocated 15 MB; an input that makes the loader or a run allocate far more is a bomb.</summary>
    private const long PerCaseBytes = 256L << 20;

    private static readonly string[] Names = Directory.GetFiles(Repository.Scenarios, "*.yaml").Select(Path.GetFileName).Order().ToArray()!;

    private static readonly byte[][] Originals = Names.Select(n => File.ReadAllBytes(Repository.Scenario(n))).ToArray();

    private enum Kind { FlipByte, DeleteLine, DuplicateLine, RenameKey, WrongType, ExtremeNumber, DeepNesting, Alias, Whitespace, Unicode, EscapedText, Truncate }

    private sealed record Mutation(Kind Kind, int Seed)
    {
        public override string ToString() => $"{Kind}#{Seed}";
    }

    private sealed record FuzzCase(int Scenario, Mutation[] Mutations)
    {
        public override string ToString() => $"{Names[Scenario]} + {string.Join(" + ", Mutations.Select(m => m.ToString()))}";

        public byte[] Bytes() => Mutations.Aggregate(Originals[Scenario], (bytes, m) => Apply(bytes, m));
    }

    private static readonly string[] Extremes =
        ["NaN", ".nan", ".NaN", "inf", "-inf", ".inf", "-.inf", "+.inf", "Infinity", "1e308", "-1e308", "1e309", "-0", "-0.0", "1e-320",
         "4.9e-324", "1e12", "999999999999", "0", "1e-12", "99999999999999999999999999999", "-9223372036854775809", "18446744073709551616", "0x7fffffff", "1_000", "0o17", "1e400"];

    private static readonly string[] Oddities =
        ["\u202E", "\u200F", "\u0301", "\u0000", "\uFEFF", "\u2028", "\u0085", "\uD83D\uDCA3", "é", "\u00A0", "\u200B", "\uFFFD", "\u0007"];

    /// <summary>What a double-quoted YAML scalar can hold that a file's bytes cannot show: line breaks, NUL, bidi and separators.</summary>
    private static readonly string[] Escapes = [@"\n", @"\r\n", @"\t", @"\0", @"\u202E", @"\u2028", @"\N", @"\x85", @"\e", @"\u0301"];

    [GeneratedRegex(@"^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*):(\s|$)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s+at ", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionName();

    private static byte[] Apply(byte[] bytes, Mutation m)
    {
        var rng = new Random(m.Seed);
        if (m.Kind == Kind.FlipByte)
        {
            if (bytes.Length == 0) return bytes;
            var copy = (byte[])bytes.Clone();
            int flips = 1 + rng.Next(4);
            for (int i = 0; i < flips; i++) copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
            return copy;
        }
        if (m.Kind == Kind.Truncate) return bytes[..rng.Next(bytes.Length + 1)];
        var text = Encoding.UTF8.GetString(bytes);
        return Encoding.UTF8.GetBytes(ApplyText(text, m.Kind, rng));
    }

    private static string ApplyText(string text, Kind kind, Random rng)
    {
        var lines = text.Split('\n').ToList();
        int at = rng.Next(lines.Count);
        // Most mutations aim at a line holding a key, where the loader's schema is; a random line is usually a comment.
        int keyed = PickLine(lines, rng, l => KeyLine().IsMatch(l)) ?? at;
        switch (kind)
        {
            case Kind.DeleteLine:
                for (int n = 1 + rng.Next(3); n > 0 && lines.Count > 0; n--) lines.RemoveAt(Math.Min(keyed, lines.Count - 1));
                break;
            case Kind.DuplicateLine:
                lines.Insert(keyed, lines[keyed]);
                break;
            case Kind.RenameKey:
            {
                var match = KeyLine().Match(lines[keyed]);
                if (!match.Success) break;
                string key = match.Groups[2].Value;
                string renamed = rng.Next(4) switch
                {
                    0 => key.ToUpperInvariant(),
                    1 => key + "x",
                    2 => key[..^1],
                    _ => KeyLine().Match(lines[PickLine(lines, rng, l => KeyLine().IsMatch(l)) ?? keyed]).Groups[2].Value,
                };
                lines[keyed] = match.Groups[1].Value + renamed + ":" + lines[keyed][match.Length..].Insert(0, match.Groups[3].Value);
                break;
            }
            case Kind.WrongType:
            {
                var match = KeyLine().Match(lines[keyed]);
                if (!match.Success) break;
                string value = rng.Next(6) switch
                {
                    0 => " 5",
                    1 => " {a: 1}",
                    2 => " [1, 2]",
                    3 => " \"text\"",
                    4 => " ~",
                    _ => " {}",
                };
                lines[keyed] = match.Groups[1].Value + match.Groups[2].Value + ":" + value;
                break;
            }
            case Kind.ExtremeNumber:
            {
                int line = PickLine(lines, rng, l => !l.TrimStart().StartsWith('#') && Number().IsMatch(l)) ?? at;
                var numbers = Number().Matches(lines[line]);
                if (numbers.Count == 0) break;
                var n = numbers[rng.Next(numbers.Count)];
                lines[line] = lines[line][..n.Index] + Extremes[rng.Next(Extremes.Length)] + lines[line][(n.Index + n.Length)..];
                break;
            }
            case Kind.DeepNesting:
            {
                // Past the 64-level limit as often as under it, so both the limit's message and deep valid-looking trees occur.
                int depth = 1 + rng.Next(130);
                var match = KeyLine().Match(lines[keyed]);
                string prefix = match.Success ? match.Groups[1].Value + match.Groups[2].Value + ": " : "";
                string nested = rng.Next(3) switch
                {
                    0 => new string('[', depth) + "1" + new string(']', depth),
                    1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
                    _ => string.Concat(Enumerable.Repeat("- ", depth)) + "1",
                };
                lines[keyed] = rng.Next(2) == 0 ? prefix + nested : nested;
                break;
            }
            case Kind.Alias:
            {
                var match = KeyLine().Match(lines[keyed]);
                if (!match.Success) break;
                string head = match.Groups[1].Value + match.Groups[2].Value + ":";
                switch (rng.Next(4))
                {
                    case 0: lines[keyed] = head + " *nowhere"; break;
                    case 1:
                        lines[keyed] = head + " &a " + lines[keyed][match.Length..];
                        int later = Math.Min(lines.Count - 1, keyed + 1 + rng.Next(20));
                        var other = KeyLine().Match(lines[later]);
                        if (other.Success) lines[later] = other.Groups[1].Value + other.Groups[2].Value + ": *a";
                        break;
                    case 2:
                        // From a few thousand repeated nodes, under the limit, to 8¹² far over it.
                        int levels = 2 + rng.Next(11);
                        lines.Insert(0, "x0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]");
                        for (int i = 1; i < levels; i++) lines.Insert(i, $"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]");
                        break;
                    default:
                        // An alias as a key makes the parser compare the repeated tree, which an unbounded walk never finishes.
                        lines.Insert(0, "b0: &b0 [1, 1, 1, 1, 1, 1, 1, 1]");
                        for (int i = 1; i < 10; i++) lines.Insert(i, $"b{i}: &b{i} [*b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}]");
                        lines.Insert(10, "? *b9");
                        lines.Insert(11, ": 1");
                        break;
                }
                break;
            }
            case Kind.Whitespace:
                switch (rng.Next(5))
                {
                    case 0: return "\uFEFF" + text;
                    case 1: return text.Replace("\n", "\r\n");
                    case 2: return text.Replace("\n", "\r");
                    case 3: lines[keyed] = "\t" + lines[keyed].TrimStart(' '); break;
                    default: lines[keyed] = lines[keyed].Replace(": ", ":\t"); break;
                }
                break;
            case Kind.EscapedText:
            {
                // Into a value the loader may quote back in an error (an id, a reference), where a break would split the line.
                var match = KeyLine().Match(lines[keyed]);
                if (!match.Success) break;
                string rest = lines[keyed][match.Length..].Trim();
                string word = rest.Length > 0 && char.IsLetter(rest[0]) ? new string(rest.TakeWhile(char.IsLetterOrDigit).ToArray()) : "x";
                int cut = rng.Next(word.Length + 1);
                lines[keyed] = match.Groups[1].Value + match.Groups[2].Value + ": \"" + word[..cut] + Escapes[rng.Next(Escapes.Length)] + word[cut..] + "\"";
                break;
            }
            case Kind.Unicode:
            {
                string odd = Oddities[rng.Next(Oddities.Length)];
                string line = lines[keyed];
                lines[keyed] = line.Insert(rng.Next(line.Length + 1), odd);
                break;
            }
        }
        return string.Join('\n', lines);
    }

    private static int? PickLine(List<string> lines, Random rng, Func<string, bool> fits)
    {
        for (int tries = 0; tries < 50; tries++)
        {
            int i = rng.Next(lines.Count);
            if (fits(lines[i])) return i;
        }
        return null;
    }

    private static Arbitrary<FuzzCase> Cases()
    {
        var mutation =
            from kind in Gen.Elements(Enum.GetValues<Kind>())
            from seed in Gen.Choose(0, int.MaxValue)
            select new Mutation(kind, seed);
        var gen =
            from scenario in Gen.Choose(0, Names.Length - 1)
            from count in Gen.Choose(1, 3)
            from mutations in Gen.ArrayOf(mutation, count)
            select new FuzzCase(scenario, mutations);
        // Shrinking drops mutations one at a time, so a failure is reported with the fewest that still cause it.
        return Arb.From(gen, c => c.Mutations.Length <= 1
            ? []
            : Enumerable.Range(0, c.Mutations.Length).Select(i => c with { Mutations = [.. c.Mutations[..i], .. c.Mutations[(i + 1)..]] }));
    }

    private static int CaseCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out int n) && n > 0 ? n : DefaultCases;

    /// <summary>
    /// The CI run draws the same cases every time, so a red build is this change's doing and replays as it failed;
    /// a night run (<c>FUZZ_CASES</c> set) draws fresh ones, from <c>FUZZ_SEED</c> when given.
    /// </summary>
    private static Config Configured()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(CaseCount());
        bool night = Environment.GetEnvironmentVariable("FUZZ_CASES") is { Length: > 0 };
        ulong? seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out ulong s) ? s : night ? null : 2016UL;
        return seed is { } fixedSeed
            ? config.WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(fixedSeed, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None)))
            : config;
    }

    [Fact]
    public void Mutated_scenarios_get_located_errors_or_run_with_invariants_holding()
    {
        using var dir = CliHarness.TempDir();
        string path = dir.File("case.yaml");
        Prop.ForAll(Cases(), c =>
        {
            byte[] bytes = c.Bytes();
            File.WriteAllBytes(path, bytes);
            try
            {
                Check(path);
            }
            catch (Exception e)
            {
                // The mutated text is kept where it can be opened, with only the changed lines in the message: a
                // whole scenario would bury the reason.
                string kept = Path.Combine(Path.GetTempPath(), "conflictsim-fuzz-failure.yaml");
                File.WriteAllBytes(kept, bytes);
                throw new Xunit.Sdk.XunitException($"case {c}: {e.Message}\nchanged lines:\n{ChangedLines(Originals[c.Scenario], bytes)}\nwhole text: {kept}");
            }
        }).Check(Configured());
    }

    private static string ChangedLines(byte[] original, byte[] mutated)
    {
        var before = Encoding.UTF8.GetString(original).Split('\n').ToHashSet();
        var changed = Encoding.UTF8.GetString(mutated).Split('\n').Select((l, i) => (l, i)).Where(x => !before.Contains(x.l))
            .Take(10).Select(x => $"  {x.i + 1}: {(x.l.Length > 300 ? x.l[..300] + "…" : x.l)}");
        return string.Join('\n', changed);
    }

    private static void Check(string path)
    {
        var clock = Stopwatch.StartNew();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var validated = CliHarness.Run("validate", path);
        CheckOutput("validate", path, validated);
        if (validated.Exit == 0)
        {
            var ran = CliHarness.Run("run", path, "--days", "30", "--json");
            CheckOutput("run", path, ran);
            Assert.True(ran.Exit == 0, $"validate accepted the file but run exited {ran.Exit}: {ran.Err}");
            if (!ConflictSim.Cli.Commands.ScenarioFile.IsCivilViolence(path))
            {
                var loaded = ScenarioLoader.LoadFile(path);
                Assert.True(loaded.Ok, "validate accepted the file but the loader did not");
                var sim = new Simulation(Scenario.Compile(loaded.Spec!), loaded.Spec!.Seed, new SimulationOptions { Days = 30 });
                while (!sim.Finished)
                {
                    sim.Step();
                    InvariantTests.CheckInvariants(sim, tolerance: 1e-9);
                }
            }
        }
        Assert.True(clock.Elapsed < PerCase, $"took {clock.Elapsed.TotalSeconds:F1} s; the limit is {PerCase.TotalSeconds} s");
        // The CLI runs on this thread, so its allocations are counted here and not those of tests running beside it.
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < PerCaseBytes, $"allocated {allocated / (1 << 20)} MB; the limit is {PerCaseBytes / (1 << 20)} MB");
    }

    private static void CheckOutput(string command, string path, CliResult result)
    {
        Assert.True(result.Exit is 0 or 1 or 2, $"{command} exited {result.Exit}: {result.Err}");
        foreach (string output in new[] { result.Out, result.Err })
        {
            Assert.False(StackFrame().IsMatch(output), $"{command} printed a stack trace: {output}");
            Assert.False(ExceptionName().IsMatch(output), $"{command} printed an exception type: {output}");
        }
        var lines = result.Err.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Where(l => l.Length > 0).ToArray();
        if (result.Exit != 0) Assert.True(lines.Length > 0, $"{command} exited {result.Exit} without saying why");
        bool fileLevel = lines.Length == 1 && lines[0].StartsWith("conflictsim: ", StringComparison.Ordinal);
        if (fileLevel) return;
        string located = Regex.Escape(path) + @":\d+:\d+: \S";
        foreach (string line in lines)
            Assert.True(Regex.IsMatch(line, "^" + located), $"{command}: error without FILE:LINE:COL: {line}");
    }
}
