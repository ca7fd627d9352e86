namespace ToolGen.Generator.Parsing;

/// <summary>System.Text.Json's naming rules, applied at compile time.</summary>
internal static class JsonNaming
{
    /// <summary>
    /// <c>JsonNamingPolicy.CamelCase</c>: lower-cases the leading upper-case run, keeping the last capital of an acronym
    /// that starts the next word (<c>URLValue</c> → <c>urlValue</c>, <c>ID</c> → <c>id</c>, <c>IOStream</c> → <c>ioStream</c>).
    /// </summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ') chars[i] = char.ToLowerInvariant(chars[i]);
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }
}
