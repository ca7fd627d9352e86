using System.Collections.Generic;

namespace ToolGen.Review.Manifest;

/// <summary>
/// The top-level members of a compact JSON object as (name, raw value text) in order, without parsing the values.
/// Its input is the generator's own schema text (or a line of a manifest it wrote): valid JSON, names without escapes
/// other than those JSON requires. Anything else yields no members, and the caller falls back to comparing text.
/// </summary>
internal static class JsonMembers
{
    public static List<KeyValuePair<string, string>> Of(string json)
    {
        var members = new List<KeyValuePair<string, string>>();
        string text = json.Trim();
        if (text.Length < 2 || text[0] != '{' || text[text.Length - 1] != '}') return members;
        int i = 1;
        while (i < text.Length - 1)
        {
            i = SkipSpace(text, i);
            if (text[i] == '}') break;
            if (text[i] != '"') return [];
            int nameEnd = StringEnd(text, i);
            if (nameEnd < 0) return [];
            string name = text.Substring(i + 1, nameEnd - i - 1);
            i = SkipSpace(text, nameEnd + 1);
            if (i >= text.Length || text[i] != ':') return [];
            int valueStart = SkipSpace(text, i + 1);
            int valueEnd = ValueEnd(text, valueStart);
            if (valueEnd < 0) return [];
            members.Add(new KeyValuePair<string, string>(name, text.Substring(valueStart, valueEnd - valueStart).Trim()));
            i = SkipSpace(text, valueEnd);
            if (i < text.Length && text[i] == ',') i++;
        }
        return members;
    }

    /// <summary>The value of member <paramref name="name"/>, or null.</summary>
    public static string? Get(List<KeyValuePair<string, string>> members, string name)
    {
        foreach (KeyValuePair<string, string> member in members)
        {
            if (member.Key == name) return member.Value;
        }
        return null;
    }

    /// <summary>The object written back without the members named in <paramref name="without"/>.</summary>
    public static string Without(List<KeyValuePair<string, string>> members, params string[] without)
    {
        var text = new System.Text.StringBuilder("{");
        foreach (KeyValuePair<string, string> member in members)
        {
            if (System.Array.IndexOf(without, member.Key) >= 0) continue;
            if (text.Length > 1) text.Append(',');
            text.Append('"').Append(member.Key).Append("\":").Append(member.Value);
        }
        return text.Append('}').ToString();
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    // The index of the closing quote of the string starting at start.
    private static int StringEnd(string text, int start)
    {
        for (int i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }
        return -1;
    }

    // The index just past the value starting at start: a string, an object or array (brackets counted outside
    // strings), or a literal running to the next comma or closing bracket.
    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length) return -1;
        if (text[start] == '"') { int end = StringEnd(text, start); return end < 0 ? -1 : end + 1; }
        int depth = 0;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"') { i = StringEnd(text, i); if (i < 0) return -1; }
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']')
            {
                if (depth == 0) return i;
                if (--depth == 0) return i + 1;
            }
            else if (c == ',' && depth == 0) return i;
        }
        return -1;
    }
}
