using System.Collections.Generic;
using System.Text;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Builds a tool's parameters JSON Schema (2020-12) from its spec, in two variants: standard, and OpenAI strict (every
/// property required, optional ones nullable, <c>additionalProperties: false</c> on every object, no constraint keywords
/// strict mode rejects). Objects are inlined; recursive ones are defined once in <c>$defs</c>.
/// </summary>
internal sealed class SchemaEmitter
{
    // Formats OpenAI's strict mode accepts; others are left out of the strict variant.
    private static readonly HashSet<string> s_strictFormats = new() { "date-time", "date", "time", "duration", "uuid", "email" };

    private readonly ObjectGraph _objects;
    private readonly bool _strict;
    private readonly Dictionary<string, string> _definitionNames = new();
    private readonly List<(string Name, ObjectSpec Spec)> _definitions = new();

    private SchemaEmitter(ObjectGraph objects, bool strict)
    {
        _objects = objects;
        _strict = strict;
    }

    /// <summary>Why strict mode cannot express the parameters (the first reason found), or null.</summary>
    private string? StrictProblem { get; set; }

    public static string Standard(ToolSpec tool, ObjectGraph objects) => new SchemaEmitter(objects, strict: false).Parameters(tool);

    /// <summary>The strict variant, or null with <paramref name="problem"/> saying why strict mode cannot express it.</summary>
    public static string? Strict(ToolSpec tool, ObjectGraph objects, out string? problem)
    {
        var emitter = new SchemaEmitter(objects, strict: true);
        string schema = emitter.Parameters(tool);
        problem = emitter.StrictProblem;
        return problem is null ? schema : null;
    }

    /// <summary>The schema of an object type as a root (inlined even when recursive; its self-references use <c>$defs</c>).</summary>
    public static string? Object(ObjectSpec spec, ObjectGraph objects, bool strict, out string? problem)
    {
        var emitter = new SchemaEmitter(objects, strict);
        var json = new StringBuilder(256);
        emitter.AppendObject(json, spec, "$", nullable: false, description: null);
        if (emitter._definitions.Count > 0)
        {
            json.Length--;   // Reopen the root object to add $defs.
            emitter.AppendDefinitions(json);
            json.Append('}');
        }
        problem = emitter.StrictProblem;
        return strict && problem is not null ? null : json.ToString();
    }

