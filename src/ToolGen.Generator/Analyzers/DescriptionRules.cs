using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ToolGen.Generator.Analyzers;

/// <summary>Heuristics for descriptions too vague to guide a model: placeholders, too short, or only restating the name.</summary>
internal static class DescriptionRules
{
    public const string ToolAdvice = "say what the tool does, when to use it and what it returns";
    public const string ParameterAdvice = "say what the value means, its format or units, and an example";

    private static readonly HashSet<string> s_placeholders = new(StringComparer.Ordinal)
    {
        "todo", "tbd", "fixme", "xxx", "", "n/a", "na", "none", "stuff", "does stuff", "does things", "does something",
        "helper", "helper method", "helper function", "a helper method", "description", "summary", "test", "foo", "bar",
        "method", "function", "tool", "this method", "this function", "this tool", "the method", "the function", "the tool",
        "parameter", "the parameter", "value", "the value", "input", "the input",
    };

    private static readonly HashSet<string> s_filler = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "of", "to", "for", "and", "or", "in", "on", "with", "by", "it", "its", "is", "be", "from", "given",
    };

    /// <summary>Why <paramref name="description"/> is vague, or null when it is not. <paramref name="name"/> is the tool or parameter name.</summary>
    public static string? Vague(string description, string name, bool isTool)
    {
        string text = description.Trim();
        string lowered = text.ToLowerInvariant().TrimEnd('.', '!', ' ');
        // "..." trims to "", so it is a placeholder too; "TODO: …" is one, "Todoist tasks" is not.
        string firstWord = Words(lowered).FirstOrDefault() ?? "";
        if (s_placeholders.Contains(lowered) || firstWord is "todo" or "tbd" or "fixme")
            return "placeholder text";

        List<string> words = Words(text);
        if (isTool ? words.Count < 3 || text.Length < 15 : words.Count < 2 && text.Length < 10) return "too short";

        HashSet<string> nameWords = new(Words(SplitIdentifier(name)).Select(Stem), StringComparer.Ordinal);
        List<string> content = words.Where(w => !s_filler.Contains(w)).Select(Stem).ToList();
        if (content.Count > 0 && content.All(nameWords.Contains)) return "it only restates the name";
        return null;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    // get_weather, GetWeather, getWeather → "get weather".
    private static string SplitIdentifier(string name)
    {
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1])) text.Append(' ');
            text.Append(c is '_' or '-' ? ' ' : c);
        }
        return text.ToString();
    }

    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("ing", StringComparison.Ordinal) ? word.Substring(0, word.Length - 3)
        : word.Length > 3 && word.EndsWith("es", StringComparison.Ordinal) ? word.Substring(0, word.Length - 2)
        : word.Length > 2 && word.EndsWith("s", StringComparison.Ordinal) ? word.Substring(0, word.Length - 1)
        : word;
}
