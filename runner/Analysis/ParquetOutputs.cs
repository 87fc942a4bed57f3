using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ConflictSim.Analysis;

/// <summary>
/// runs.parquet and timeseries.parquet, the columnar twins of runs.csv and timeseries.csv (Parquet.Net). runs.parquet
/// is made from the finished runs.csv, read as a stream and written in row groups of <see cref="RowGroup"/> rows, so
/// memory stays flat however many runs there are, and a resumed or merged sweep — whose runs.csv is byte-identical
/// to one uninterrupted sweep's — gets the same rows. Column types are kept: run and point are int32, seed uint64,
/// a parameter whose every value is a whole number int64 (else double), an outcome that is whole by construction
/// (days, counts, yes/no; <see cref="OutcomeInfo.Integer"/>) a nullable int64 (else a nullable double), and an
/// outcome that never happened is a null.
/// </summary>
internal static class ParquetOutputs
{
    public const string Runs = "runs.parquet", Timeseries = "timeseries.parquet";
    public const int RowGroup = 65_536;

    public static void WriteAll(string dir, SweepState state)
    {
        SweepOutputs.AtomicWrite(Path.Combine(dir, Runs), s => WriteRuns(Path.Combine(dir, SweepOutputs.Runs), state.Header, s));
        SweepOutputs.AtomicWrite(Path.Combine(dir, Timeseries), s => WriteTimeseries(state, s));
    }

    /// <summary>Whether parameter <paramref name="j"/> is whole at every point (so an int64 column).</summary>
    public static bool WholeParameter(SweepHeader h, int j) =>
        h.Points.All(p => p[j] == Math.Floor(p[j]) && Math.Abs(p[j]) < 9e15);

    public static ParquetSchema RunsSchema(SweepHeader h)
    {
        var fields = new List<Field> { new DataField<int>("run"), new DataField<ulong>("seed"), new DataField<int>("point") };
        for (int j = 0; j < h.Parameters.Length; j++)
            fields.Add(WholeParameter(h, j) ? new DataField<long>(h.Parameters[j]) : new DataField<double>(h.Parameters[j]));
        foreach (var o in h.Outcomes) fields.Add(o.Integer ? new DataField<long?>(o.Id) : new DataField<double?>(o.Id));
        return new ParquetSchema(fields);
    }

    private static void WriteRuns(string csvPath, SweepHeader h, Stream output) => WriteRunsAsync(csvPath, h, output).GetAwaiter().GetResult();

