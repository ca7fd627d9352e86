using System.ComponentModel;
using System.Globalization;

namespace ToolGen.Serialization;

/// <summary>Builds JSONPath-style locations (<c>$.tags[2]</c>, <c>$['odd name']</c>) for argument errors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolJsonPath
{
    /// <summary>The root of the arguments object.</summary>
    public const string Root = "$";

    /// <summary>
    /// A location: <paramref name="path"/>, then <paramref name="member"/> (a property accessor such as <c>.name</c>, or empty),
    /// then <c>[index]</c> when <paramref name="index"/> is not negative. Generated readers pass the parts separately so that
    /// the full path is only built once per object or array, or when a problem is found.
    /// </summary>
    public static string Format(string path, string member, int index) =>
        index < 0 ? (member.Length == 0 ? path : path + member) : path + member + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) => ToolGen.Shared.ToolNameRules.PropertyPath(parent, name);

    /// <summary>The accessor of property <paramref name="name"/>: <c>.name</c>, or <c>['odd name']</c>.</summary>
    public static string Member(string name) => ToolGen.Shared.ToolNameRules.PropertyPath("", name);
}
