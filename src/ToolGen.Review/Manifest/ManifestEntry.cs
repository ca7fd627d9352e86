using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ToolGen.Review.Manifest;

/// <summary>
/// One tool in the manifest: its name and its fields in a fixed order, one line each (<c>description</c>, <c>title</c>,
/// <c>hints</c>, <c>strict</c>, <c>parameters</c>, a <c>parameter</c> line per property, a <c>definition</c> line per
/// shared type, <c>output</c>, <c>fingerprint</c>, <c>tokens</c>). A line per parameter keeps a review's diff to the
/// parameter that changed.
/// </summary>
/// <remarks>Text in, text out: the analyzer builds entries from tools, the code fix reads them back from the file and
/// the diagnostic, and neither needs the other's types.</remarks>
internal sealed class ManifestEntry
{
    public const string ToolPrefix = "tool ";
    private const string Indent = "  ";

    public ManifestEntry(string name, List<KeyValuePair<string, string>> fields)
    {
        Name = name;
        Fields = fields;
    }

    public string Name { get; }

    /// <summary>The fields in file order: key (<c>description</c>, <c>parameter city</c>, …) and value text.</summary>
    public List<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The <c>tokens</c> field, or 0 when absent or unreadable.</summary>
    public int Tokens => int.TryParse(Field("tokens"), NumberStyles.None, CultureInfo.InvariantCulture, out int tokens) ? tokens : 0;

    public string? Field(string key)
    {
        foreach (KeyValuePair<string, string> field in Fields)
        {
            if (field.Key == key) return field.Value;
        }
        return null;
    }

    public override string ToString() => WriteTo(new StringBuilder()).ToString();

    public StringBuilder WriteTo(StringBuilder text)
    {
        text.Append(ToolPrefix).Append(Name).Append('\n');
        foreach (KeyValuePair<string, string> field in Fields) text.Append(Indent).Append(field.Key).Append(": ").Append(field.Value).Append('\n');
        return text;
    }

    /// <summary>
    /// Reads the entries of a manifest (or a single entry) in file order, with the offset of the line each starts on.
    /// Lines end at <c>\n</c> (a <c>\r</c> before it is dropped). Comments (<c>#</c>) and blank lines are skipped, and so
    /// are lines before the first entry; a field line without <c>": "</c> is kept whole as its key, so a hand-edited
    /// line still shows up as a difference instead of vanishing.
    /// </summary>
    public static List<(ManifestEntry Entry, int Offset)> Read(string text)
    {
        var entries = new List<(ManifestEntry, int)>();
        string? name = null;
        int start = 0;
        List<KeyValuePair<string, string>>? fields = null;
        for (int offset = 0; offset < text.Length;)
        {
            int end = text.IndexOf('\n', offset);
            if (end < 0) end = text.Length;
            string line = text.Substring(offset, end - offset).TrimEnd('\r');
            int lineStart = offset;
            offset = end + 1;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith(ToolPrefix, StringComparison.Ordinal) && line.Substring(ToolPrefix.Length).Trim() is { Length: > 0 } toolName)
            {
                if (name is not null) entries.Add((new ManifestEntry(name, fields!), start));
                name = toolName;
                start = lineStart;
                fields = new List<KeyValuePair<string, string>>();
                continue;
            }
            if (fields is null) continue;
            string field = line.Trim();
            int colon = field.IndexOf(": ", StringComparison.Ordinal);
            fields.Add(colon < 0
                ? new KeyValuePair<string, string>(field.TrimEnd(':'), "")
                : new KeyValuePair<string, string>(field.Substring(0, colon), field.Substring(colon + 2)));
        }
        if (name is not null) entries.Add((new ManifestEntry(name, fields!), start));
        return entries;
    }
}
