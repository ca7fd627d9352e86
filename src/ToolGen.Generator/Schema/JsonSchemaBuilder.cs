using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Schema;

/// <summary>The forms of a tool's parameters schema that the schema stage builds (see docs/schemas.md).</summary>
internal enum SchemaDialect
{
    /// <summary>JSON Schema 2020-12 with every constraint, default and format; nullable as <c>"type":["string","null"]</c>.</summary>
    Standard,
    /// <summary>The standard schema without type arrays: nullable as <c>anyOf</c> with <c>{"type":"null"}</c>.</summary>
    Portable,
    /// <summary>What Gemini's <c>parametersJsonSchema</c> takes: <c>enum</c> of strings only, formats moved into the description.</summary>
    Gemini,
    /// <summary>OpenAI strict mode: every property required (optional ones nullable), no constraint keywords.</summary>
    OpenAIStrict,
    /// <summary>Anthropic strict tool use: optional properties stay optional, bounds move into the description, no recursion.</summary>
    AnthropicStrict,
}

/// <summary>A schema, or why the dialect cannot express the type (then <see cref="Json"/> is null).</summary>
internal readonly record struct SchemaResult(string? Json, string? Problem);

/// <summary>
/// Builds JSON Schemas from the model: a tool's parameters (per <see cref="SchemaDialect"/>), a <c>[ToolSchema]</c>
/// type, and a tool's result exactly as the generated writer writes it. Objects are inlined; recursive ones are
/// defined once in <c>$defs</c>. Pure: it reads specs and returns text, and every stage after it only prints that text.
/// </summary>
internal sealed class JsonSchemaBuilder
{
    // Formats OpenAI's strict mode accepts; others are left out of its variant.
    private static readonly HashSet<string> s_openAIStrictFormats = new() { "date-time", "date", "time", "duration", "uuid", "email" };

    private readonly ObjectGraph _objects;
    private readonly SchemaDialect _dialect;
    private readonly bool _output;
    private readonly bool _descriptions;
    private readonly Dictionary<string, string> _definitionNames = new();
    private readonly List<(string Name, ObjectSpec Spec)> _definitions = new();
    private string? _problem;

    private JsonSchemaBuilder(ObjectGraph objects, SchemaDialect dialect, bool output, bool descriptions)
    {
        _objects = objects;
        _dialect = dialect;
        _output = output;
        _descriptions = descriptions;
    }

    private bool IsStrict => _dialect is SchemaDialect.OpenAIStrict or SchemaDialect.AnthropicStrict;

    private bool NullAsAnyOf => _dialect is SchemaDialect.Portable or SchemaDialect.AnthropicStrict;

    /// <summary>The schema of a tool's JSON arguments object in <paramref name="dialect"/>.</summary>
    /// <param name="descriptions">False for the contract form the fingerprint hashes.</param>
    public static SchemaResult Parameters(ToolSpec tool, ObjectGraph objects, SchemaDialect dialect, bool descriptions = true)
    {
        var builder = new JsonSchemaBuilder(objects, dialect, output: false, descriptions);
        var properties = new SchemaNode();
        var required = new List<object>();
        foreach (ToolParameterSpec parameter in tool.Parameters)
        {
            if (parameter.Binding != ParameterBinding.Json) continue;
            bool optional = !parameter.IsRequired;
            properties.Set(parameter.JsonName, builder.Value(parameter.Type!, "$." + parameter.JsonName,
                parameter.Type!.IsNullable || (dialect == SchemaDialect.OpenAIStrict && optional),
                parameter.Description, parameter.DefaultJson, parameter.Constraints));
            if (dialect == SchemaDialect.OpenAIStrict || parameter.IsRequired) required.Add(parameter.JsonName);
        }
        var root = new SchemaNode().Set("type", "object").Set("properties", properties);
        if (required.Count > 0 || dialect == SchemaDialect.OpenAIStrict) root.Set("required", required);
        root.Set("additionalProperties", SchemaNode.Raw.False);
        return builder.Finish(root);
    }

    /// <summary>The schema of an object type as a root (a <c>[ToolSchema]</c> type; its self-references use <c>$defs</c>).</summary>
    public static SchemaResult Object(ObjectSpec spec, ObjectGraph objects, SchemaDialect dialect)
    {
        var builder = new JsonSchemaBuilder(objects, dialect, output: false, descriptions: true);
        // The type's description travels beside the schema (IToolSchema.SchemaDescription), not inside it.
        return builder.Finish(builder.ObjectNode(spec, "$", null));
    }

