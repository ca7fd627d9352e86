using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Globalization;

namespace ToolGen.Serialization;

/// <summary>Builds JSONPath-style locations (<c>$.tags[2]</c>, <c>$['odd name']</c>) for argument errors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolJsonPath
{
    /// <summary>The root of the arguments object.</summary>
    public const string Root = "$";

    /// <summary>
    /// A path not built yet (a distinct instance, never a literal): see <see cref="ToolArgumentErrors"/>, which builds it
    /// when a problem is recorded there.
    /// </summary>
    internal static readonly string Deferred = new('$', 1);

    /// <summary>
    /// A location: <paramref name="path"/>, then <paramref name="member"/> (a property accessor such as <c>.name</c>, or empty),
    /// then <c>[index]</c> when <paramref name="index"/> is not negative. Generated readers pass the parts separately so that
    /// the full path is only built once per object or array, or when a problem is found.
    /// </summary>
    public static string Format(string path, string member, int index)
    {
        if (index < 0 && member.Length == 0) return path;

        // Generated readers ask for the same locations on every call ("$.order", "$.order.lines[0]"…), built from the
        // same string instances, so a small cache keyed by those instances makes a successful call allocation-free.
        // Entries are immutable and replaced whole, so readers on other threads see an old entry or a new one, never
        // half of one; the cache holds at most 1,021 entries of at most 256 characters, whatever the model sends.
        if (path.Length + member.Length > MaxCachedLength) return Build(path, member, index);   // Long model-chosen keys are not kept.
        int slot = (HashCode.Combine(RuntimeHelpers.GetHashCode(path), RuntimeHelpers.GetHashCode(member), index) & int.MaxValue) % s_cache.Length;
        PathEntry? entry = s_cache[slot];
        if (entry is not null && ReferenceEquals(entry.Path, path) && ReferenceEquals(entry.Member, member) && entry.Index == index) return entry.Result;

        string result = Build(path, member, index);
        s_cache[slot] = new PathEntry(path, member, index, result);
        return result;
    }

    private const int MaxCachedLength = 256;

    private static string Build(string path, string member, int index) =>
        index < 0 ? path + member : path + member + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static readonly PathEntry?[] s_cache = new PathEntry?[1021];

    private sealed record PathEntry(string Path, string Member, int Index, string Result);

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) => ToolGen.Shared.ToolNameRules.PropertyPath(parent, name);

    /// <summary>The accessor of property <paramref name="name"/>: <c>.name</c>, or <c>['odd name']</c>.</summary>
    public static string Member(string name) => ToolGen.Shared.ToolNameRules.PropertyPath("", name);
}
