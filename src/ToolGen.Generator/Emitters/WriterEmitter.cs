using System.Collections.Generic;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Emits the result side of dispatch: a tool's return value written as JSON with <c>Utf8JsonWriter</c>, producing what
/// System.Text.Json would write for it (web defaults, enums as strings).
/// </summary>
internal static class WriterEmitter
{
    /// <summary>Emits <c>ToolResult {name}(T value)</c>: text for strings, JSON for everything else.</summary>
    public static void EmitResult(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        // Inlined into the invoker, with the writer below, so that the JIT can keep a returned object that goes no
        // further on the stack.
        if (type.Shape != TypeShape.String) w.Line(Names.AggressiveInlining);
        w.Open($"private static {Names.ToolResult} {name}({type.TypeName} value)");
        if (type.Shape == TypeShape.String)
        {
            // A nullable string result: text when there is one, JSON null otherwise.
            w.Line($"if (value is not null) return {Names.ToolResult}.FromText(value);");
            w.Line($"return {Names.ToolResult}.FromJson(\"null\"u8.ToArray());");
        }
        else
        {
            w.Line($"{Names.ResultWriter} writer = {Names.ResultWriter}.Rent();");
            w.Line(WriteStatement(helpers, type, "writer.Json", "value"));
            w.Line("return writer.Complete();");
        }
        w.Close();
    }

    /// <summary>Emits <c>void {name}(Utf8JsonWriter writer, T value)</c> for a nullable, enum, collection or object type.</summary>
    public static void EmitWriter(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        if (type.Shape == TypeShape.Object && !type.IsNullable && !helpers.Objects.IsRecursive(type)) w.Line(Names.AggressiveInlining);
        w.Open($"private static void {name}({Names.Utf8JsonWriter} writer, {type.TypeName} value)");
        if (type.IsNullable)
        {
            TypeSpec inner = type.WithoutNullability();
            w.Line("if (value is null) writer.WriteNullValue();");
            w.Line("else " + WriteStatement(helpers, inner, "writer", type.IsNullableValueType ? "value.Value" : "value"));
            w.Close();
            return;
        }

        if (type.IsReferenceType)
        {
            w.Open("if (value is null)");
            w.Line("writer.WriteNullValue();");
            w.Line("return;");
            w.Close();
        }
        switch (type.Shape)
        {
            case TypeShape.Enum:
                EmitEnumSwitch(w, type, "writer.WriteStringValue(");
                // The same as a property, in one Utf8JsonWriter call per value, for enum members of objects.
                w.Close();
                w.Line();
                w.Open($"private static void {name}({Names.Utf8JsonWriter} writer, global::System.ReadOnlySpan<byte> name, {type.TypeName} value)");
                EmitEnumSwitch(w, type, "writer.WriteString(name, ");
                break;
            case TypeShape.Dictionary:
                w.Line("writer.WriteStartObject();");
                w.Open($"foreach (global::System.Collections.Generic.KeyValuePair<string, {type.Element!.TypeName}> item in value)");
                w.Line("writer.WritePropertyName(item.Key);");
                w.Line(WriteStatement(helpers, type.Element!, "writer", "item.Value"));
                w.Close();
                w.Line("writer.WriteEndObject();");
                break;
            case TypeShape.Object:
                EmitObjectBody(w, helpers, helpers.Objects[type]);
                break;
            default:
                w.Line("writer.WriteStartArray();");
                w.Line($"foreach ({type.Element!.TypeName} item in value) " + WriteStatement(helpers, type.Element!, "writer", "item"));
                w.Line("writer.WriteEndArray();");
                break;
        }
        w.Close();
    }

    private static void EmitObjectBody(SourceWriter w, HelperRegistry helpers, ObjectSpec spec)
    {
        w.Line("writer.WriteStartObject();");
        foreach (MemberSpec member in spec.Members)
        {
            if (!member.CanWrite) continue;
            string value = "value." + CSharpLiteral.Identifier(member.Name);
            string write = WritePropertyStatement(helpers, member.Type, CSharpLiteral.Utf8(member.JsonName), value);
            switch (member.EffectiveWriteCondition)
            {
                case WriteCondition.WhenNotNull:
                    w.Line($"if ({value} is not null) {{ {write} }}");
                    break;
                case WriteCondition.WhenNotDefault:
                    w.Line($"if (!global::System.Collections.Generic.EqualityComparer<{member.Type.TypeName}>.Default.Equals({value}, default!)) {{ {write} }}");
                    break;
                default:
                    w.Line(write);
                    break;
            }
        }
        w.Line("writer.WriteEndObject();");
    }

