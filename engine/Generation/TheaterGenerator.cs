using System.Globalization;

namespace ConflictSim.Generation;

/// <summary>
/// Synthetic theaters for scaling studies (issue 5): a pure, seeded function from <see cref="TheaterParameters"/>
/// to the text of a valid <c>conflictsim/1</c> scenario. The same parameters give byte-identical text on any
/// machine. How the map and the factions are laid out is described on <see cref="Theater"/>.
/// <para>
/// The text is streamed: the generator holds O(R + L + F²) numbers, never the document, so a 100,000-region,
/// 200-faction theater costs a few tens of megabytes to write.
/// </para>
/// </summary>
public static class TheaterGenerator
{
    /// <summary>The scenario as one string. Throws <see cref="ArgumentException"/> when <see cref="TheaterParameters.Problem"/> reports one.</summary>
    public static string Generate(TheaterParameters parameters)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Generate(parameters, text);
        return text.ToString();
    }

    /// <summary>Writes the scenario to <paramref name="writer"/>. Throws <see cref="ArgumentException"/> on bad parameters before writing anything.</summary>
    public static void Generate(TheaterParameters parameters, TextWriter writer)
    {
        if (parameters.Problem() is { } problem) throw new ArgumentException(problem, nameof(parameters));
        new TheaterWriter(Theater.Build(parameters), writer).Write();
    }

    /// <summary>The id the generated scenario carries, e.g. <c>synthetic-r1000-f10-s1</c> (<c>…-plain</c> for a <see cref="TheaterParameters.Plain"/> theater).</summary>
    public static string ScenarioId(TheaterParameters p) =>
        string.Create(CultureInfo.InvariantCulture, $"synthetic-r{p.Regions}-f{p.Factions}-s{p.Seed}{(p.Plain ? "-plain" : "")}");
}
