using System.Text;

namespace ToolGen.Generator.Helpers;

/// <summary>Turns C# method names into default tool names.</summary>
internal static class NameConverter
{
    /// <summary>
    /// The default tool name for a method: a trailing <c>Async</c> removed, then snake_case
    /// (<c>CancelOrderAsync</c> → <c>cancel_order</c>, <c>GetHTTPStatus</c> → <c>get_http_status</c>).
    /// </summary>
    public static string ToToolName(string methodName)
    {
        string name = methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
        return ToSnakeCase(name);
    }

    /// <summary>snake_case with word breaks before an upper-case letter that follows a lower-case letter or digit, or that starts a word after an acronym.</summary>
    public static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_')
            {
                if (text.Length > 0 && text[text.Length - 1] != '_') text.Append('_');
                continue;
            }
            if (char.IsUpper(c))
            {
                bool previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnds = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousIsLowerOrDigit || acronymEnds) && text.Length > 0 && text[text.Length - 1] != '_') text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString().TrimEnd('_');
    }
}
