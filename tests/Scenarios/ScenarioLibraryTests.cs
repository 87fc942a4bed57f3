using System.Text.RegularExpressions;
using ConflictSim.Scenarios;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Scenarios;

/// <summary>The shipped scenarios: valid, runnable, and faithful to the articles they cite.</summary>
public class ScenarioLibraryTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repository.Scenarios, "*.yaml").Order(StringComparer.Ordinal))
            if (ScenarioModel.Of(File.ReadAllText(path)) == ScenarioModel.Conflict) data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>Files of Epstein's grid model; they cite papers under references:, checked by their loader.</summary>
    public static TheoryData<string> CivilViolenceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repository.Scenarios, "*.yaml").Order(StringComparer.Ordinal))
            if (ScenarioModel.Of(File.ReadAllText(path)) == ScenarioModel.CivilViolence) data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(CivilViolenceFiles))]
    public void Every_civil_violence_file_validates_and_runs(string file)
    {
        var result = ConflictSim.CivilViolenceGrid.CivilViolenceLoader.LoadFile(Repository.Scenario(file));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        var model = new ConflictSim.CivilViolenceGrid.CivilViolenceModel(result.Spec!, result.Spec!.Seed);
        model.Run();
        Assert.Equal(result.Spec.Steps, model.StepNumber);
        Assert.Equal(model.Citizens, model.Quiet + model.Active + model.Jailed);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_validates_and_runs(string file)
    {
        var result = ScenarioLoader.LoadFile(Repository.Scenario(file));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        var sim = new Simulation(Scenario.Compile(result.Spec!), 1);
        sim.Run();
        Assert.Equal(result.Spec!.Days, sim.State.Day);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_quote_is_verbatim_in_the_article_it_cites(string file)
    {
        string? seeds = Repository.Seeds;
        if (seeds is null)
        {
            // CI always has the articles beside the clone; elsewhere they may be absent and cannot be checked.
            Assert.Null(Environment.GetEnvironmentVariable("CI"));
            return;
        }
        var citations = ScenarioLoader.ReadCitations(File.ReadAllText(Repository.Scenario(file)));
        Assert.NotEmpty(citations);
        foreach (var c in citations)
        {
            if (c.Source == "DOMAIN.md") continue;
            string article = Path.Combine(seeds, c.Source);
            Assert.True(File.Exists(article), $"{file}:{c.Line}:{c.Column}: cites {c.Source}, which is not among the articles");
            Assert.True(Normalise(File.ReadAllText(article)).Contains(Normalise(c.Quote), StringComparison.Ordinal),
                $"{file}:{c.Line}:{c.Column}: \"{c.Quote}\" is not in {c.Source}");
        }
    }

    [Fact]
    public void Sirte_cites_the_articles_it_is_built_from()
    {
        var sources = ScenarioLoader.ReadCitations(File.ReadAllText(Repository.Scenario("sirte-2016.yaml")))
            .Select(c => c.Source).ToHashSet();
        Assert.Contains("000_54e5f50aa26177d4.txt", sources);
        Assert.Contains("002_125b2086e87d3e07.txt", sources);
    }

    [Fact]
    public void Sidra_cites_the_article_it_is_built_from()
    {
        var sources = ScenarioLoader.ReadCitations(File.ReadAllText(Repository.Scenario("sidra-2016.yaml")))
            .Select(c => c.Source).ToHashSet();
        Assert.Contains("003_6068cf003668bb43.txt", sources);
    }

    // Typographic quotes and runs of white space differ between copies of an article; the words must not.
    private static string Normalise(string text) =>
        Regex.Replace(text.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"'), @"\s+", " ").Trim();
}
