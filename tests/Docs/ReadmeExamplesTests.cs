using System.Text.RegularExpressions;
using ConflictSim.Tests.Cli;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Docs;

/// <summary>
/// README.md's examples against the live scenario files and the live command line, so an example that drifts
/// fails here. Only what is deterministic is pinned verbatim (blocs on initial trust, error messages, the shape
/// of validate's line); sampled outputs move whenever the random streams do, so commands that sample are run
/// with tiny run counts and checked for success, and long ones only parsed.
/// </summary>
public partial class ReadmeExamplesTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");

    private sealed record Block(string Language, string Body, int Line);

    private static List<Block> Blocks() =>
        FencePattern().Matches(Readme)
            .Select(m => new Block(m.Groups[1].Value, m.Groups[2].Value, Readme[..m.Index].Count(c => c == '\n') + 1))
            .ToList();

    /// <summary>The fenced block that follows <paramref name="sentence"/> (a fragment of the prose just before it).</summary>
    private static Block BlockAfter(string sentence)
    {
        int at = Readme.IndexOf(sentence, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md no longer says \"{sentence}\"");
        int line = Readme[..at].Count(c => c == '\n') + 1;
        return Blocks().First(b => b.Line > line);
    }

    [Fact]
    public void The_blocs_example_is_what_blocs_prints_for_the_default_scenario()
    {
        var intro = BlocsIntro().Match(Readme);
        Assert.True(intro.Success, "README.md no longer introduces the blocs example");
        var block = BlockAfter(intro.Value);
        Assert.Equal("text", block.Language);

        var result = CliHarness.Run("blocs", Repository.Scenario(intro.Groups["file"].Value.Replace("scenarios/", "")));

        Assert.Equal(0, result.Exit);
        string output = result.Out.ReplaceLineEndings("\n");
        Assert.Contains(block.Body, output);
        Assert.Contains($"exhaustive over {intro.Groups["configurations"].Value} two-bloc configurations", output);
        Assert.Contains($"Local minima: {(intro.Groups["count"].Value == "one" ? "1" : intro.Groups["count"].Value)}\n", output);
    }

    [Fact]
    public void The_override_error_examples_are_the_messages_sweep_gives()
    {
        var block = BlockAfter("so a mistake is one line naming the flag:");
        var lines = block.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);

        foreach (var line in lines)
        {
            var example = OverrideError().Match(line);
            Assert.True(example.Success, $"README.md line not in the form 'conflictsim: --flag path=value: message': {line}");
            using var output = new TempDirectory();

            var result = CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "1", "--out", output.Path,
                example.Groups["flag"].Value, example.Groups["value"].Value);

            // A bad path or value is a usage error, as README.md's exit-code table says.
            Assert.Equal(2, result.Exit);
            string actual = result.Err.ReplaceLineEndings("\n").Split('\n')[0];
            // The README shortens a long list of keys with "…"; what it shows must still be the message's start.
            if (line.EndsWith('…')) Assert.StartsWith(line[..^1], actual);
            else Assert.Equal(line, actual);
        }
    }

    [Fact]
    public void The_validate_line_is_the_one_validate_prints()
    {
        foreach (var (form, file) in new[] { ("FILE: ok (N regions", "sirte-2016.yaml"), ("FILE: ok (civil-violence", "epstein-2002.yaml") })
        {
            var span = InlineCode().Matches(Readme).Select(m => m.Groups[1].Value.Replace("\n", " ")).FirstOrDefault(s => s.StartsWith(form, StringComparison.Ordinal));
            Assert.True(span is not null, $"README.md no longer shows validate's line starting '{form}'");
            string path = Repository.Scenario(file);

            var result = CliHarness.Run("validate", path);

            Assert.Equal(0, result.Exit);
            Assert.Matches("^" + PlaceholderPattern(span!, path) + "$", result.Out.TrimEnd());
        }
    }

    /// <summary>
    /// Every concrete command line (in ```sh blocks and in `code` in the prose): it parses, the scenarios it names
    /// exist, and, unless it is a long sweep's shard merge or the default 1,000-run sweep, it runs and succeeds
    /// with its run counts cut to 2 and its outputs in a scratch directory.
    /// </summary>
    [Fact]
    public async Task Every_command_line_in_the_readme_parses_and_the_quick_ones_run()
    {
        var commands = CommandLines().ToList();
        Assert.Contains(commands, c => c.Args.FirstOrDefault() == "sweep");
        Assert.Contains(commands, c => c.Args.FirstOrDefault() == "compare");
        Assert.Contains(commands, c => c.Args is ["serve", .., "--resume", _]);
        int ran = 0;

        using var scratch = new TempDirectory();
        var outs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, args) in commands)
        {
            var parsed = ConflictSim.Cli.Cli.BuildRoot(TextWriter.Null, TextWriter.Null).Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"{source}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            foreach (var scenario in args.Where(a => a.StartsWith("scenarios/", StringComparison.Ordinal)))
                Assert.True(File.Exists(Path.Combine(Repository.Root, scenario)), $"{source}: {scenario} does not exist");

            if (args.Length == 0 || args[0] == "merge" || args.Any(a => a.EndsWith(".csv", StringComparison.Ordinal))) continue;
            if (args[0] == "serve")
            {
                await Serve(source, args, scratch.Path);
                ran++;
                continue;
            }
            var quick = Quick(args, scratch.Path, outs);
            var result = CliHarness.Run(quick);
            Assert.True(result.Exit == 0, $"{source}\n  ran as: conflictsim {string.Join(' ', quick)}\n  exit {result.Exit}: {result.Err}");
            ran++;
        }
        Assert.True(ran >= 8, $"only {ran} README commands ran");
    }

    /// <summary>
    /// A `serve` example as a real process, on a free port and with its session directory in scratch (the same
    /// directory for a later `--resume` of it): it must print White's link and one per cell, then it is stopped.
    /// </summary>
    private static async Task Serve(string source, string[] args, string scratch)
    {
        var served = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--session" or "--resume" && i + 1 < args.Length) { served.Add(args[i]); served.Add(Path.Combine(scratch, args[++i])); }
            else if (args[i] == "--port" && i + 1 < args.Length) { served.Add("--port"); served.Add("0"); i++; }
            else served.Add(args[i].StartsWith("scenarios/", StringComparison.Ordinal) ? Path.Combine(Repository.Root, args[i]) : args[i]);
        }
        if (!served.Contains("--port")) served.AddRange(["--port", "0"]);
        if (!served.Contains("--session") && !served.Contains("--resume")) served.AddRange(["--session", Path.Combine(scratch, Guid.NewGuid().ToString("N"))]);
        using var p = CliProcess.Start([.. served]);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var lines = new List<string>();
            while (await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Ctrl+C", StringComparison.Ordinal)) break;
            }
            Assert.True(lines.Any(l => l.StartsWith("White (control): http://", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("Cell ", StringComparison.Ordinal)),
                $"{source}\n  ran as: conflictsim {string.Join(' ', served)}\n  printed: {string.Join(" | ", lines)}\n  {await ErrorsOf(p)}");
        }
        finally
        {
            if (!p.HasExited) p.Kill();
            await p.WaitForExitAsync();
        }
    }

    private static async Task<string> ErrorsOf(System.Diagnostics.Process p)
    {
        if (!p.HasExited) p.Kill();
        return await p.StandardError.ReadToEndAsync();
    }

    /// <summary>The README's concrete command lines as conflictsim arguments, each with where it was found.</summary>
    private static IEnumerable<(string Source, string[] Args)> CommandLines()
    {
        foreach (var block in Blocks().Where(b => b.Language == "sh"))
        {
            string joined = block.Body.Replace("\\\n", " ");
            foreach (var line in joined.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string command = Regex.Replace(line, @"\s+#.*$", "");
                foreach (var part in command.Split("&&"))
                    if (ConflictsimArgs(part) is { } args) yield return ($"README.md:{block.Line}: {part.Trim()}", args);
            }
        }
        foreach (Match span in InlineCode().Matches(Readme))
        {
            string text = span.Groups[1].Value.Replace("\n", " ");
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Placeholders (FILE, DIR..., p=v, [options], R) make a synopsis, not an example.
            if (tokens.Any(t => t.Contains('…') || t.Contains('[') || t == "p=v" || Regex.IsMatch(t, @"^[A-Z]+(\.\.\.|\.yaml)?$"))) continue;
            // A bare command name in prose ("`conflictsim blocs`") names the command; it is not a command line.
            if (tokens is ["conflictsim", var word] && !word.StartsWith('-')) continue;
            if (ConflictsimArgs(text) is { } args) yield return ($"README.md: `{text}`", args);
        }
    }

    /// <summary>The arguments conflictsim gets from a `conflictsim …` or `dotnet run --project runner … --` line; null for other tools.</summary>
    private static string[]? ConflictsimArgs(string line)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens is ["conflictsim", .. var rest]) return rest;
        if (tokens is ["dotnet", "run", ..])
        {
            int project = Array.IndexOf(tokens, "--project");
            Assert.True(project > 0 && Directory.Exists(Path.Combine(Repository.Root, tokens[project + 1])), $"{line}: no such project");
            int separator = Array.IndexOf(tokens, "--");
            return tokens[project + 1] == "runner" ? (separator < 0 ? [] : tokens[(separator + 1)..]) : null;
        }
        return null;
    }

    /// <summary>
    /// The same command, quick: scenario paths made absolute, run counts and samples cut, outputs in scratch. A
    /// directory an earlier example wrote with --out (which `report` and `discover` then read) is the same scratch
    /// directory here. A sampled design keeps 10 runs per point, so the 20 runs `discover` needs are there.
    /// </summary>
    private static string[] Quick(string[] args, string scratch, Dictionary<string, string> outs)
    {
        var quick = new List<string>();
        bool sampled = args.Contains("--samples");
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "--runs" && i + 1 < args.Length) { quick.Add(a); quick.Add(sampled ? "10" : "2"); i++; }
            else if (a is "--samples" && i + 1 < args.Length) { quick.Add(a); quick.Add("2"); i++; }
            else if (a == "--out" && i + 1 < args.Length)
            {
                string original = args[++i];
                string written = Path.Combine(scratch, Guid.NewGuid().ToString("N"), original);
                if (!original.EndsWith(".yaml", StringComparison.Ordinal)) outs[original] = written; // a generated file goes below
                quick.Add(a);
                quick.Add(written);
            }
            else if (!a.StartsWith('-') && outs.TryGetValue(a, out var written)) quick.Add(written);
            else if (a.StartsWith("scenarios/", StringComparison.Ordinal)) quick.Add(Path.Combine(Repository.Root, a));
            else if (a.EndsWith(".yaml", StringComparison.Ordinal)) quick.Add(Path.Combine(scratch, a));
            else quick.Add(a);
        }
        // A generated file is written where `run` then reads it: in scratch, under the name the README uses.
        if (quick is ["generate", ..])
        {
            int at = quick.IndexOf("--out") + 1;
            quick[at] = Path.Combine(scratch, Path.GetFileName(quick[at]));
        }
        return [.. quick];
    }

    /// <summary>A README synopsis like "FILE: ok (N regions, …)" as a regular expression over the real output.</summary>
    private static string PlaceholderPattern(string synopsis, string path)
    {
        string pattern = Regex.Escape(synopsis.Replace("FILE", "\u0001"));
        pattern = Regex.Replace(pattern, @"\b(N|W|H)\b", @"\d+");
        return pattern.Replace("\u0001", Regex.Escape(path));
    }

    [GeneratedRegex(@"^```(\w*)\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"(?<!`)`([^`\n]+(?:\n[^`\n]+)?)`(?!`)")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"`conflictsim blocs (?<file>scenarios/[\w.-]+)` finds (?<count>\w+) minim\w+ among (?<configurations>\d+) configurations:")]
    private static partial Regex BlocsIntro();

    [GeneratedRegex(@"^conflictsim: (?<flag>--[\w-]+) (?<value>\S+): ")]
    private static partial Regex OverrideError();

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"conflictsim-readme-{Guid.NewGuid():N}");

        public TempDirectory() => Directory.CreateDirectory(Path);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }
    }
}
