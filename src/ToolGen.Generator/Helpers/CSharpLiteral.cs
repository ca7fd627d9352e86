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

    /// <summary>An identifier, prefixed with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
