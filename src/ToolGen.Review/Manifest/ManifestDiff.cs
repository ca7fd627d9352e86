using System;
using System.Collections.Generic;
using System.Linq;

namespace ToolGen.Review.Manifest;

/// <summary>
/// What changed in a tool between the manifest and the code, in words a reviewer reads: <c>description</c>,
/// <c>parameter 'status' added</c>, <c>type of parameter 'limit' (string → integer)</c>, <c>hints (ReadOnly → none)</c>,
/// <c>tokens 142 → 158</c>. Empty when the entries are the same.
/// </summary>
internal static class ManifestDiff
{
    public static List<string> Changes(ManifestEntry before, ManifestEntry after)
    {
        var changes = new List<string>();
        var keys = new List<string>();
        foreach (KeyValuePair<string, string> field in before.Fields.Concat(after.Fields))
        {
            if (!keys.Contains(field.Key)) keys.Add(field.Key);
        }
        // Fingerprint and tokens follow from the rest, so they come last.
        foreach (string key in keys.Where(static k => k is not "fingerprint" and not "tokens"))
        {
            string? old = before.Field(key);
            string? current = after.Field(key);
            if (old == current) continue;
            changes.Add(Describe(key, old, current));
        }
        if (before.Field("fingerprint") != after.Field("fingerprint")) changes.Add("contract fingerprint (stored calls made before this change will not run)");
        if (before.Field("tokens") != after.Field("tokens")) changes.Add("tokens " + (before.Field("tokens") ?? "?") + " → " + (after.Field("tokens") ?? "?"));
        return changes;
    }

    private static string Describe(string key, string? old, string? current)
    {
        (string kind, string? name) = Split(key);
        string what = name is null ? Noun(kind) : Noun(kind) + " '" + name + "'";
        if (kind == "hints") return "hints (" + (old ?? "none") + " → " + (current ?? "none") + ")";
        if (old is null) return what + " added";
        if (current is null) return what + " removed";
        switch (kind)
        {
            case "parameter" or "definition" or "output" or "parameters":
                List<KeyValuePair<string, string>> before = JsonMembers.Of(old);
                List<KeyValuePair<string, string>> after = JsonMembers.Of(current);
                if (before.Count == 0 || after.Count == 0) return what;
                string? oldType = JsonMembers.Get(before, "type");
                string? newType = JsonMembers.Get(after, "type");
                if (oldType != newType) return "type of " + what + " (" + (oldType ?? "any") + " → " + (newType ?? "any") + ")";
                if (kind == "parameters" && JsonMembers.Get(before, "required") != JsonMembers.Get(after, "required")) return "required parameters";
                if (JsonMembers.Without(before, "description") == JsonMembers.Without(after, "description")) return "description of " + what;
                return "schema of " + what;
            default:
                return what;
        }
    }

    private static (string Kind, string? Name) Split(string key)
    {
        int space = key.IndexOf(' ');
        return space < 0 ? (key, null) : (key.Substring(0, space), key.Substring(space + 1));
    }

    private static string Noun(string kind) => kind switch
    {
        "parameters" => "parameters schema",
        "output" => "output schema",
        "definition" => "type",
        _ => kind,
    };
}
