using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ConflictSim.Scenarios;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// A fixed corpus of scenario texts (tests/data/loader-corpus: copies of the shipped scenarios and a generated theater,
/// frozen so that recalibrating a scenario or changing the generator does not move it), each mutated the ways edits
/// and hostile files change text, and what the loader says of each: the spec's digest, or its first errors. Only the
/// engine's public API is used, so the same file compiled against an older engine writes the golden file the current
/// one is held to (tests/data/golden/loader-corpus.txt; see <see cref="LoaderCorpusTests"/>).
/// </summary>
public static partial class LoaderCorpus
{
    public const int Cases = 400;

    /// <summary>What the loader says of every case, one block per case.</summary>
    public static string Describe(string corpusDirectory)
    {
        var bases = Directory.GetFiles(corpusDirectory, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var report = new StringBuilder();
        for (int i = 0; i < Cases; i++)
        {
            var rng = new Random(i);
            string text = bases[i % bases.Count];
            int changes = 1 + rng.Next(3);
            for (int c = 0; c < changes; c++) text = Mutate(text, rng.Next(9), rng.Next());
            var result = ScenarioLoader.LoadText(text, "case.yaml");
            report.Append("case ").Append(i).Append(": ");
            if (result.Ok) report.Append("ok ").Append(Digest(result.Spec!)).Append('\n');
            else
            {
                report.Append(result.Errors.Count).Append(" errors\n");
                foreach (var e in result.Errors.Take(5)) report.Append("  ").Append(e).Append('\n');
            }
        }
        return report.ToString();
    }

    private static string Digest(ScenarioSpec spec)
    {
        var json = JsonSerializer.Serialize(spec, new JsonSerializerOptions { IncludeFields = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
    }

    private static readonly string[] Insertions =
        ["&a ", "*a", "!!str ", "{", "}", "[", "]", ",", ": ", " #", "\t", "\"", "'", "\\", "|", ">", "- ", "? ", "~", "é", "x", "1"];

    /// <summary>One text change, seeded; most aim at a line holding a key.</summary>
    public static string Mutate(string text, int kind, int seed)
    {
        var rng = new Random(seed);
        var lines = text.Split('\n').ToList();
        int at = rng.Next(lines.Count);
        var keyed = Enumerable.Range(0, lines.Count).Where(i => KeyLine().IsMatch(lines[i])).ToList();
        if (keyed.Count > 0 && rng.Next(4) > 0) at = keyed[rng.Next(keyed.Count)];
        switch (kind)
        {
            case 0: lines.RemoveAt(at); break;
            case 1: lines.Insert(at, lines[at]); break;
            case 2: lines[at] = new string(' ', 1 + rng.Next(3)) + lines[at]; break;
            case 3: lines[at] = Regex.Replace(lines[at], @"\b\d+(\.\d+)?\b", m => rng.Next(3) switch { 0 => "-1", 1 => "1e13", _ => m.Value + "0" }); break;
            case 4:
            {
                int col = lines[at].Length == 0 ? 0 : rng.Next(lines[at].Length);
                lines[at] = lines[at].Insert(col, Insertions[rng.Next(Insertions.Length)]);
                break;
            }
            case 5: lines[at] = Regex.Replace(lines[at], @"(\w+): ", m => rng.Next(3) == 0 ? m.Groups[1].Value + "x: " : m.Value); break; // unknown keys
            case 6: lines[at] = Regex.Replace(lines[at], @": ([a-z]\w*)", m => rng.Next(2) == 0 ? ": " + m.Groups[1].Value + "_q" : m.Value); break; // dangling references
            case 7: lines[at] = Regex.Replace(lines[at], @"(source|assumption|quote): ", m => "note: "); break; // provenance lost
            default: return text[..rng.Next(text.Length + 1)];
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^\s*-?\s*\{?[A-Za-z_][A-Za-z0-9_]*:")]
    private static partial Regex KeyLine();
}