    /// <summary>
    /// The schema of a result as the generated writer writes it: no bounds or defaults (the writer enforces none), the
    /// members it always writes required, nulls only where the type is nullable. With <paramref name="asObject"/>, a
    /// result that is not an object is wrapped as <c>{"result": …}</c>, the form consumers that require an object get.
    /// </summary>
    public static string Output(TypeSpec type, ObjectGraph objects, string? description, bool asObject, bool descriptions = true)
    {
        var builder = new JsonSchemaBuilder(objects, SchemaDialect.Standard, output: true, descriptions);
        SchemaNode value = builder.Value(type, "result", type.IsNullable, asObject ? null : description, null, ConstraintSpec.None);
        if (asObject && !IsObjectResult(type))
        {
            var properties = new SchemaNode().Set("result", value);
            value = new SchemaNode().Set("type", "object").Set("properties", properties)
                .Set("required", new List<object> { "result" }).Set("additionalProperties", SchemaNode.Raw.False);
        }
        if (asObject && descriptions && description is { Length: > 0 }) value.SetFirst("description", description);
        return builder.Finish(value).Json!;
    }

    /// <summary>Whether the result is written as a JSON object (never null), so that object-only consumers can take it as it is.</summary>
    public static bool IsObjectResult(TypeSpec type) => !type.IsNullable && type.Shape == TypeShape.Object;

    private SchemaResult Finish(SchemaNode root)
    {
        if (_definitions.Count > 0)
        {
            var definitions = new SchemaNode();
            // Definitions can reference further definitions, so the list may grow while it is written.
            for (int i = 0; i < _definitions.Count; i++)
            {
                (string name, ObjectSpec spec) = _definitions[i];
                definitions.Set(name, ObjectNode(spec, "$defs." + name, spec.Description));
            }
            root.Set("$defs", definitions);
        }
        return _problem is not null && IsStrict ? new SchemaResult(null, _problem) : new SchemaResult(root.ToString(), _problem);
    }

    private void Unsupported(string problem) => _problem ??= problem;

    private SchemaNode Value(TypeSpec type, string path, bool nullable, string? description, string? defaultJson, ConstraintSpec constraints)
    {
        if (type.Shape == TypeShape.Object)
        {
            ObjectSpec spec = _objects[type];
            string? objectDescription = description is { Length: > 0 } ? description : spec.Description;
            if (_objects.IsRecursive(type)) return Reference(spec, path, nullable, objectDescription);
            return Complete(ObjectNode(spec, path, null), nullable, objectDescription, null);
        }

        if (type.Shape is TypeShape.JsonElement or TypeShape.JsonNode)
        {
            if (!_output) Unsupported($"{path} accepts any JSON value, which strict mode cannot express");
            var any = new SchemaNode();
            if (_descriptions && description is { Length: > 0 }) any.Set("description", description);
            return any;
        }

        var node = new SchemaNode().Set("type", JsonType(type.Shape));
        var notes = new List<string>();
        switch (type.Shape)
        {
            case TypeShape.Enum:
                node.Set("enum", EnumValues(type));
                if (EnumMeanings(type) is { } meanings) description = Join(description, meanings);
                break;
            case TypeShape.Array:
            case TypeShape.List:
            case TypeShape.Set:
                node.Set("items", Value(type.Element!, path + "[]", type.Element!.IsNullable, null, null, ConstraintSpec.None));
                if (type.Shape == TypeShape.Set && !IsStrict && !_output) node.Set("uniqueItems", SchemaNode.Raw.True);
                break;
            case TypeShape.Dictionary:
                Unsupported($"{path} is a dictionary, whose keys strict mode cannot express");
                node.Set("additionalProperties", Value(type.Element!, path + ".*", type.Element!.IsNullable, null, null, ConstraintSpec.None));
                break;
            case TypeShape.JsonObject:
                if (!_output) Unsupported($"{path} is a free-form object, which strict mode cannot express");
                break;
            case TypeShape.JsonArray:
                if (!_output) Unsupported($"{path} is a free-form array, which strict mode cannot express");
                break;
            case TypeShape.Char:
                AddBound(node, notes, "minLength", "1");
                AddBound(node, notes, "maxLength", "1");
                break;
            case TypeShape.Single:
            case TypeShape.Double:
                // The writer writes NaN and the infinities as strings.
                if (_output) node = new SchemaNode().Set("anyOf", new List<object>
                {
                    new SchemaNode().Set("type", "number"),
                    new SchemaNode().Set("enum", new List<object> { "NaN", "Infinity", "-Infinity" }),
                });
                break;
        }
        if (_output) AddOutputFormat(node, type.Shape);
        else AddFormat(node, notes, Format(type.Shape) ?? constraints.Format);
        if (!_output) AddConstraints(node, notes, type, constraints);
        // Gemini's notes are sentences ("Format: date-time."); Anthropic's are bounds ("(minimum 1, maximum 5)").
        string? text = notes.Count == 0 ? description
            : _dialect == SchemaDialect.Gemini ? Join(description, string.Join(" ", notes))
            : Join(description, "(" + string.Join(", ", notes) + ")");
        return Complete(node, nullable, text, IsStrict ? null : defaultJson);
    }

