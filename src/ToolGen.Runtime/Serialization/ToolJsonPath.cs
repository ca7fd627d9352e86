using System.ComponentModel;
using System.Globalization;

namespace ToolGen.Serialization;

/// <summary>Builds JSONPath-style locations (<c>$.tags[2]</c>, <c>$['odd name']</c>) for argument errors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolJsonPath
{
    /// <summary>The root of the arguments object.</summary>
    public const string Root = "$";

    /// <summary><paramref name="path"/> followed by <c>[index]</c>, or <paramref name="path"/> itself when <paramref name="index"/> is negative.</summary>
    public static string Format(string path, int index) =>
        index < 0 ? path : path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) => ToolGen.Shared.ToolNameRules.PropertyPath(parent, name);
}
