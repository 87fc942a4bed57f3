using ConflictSim.CivilViolenceGrid;
using ConflictSim.Scenarios;

namespace ConflictSim.Benchmarks;

/// <summary>Finds and compiles the repository's scenarios from wherever BenchmarkDotNet runs the benchmark process.</summary>
public static class ScenarioFiles
{
    /// <summary>The five scenarios drawn from the articles, in the order of the scenarios table.</summary>
    public static readonly string[] Articles =
        ["sirte-2016.yaml", "sidra-2016.yaml", "libya-2016.yaml", "derna-2015.yaml", "isis-regroup-2017.yaml"];

    public static Scenario Load(string name)
    {
        var result = ScenarioLoader.LoadFile(Path(name));
        if (!result.Ok) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
        return Scenario.Compile(result.Spec!);
    }

    public static CivilViolenceSpec LoadCivilViolence(string name)
    {
        var result = CivilViolenceLoader.LoadFile(Path(name));
        if (!result.Ok) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = System.IO.Path.Combine(dir.FullName, "scenarios", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"scenarios/{name} not found above {AppContext.BaseDirectory}");
    }
}
