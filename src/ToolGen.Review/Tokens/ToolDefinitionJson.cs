using System.Globalization;
using System.Text;
using ToolGen.Generator.Model;

namespace ToolGen.Review.Tokens;

/// <summary>
/// A tool's definition as ToolGen's OpenAI Chat Completions provider sends it in <c>tools</c>, byte for byte:
/// <c>{"type":"function","function":{"name":…,"description":…,"parameters":…,"strict":true}}</c>. The description is
/// escaped as the provider's JSON writer escapes it; the schema is the generator's text, written as it is.
/// </summary>
/// <remarks>
/// This is what a token count means in the manifest and the budgets. Other providers wrap the same name, description
/// and schema in a few different words (Anthropic <c>input_schema</c>, Gemini <c>parametersJsonSchema</c>), a
/// difference of a few tokens per tool.
/// </remarks>
internal static class ToolDefinitionJson
{
    /// <param name="tool">The tool.</param>
    /// <param name="parameters">The parameters schema sent: the OpenAI strict one for a strict tool, else the standard one.</param>
    public static string For(ToolSpec tool, string parameters)
    {
        var json = new StringBuilder(64 + tool.Description.Length + parameters.Length);
        json.Append("{\"type\":\"function\",\"function\":{\"name\":");
        json.Append(Quote(tool.ToolName));
        if (tool.Description.Length > 0)
        {
            json.Append(",\"description\":");
            json.Append(Quote(tool.Description));
        }
        json.Append(",\"parameters\":").Append(parameters);
        if (tool.Strict) json.Append(",\"strict\":true");
        return json.Append("}}").ToString();
    }

    // System.Text.Json's relaxed escaping (JavaScriptEncoder.UnsafeRelaxedJsonEscaping, the provider's encoder): quotes,
    // backslashes and control characters escaped, with JSON's short forms where it has them; as \uXXXX (upper case)
    // also every space but U+0020, line and paragraph separators, private-use and unassigned characters, the byte order
    // mark, and characters outside the Basic Multilingual Plane (as their two surrogates). A test compares this with
    // the encoder for every character.
    internal static string Quote(string value)
    {
        var json = new StringBuilder(value.Length + 2);
        json.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (MustEscape(c)) json.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        return json.Append('"').ToString();
    }

    private static bool MustEscape(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u009F') || char.IsSurrogate(c) || c == '\uFEFF'
        || (c != ' ' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
