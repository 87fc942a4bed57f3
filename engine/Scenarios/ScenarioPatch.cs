using System.Globalization;
using System.Text;
using ConflictSim.Scenarios.Yaml;

namespace ConflictSim.Scenarios;

/// <summary>A number to write back into a scenario file, at an override path, with a note saying why.</summary>
public sealed record ScenarioEdit(string Path, double Value, string Note);

/// <summary>
/// Writes chosen numbers back into a scenario's text (what <c>conflictsim calibrate</c> leaves behind), touching only
/// those numbers so the file's comments, order and provenance stay as the author wrote them. Each edited number gets a
/// <c>calibrated:</c> note beside it: a plain number becomes the long form <c>{value: v, calibrated: "…"}</c>; a long
/// form keeps its keys and gains (or replaces) the note.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>The text with every edit applied; throws <see cref="ArgumentException"/> naming a path the file does not write.</summary>
    public static string Patch(string yaml, IReadOnlyList<ScenarioEdit> edits)
    {
        var diag = new Diagnostics("");
        var root = Parse(yaml, diag, ScenarioLimits.Default, keepOffsets: true);
        if (!root.Exists) throw new ArgumentException("the scenario does not parse");
        var replacements = new List<(long Start, long End, string Text)>();
        foreach (var e in edits)
        {
            var node = Find(root, e.Path);
            if (!node.Exists) throw new ArgumentException($"{e.Path} is not written in the file; expected the path of a number it sets");
            string value = e.Value.ToString("R", CultureInfo.InvariantCulture), note = Quote(e.Note);
            if (node.IsMapping && node.Get("value") is { IsScalar: true } scalar)
            {
                replacements.Add((scalar.StartIndex, scalar.EndIndex, value));
                if (node.Get("calibrated") is { Exists: true } old)
                    replacements.Add((old.StartIndex, old.EndIndex, note));
                else if (node.Style == (int)YamlDotNet.Core.Events.MappingStyle.Flow)
                    replacements.Add((scalar.EndIndex, scalar.EndIndex, $", calibrated: {note}"));
                else
                {
                    var key = FirstKey(node, "value");
                    replacements.Add((scalar.EndIndex, scalar.EndIndex, $"\n{new string(' ', key.Column - 1)}calibrated: {note}"));
                }
            }
            else if (node.IsScalar)
                replacements.Add((node.StartIndex, node.EndIndex, $"{{value: {value}, calibrated: {note}}}"));
            else throw new ArgumentException($"{e.Path} is not a number in the file");
        }
        var text = new StringBuilder(yaml);
        foreach (var (start, end, replacement) in replacements.OrderByDescending(r => r.Start).ThenByDescending(r => r.End))
        {
            text.Remove((int)start, (int)(end - start));
            text.Insert((int)start, replacement);
        }
        return text.ToString();
    }

    /// <summary>The first key of a mapping with this text, tagged or not.</summary>
    private static Node FirstKey(Node mapping, string name)
    {
        for (int i = 0; i < mapping.Count; i++)
            if (mapping.KeyAt(i) is { IsScalar: true } k && k.Value == name) return k;
        throw new InvalidOperationException($"no key {name}");
    }

    private static string Quote(string note) => "\"" + note.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
