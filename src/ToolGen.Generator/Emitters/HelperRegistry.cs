using System.Collections.Generic;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// The worklist of one generated class: hands out the helper a piece of generated code needs (a reader, writer or
/// result converter per distinct type, a regex, an <c>init</c> accessor, a table of JSON names), named by
/// <see cref="HelperNames"/>, and emits each once, grouped by kind: readers, result converters, writers, then fields.
/// Primitive types use the runtime's methods directly.
/// </summary>
internal sealed class HelperRegistry
{
    private enum HelperKind { Reader, Result, Writer }

    private readonly HelperNames _names;
    private readonly Dictionary<(HelperKind, TypeSpec), string> _helpers = new();
    private readonly Queue<(HelperKind Kind, TypeSpec Type, string Name)> _pending = new();
    private readonly Dictionary<string, string> _patterns = new(System.StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Member), string> _initSetters = new();
    private readonly Dictionary<TypeSpec, string> _enumNames = new();
    private readonly List<string> _fields = new();
    private readonly SourceWriter[] _groups = { new(), new(), new() };

    /// <param name="objects">The container's object types.</param>
    /// <param name="reserved">Names the generated class already uses.</param>
    public HelperRegistry(ObjectGraph objects, params string[] reserved)
    {
        Objects = objects;
        _names = new HelperNames(reserved);
    }

    /// <summary>The container's object types.</summary>
    public ObjectGraph Objects { get; }

    /// <summary>The method that parses a tool's arguments and calls <paramref name="methodName"/>: <c>InvokeGetTemperature</c>.</summary>
    public string Invoker(string methodName) => _names.Unique("Invoke" + HelperNames.Pascal(methodName));

    /// <summary>The name of an object or enum type in helper names: its simple name, numbered when another type has it (<c>Item2</c>).</summary>
    public string TypeName(string fullName) => _names.Of(new TypeSpec { Shape = TypeShape.Object, TypeName = fullName, NonNullableTypeName = fullName });

    /// <summary>A unique name for a static field: <c>s_{camelName}</c>.</summary>
    public string Field(string name) => _names.Unique("s_" + HelperNames.Camel(name));

    /// <summary>Adds a field declaration, emitted after the methods.</summary>
    public void AddField(string declaration) => _fields.Add(declaration);

    /// <summary>A <c>ToolJsonNames</c> field holding <paramref name="names"/>, named <c>s_{name}</c>.</summary>
    public string JsonNames(string name, IEnumerable<string> names)
    {
        string field = Field(name);
        AddField($"private static readonly {Names.JsonNames} {field} = new({string.Join(", ", System.Linq.Enumerable.Select(names, CSharpLiteral.String))});");
        return field;
    }

    /// <summary>The <c>ToolJsonNames</c> field with the JSON names of enum <paramref name="type"/>: <c>s_temperatureUnitNames</c>.</summary>
    public string EnumNames(TypeSpec type)
    {
        if (_enumNames.TryGetValue(type, out string? field)) return field;
        field = JsonNames(_names.Of(type) + "Names", System.Linq.Enumerable.Select(type.EnumMembers, static m => m.JsonName));
        _enumNames.Add(type, field);
        return field;
    }

    /// <summary>A static <c>Regex</c> field for <paramref name="pattern"/> (compiled once, with a match timeout), named after <paramref name="name"/>.</summary>
    public string Regex(string pattern, bool ecma, string name)
    {
        if (_patterns.TryGetValue(pattern, out string? field)) return field;
        field = Field(name + "Pattern");
        _patterns.Add(pattern, field);
        string options = ecma ? "ECMAScript" : "CultureInvariant";
        AddField($"private static readonly global::System.Text.RegularExpressions.Regex {field} = new({CSharpLiteral.String(pattern)}, global::System.Text.RegularExpressions.RegexOptions.{options}, global::ToolGen.Serialization.ToolArgumentConstraints.PatternTimeout);");
        return field;
    }