    // Adds the description (first), nullability and the default to a value's schema, in the dialect's way.
    private SchemaNode Complete(SchemaNode node, bool nullable, string? description, string? defaultJson)
    {
        if (nullable)
        {
            // Gemini takes string enum values only, so a nullable enum is an anyOf of the enum and null.
            if (NullAsAnyOf || (_dialect == SchemaDialect.Gemini && node.Get("enum") is not null))
            {
                node = new SchemaNode().Set("anyOf", new List<object> { node, new SchemaNode().Set("type", "null") });
            }
            else
            {
                if (node.Get("type") is string type) node.Set("type", new List<object> { type, "null" });
                else if (node.Get("anyOf") is List<object> choices) choices.Add(new SchemaNode().Set("type", "null"));
                if (node.Get("enum") is List<object> values) values.Add(SchemaNode.Raw.Null);
            }
        }
        if (_descriptions && description is { Length: > 0 }) node.SetFirst("description", description);
        if (defaultJson is not null) node.Set("default", new SchemaNode.Raw(defaultJson));
        return node;
    }

    private SchemaNode ObjectNode(ObjectSpec spec, string path, string? description)
    {
        var node = new SchemaNode();
        if (_descriptions && description is { Length: > 0 }) node.Set("description", description);
        node.Set("type", "object");
        var properties = new SchemaNode();
        var required = new List<object>();
        foreach (MemberSpec member in spec.Members)
        {
            if (_output ? !member.CanWrite : !member.IsReadable) continue;
            bool isRequired = _output ? member.EffectiveWriteCondition == WriteCondition.Always : member.IsRequired;
            bool nullable = member.Type.IsNullable || (_dialect == SchemaDialect.OpenAIStrict && !isRequired);
            properties.Set(member.JsonName, Value(member.Type, path + "." + member.JsonName, nullable,
                member.Description, _output ? null : member.DefaultJson, _output ? ConstraintSpec.None : member.Constraints));
            if (_dialect == SchemaDialect.OpenAIStrict || isRequired) required.Add(member.JsonName);
        }
        node.Set("properties", properties);
        if (required.Count > 0 || _dialect == SchemaDialect.OpenAIStrict) node.Set("required", required);
        node.Set("additionalProperties", SchemaNode.Raw.False);
        return node;
    }

    private SchemaNode Reference(ObjectSpec spec, string path, bool nullable, string? description)
    {
        if (_dialect == SchemaDialect.AnthropicStrict) Unsupported($"{path} is a recursive type, which Anthropic's strict mode cannot express");
        if (!_definitionNames.TryGetValue(spec.TypeName, out string? name))
        {
            name = spec.Name;
            for (int suffix = 2; _definitionNames.ContainsValue(name); suffix++) name = spec.Name + suffix.ToString(CultureInfo.InvariantCulture);
            _definitionNames.Add(spec.TypeName, name);
            _definitions.Add((name, spec));
        }
        // Strict mode wants a $ref without sibling keywords; a nullable reference is an anyOf with null in every dialect.
        var reference = new SchemaNode().Set("$ref", "#/$defs/" + name);
        var node = nullable ? new SchemaNode().Set("anyOf", new List<object> { reference, new SchemaNode().Set("type", "null") }) : reference;
        if (_descriptions && description is { Length: > 0 } && !IsStrict) node.SetFirst("description", description);
        return node;
    }

