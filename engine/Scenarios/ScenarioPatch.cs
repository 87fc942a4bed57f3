using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

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
        var root = Parse(yaml, diag) ?? throw new ArgumentException("the scenario does not parse");
        var replacements = new List<(long Start, long End, string Text)>();
        foreach (var e in edits)
        {
            var node = Find(root, e.Path) ?? throw new ArgumentException($"{e.Path} is not written in the file; expected the path of a number it sets");
            string value = e.Value.ToString("R", CultureInfo.InvariantCulture), note = Quote(e.Note);
            if (node is YamlMappingNode longForm && longForm.Children.TryGetValue(new YamlScalarNode("value"), out var inner) && inner is YamlScalarNode scalar)
            {
                replacements.Add((scalar.Start.Index, scalar.End.Index, value));
                if (longForm.Children.TryGetValue(new YamlScalarNode("calibrated"), out var old))
                    replacements.Add((old.Start.Index, old.End.Index, note));
                else if (longForm.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
                    replacements.Add((scalar.End.Index, scalar.End.Index, $", calibrated: {note}"));
                else
                {
                    var key = longForm.Children.Keys.First(k => k is YamlScalarNode { Value: "value" });
                    replacements.Add((scalar.End.Index, scalar.End.Index, $"\n{new string(' ', (int)key.Start.Column - 1)}calibrated: {note}"));
                }
            }
            else if (node is YamlScalarNode plain)
                replacements.Add((plain.Start.Index, plain.End.Index, $"{{value: {value}, calibrated: {note}}}"));
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

    private static string Quote(string note) => "\"" + note.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