    private static async Task WriteRunsAsync(string csvPath, SweepHeader h, Stream output)
    {
        var schema = RunsSchema(h);
        var fields = schema.GetDataFields();
        int pars = h.Parameters.Length, outs = h.Outcomes.Length;
        var wholePar = Enumerable.Range(0, pars).Select(j => WholeParameter(h, j)).ToArray();
        var run = new int[RowGroup];
        var seed = new ulong[RowGroup];
        var point = new int[RowGroup];
        var parLong = wholePar.Select(w => w ? new long[RowGroup] : null).ToArray();
        var parDouble = wholePar.Select(w => w ? null : new double[RowGroup]).ToArray();
        var outLong = h.Outcomes.Select(o => o.Integer ? new long?[RowGroup] : null).ToArray();
        var outDouble = h.Outcomes.Select(o => o.Integer ? null : new double?[RowGroup]).ToArray();

        await using var writer = await ParquetWriter.CreateAsync(schema, output);
        using var reader = new StreamReader(new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        reader.ReadLine(); // header
        int n = 0;
        long line = 1;
        async Task Flush()
        {
            if (n == 0) return;
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], run.AsMemory(0, n));
            await group.WriteAsync<ulong>(fields[1], seed.AsMemory(0, n));
            await group.WriteAsync<int>(fields[2], point.AsMemory(0, n));
            for (int j = 0; j < pars; j++)
                if (wholePar[j]) await group.WriteAsync<long>(fields[3 + j], parLong[j]!.AsMemory(0, n));
                else await group.WriteAsync<double>(fields[3 + j], parDouble[j]!.AsMemory(0, n));
            for (int i = 0; i < outs; i++)
                if (outLong[i] is { } l) await group.WriteAsync<long>(fields[3 + pars + i], (ReadOnlyMemory<long?>)l.AsMemory(0, n));
                else await group.WriteAsync<double>(fields[3 + pars + i], (ReadOnlyMemory<double?>)outDouble[i]!.AsMemory(0, n));
            n = 0;
        }
        while (reader.ReadLine() is { } text)
        {
            line++;
            var cells = text.Split(',');
            if (cells.Length != 3 + pars + outs) throw new InvalidDataException($"{csvPath}:{line}: {cells.Length} cells; expected {3 + pars + outs}");
            run[n] = int.Parse(cells[0], CultureInfo.InvariantCulture);
            seed[n] = ulong.Parse(cells[1], CultureInfo.InvariantCulture);
            point[n] = int.Parse(cells[2], CultureInfo.InvariantCulture);
            for (int j = 0; j < pars; j++)
            {
                double v = double.Parse(cells[3 + j], CultureInfo.InvariantCulture);
                if (wholePar[j]) parLong[j]![n] = (long)v; else parDouble[j]![n] = v;
            }
            for (int i = 0; i < outs; i++)
            {
                string c = cells[3 + pars + i];
                double? v = c.Length == 0 ? null : double.Parse(c, CultureInfo.InvariantCulture);
                if (outLong[i] is { } l)
                {
                    if (v is { } x && x != Math.Floor(x))
                        throw new InvalidDataException($"{csvPath}:{line}: outcome {h.Outcomes[i].Id} is {c}; expected a whole number");
                    l[n] = v is { } y ? (long)y : null;
                }
                else outDouble[i]![n] = v;
            }
            if (++n == RowGroup) await Flush();
        }
        await Flush();
    }

    private static void WriteTimeseries(SweepState state, Stream output) => WriteTimeseriesAsync(state, output).GetAwaiter().GetResult();

    private static async Task WriteTimeseriesAsync(SweepState state, Stream output)
    {
        var h = state.Header;
        var fields = new List<DataField>
        {
            new DataField<int>("point"), new DataField<int>("day"), new DataField<string>("date"), new DataField<string>("faction"),
            new DataField<string>("metric"),
        };
        fields.AddRange(new[] { "p5", "p25", "p50", "p75", "p95" }.Select(q => new DataField<double>(q)));
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), output);
        var point = new int[RowGroup];
        var day = new int[RowGroup];
        var date = new string[RowGroup];
        var faction = new string[RowGroup];
        var metric = new string[RowGroup];
        var q = Enumerable.Range(0, 5).Select(_ => new double[RowGroup]).ToArray();
        int n = 0;
        async Task Flush()
        {
            if (n == 0) return;
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], point.AsMemory(0, n));
            await group.WriteAsync<int>(fields[1], day.AsMemory(0, n));
            await group.WriteAsync(fields[2], new ArraySegment<string>(date, 0, n));
            await group.WriteAsync(fields[3], new ArraySegment<string>(faction, 0, n));
            await group.WriteAsync(fields[4], new ArraySegment<string>(metric, 0, n));
            for (int k = 0; k < 5; k++) await group.WriteAsync<double>(fields[5 + k], q[k].AsMemory(0, n));
            n = 0;
        }
        if (h.Series)
            for (int p = 0; p < state.Points.Length; p++)
            {
                var series = state.Points[p].Series;
                for (int d = 0; d <= h.PointDays[p]; d++)
                {
                    string iso = h.Start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    for (int m = 0; m < h.Metrics; m++)
                    {
                        var values = series[d * h.Metrics + m].Quantiles(SweepOutputs.Quantiles);
                        point[n] = p; day[n] = d; date[n] = iso; faction[n] = h.Factions[m / 2];
                        metric[n] = m % 2 == 0 ? "fighters" : "regions_held";
                        for (int k = 0; k < 5; k++) q[k][n] = values[k];
                        if (++n == RowGroup) await Flush();
                    }
                }
            }
        await Flush();
    }
}
