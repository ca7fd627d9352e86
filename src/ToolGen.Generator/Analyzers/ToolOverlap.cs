using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ToolGen.Generator.Analyzers;

/// <summary>
/// How alike two tools read to a model (TG0022): the content words of each tool's name and description — lower-cased,
/// plurals and verb endings folded, stop words dropped, synonyms of the common actions and nouns mapped to one word
/// ("looks up", "fetches", "retrieves" → find) — compared as sets. Two tools are confusable when they do the same kind
/// of thing (the first word of their names maps to the same action) and share at least
/// <see cref="SameActionThreshold"/> of their words (Jaccard), or when they share at least <see cref="AnyActionThreshold"/>
/// whatever their actions. The thresholds were tuned on tests/ToolGen.Generator.Tests/TestData/ToolPairs.txt.
/// </summary>
internal static class ToolOverlap
{
    public const double SameActionThreshold = 0.6;
    public const double AnyActionThreshold = 0.8;

    /// <summary>A tool's words for comparison: its action, and its content words.</summary>
    public sealed class Words
    {
        public Words(string action, HashSet<string> all)
        {
            Action = action;
            All = all;
        }

        public string Action { get; }
        public HashSet<string> All { get; }
    }

    /// <summary>The words of a tool named <paramref name="name"/> described by <paramref name="description"/>.</summary>
    public static Words Of(string name, string description)
    {
        List<string> nameWords = Split(name);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in nameWords.Concat(Split(description)))
        {
            if (Canonical(word) is { } canonical) all.Add(canonical);
        }
        string action = nameWords.Select(Canonical).FirstOrDefault(static w => w is not null) ?? "";
        return new Words(action, all);
    }

    /// <summary>The words two tools share when a model may confuse them; null when it should not.</summary>
    public static (double Similarity, string[] Shared)? Confusable(Words a, Words b)
    {
        if (a.All.Count == 0 || b.All.Count == 0) return null;
        // Counted without building the sets: most pairs of an assembly share little, and there are n²/2 of them.
        (HashSet<string> small, HashSet<string> large) = a.All.Count <= b.All.Count ? (a.All, b.All) : (b.All, a.All);
        int common = 0;
        foreach (string word in small)
        {
            if (large.Contains(word)) common++;
        }
        double similarity = (double)common / (a.All.Count + b.All.Count - common);
        bool confusable = similarity >= AnyActionThreshold || (a.Action.Length > 0 && a.Action == b.Action && similarity >= SameActionThreshold);
        return confusable ? (similarity, [.. small.Where(large.Contains).OrderBy(static w => w, StringComparer.Ordinal)]) : null;
    }

    // Words of a snake_case, kebab-case or camelCase name, or of prose: letters and digits, split at case changes.
    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool boundary = char.IsUpper(c) && word.Length > 0 && char.IsLower(word[word.Length - 1]);
            if (!char.IsLetterOrDigit(c) || boundary)
            {
                if (word.Length > 0) words.Add(word.ToString().ToLowerInvariant());
                word.Clear();
                if (!char.IsLetterOrDigit(c)) continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString().ToLowerInvariant());
        return words;
    }

    // The comparable form of a word: null for a stop word or a single letter; else its stem, mapped through the synonyms.
    private static string? Canonical(string word)
    {
        if (word.Length < 2 || s_stopWords.Contains(word)) return null;
        if (s_synonyms.TryGetValue(word, out string? known)) return known;   // "booking" before its stem "book" is taken.
        string stem = Stem(word);
        if (s_stopWords.Contains(stem)) return null;
        return s_synonyms.TryGetValue(stem, out string? canonical) ? canonical : stem;
    }

    // Folds plurals, third persons and -ed/-ing endings: finds → find, orders → order, fetches → fetch, shipped and
    // shipping → ship, categories → category. Both sides of a comparison go through it, so it need not be English.
    private static string Stem(string word)
    {
        string stem = word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal)) stem = stem.Substring(0, stem.Length - 3) + "y";
        else if (stem.Length > 4 && (stem.EndsWith("ches", StringComparison.Ordinal) || stem.EndsWith("shes", StringComparison.Ordinal) || stem.EndsWith("sses", StringComparison.Ordinal) || stem.EndsWith("xes", StringComparison.Ordinal)))
            stem = stem.Substring(0, stem.Length - 2);
        else if (stem.Length > 3 && stem.EndsWith("s", StringComparison.Ordinal) && !stem.EndsWith("ss", StringComparison.Ordinal) && !stem.EndsWith("us", StringComparison.Ordinal))
            stem = stem.Substring(0, stem.Length - 1);
        else if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal)) stem = Undouble(stem.Substring(0, stem.Length - 3));
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal)) stem = Undouble(stem.Substring(0, stem.Length - 2));
        return stem;
    }

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[stem.Length - 1] == stem[stem.Length - 2] && !"aeiouls".Contains(stem[stem.Length - 1]) ? stem.Substring(0, stem.Length - 1) : stem;

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "to", "in", "on", "by", "with", "and", "or", "is", "are", "be", "it", "its", "this",
        "that", "these", "those", "from", "as", "at", "into", "any", "each", "which", "who", "what", "where", "when", "how",
        "has", "have", "not", "no", "yet", "than", "then", "there", "their", "them", "they", "given", "use", "used", "using",
        "tool", "return", "returns", "can", "may", "will", "new", "up", "out", "about", "right", "now", "one", "all", "some",
        "if", "else", "only", "also", "so", "do", "does", "such", "our", "your", "you", "we", "user's", "much", "many",
    };

    // Words a model reads as the same: the common actions, and a few nouns tools name in different ways.
    private static readonly Dictionary<string, string> s_synonyms = Groups(
        ("find", "get fetch retrieve find look lookup search query read show check list obtain load view"),
        ("create", "create add make insert register open"),
        ("delete", "delete remove erase drop destroy purge"),
        ("update", "update change edit modify set patch alter"),
        ("send", "send email mail notify"),
        ("cancel", "cancel abort revoke"),
        ("booking", "booking reservation reserve"),
        ("issue", "issue problem"),
        ("customer", "customer client"));

    private static Dictionary<string, string> Groups(params (string Canonical, string Words)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string canonical, string words) in groups)
        {
            foreach (string word in words.Split(' ')) map[word] = canonical;
        }
        return map;
    }
}
