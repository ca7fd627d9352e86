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
    private int _next;

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
        }
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
