using System.Globalization;
using System.Text;

namespace ToolGen.Generator.Helpers;

/// <summary>Writes JSON text for schemas (the generator cannot use System.Text.Json).</summary>
internal static class JsonText
{
    /// <summary>Appends <paramref name="value"/> as a JSON string. Non-ASCII characters stay as they are (JSON is UTF-8).</summary>
    public static StringBuilder AppendString(this StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) && !IsPairedSurrogate(value, c))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        return text.Append('"');
    }

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string value) => new StringBuilder(value.Length + 2).AppendString(value).ToString();

    // Lone surrogates cannot be encoded as UTF-8; escape them so the output stays well-formed.
    private static bool IsPairedSurrogate(string value, char c)
    {
        int index = value.IndexOf(c);
        return char.IsHighSurrogate(c)
            ? index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
            : index > 0 && char.IsHighSurrogate(value[index - 1]);
    }
}
