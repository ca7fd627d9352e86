using System.Collections.Generic;
using System.Text;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Builds a tool's parameters JSON Schema (2020-12) from its spec, in two variants: standard, and OpenAI strict (every
/// property required, optional ones nullable, no <c>default</c>/<c>minimum</c>/<c>maximum</c>).
/// </summary>
internal static class SchemaEmitter
{
    public static string Parameters(ToolSpec tool, bool strict)
    {
        var json = new StringBuilder(256).Append("{\"type\":\"object\",\"properties\":{");
        var required = new List<string>();
        bool first = true;
        foreach (ToolParameterSpec parameter in tool.Parameters)
        {
            if (parameter.Binding != ParameterBinding.Json) continue;
            if (!first) json.Append(',');
            first = false;
            json.AppendString(parameter.JsonName).Append(':');
            bool nullable = parameter.Type!.IsNullable || (strict && parameter.HasDefault);
            AppendType(json, parameter.Type, strict, nullable, parameter.Description, strict ? null : parameter.DefaultJson);
            if (strict || parameter.IsRequired) required.Add(parameter.JsonName);
        }
        json.Append('}');
        if (strict || required.Count > 0)
        {
            json.Append(",\"required\":[");
            for (int i = 0; i < required.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.AppendString(required[i]);
            }
            json.Append(']');
        }
        return json.Append(",\"additionalProperties\":false}").ToString();
    }

    private static void AppendType(StringBuilder json, TypeSpec type, bool strict, bool nullable, string? description, string? defaultJson)
    {
        json.Append('{');
        if (description is { Length: > 0 }) json.Append("\"description\":").AppendString(description).Append(',');
        json.Append("\"type\":");
        string jsonType = JsonType(type.Shape);
        if (nullable) json.Append("[\"").Append(jsonType).Append("\",\"null\"]");
        else json.Append('"').Append(jsonType).Append('"');

        switch (type.Shape)
        {
            case TypeShape.Enum:
                json.Append(",\"enum\":[");
                for (int i = 0; i < type.EnumMembers.Count; i++)
                {
                    if (i > 0) json.Append(',');
                    json.AppendString(type.EnumMembers[i].JsonName);
                }
                json.Append(nullable ? ",null]" : "]");
                break;
            case TypeShape.Array:
            case TypeShape.List:
                json.Append(",\"items\":");
                AppendType(json, type.Element!, strict, type.Element!.IsNullable, null, null);
                break;
            default:
                if (!strict) AppendIntegerBounds(json, type.Shape);
                break;
        }

        if (defaultJson is not null) json.Append(",\"default\":").Append(defaultJson);
        json.Append('}');
    }

    // Bounds only for types narrower than 32 bits, and minimum 0 for unsigned ones: int and long limits cost tokens and tell a model nothing.
    private static void AppendIntegerBounds(StringBuilder json, TypeShape shape)
    {
        string? bounds = shape switch
        {
            TypeShape.SByte => ",\"minimum\":-128,\"maximum\":127",
            TypeShape.Byte => ",\"minimum\":0,\"maximum\":255",
            TypeShape.Int16 => ",\"minimum\":-32768,\"maximum\":32767",
            TypeShape.UInt16 => ",\"minimum\":0,\"maximum\":65535",
            TypeShape.UInt32 or TypeShape.UInt64 => ",\"minimum\":0",
            _ => null,
        };
        if (bounds is not null) json.Append(bounds);
    }

    private static string JsonType(TypeShape shape) => shape switch
    {
        TypeShape.String or TypeShape.Enum => "string",
        TypeShape.Boolean => "boolean",
        TypeShape.Single or TypeShape.Double or TypeShape.Decimal => "number",
        TypeShape.Array or TypeShape.List => "array",
        _ => "integer",
    };
}
