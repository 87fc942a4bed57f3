using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ConflictSim.Wargame.Game;

/// <summary>
/// The tidy exports as Parquet (Parquet.Net), column for column the same as the CSV: turn an int32, the seed a
/// nullable uint64 (a 64-bit seed fits no signed column), a column whose every value is a whole number a nullable
/// int64, one whose every value is a number a nullable double, anything else a string; an empty field is a null.
/// </summary>
public static class ParquetExport
{
    /// <summary>The Parquet twin of <see cref="Exports.Csv"/>'s <paramref name="csvName"/>, or null for an unknown name.</summary>
    public static byte[]? Of(WargameSession s, string csvName)
    {
        if (Exports.Csv(s, csvName) is not { } csv) return null;
        var rows = ParseCsv(csv);
        var header = rows[0];
        var body = rows.Skip(1).ToList();
        var fields = new List<DataField>();
        var columns = new List<Array>();
        for (int c = 0; c < header.Length; c++)
        {
            var values = body.Select(r => c < r.Length ? r[c] : "").ToArray();
            var present = values.Where(v => v.Length > 0).ToArray();
            if (header[c] == "turn")
            {
                fields.Add(new DataField<int>("turn"));
                columns.Add(values.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }
            else if (header[c] == "seed" || header[c] == "published_seed")
            {
                fields.Add(new DataField<ulong?>(header[c]));
                columns.Add(values.Select(v => v.Length == 0 ? (ulong?)null : ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }
            else if (present.Length > 0 && present.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                fields.Add(new DataField<long?>(header[c]));
                columns.Add(values.Select(v => v.Length == 0 ? (long?)null : long.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }
            else if (present.Length > 0 && present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                fields.Add(new DataField<double?>(header[c]));
                columns.Add(values.Select(v => v.Length == 0 ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }
            else
            {
                fields.Add(new DataField<string>(header[c]));
                columns.Add(values.Select(v => v.Length == 0 ? null : v).ToArray());
            }
        }
        return Write(new ParquetSchema(fields), fields, columns).GetAwaiter().GetResult();
    }

    private static async Task<byte[]> Write(ParquetSchema schema, List<DataField> fields, List<Array> columns)
    {
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            for (int i = 0; i < fields.Count; i++)
                await (columns[i] switch
                {
                    int[] a => group.WriteAsync<int>(fields[i], a.AsMemory()),
                    ulong?[] a => group.WriteAsync<ulong>(fields[i], (ReadOnlyMemory<ulong?>)a.AsMemory()),
                    long?[] a => group.WriteAsync<long>(fields[i], (ReadOnlyMemory<long?>)a.AsMemory()),
                    double?[] a => group.WriteAsync<double>(fields[i], (ReadOnlyMemory<double?>)a.AsMemory()),
                    string?[] a => group.WriteAsync(fields[i], new ArraySegment<string?>(a)),
                    _ => throw new InvalidOperationException("unexpected column type"),
                });
        }
        return stream.ToArray();
    }

    /// <summary>Reads back RFC 4180 CSV as <see cref="Exports"/> writes it.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