    // One case per value, named by its first member (later members with the same value are aliases and would be
    // duplicate case labels); a value without a member is written as its number, as Enum.ToString gives it.
    private static void EmitEnumSwitch(SourceWriter w, TypeSpec type, string call)
    {
        w.Open("switch (value)");
        var written = new HashSet<string>();
        foreach (EnumMemberSpec member in type.EnumMembers)
        {
            if (!written.Add(member.Value)) continue;
            w.Line($"case {type.TypeName}.{CSharpLiteral.Identifier(member.Name)}: {call}{CSharpLiteral.Utf8(member.JsonName)}); break;");
        }
        w.Line($"default: {call}value.ToString()); break;");
        w.Close();
    }

    /// <summary>Statements writing property <paramref name="name"/> with <paramref name="value"/> of <paramref name="type"/>, in one call where Utf8JsonWriter has one.</summary>
    private static string WritePropertyStatement(HelperRegistry helpers, TypeSpec type, string name, string value)
    {
        if (type.IsNullable) return $"writer.WritePropertyName({name}); " + WriteStatement(helpers, type, "writer", value);
        return type.Shape switch
        {
            TypeShape.String or TypeShape.DateTime or TypeShape.DateTimeOffset or TypeShape.Guid => $"writer.WriteString({name}, {value});",
            TypeShape.Boolean => $"writer.WriteBoolean({name}, {value});",
            TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 => $"writer.WriteNumber({name}, (int){value});",
            TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 or TypeShape.Decimal => $"writer.WriteNumber({name}, {value});",
            TypeShape.Single => $"{Names.ResultWriter}.WriteSingle(writer, {name}, {value});",
            TypeShape.Double => $"{Names.ResultWriter}.WriteDouble(writer, {name}, {value});",
            TypeShape.Enum => $"{helpers.Writer(type)}(writer, {name}, {value});",
            _ => $"writer.WritePropertyName({name}); " + WriteStatement(helpers, type, "writer", value),
        };
    }

    /// <summary>A statement writing <paramref name="value"/> of <paramref name="type"/> to <paramref name="writer"/>.</summary>
    private static string WriteStatement(HelperRegistry helpers, TypeSpec type, string writer, string value)
    {
        if (type.IsNullable) return $"{helpers.Writer(type)}({writer}, {value});";
        return type.Shape switch
        {
            TypeShape.String => $"{writer}.WriteStringValue({value});",
            TypeShape.Boolean => $"{writer}.WriteBooleanValue({value});",
            TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 => $"{writer}.WriteNumberValue((int){value});",
            TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 or TypeShape.Decimal => $"{writer}.WriteNumberValue({value});",
            TypeShape.DateTime or TypeShape.DateTimeOffset or TypeShape.Guid => $"{writer}.WriteStringValue({value});",
            TypeShape.Single => $"{Names.ResultWriter}.WriteSingle({writer}, {value});",
            TypeShape.Double => $"{Names.ResultWriter}.WriteDouble({writer}, {value});",
            TypeShape.Char => $"{Names.ResultWriter}.WriteChar({writer}, {value});",
            TypeShape.DateOnly => $"{Names.ResultWriter}.WriteDateOnly({writer}, {value});",
            TypeShape.TimeOnly => $"{Names.ResultWriter}.WriteTimeOnly({writer}, {value});",
            TypeShape.TimeSpan => $"{Names.ResultWriter}.WriteTimeSpan({writer}, {value});",
            TypeShape.Uri => $"{Names.ResultWriter}.WriteUri({writer}, {value});",
            TypeShape.JsonElement => $"{value}.WriteTo({writer});",
            TypeShape.JsonNode or TypeShape.JsonObject or TypeShape.JsonArray => $"if ({value} is null) {writer}.WriteNullValue(); else {value}.WriteTo({writer});",
            _ => $"{helpers.Writer(type)}({writer}, {value});",
        };
    }
}
