using System.Collections.Generic;
using System.Text;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Names the members of one generated class after what they do and the type they do it for (<c>ReadTemperatureUnit</c>,
/// <c>ReadListOfString</c>, <c>WriteForecast</c>, <c>InvokeGetTemperature</c>), and keeps them unique: a second type
/// with the same simple name gets a numbered name (<c>ReadItem</c>, <c>ReadItem2</c>), like Mapperly's
/// <c>UniqueNameBuilder</c>. Also names the locals of one generated method (<see cref="Locals"/>).
/// </summary>
internal sealed class HelperNames
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeNames = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _takenTypeNames = new(System.StringComparer.Ordinal);

    /// <param name="reserved">Names the class already uses.</param>
    public HelperNames(params string[] reserved)
    {
        foreach (string name in reserved) _taken.Add(name);
    }

    /// <summary><paramref name="name"/>, or <paramref name="name"/> with the first free number from 2 on.</summary>
    public string Unique(string name)
    {
        if (_taken.Add(name)) return name;
        for (int i = 2; ; i++)
        {
            string numbered = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(numbered)) return numbered;
        }
    }

    /// <summary>
    /// A name for <paramref name="type"/> in a method name: <c>String</c>, <c>Int32</c>, <c>TemperatureUnit</c>,
    /// <c>ListOfString</c>, <c>ArrayOfCategory</c>, <c>DictionaryOfDecimal</c>, <c>NullableInt32</c>. An enum or object
    /// type whose simple name an earlier type took is numbered (<c>Item</c>, <c>Item2</c>), and so is every name built
    /// on it (<c>ListOfItem2</c>).
    /// </summary>
    public string Of(TypeSpec type)
    {
        if (type.IsNullable) return "Nullable" + Of(type.WithoutNullability());
        return type.Shape switch
        {
            TypeShape.Enum or TypeShape.Object => TypeName(type.NonNullableTypeName),
            TypeShape.Array => "ArrayOf" + Of(type.Element!),
            TypeShape.List => "ListOf" + Of(type.Element!),
            TypeShape.Set => "SetOf" + Of(type.Element!),
            TypeShape.Dictionary => "DictionaryOf" + Of(type.Element!),
            _ => type.Shape.ToString(),
        };
    }

    // The simple name of an enum or object type, unique among the types of this class.
    private string TypeName(string fullName)
    {
        if (_typeNames.TryGetValue(fullName, out string? name)) return name;
        string simple = SimpleName(fullName);
        name = simple;
        for (int i = 2; !_takenTypeNames.Add(name); i++) name = simple + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _typeNames.Add(fullName, name);
        return name;
    }

    /// <summary>
    /// The simple name of a fully qualified type, with type arguments spelled out:
    /// <c>global::MyApp.Shop.Category</c> → <c>Category</c>, <c>global::MyApp.Page&lt;global::MyApp.Item&gt;</c> → <c>PageOfItem</c>.
    /// </summary>
    public static string SimpleName(string typeName)
    {
        string name = typeName.Replace("global::", "");
        string arguments = "";
        int open = name.IndexOf('<');
        if (open >= 0)
        {
            var parts = new List<string>();
            int depth = 0, start = open + 1;
            for (int i = open + 1; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '<') depth++;
                else if (c == '>' && depth-- == 0) { parts.Add(name.Substring(start, i - start)); break; }
                else if (c == ',' && depth == 0) { parts.Add(name.Substring(start, i - start)); start = i + 1; }
            }
            arguments = "Of" + string.Join("And", parts.ConvertAll(static p => SimpleName(p.Trim())));
            name = name.Substring(0, open);
        }
        int dot = name.LastIndexOf('.');
        if (dot >= 0) name = name.Substring(dot + 1);
        return Pascal(Identifier(name)) + arguments;
    }

    /// <summary><paramref name="name"/> with its first letter upper-cased (<c>city</c> → <c>City</c>).</summary>
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary><paramref name="name"/> with its first letter lower-cased, for a field (<c>GetTemperature</c> → <c>getTemperature</c>).</summary>
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    // Letters, digits and underscores only ("int[]" → "intArray", "int?" → "intNullable").
    private static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name.Replace("[]", "Array").Replace("?", "Nullable"))
        {
            if (char.IsLetterOrDigit(c) || c == '_') text.Append(c);
        }
        return text.Length == 0 ? "Value" : text.ToString();
    }

    /// <summary>
    /// The locals of one generated method: named after the parameters or members they hold (<c>city</c>,
    /// <c>seenCity</c>), never one of the method's own names (<c>args</c>, <c>value</c>…), escaped when a keyword.
    /// </summary>
    internal sealed class Locals
    {
        private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

        public Locals(params string[] reserved)
        {
            foreach (string name in reserved) _taken.Add(name);
        }

        /// <summary>
        /// <paramref name="name"/> if free, else <paramref name="name"/> + <c>Value</c>, else numbered; prefixed with
        /// <c>@</c> when it is a C# keyword (<c>@class</c>).
        /// </summary>
        public string Take(string name)
        {
            if (name.StartsWith("@", System.StringComparison.Ordinal)) name = name.Substring(1);
            string chosen = name;
            if (!_taken.Add(chosen))
            {
                chosen = name + "Value";
                for (int i = 2; !_taken.Add(chosen); i++) chosen = name + "Value" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Helpers.CSharpLiteral.Identifier(chosen);
        }
    }
}
