using System.Text;

namespace ConflictSim.Cli.Output;

/// <summary>A plain-text table with aligned columns: text left, numbers right, no colour or box drawing.</summary>
internal sealed class TextTable(params (string Header, bool AlignRight)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException($"expected {columns.Length} cells, got {cells.Length}");
        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        var widths = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            widths[c] = columns[c].Header.Length;
            foreach (var row in _rows) widths[c] = Math.Max(widths[c], row[c].Length);
        }

        var header = new string[columns.Length];
        var rule = new string[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            header[c] = columns[c].Header;
            rule[c] = new string('-', widths[c]);
        }
        WriteRow(writer, indent, header, widths);
        WriteRow(writer, indent, rule, widths);
        foreach (var row in _rows) WriteRow(writer, indent, row, widths);
    }

    private void WriteRow(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) line.Append("  ");
            line.Append(columns[c].AlignRight ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }
        writer.WriteLine(line.ToString().TrimEnd());
    }
}
