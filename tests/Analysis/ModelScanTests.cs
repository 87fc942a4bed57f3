using System.Text;
using ConflictSim.Analysis;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Analysis;

/// <summary>
/// The byte scan that tells the command line a file is a conflict scenario without reading its text twice
/// (<see cref="ScenarioFiles.NamesNoModel"/>): it may only say so when the text cannot name a model, and must leave
/// every other file (another encoding, a backslash escape, a model key) to the full look.
/// </summary>
public class ModelScanTests
{
    [Fact]
    public void A_shipped_scenario_is_known_a_conflict_scenario_exactly_when_it_never_spells_model()
    {
        foreach (var file in Directory.GetFiles(Repository.Scenarios, "*.yaml"))
        {
            string text = File.ReadAllText(file);
            bool scan = ScenarioFiles.NamesNoModel(file);
            Assert.Equal(!text.Contains("model") && !text.Contains('\\'), scan);
            if (scan) Assert.Equal(ScenarioModel.Conflict, ScenarioModel.Of(text));
        }
    }

    [Theory]
    [InlineData("format: conflictsim/1\nmodel: civil-violence\n", false)]
    [InlineData("format: conflictsim/1\n\"mod\\x65l\": civil-violence\n", false)]
    [InlineData("format: conflictsim/1\nscenario: {id: a}\n", true)]
    public void The_scan_leaves_any_file_that_might_name_a_model_to_the_parse(string text, bool known)
    {
        string path = Path.Combine(Path.GetTempPath(), $"conflictsim-model-scan-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
            Assert.Equal(known, ScenarioFiles.NamesNoModel(path));
            // The same words in UTF-16 have a zero byte between letters: the scan cannot read them, so it does not answer.
            File.WriteAllText(path, text, Encoding.Unicode);
            Assert.False(ScenarioFiles.NamesNoModel(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_word_split_between_two_blocks_is_still_seen()
    {
        string path = Path.Combine(Path.GetTempPath(), $"conflictsim-model-scan-{Guid.NewGuid():N}.yaml");
        try
        {
            // "model" straddles the 1 MiB block boundary.
            File.WriteAllText(path, "# " + new string('x', (1 << 20) - 5) + "model: civil-violence\n", new UTF8Encoding(false));
            Assert.False(ScenarioFiles.NamesNoModel(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
