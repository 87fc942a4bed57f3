using System.Text;

namespace ConflictSim.Cli.Input;

/// <summary>One CSV cell: its text (unquoted, trimmed) and the 1-based column where it starts, for error messages.</summary>
internal readonly record struct CsvCell(string Text, int Column);

/// <summary>
/// Splits one CSV line (RFC 4180 quoting: "a, b" and "" for a quote inside quotes) into cells that remember
/// their column, so a bad number can be reported as FILE:LINE:COL. Spaces around a cell are ignored.
/// </summary>
internal static class CsvCells
{
    /// <summary>The cells of <paramref name="line"/>, or null with <paramref name="error"/> set on an unclosed quote.</summary>
    public static List<CsvCell>? Split(string line, out (int Column, string Message)? error)
    {
        error = null;
        var cells = new List<CsvCell>();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            int start = i;
            string text;
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                bool closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        closed = true;
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (!closed)
                {
                    error = (start + 1, "quoted cell is not closed; expected a closing '\"' on the same line");
                    return null;
                }
                text = sb.ToString();
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                {
                    error = (i + 1, $"unexpected '{line[i]}' after a quoted cell; expected ',' or the end of the line");
                    return null;
                }
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                text = line[i..end].TrimEnd();
                i = end;
            }
            cells.Add(new CsvCell(text, start + 1));
            if (i >= line.Length) return cells;
            i++; // the comma
        }
    }
}
