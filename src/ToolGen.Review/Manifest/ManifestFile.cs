using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ToolGen.Review.Manifest;

/// <summary>
/// The manifest file: a header saying what it is and what the tools cost, then every tool sorted by name (ordinal),
/// a blank line between tools. Written with <c>\n</c> line ends on every machine, so it diffs the same everywhere.
/// </summary>
internal static class ManifestFile
{
    /// <summary>The file name the package adds as an additional file unless <c>ToolGenManifestFile</c> names another.</summary>
    public const string DefaultFileName = "ToolGen.tools.txt";

    /// <summary>
    /// Whether <paramref name="candidate"/> (an additional file's path) is the manifest at <paramref name="path"/>:
    /// the same full path, or, when the setting is relative (a file name, <c>tools/ToolGen.tools.txt</c>), a path that
    /// ends with it. Slashes either way, case ignored.
    /// </summary>
    public static bool IsAt(string candidate, string path)
    {
        string wanted = path.Replace('\\', '/');
        string actual = candidate.Replace('\\', '/');
        bool rooted = wanted.StartsWith("/", StringComparison.Ordinal) || (wanted.Length > 1 && wanted[1] == ':');
        return string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase)
            || (!rooted && actual.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The file name of <paramref name="path"/>.</summary>
    public static string FileName(string path)
    {
        int slash = path.Replace('\\', '/').LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    public static string Write(IEnumerable<ManifestEntry> entries)
    {
        ManifestEntry[] sorted = [.. entries.OrderBy(static e => e.Name, StringComparer.Ordinal)];
        long tokens = sorted.Sum(static e => (long)e.Tokens);
        var text = new StringBuilder(256 + sorted.Length * 512);
        text.Append("# ToolGen tool manifest: every tool of this project as a model sees it. A change here is a change to what\n");
        text.Append("# the model is told; review it like an API change. ToolGen.Review compares it with the code (TG0026).\n");
        text.Append("# ").Append(sorted.Length.ToString(CultureInfo.InvariantCulture)).Append(sorted.Length == 1 ? " tool, " : " tools, ")
            .Append(tokens.ToString(CultureInfo.InvariantCulture)).Append(" tokens (o200k_base, each tool as OpenAI Chat Completions receives it).\n");
        foreach (ManifestEntry entry in sorted)
        {
            text.Append('\n');
            entry.WriteTo(text);
        }
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="manifest"/> with the given tools' entries replaced by <paramref name="updates"/>: an update
    /// with an entry adds or replaces that tool, one without (null) removes it. Tools not named keep their entries as
    /// they are in the file, so accepting one change leaves the others to review.
    /// </summary>
    public static string Update(string manifest, IEnumerable<KeyValuePair<string, ManifestEntry?>> updates)
    {
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        // The first entry of a tool listed twice is the one that counts, as for the analyzer; the second is dropped.
        foreach ((ManifestEntry entry, _) in ManifestEntry.Read(manifest))
        {
            if (!entries.ContainsKey(entry.Name)) entries.Add(entry.Name, entry);
        }
        foreach (KeyValuePair<string, ManifestEntry?> update in updates)
        {
            if (update.Value is null) entries.Remove(update.Key);
            else entries[update.Key] = update.Value;
        }
        return Write(entries.Values);
    }
}
