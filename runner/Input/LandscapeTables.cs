using System.Globalization;
using ConflictSim.Scenarios;

namespace ConflictSim.Cli.Input;

/// <summary>Actors, sizes and propensities read from tables, or every error found in them.</summary>
internal sealed record LandscapeTables(string[] Actors, double[] Sizes, double[] Propensity, IReadOnlyList<ScenarioError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>Largest size accepted: sizes are relative, and products of sizes up to 1e24 keep energies finite and exact enough.</summary>
    public const double MaxSize = 1e12;

    /// <summary>
    /// Reads a sizes table (header <c>actor,size</c>, one positive size per actor) and a square propensity matrix
    /// (actor names across the header row and down the first column, rows in any order). Actors keep the sizes
    /// table's order. The diagonal is ignored and may be empty. An asymmetric matrix is an error, not a warning:
    /// Axelrod &amp; Bennett's guarantee that a frustration-lowering move lowers the energy (their note 2) needs
    /// p_ij = p_ji, and without it descent may never end.
    /// </summary>
    public static LandscapeTables Read(string sizesPath, string[] sizesLines, string matrixPath, string[] matrixLines)
    {
        var errors = new List<ScenarioError>();
        var (actors, sizes, sizeLines) = ReadSizes(sizesPath, sizesLines, errors);
        double[] propensity = ReadMatrix(matrixPath, matrixLines, sizesPath, actors, sizeLines, errors);
        return new LandscapeTables(actors.ToArray(), sizes.ToArray(), propensity, errors);
    }

    private static (List<string> Actors, List<double> Sizes, List<int> Lines) ReadSizes(string path, string[] lines, List<ScenarioError> errors)
    {
        var actors = new List<string>();
        var sizes = new List<double>();
        var rows = new List<int>();
        int header = FirstNonBlank(lines);
        if (header < 0)
        {
            errors.Add(new ScenarioError(path, 1, 1, "file is empty; expected a header 'actor,size'"));
            return (actors, sizes, rows);
        }
        var head = Cells(path, lines, header, errors);
        if (head is null) return (actors, sizes, rows);
        if (head.Count != 2 || !Is(head[0], "actor") || !Is(head[1], "size"))
        {
            errors.Add(new ScenarioError(path, header + 1, 1, $"header is '{lines[header].Trim()}'; expected 'actor,size'"));
            return (actors, sizes, rows);
        }

        for (int l = header + 1; l < lines.Length; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l])) continue;
            var cells = Cells(path, lines, l, errors);
            if (cells is null) continue;
            if (cells.Count != 2)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[^1].Column, $"{cells.Count} cells; expected 2 (actor,size)"));
                continue;
            }
            if (!Name(path, l, cells[0], "actor", errors)) continue;
            int previous = actors.IndexOf(cells[0].Text);
            if (previous >= 0)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[0].Column,
                    $"actor '{cells[0].Text}' is listed twice (first on line {rows[previous] + 1}); expected each actor once"));
                continue;
            }
            if (!Number(path, l, cells[1], "size", "a positive number", errors, out double size)) continue;
            if (!(size > 0))
            {
                errors.Add(new ScenarioError(path, l + 1, cells[1].Column,
                    $"size {cells[1].Text} of '{cells[0].Text}' is not positive; expected a positive number (the actor's weight)"));
                continue;
            }
            if (size > MaxSize)
            {
                // Energies are sums of s_i·s_j: beyond this they overflow to infinity and every configuration ties.
                errors.Add(new ScenarioError(path, l + 1, cells[1].Column,
                    $"size {cells[1].Text} of '{cells[0].Text}' is too large; expected a positive number up to 1e12 (sizes are relative weights: scale them down)"));
                // Still listed, so the matrix's rows and columns for it are not reported missing as well.
            }
            actors.Add(cells[0].Text);
            sizes.Add(size);
            rows.Add(l);
        }
        if (actors.Count == 0 && errors.Count == 0)
            errors.Add(new ScenarioError(path, header + 2, 1, "no actors; expected at least one row 'actor,size'"));
        return (actors, sizes, rows);
    }

    private static double[] ReadMatrix(
        string path, string[] lines, string sizesPath, List<string> actors, List<int> sizeLines, List<ScenarioError> errors)
    {
        int n = actors.Count;
        var p = new double[n * n];
        int header = FirstNonBlank(lines);
        if (header < 0)
        {
            errors.Add(new ScenarioError(path, 1, 1, "file is empty; expected a header row of actor names"));
            return p;
        }
        var head = Cells(path, lines, header, errors);
        if (head is null) return p;

        // column[c] = the actor (index in the sizes table) of matrix column c ≥ 1, or -1 when unusable.
        var column = new int[head.Count];
        column[0] = -1;
        for (int c = 1; c < head.Count; c++)
        {
            column[c] = -1;
            if (!Name(path, header, head[c], "actor", errors)) continue;
            int a = actors.IndexOf(head[c].Text);
            if (Array.IndexOf(column, a, 1, c - 1) >= 0 && a >= 0)
            {
                errors.Add(new ScenarioError(path, header + 1, head[c].Column, $"actor '{head[c].Text}' has two columns; expected one column per actor"));
                continue;
            }
            if (a < 0)
            {
                errors.Add(new ScenarioError(path, header + 1, head[c].Column,
                    $"actor '{head[c].Text}' is not in {sizesPath}; expected the actors of the sizes table"));
                continue;
            }
            column[c] = a;
        }
        for (int a = 0; a < n; a++)
            if (Array.IndexOf(column, a) < 0)
                errors.Add(new ScenarioError(path, header + 1, 1,
                    $"no column for actor '{actors[a]}' ({sizesPath}:{sizeLines[a] + 1}); expected a column for every actor in the sizes table"));

        // Where each actor's row and each of its cells were, to point at both halves of an asymmetric pair.
        var rowLine = new int[n];
        Array.Fill(rowLine, -1);
        var cellColumn = new int[n * n];
        var present = new bool[n * n];
        int last = header;
        for (int l = header + 1; l < lines.Length; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l])) continue;
            last = l;
            var cells = Cells(path, lines, l, errors);
            if (cells is null) continue;
            if (cells.Count != head.Count)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[^1].Column,
                    $"{cells.Count} cells; expected {head.Count} (the actor's name and one propensity per column), as in the header"));
                continue;
            }
            if (!Name(path, l, cells[0], "actor", errors)) continue;
            int row = actors.IndexOf(cells[0].Text);
            if (row < 0)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[0].Column,
                    $"row '{cells[0].Text}' is not in {sizesPath}; expected the actors of the sizes table"));
                continue;
            }
            if (Array.IndexOf(column, row) < 0)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[0].Column,
                    $"row '{cells[0].Text}' has no column in the header; expected a row for each actor in the header"));
                continue;
            }
            if (rowLine[row] >= 0)
            {
                errors.Add(new ScenarioError(path, l + 1, cells[0].Column,
                    $"actor '{cells[0].Text}' has two rows (first on line {rowLine[row] + 1}); expected one row per actor"));
                continue;
            }
            rowLine[row] = l;
            for (int c = 1; c < cells.Count; c++)
            {
                int col = column[c];
                if (col < 0) continue;
                if (col == row)
                {
                    // The diagonal is ignored, but a typo there is still a typo.
                    if (cells[c].Text.Length > 0) Number(path, l, cells[c], "propensity", "a number or nothing (the diagonal is ignored)", errors, out _);
                    continue;
                }
                if (!Number(path, l, cells[c], "propensity", "a number like 0.5 or -1", errors, out double value)) continue;
                p[row * n + col] = value;
                present[row * n + col] = true;
                cellColumn[row * n + col] = cells[c].Column;
            }
        }
        for (int a = 0; a < n; a++)
            if (rowLine[a] < 0 && Array.IndexOf(column, a) >= 0)
                errors.Add(new ScenarioError(path, last + 2, 1, $"no row for actor '{actors[a]}'; expected one row per column"));

        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (!present[i * n + j] || !present[j * n + i] || p[i * n + j] == p[j * n + i]) continue;
                // Report at whichever cell comes later in the file, naming where its partner is.
                bool ijFirst = (rowLine[i], cellColumn[i * n + j]).CompareTo((rowLine[j], cellColumn[j * n + i])) < 0;
                var (a, b) = ijFirst ? (j, i) : (i, j);
                errors.Add(new ScenarioError(path, rowLine[a] + 1, cellColumn[a * n + b],
                    $"p({actors[a]},{actors[b]}) = {Show(p[a * n + b])} but p({actors[b]},{actors[a]}) = {Show(p[b * n + a])} " +
                    $"at {rowLine[b] + 1}:{cellColumn[b * n + a]}; expected a symmetric matrix " +
                    "(landscape theory assumes p_ij = p_ji, Axelrod & Bennett 1993)"));
            }
        return p;
    }

    private static int FirstNonBlank(string[] lines)
    {
        for (int l = 0; l < lines.Length; l++)
            if (!string.IsNullOrWhiteSpace(lines[l])) return l;
        return -1;
    }

    private static List<CsvCell>? Cells(string path, string[] lines, int l, List<ScenarioError> errors)
    {
        var cells = CsvCells.Split(lines[l], out var error);
        if (error is { } e) errors.Add(new ScenarioError(path, l + 1, e.Column, e.Message));
        return cells;
    }

    private static bool Is(CsvCell cell, string name) => string.Equals(cell.Text, name, StringComparison.OrdinalIgnoreCase);

    private static bool Name(string path, int l, CsvCell cell, string what, List<ScenarioError> errors)
    {
        if (cell.Text.Length > 0) return true;
        errors.Add(new ScenarioError(path, l + 1, cell.Column, $"empty {what} name; expected a name"));
        return false;
    }

    private static bool Number(string path, int l, CsvCell cell, string what, string expected, List<ScenarioError> errors, out double value)
    {
        if (double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        errors.Add(new ScenarioError(path, l + 1, cell.Column,
            cell.Text.Length == 0 ? $"empty {what}; expected {expected}" : $"{what} '{cell.Text}' is not a number; expected {expected}"));
        return false;
    }

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
