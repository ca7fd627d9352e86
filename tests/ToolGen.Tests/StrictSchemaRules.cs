using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ToolGen.Tests;

/// <summary>
/// OpenAI's strict-mode (Structured Outputs) schema rules, conservatively: every object closed with
/// <c>additionalProperties: false</c> and all its properties required, an object root that is not <c>anyOf</c>, and none
/// of the keywords strict mode rejects (the older, stricter list of the guide).
/// </summary>
public static class StrictSchemaRules
{
    private static readonly HashSet<string> s_allowed =
        ["type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "$defs", "$ref", "const", "format"];

    // The string formats the newer Structured Outputs guide lists as supported.
    private static readonly HashSet<string> s_formats = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    public static List<string> Check(JsonNode schema)
    {
        var problems = new List<string>();
        if (schema is not JsonObject root || root["type"]?.GetValue<string>() != "object") problems.Add("$: the root must be an object schema");
        else if (root.ContainsKey("anyOf")) problems.Add("$: the root must not be anyOf");
        Walk(schema, "$", 0, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, int depth, List<string> problems)
    {
        if (node is not JsonObject schema) return;
        if (depth > 10) problems.Add($"{path}: nested more than 10 levels");
        foreach ((string keyword, JsonNode? _) in schema)
        {
            if (!s_allowed.Contains(keyword)) problems.Add($"{path}: keyword '{keyword}' is not allowed in strict mode");
        }

        if (schema["format"] is JsonValue format && !s_formats.Contains(format.GetValue<string>()))
            problems.Add($"{path}: format '{format}' is not supported in strict mode");
        if (schema.ContainsKey("$ref") && schema.Count > 1) problems.Add($"{path}: $ref must have no sibling keywords");

        string[] types = schema["type"] switch
        {
            JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        if (types.Contains("object"))
        {
            if (schema["additionalProperties"]?.GetValue<bool>() != false) problems.Add($"{path}: additionalProperties must be false");
            string[] keys = [.. (schema["properties"] as JsonObject ?? []).Select(p => p.Key)];
            string[] required = [.. (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>())];
            if (!keys.OrderBy(k => k).SequenceEqual(required.OrderBy(r => r))) problems.Add($"{path}: every property must be required");
        }
        if (schema["enum"] is JsonArray values && types.Contains("null") && !values.Any(v => v is null))
            problems.Add($"{path}: a nullable enum must list null");

        if (schema["properties"] is JsonObject properties)
        {
            foreach ((string name, JsonNode? child) in properties) Walk(child, $"{path}.{name}", depth + 1, problems);
        }
        Walk(schema["items"], path + "[]", depth + 1, problems);
        if (schema["anyOf"] is JsonArray anyOf)
        {
            foreach (JsonNode? option in anyOf) Walk(option, path, depth, problems);
        }
        if (schema["$defs"] is JsonObject defs)
        {
            foreach ((string name, JsonNode? child) in defs) Walk(child, $"{path}.$defs.{name}", depth, problems);
        }
    }
}