    private string Parameters(ToolSpec tool)
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
            bool optional = !parameter.IsRequired;
            AppendValue(json, parameter.Type!, "$." + parameter.JsonName, parameter.Type!.IsNullable || (_strict && optional),
                parameter.Description, _strict ? null : parameter.DefaultJson, parameter.Constraints);
            if (_strict || parameter.IsRequired) required.Add(parameter.JsonName);
        }
        json.Append('}');
        AppendRequired(json, required);
        json.Append(",\"additionalProperties\":false");
        AppendDefinitions(json);
        return json.Append('}').ToString();
    }

    private void AppendRequired(StringBuilder json, List<string> required)
    {
        if (!_strict && required.Count == 0) return;
        json.Append(",\"required\":[");
        for (int i = 0; i < required.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.AppendString(required[i]);
        }
        json.Append(']');
    }

    // Definitions can reference further definitions, so the list may grow while it is written.
    private void AppendDefinitions(StringBuilder json)
    {
        if (_definitions.Count == 0) return;
        json.Append(",\"$defs\":{");
        for (int i = 0; i < _definitions.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.AppendString(_definitions[i].Name).Append(':');
            AppendObject(json, _definitions[i].Spec, "$defs." + _definitions[i].Name, nullable: false, description: _definitions[i].Spec.Description);
        }
        json.Append('}');
    }

    private void AppendValue(StringBuilder json, TypeSpec type, string path, bool nullable, string? description, string? defaultJson, ConstraintSpec constraints)
    {
        if (type.Shape == TypeShape.Object)
        {
            ObjectSpec spec = _objects[type];
            string? text = description is { Length: > 0 } ? description : spec.Description;
            if (_objects.IsRecursive(type)) AppendReference(json, spec, nullable, text);
            else AppendObject(json, spec, path, nullable, text);
            return;
        }

        json.Append('{');
        if (description is { Length: > 0 }) json.Append("\"description\":").AppendString(description).Append(',');
        if (type.Shape is TypeShape.JsonElement or TypeShape.JsonNode)
        {
            StrictProblem ??= $"{path} accepts any JSON value, which strict mode cannot express";
            TrimComma(json);
            json.Append('}');
            return;
        }

        AppendType(json, JsonType(type.Shape), nullable);
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
            case TypeShape.Set:
                json.Append(",\"items\":");
                AppendValue(json, type.Element!, path + "[]", type.Element!.IsNullable, null, null, ConstraintSpec.None);
                if (type.Shape == TypeShape.Set && !_strict) json.Append(",\"uniqueItems\":true");
                break;
            case TypeShape.Dictionary:
                StrictProblem ??= $"{path} is a dictionary, whose keys strict mode cannot express";
                json.Append(",\"additionalProperties\":");
                AppendValue(json, type.Element!, path + ".*", type.Element!.IsNullable, null, null, ConstraintSpec.None);
                break;
            case TypeShape.JsonObject:
                StrictProblem ??= $"{path} is a free-form object, which strict mode cannot express";
                break;
            case TypeShape.JsonArray:
                StrictProblem ??= $"{path} is a free-form array, which strict mode cannot express";
                break;
            case TypeShape.Char:
                if (!_strict) json.Append(",\"minLength\":1,\"maxLength\":1");
                break;
        }
        AppendFormat(json, Format(type.Shape) ?? constraints.Format);
        if (!_strict) AppendConstraints(json, type, constraints);
        if (defaultJson is not null) json.Append(",\"default\":").Append(defaultJson);
        json.Append('}');
    }

    private void AppendObject(StringBuilder json, ObjectSpec spec, string path, bool nullable, string? description)
    {
        json.Append('{');
        if (description is { Length: > 0 }) json.Append("\"description\":").AppendString(description).Append(',');
        AppendType(json, "object", nullable);
        json.Append(",\"properties\":{");
        var required = new List<string>();
        bool first = true;
        foreach (MemberSpec member in spec.Members)
        {
            if (!member.IsReadable) continue;
            if (!first) json.Append(',');
            first = false;
            json.AppendString(member.JsonName).Append(':');
            AppendValue(json, member.Type, path + "." + member.JsonName, member.Type.IsNullable || (_strict && !member.IsRequired),
                member.Description, _strict ? null : member.DefaultJson, member.Constraints);
            if (_strict || member.IsRequired) required.Add(member.JsonName);
        }
        json.Append('}');
        AppendRequired(json, required);
        json.Append(",\"additionalProperties\":false}");
    }

    private void AppendReference(StringBuilder json, ObjectSpec spec, bool nullable, string? description)
    {
        if (!_definitionNames.TryGetValue(spec.TypeName, out string? name))
        {
            name = spec.Name;
            for (int suffix = 2; _definitionNames.ContainsValue(name); suffix++) name = spec.Name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _definitionNames.Add(spec.TypeName, name);
            _definitions.Add((name, spec));
        }
        // Strict mode wants a $ref without sibling keywords; a nullable reference is an anyOf with null.
        json.Append('{');
        if (description is { Length: > 0 } && !_strict) json.Append("\"description\":").AppendString(description).Append(',');
        string reference = "\"$ref\":" + JsonText.Quote("#/$defs/" + name);
        if (nullable) json.Append("\"anyOf\":[{").Append(reference).Append("},{\"type\":\"null\"}]}");
        else json.Append(reference).Append('}');
    }

    private void AppendFormat(StringBuilder json, string? format)
    {
        if (format is null || (_strict && !s_strictFormats.Contains(format))) return;
        json.Append(",\"format\":").AppendString(format);
    }

    private static void AppendConstraints(StringBuilder json, TypeSpec type, ConstraintSpec constraints)
    {
        bool isCollection = type.Shape is TypeShape.Array or TypeShape.List or TypeShape.Set;
        if (constraints.Minimum is not null) json.Append(",\"minimum\":").Append(constraints.Minimum);
        else AppendIntegerBound(json, type.Shape, minimum: true);
        if (constraints.Maximum is not null) json.Append(",\"maximum\":").Append(constraints.Maximum);
        else AppendIntegerBound(json, type.Shape, minimum: false);
        if (constraints.MinLength >= 0) json.Append(isCollection ? ",\"minItems\":" : ",\"minLength\":").Append(constraints.MinLength);
        if (constraints.MaxLength >= 0) json.Append(isCollection ? ",\"maxItems\":" : ",\"maxLength\":").Append(constraints.MaxLength);
        if (constraints.Pattern is not null) json.Append(",\"pattern\":").AppendString(constraints.Pattern);
    }

    // Bounds only for types narrower than 32 bits, and minimum 0 for unsigned ones: int and long limits cost tokens and tell a model nothing.
    private static void AppendIntegerBound(StringBuilder json, TypeShape shape, bool minimum)
    {
        string? bound = (shape, minimum) switch
        {
            (TypeShape.SByte, true) => "-128",
            (TypeShape.SByte, false) => "127",
            (TypeShape.Byte, true) or (TypeShape.UInt16, true) or (TypeShape.UInt32, true) or (TypeShape.UInt64, true) => "0",
            (TypeShape.Byte, false) => "255",
            (TypeShape.Int16, true) => "-32768",
            (TypeShape.Int16, false) => "32767",
            (TypeShape.UInt16, false) => "65535",
            _ => null,
        };
        if (bound is not null) json.Append(minimum ? ",\"minimum\":" : ",\"maximum\":").Append(bound);
    }

    private static void AppendType(StringBuilder json, string jsonType, bool nullable)
    {
        json.Append("\"type\":");
        if (nullable) json.Append("[\"").Append(jsonType).Append("\",\"null\"]");
        else json.Append('"').Append(jsonType).Append('"');
    }

    private static void TrimComma(StringBuilder json)
    {
        if (json[json.Length - 1] == ',') json.Length--;
    }

    private static string JsonType(TypeShape shape) => shape switch
    {
        TypeShape.Boolean => "boolean",
        TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 => "integer",
        TypeShape.Single or TypeShape.Double or TypeShape.Decimal => "number",
        TypeShape.Array or TypeShape.List or TypeShape.Set or TypeShape.JsonArray => "array",
        TypeShape.Dictionary or TypeShape.JsonObject or TypeShape.Object => "object",
        _ => "string",
    };

    private static string? Format(TypeShape shape) => shape switch
    {
        TypeShape.DateTime or TypeShape.DateTimeOffset => "date-time",
        TypeShape.DateOnly => "date",
        TypeShape.TimeOnly => "time",
        TypeShape.TimeSpan => "duration",
        TypeShape.Guid => "uuid",
        TypeShape.Uri => "uri",
        _ => null,
    };
}