    /// <summary>
    /// An <c>[UnsafeAccessor]</c> for the <c>init</c> accessor of <paramref name="member"/>, <c>Set{Type}{Member}</c>: the
    /// only way, without reflection, to set an optional init-only property after construction and keep its initializer's
    /// value when the model omits it.
    /// </summary>
    public string InitSetter(ObjectSpec type, MemberSpec member)
    {
        if (_initSetters.TryGetValue((type.TypeName, member.Name), out string? name)) return name;
        name = _names.Unique("Set" + TypeName(type.TypeName) + HelperNames.Pascal(member.Name));
        _initSetters.Add((type.TypeName, member.Name), name);
        AddField($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {CSharpLiteral.String("set_" + member.Name)})]");
        AddField($"private static extern void {name}({(type.IsValueType ? "ref " : "")}{type.TypeName} target, {member.Type.TypeName} value);");
        return name;
    }

    /// <summary>
    /// The type a value of <paramref name="type"/> is read into: the concrete collection for a collection interface
    /// (<c>IReadOnlyList&lt;T&gt;</c> → <c>List&lt;T&gt;</c>), so that every list of T shares one reader; the type itself otherwise.
    /// </summary>
    public static TypeSpec Storage(TypeSpec type)
    {
        string? concrete = type.Shape switch
        {
            TypeShape.List => $"{Names.List}<{type.Element!.TypeName}>",
            TypeShape.Set => $"global::System.Collections.Generic.HashSet<{type.Element!.TypeName}>",
            TypeShape.Dictionary => $"global::System.Collections.Generic.Dictionary<string, {type.Element!.TypeName}>",
            _ => null,
        };
        if (concrete is null) return type;
        return type with { TypeName = type.IsNullable ? concrete + "?" : concrete, NonNullableTypeName = concrete };
    }

    /// <summary>
    /// The call reading the current value as <paramref name="type"/> into <paramref name="target"/> (an <c>out</c>
    /// argument: a local, or a declaration such as <c>string item</c>): <c>args.ReadString(out city)</c>,
    /// <c>ReadTemperatureUnit(ref args, out unit)</c>. Returns whether the value was read.
    /// </summary>
    public string Read(TypeSpec type, string target)
    {
        type = Storage(type);
        if (!type.IsNullable && RuntimeReader(type.Shape) is { } runtime) return $"args.{runtime}(out {target})";
        return $"{Helper(HelperKind.Reader, type, "Read")}(ref args, out {target})";
    }

    /// <summary>The method that writes <paramref name="type"/>: <c>(Utf8JsonWriter writer, T value)</c>.</summary>
    public string Writer(TypeSpec type) => Helper(HelperKind.Writer, type, "Write");

    /// <summary>The method that turns a returned <paramref name="type"/> into a <c>ToolResult</c>: <c>(T value) → ToolResult</c>.</summary>
    public string Result(TypeSpec type) => type.Shape == TypeShape.String && !type.IsNullable
        ? Names.ToolResult + ".FromText"
        : Helper(HelperKind.Result, type, "ResultFrom");

    /// <summary>Emits every helper asked for so far, and the helpers those need, grouped by kind; then the fields.</summary>
    public void EmitPending(SourceWriter writer)
    {
        while (_pending.Count > 0)
        {
            (HelperKind kind, TypeSpec type, string name) = _pending.Dequeue();
            SourceWriter group = _groups[(int)kind];
            group.Line();
            switch (kind)
            {
                case HelperKind.Reader: ReaderEmitter.EmitReader(group, this, type, name); break;
                case HelperKind.Writer: WriterEmitter.EmitWriter(group, this, type, name); break;
                case HelperKind.Result: WriterEmitter.EmitResult(group, this, type, name); break;
            }
        }
        foreach (SourceWriter group in _groups)
        {
            string text = group.ToString();
            if (text.Length == 0) continue;
            foreach (string line in text.TrimEnd('\n').Split('\n')) writer.Line(line);
        }
        if (_fields.Count > 0)
        {
            writer.Line();
            foreach (string field in _fields) writer.Line(field);
        }
    }

    private string Helper(HelperKind kind, TypeSpec type, string prefix)
    {
        if (_helpers.TryGetValue((kind, type), out string? name)) return name;
        name = _names.Unique(prefix + _names.Of(type));
        _helpers.Add((kind, type), name);
        _pending.Enqueue((kind, type, name));
        return name;
    }

    private static string? RuntimeReader(TypeShape shape) => shape switch
    {
        TypeShape.String => "ReadString",
        TypeShape.Boolean => "ReadBoolean",
        TypeShape.SByte => "ReadSByte",
        TypeShape.Byte => "ReadByte",
        TypeShape.Int16 => "ReadInt16",
        TypeShape.UInt16 => "ReadUInt16",
        TypeShape.Int32 => "ReadInt32",
        TypeShape.UInt32 => "ReadUInt32",
        TypeShape.Int64 => "ReadInt64",
        TypeShape.UInt64 => "ReadUInt64",
        TypeShape.Single => "ReadSingle",
        TypeShape.Double => "ReadDouble",
        TypeShape.Decimal => "ReadDecimal",
        TypeShape.Char => "ReadChar",
        TypeShape.DateTime => "ReadDateTime",
        TypeShape.DateTimeOffset => "ReadDateTimeOffset",
        TypeShape.DateOnly => "ReadDateOnly",
        TypeShape.TimeOnly => "ReadTimeOnly",
        TypeShape.TimeSpan => "ReadTimeSpan",
        TypeShape.Guid => "ReadGuid",
        TypeShape.Uri => "ReadUri",
        TypeShape.JsonElement => "ReadJsonElement",
        TypeShape.JsonNode => "ReadJsonNode",
        TypeShape.JsonObject => "ReadJsonObject",
        TypeShape.JsonArray => "ReadJsonArray",
        _ => null,
    };
}
