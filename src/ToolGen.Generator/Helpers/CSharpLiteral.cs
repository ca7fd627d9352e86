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

    /// <summary>
    /// The shortest invariant text that reads back as exactly <paramref name="value"/> ("0.1", "1E-07", "NaN"). "R" alone
    /// does not always round-trip on .NET Framework, where Visual Studio runs the generator, so the text is checked and
    /// "G17" used when it does not.
    /// </summary>
    public static string RoundTrip(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsNaN(value) || double.IsInfinity(value)) return text;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(value) ? text : value.ToString("G17", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A C# numeric literal for <paramref name="value"/> × 10^<paramref name="shift"/>, exact in decimal: the decimal point
    /// of <paramref name="value"/>'s shortest round-trip text is moved, so 1.005 seconds is 1005 milliseconds (where
    /// <c>1.005 * 1000</c> in binary floating point is 1004.9999999999999). A whole number of at most 15 digits is written
    /// as an integer literal ("500"), a number far from 1 with an exponent ("5E-321"), anything else as a decimal ("0.5").
    /// Finite values only.
    /// </summary>
    public static string Number(double value, int shift = 0)
    {
        string text = RoundTrip(value);
        string sign = "";
        if (text[0] == '-')
        {
            sign = "-";
            text = text.Substring(1);
        }
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text.Substring(0, e);
        }
        int dot = text.IndexOf('.');
        string digits = dot < 0 ? text : text.Remove(dot, 1);
        // The decimal point sits after 'point' digits (before them when negative).
        int point = (dot < 0 ? text.Length : dot) + exponent + shift;
        int leading = 0;
        while (leading < digits.Length && digits[leading] == '0') leading++;
        digits = digits.Substring(leading).TrimEnd('0');
        point -= leading;
        if (digits.Length == 0) return "0";

        if (point > 15 || point < -15)
            return sign + digits.Substring(0, 1) + (digits.Length > 1 ? "." + digits.Substring(1) : "") + "E" + (point - 1).ToString(CultureInfo.InvariantCulture);
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length);
        return sign + digits.Substring(0, point) + "." + digits.Substring(point);
    }

    /// <summary>An identifier, prefixed with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
