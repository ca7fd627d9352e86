// Shared by ToolGen.Runtime and ToolGen.Generator (linked source), so both apply the same rules.
namespace ToolGen.Shared;

/// <summary>Tool-name and JSON-path text rules used at compile time and at run time.</summary>
internal static class ToolNameRules
{
    /// <summary>The longest tool name OpenAI and Anthropic accept.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Whether <paramref name="name"/> matches <c>^[a-zA-Z0-9_-]{1,64}$</c>.</summary>
    public static bool IsValidToolName(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength) return false;
        foreach (char c in name)
        {
            if (!(IsAsciiLetterOrDigit(c) || c == '_' || c == '-')) return false;
        }
        return true;
    }

    /// <summary>The path of property <paramref name="name"/> under <paramref name="parent"/>: <c>$.name</c>, or <c>$['odd name']</c>.</summary>
    public static string PropertyPath(string parent, string name)
    {
        if (IsPlainPathName(name)) return parent + "." + name;
        var text = new System.Text.StringBuilder(parent).Append("['");
        foreach (char c in name)
        {
            if (c == '\'' || c == '\\') text.Append('\\');
            text.Append(c);
        }
        return text.Append("']").ToString();
    }

    private static bool IsPlainPathName(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9')) return false;
        foreach (char c in name)
        {
            if (!(IsAsciiLetterOrDigit(c) || c == '_' || c == '-')) return false;
        }
        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
