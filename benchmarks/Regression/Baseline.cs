using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConflictSim.Cli.Output;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>One benchmark case's figures: BenchmarkDotNet's full name (with parameters), mean and bytes allocated per operation.</summary>
internal sealed record BaselineEntry(string Name, double MeanNs, long? AllocatedBytes);

/// <summary>
/// benchmarks/baseline.json: the last figures of the quick subset and where, when and how they were measured (issue 5:
/// "the machine it was measured on; the date", "the exact command"). Written only by `quick --write-baseline`.
/// </summary>
internal sealed record Baseline(
    string Format,
    DateTimeOffset Date,
    string Machine,
    string Runtime,
    [property: JsonPropertyName("benchmarkdotnet")] string BenchmarkDotNet,
    string Job,
    string Command,
    IReadOnlyList<BaselineEntry> Benchmarks)
{
    public const string CurrentFormat = "conflictsim-bench-baseline/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        // Benchmark names carry quotes and angle brackets from their parameters; this file is for people and tools, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Parses a baseline; a malformed one throws <see cref="BaselineFormatException"/> naming FILE:LINE:COL.</summary>
    public static Baseline FromJson(string json, string fileName)
    {
        Baseline? baseline;
        try { baseline = JsonSerializer.Deserialize<Baseline>(json, JsonOptions); }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are zero-based; a message without a position is our own wording.
            string where = e.LineNumber is long line ? $"{fileName}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : fileName;
            throw new BaselineFormatException($"{where}: {FirstSentence(e.Message)}; expected a baseline written by `quick --write-baseline`");
        }
        if (baseline is null) throw new BaselineFormatException($"{fileName}:1:1: the file holds null; expected a baseline object");
        if (baseline.Format != CurrentFormat)
            throw new BaselineFormatException($"{fileName}: format is \"{baseline.Format}\"; expected \"{CurrentFormat}\"");
        return baseline;
    }

    public static Baseline Read(string path) => FromJson(File.ReadAllText(path), path);

    /// <summary>Writes FILE.tmp and renames it over the target, so an interrupted write leaves the previous baseline.</summary>
    public void Write(string path)
    {
        using var file = new AtomicTextFile(path);
        file.Writer.Write(ToJson());
        file.Commit();
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}

internal sealed class BaselineFormatException(string message) : Exception(message);
