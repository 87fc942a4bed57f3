using BenchmarkDotNet.Loggers;

namespace ConflictSim.Benchmarks.Regression;

/// <summary>
/// Passes on one line per benchmark case and every error; BenchmarkDotNet's full log (hundreds of lines per case)
/// still goes to its log file in BenchmarkDotNet.Artifacts.
/// </summary>
internal sealed class ProgressLogger(TextWriter writer) : ILogger
{
    private const string Marker = "// Benchmark: ";

    public string Id => nameof(ProgressLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        if (logKind == LogKind.Error) writer.Write(text);
    }

    public void WriteLine() { }

    public void WriteLine(LogKind logKind, string text)
    {
        if (logKind == LogKind.Error) writer.WriteLine(text);
        else if (text.StartsWith(Marker, StringComparison.Ordinal)) writer.WriteLine("running " + text[Marker.Length..]);
    }

    public void Flush() => writer.Flush();
}
