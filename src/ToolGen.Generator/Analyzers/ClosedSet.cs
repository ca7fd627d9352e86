using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ToolGen.Generator.Analyzers;

/// <summary>
/// Finds, in a text parameter's description, a closed list of values (TG0023): "one of: low, normal, high", "either
/// 'asc' or 'desc'", "allowed values: a, b, c", "(low|normal|high)". Each value must be one short token (a word, a code,
/// quoted or not) and there must be two or more: "either a city name or a postal code" is prose, not a list.
/// </summary>
internal static class ClosedSet
{
    private static readonly Regex s_lead = new(
        @"\b(?:one of|either|must be(?: one of)?|allowed values?(?: are)?|valid values?(?: are)?|possible values?(?: are)?|accepted values?(?: are)?|values?)\s*[:\-]?\s*(?<list>[^.;()\n]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex s_alternatives = new(@"\((?<list>[\w\-]+(?:\s*\|\s*[\w\-]+)+)\)", RegexOptions.CultureInvariant);

    private static readonly Regex s_separator = new(@"\s*(?:,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+|\s*/\s*|\s*\|\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex s_token = new(@"^[""'`“”‘’]?(?<value>[A-Za-z0-9][\w\-]{0,23})[""'`“”‘’]?$", RegexOptions.CultureInvariant);

    /// <summary>The values <paramref name="description"/> lists, or null when it lists none.</summary>
    public static string[]? Values(string description)
    {
        if (description.Length == 0) return null;
        foreach (Match match in s_alternatives.Matches(description))
        {
            if (Tokens(match.Groups["list"].Value) is { } values) return values;
        }
        foreach (Match match in s_lead.Matches(description))
        {
            if (Tokens(match.Groups["list"].Value) is { } values) return values;
        }
        return null;
    }

    private static string[]? Tokens(string list)
    {
        string[] items = s_separator.Split(list.Trim().TrimEnd(',')).Where(static i => i.Length > 0).ToArray();
        if (items.Length < 2) return null;
        var values = new List<string>(items.Length);
        foreach (string item in items)
        {
            Match token = s_token.Match(item.Trim());
            if (!token.Success) return null;
            values.Add(token.Groups["value"].Value);
        }
        return values.Distinct().Count() == values.Count ? [.. values] : null;
    }
}
