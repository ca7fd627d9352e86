using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolGen.Generator.Helpers;

/// <summary>Formats C# source text: string literals and identifiers.</summary>
internal static class CSharpLiteral
{
    /// <summary>A regular C# string literal; every non-ASCII or control character is escaped, so the source stays ASCII.</summary>
    public static string String(string? value)
    {
        if (value is null) return "null";
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    if (c < ' ' || c > '~') text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>A UTF-8 string literal (<c>"…"u8</c>).</summary>
    public static string Utf8(string value) => String(value) + "u8";

    /// <summary>
    /// JSON text as a raw UTF-8 literal (<c>"""{"type":"object"}"""u8</c>), which reads as the JSON it is. Falls back to
    /// <see cref="Utf8"/> for text a single-line raw literal cannot hold (a line break, three quotes in a row, or a
    /// quote at either end).
    /// </summary>
    public static string RawUtf8(string json)
    {
        bool fits = json.Length > 0 && json[0] != '"' && json[json.Length - 1] != '"' && json.IndexOf("\"\"\"", System.StringComparison.Ordinal) < 0;
        foreach (char c in json)
        {
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') fits = false;
        }
        return fits ? "\"\"\"" + json + "\"\"\"u8" : Utf8(json);
    }

    /// <summary>An identifier, prefixed with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
