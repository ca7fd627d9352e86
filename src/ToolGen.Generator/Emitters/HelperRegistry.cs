using System.Collections.Generic;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Names the generated reader, writer and result helpers of one file, one per distinct type, and emits each once.
/// Primitive types use the runtime's helpers directly.
/// </summary>
internal sealed class HelperRegistry
{
    private enum HelperKind { Reader, Writer, Result }

    private readonly Dictionary<(HelperKind, TypeSpec), string> _names = new();
    private readonly Queue<(HelperKind Kind, TypeSpec Type, string Name)> _pending = new();
    private readonly Dictionary<string, string> _patterns = new(System.StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Member), string> _initSetters = new();
    private readonly List<string> _fields = new();
    private int _next;

    public HelperRegistry(ObjectGraph objects) => Objects = objects;

    /// <summary>The container's object types.</summary>
    public ObjectGraph Objects { get; }

    /// <summary>A static <c>Regex</c> field for <paramref name="pattern"/> (compiled once, with a match timeout).</summary>
    public string Regex(string pattern, bool ecma)
    {
        if (_patterns.TryGetValue(pattern, out string? field)) return field;
        field = "s_pattern" + (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _patterns.Add(pattern, field);
        string options = ecma ? "ECMAScript" : "CultureInvariant";
        _fields.Add($"private static readonly global::System.Text.RegularExpressions.Regex {field} = new({CSharpLiteral.String(pattern)}, global::System.Text.RegularExpressions.RegexOptions.{options}, global::ToolGen.Serialization.ToolArgumentConstraints.PatternTimeout);");
        return field;
    }

    /// <summary>
    /// An <c>[UnsafeAccessor]</c> for the <c>init</c> accessor of <paramref name="member"/>: the only way, without reflection,
    /// to set an optional init-only property after construction and keep its initializer's value when the model omits it.
    /// </summary>
    public string InitSetter(ObjectSpec type, MemberSpec member)
    {
        if (_initSetters.TryGetValue((type.TypeName, member.Name), out string? name)) return name;
        name = "SetInit" + (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _initSetters.Add((type.TypeName, member.Name), name);
        _fields.Add($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {CSharpLiteral.String("set_" + member.Name)})]");
        _fields.Add($"private static extern void {name}({(type.IsValueType ? "ref " : "")}{type.TypeName} target, {member.Type.TypeName} value);");
        return name;
    }

    /// <summary>The method that reads <paramref name="type"/>: <c>(ref reader, ref errors, path, index, out T value) → bool</c>.</summary>
    public string Reader(TypeSpec type)
    {
        if (!type.IsNullable)
        {
            string? runtime = type.Shape switch
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
            if (runtime is not null) return Names.Reader + "." + runtime;
        }
        return Name(HelperKind.Reader, type, "Read");
    }

    /// <summary>The method that writes <paramref name="type"/>: <c>(Utf8JsonWriter writer, T value)</c>.</summary>
    public string Writer(TypeSpec type) => Name(HelperKind.Writer, type, "Write");

    /// <summary>The method that turns a returned <paramref name="type"/> into a <c>ToolResult</c>: <c>(T value) → ToolResult</c>.</summary>
    public string Result(TypeSpec type) => type.Shape == TypeShape.String && !type.IsNullable
        ? Names.ToolResult + ".FromText"
        : Name(HelperKind.Result, type, "ToResult");

    /// <summary>Emits every helper named so far, and the helpers those need.</summary>
    public void EmitPending(SourceWriter writer)
    {
        EmitFields(writer);
        while (_pending.Count > 0)
        {
            (HelperKind kind, TypeSpec type, string name) = _pending.Dequeue();
            writer.Line();
            switch (kind)
            {
                case HelperKind.Reader: ReaderEmitter.EmitReader(writer, this, type, name); break;
                case HelperKind.Writer: WriterEmitter.EmitWriter(writer, this, type, name); break;
                case HelperKind.Result: WriterEmitter.EmitResult(writer, this, type, name); break;
            }
            EmitFields(writer);
        }
    }

    private void EmitFields(SourceWriter writer)
    {
        if (_fields.Count == 0) return;
        writer.Line();
        foreach (string field in _fields) writer.Line(field);
        _fields.Clear();
    }

    private string Name(HelperKind kind, TypeSpec type, string prefix)
    {
        if (_names.TryGetValue((kind, type), out string? name)) return name;
        name = prefix + (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _names.Add((kind, type), name);
        _pending.Enqueue((kind, type, name));
        return name;
    }
}