    private List<object> EnumValues(TypeSpec type)
    {
        var values = new List<object>();
        if (_output)
        {
            // The writer names each value by its first member (later members with the same value are aliases).
            var seen = new HashSet<string>();
            foreach (EnumMemberSpec member in type.EnumMembers)
            {
                if (seen.Add(member.Value)) values.Add(member.JsonName);
            }
            return values;
        }
        foreach (EnumMemberSpec member in type.EnumMembers) values.Add(member.JsonName);
        return values;
    }

    // What documented codes mean, for the model: "Values: std: standard, 3 to 5 days; ndd: next day." Only members whose
    // names do not say it themselves (EnumNames): a documented "Celsius" costs tokens and tells the model nothing new.
    private static string? EnumMeanings(TypeSpec type)
    {
        var meanings = new List<string>();
        var seen = new HashSet<string>();
        foreach (EnumMemberSpec member in type.EnumMembers)
        {
            if (member.Description.Length > 0 && EnumNames.IsAmbiguous(member.Name) && seen.Add(member.JsonName))
                meanings.Add(member.JsonName + ": " + member.Description.TrimEnd('.', ' '));
        }
        return meanings.Count == 0 ? null : "Values: " + string.Join("; ", meanings) + ".";
    }

    private void AddFormat(SchemaNode node, List<string> notes, string? format)
    {
        if (format is null) return;
        switch (_dialect)
        {
            case SchemaDialect.OpenAIStrict when !s_openAIStrictFormats.Contains(format):
                return;
            case SchemaDialect.Gemini:
                notes.Add("Format: " + format + ".");
                return;
            default:
                node.Set("format", format);
                return;
        }
    }

    // What the writer writes for values JSON carries as strings (ToolResultWriter and Utf8JsonWriter's own formats).
    private static void AddOutputFormat(SchemaNode node, TypeShape shape)
    {
        switch (shape)
        {
            case TypeShape.DateTimeOffset: node.Set("format", "date-time"); break;
            case TypeShape.DateOnly: node.Set("format", "date"); break;
            case TypeShape.Guid: node.Set("format", "uuid"); break;
            case TypeShape.Uri: node.Set("format", "uri-reference"); break;
            // DateTime is written without an offset when its kind is Unspecified, which RFC 3339 does not allow.
            case TypeShape.DateTime: node.Set("pattern", @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$"); break;
            case TypeShape.TimeOnly: node.Set("pattern", @"^\d{2}:\d{2}:\d{2}(\.\d{1,7})?$"); break;
            // TimeSpan is written in .NET's constant format ("1.02:03:04.5000000"), not as an ISO 8601 duration.
            case TypeShape.TimeSpan: node.Set("pattern", @"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{7})?$"); break;
        }
    }

    private void AddConstraints(SchemaNode node, List<string> notes, TypeSpec type, ConstraintSpec constraints)
    {
        if (_dialect == SchemaDialect.OpenAIStrict) return;
        bool isCollection = type.Shape is TypeShape.Array or TypeShape.List or TypeShape.Set;
        AddBound(node, notes, "minimum", constraints.Minimum ?? IntegerBound(type.Shape, minimum: true));
        AddBound(node, notes, "maximum", constraints.Maximum ?? IntegerBound(type.Shape, minimum: false));
        if (constraints.MinLength >= 0) AddBound(node, notes, isCollection ? "minItems" : "minLength", constraints.MinLength.ToString(CultureInfo.InvariantCulture));
        if (constraints.MaxLength >= 0) AddBound(node, notes, isCollection ? "maxItems" : "maxLength", constraints.MaxLength.ToString(CultureInfo.InvariantCulture));
        if (constraints.Pattern is not null)
        {
            if (_dialect == SchemaDialect.AnthropicStrict) notes.Add("pattern: " + constraints.Pattern);
            else node.Set("pattern", constraints.Pattern);
        }
    }

    // Anthropic's strict mode takes no numeric or length bounds: they become a note in the description, as its SDKs do.
    private void AddBound(SchemaNode node, List<string> notes, string keyword, string? value)
    {
        if (value is null || _dialect == SchemaDialect.OpenAIStrict || _output) return;
        if (_dialect == SchemaDialect.AnthropicStrict) notes.Add(keyword + " " + value);
        else node.Set(keyword, new SchemaNode.Raw(value));
    }

    // Bounds only for types narrower than 32 bits, and minimum 0 for unsigned ones: int and long limits cost tokens and tell a model nothing.
    private static string? IntegerBound(TypeShape shape, bool minimum) => (shape, minimum) switch
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

    private static string? Join(string? first, string second) => first is { Length: > 0 } ? first + " " + second : second;

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
