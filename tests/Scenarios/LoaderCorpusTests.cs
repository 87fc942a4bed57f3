using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>
/// The loader says of 400 mutated scenarios and theaters (<see cref="LoaderCorpus"/>) what it said before its document
/// model was replaced: tests/data/golden/loader-corpus.txt was written by the same corpus compiled against the engine
/// at e0ef528 (YamlDotNet's representation model), and holds each case's spec digest or its first five errors with
/// their positions. A deliberate change to a message regenerates it with CONFLICTSIM_UPDATE_GOLDEN=1.
/// </summary>
public class LoaderCorpusTests
{
    [Fact]
    public void Every_case_loads_to_the_spec_or_the_errors_the_former_loader_gave()
    {
        string golden = Path.Combine(Repository.Root, "tests", "data", "golden", "loader-corpus.txt");
        string now = LoaderCorpus.Describe(Path.Combine(Repository.Root, "tests", "data", "loader-corpus"));
        if (Environment.GetEnvironmentVariable("CONFLICTSIM_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, now);

        var expected = File.ReadAllText(golden).ReplaceLineEndings("\n").Split('\n');
        var actual = now.Split('\n');
        for (int i = 0; i < Math.Min(expected.Length, actual.Length); i++)
            Assert.True(expected[i] == actual[i], $"line {i + 1} of loader-corpus.txt: expected\n{expected[i]}\ngot\n{actual[i]}");
        Assert.Equal(expected.Length, actual.Length);
    }
}
