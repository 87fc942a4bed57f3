using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConflictSim.Alliances;
using ConflictSim.Cli.Commands;

namespace ConflictSim.Cli.Output;

/// <summary>The text and JSON reports of `conflictsim blocs`.</summary>
internal static class BlocsReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Up to this many actors, every minimum gets its own frustration table.</summary>
    public const int FrustrationTablesUpTo = 12;

    public const string EnergyConvention =
        "ordered pairs i != j: each unordered pair counts twice, as in Axelrod & Bennett (1993); halve for the unordered sum";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Minima listed in the text report; the JSON lists every one.</summary>
    public const int MinimaShown = 25;

    public static void WriteText(BlocsProblem problem, BlocsOptions options, LandscapeSearch search, IReadOnlyList<LandscapeMinimum>? any, TextWriter w)
    {
        int n = problem.Actors.Length;
        w.WriteLine($"Landscape theory of aggregation (Axelrod & Bennett 1993): {n} actor{(n == 1 ? "" : "s")} from {problem.Source}");
        w.WriteLine("Frustration F_i = Σ_j s_j·p_ij·d_ij, with d_ij = 1 when i and j are in different blocs; lower is better.");
        w.WriteLine("Energy E = Σ_i s_i·F_i = Σ s_i·s_j·p_ij·d_ij over ordered pairs i ≠ j: each pair counts twice, as in");
        w.WriteLine("Axelrod & Bennett; halve it for the sum over unordered pairs.");
        w.WriteLine($"Inputs: {problem.Measures}.");
        if (problem.Omitted.Length > 0)
            w.WriteLine($"Omitted (no initial fighters): {string.Join(", ", problem.Omitted)}.");
        w.WriteLine();

        var actors = problem.Strength is null
            ? new TextTable(("Actor", false), ("Size", true))
            : new TextTable(("Actor", false), ("Strength", true), ("Size", true));
        for (int i = 0; i < n; i++)
        {
            if (problem.Strength is { } strength) actors.Add(problem.Actors[i], strength[i].ToString("#,0.#", Inv), Num(problem.Sizes[i]));
            else actors.Add(problem.Actors[i], Num(problem.Sizes[i]));
        }
        actors.WriteTo(w);
        w.WriteLine();

        if (search.Exhaustive)
            w.WriteLine($"Search: exhaustive over {search.Configurations:#,0} two-bloc configurations (2^{n - 1}; {problem.Actors[0]} kept in bloc A).");
        else
            w.WriteLine($"Search: local search, {search.Starts:#,0} descents from random configurations (seed {search.Seed}), because " +
                        $"{n} actors exceed --exhaustive-max {options.ExhaustiveMax}. The list may be incomplete.");
        w.WriteLine("A local minimum is a configuration where no single actor can lower its frustration (and so E) by switching.");
        w.WriteLine($"Local minima: {search.Minima.Count}");
        // One frustration table per minimum reads well for a handful of actors; beyond that only the first gets one.
        bool everyTable = n <= FrustrationTablesUpTo;
        if (!everyTable && search.Minima.Count > 1)
            w.WriteLine($"Frustrations are shown for the first minimum only ({n} actors); --json gives them for every minimum.");

        // A thousand minima of two thousand actors is megabytes nobody reads on a terminal; the JSON keeps them all.
        int shown = Math.Min(search.Minima.Count, MinimaShown);
        for (int m = 0; m < shown; m++)
        {
            var min = search.Minima[m];
            w.WriteLine();
            string label = m == 0 ? (search.Exhaustive ? " (global minimum)" : " (lowest found)") : "";
            w.WriteLine($"Minimum {m + 1}{label}: E = {Num(min.Energy)}");
            w.WriteLine($"  Bloc A: {Members(problem, min, 0)}");
            w.WriteLine($"  Bloc B: {Members(problem, min, 1)}");
            if (m > 0 && !everyTable) continue;
            var table = new TextTable(("Actor", false), ("Bloc", false), ("Frustration", true));
            for (int i = 0; i < n; i++) table.Add(problem.Actors[i], min.Blocs[i] == 0 ? "A" : "B", Num(min.Frustration[i]));
            table.WriteTo(w);
        }
        if (shown < search.Minima.Count)
            w.WriteLine($"\n… and {search.Minima.Count - shown:#,0} more local minima, in order of energy: --json lists them all.");

        if (!options.AnyBlocs) return;
        w.WriteLine();
        if (any is null)
        {
            w.WriteLine($"Any number of blocs: skipped; {n} actors exceed {BlocsCommand.AnyBlocsMax}.");
            return;
        }
        w.WriteLine($"Any number of blocs (every partition; an actor may also stand alone): {any.Count} local minim{(any.Count == 1 ? "um" : "a")}");
        for (int m = 0; m < any.Count; m++)
        {
            var min = any[m];
            var blocs = new List<string>();
            for (int b = 0; b < min.BlocCount; b++) blocs.Add("{" + Members(problem, min, b) + "}");
            w.WriteLine($"  {m + 1}. E = {Num(min.Energy)}: {string.Join(" ", blocs)}");
        }
    }

    public static void WriteJson(BlocsProblem problem, BlocsOptions options, LandscapeSearch search, IReadOnlyList<LandscapeMinimum>? any, TextWriter writer)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            int n = problem.Actors.Length;
            json.WriteStartObject();
            json.WriteString("model", "Axelrod & Bennett (1993), A landscape theory of aggregation, BJPS 23:211-233");
            json.WriteString("source", problem.Source);
            json.WriteString("inputs", problem.Measures);
            json.WriteString("energy", EnergyConvention);

            json.WriteStartArray("actors");
            for (int i = 0; i < n; i++)
            {
                json.WriteStartObject();
                json.WriteString("id", problem.Actors[i]);
                json.WriteNumber("size", problem.Sizes[i]);
                if (problem.Strength is { } strength) json.WriteNumber("strength", strength[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("omitted");
            foreach (string id in problem.Omitted) json.WriteStringValue(id);
            json.WriteEndArray();

            json.WriteStartObject("search");
            if (search.Exhaustive)
            {
                json.WriteString("method", "exhaustive");
                json.WriteNumber("configurations", search.Configurations);
                json.WriteBoolean("complete", true);
            }
            else
            {
                json.WriteString("method", "local");
                json.WriteNumber("starts", search.Starts);
                json.WriteNumber("seed", search.Seed);
                json.WriteNumber("exhaustive_max", options.ExhaustiveMax);
                json.WriteBoolean("complete", false);
            }
            json.WriteEndObject();

            json.WriteStartArray("minima");
            foreach (var min in search.Minima) Minimum(json, problem, min, 2);
            json.WriteEndArray();

            if (options.AnyBlocs)
            {
                if (any is null)
                {
                    json.WriteNull("any_blocs");
                }
                else
                {
                    json.WriteStartArray("any_blocs");
                    foreach (var min in any) Minimum(json, problem, min, min.BlocCount);
                    json.WriteEndArray();
                }
            }
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    private static void Minimum(Utf8JsonWriter json, BlocsProblem problem, LandscapeMinimum min, int blocCount)
    {
        json.WriteStartObject();
        json.WriteNumber("energy", min.Energy);
        json.WriteStartArray("blocs");
        for (int b = 0; b < blocCount; b++)
        {
            json.WriteStartArray();
            for (int i = 0; i < min.Blocs.Length; i++)
                if (min.Blocs[i] == b) json.WriteStringValue(problem.Actors[i]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartObject("frustration");
        for (int i = 0; i < min.Blocs.Length; i++) json.WriteNumber(problem.Actors[i], min.Frustration[i]);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Members(BlocsProblem problem, LandscapeMinimum min, int bloc)
    {
        var names = new List<string>();
        for (int i = 0; i < min.Blocs.Length; i++)
            if (min.Blocs[i] == bloc) names.Add(problem.Actors[i]);
        return names.Count == 0 ? "(none)" : string.Join(", ", names);
    }

    /// <summary>Six decimals at most, and never "-0".</summary>
    private static string Num(double x) => Math.Abs(x) < 5e-7 ? "0" : x.ToString("0.######", Inv);
}
