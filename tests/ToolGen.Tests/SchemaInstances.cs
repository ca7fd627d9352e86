using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ToolGen.Tests;

/// <summary>
/// Generates random JSON instances valid against a ToolGen parameters schema (the subset ToolGen emits), and mutates them
/// into invalid ones, remembering the JSON path of the violation.
/// </summary>
public sealed class SchemaInstances(JsonNode root, Random random)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éüß日本-_.";

    // Values for the patterns the test tools use: generating strings for arbitrary regular expressions is out of scope.
    private static readonly Dictionary<string, Func<Random, string>> s_patterns = new()
    {
        ["^(?:[A-Z]{2}\\d{4})$"] = r => $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{r.Next(10000):D4}",
        ["^[A-Z]{3}$"] = r => $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        ["^(?:[A-Z]{3})$"] = r => $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        ["^[A-Z]{2}\\d{1,4}$"] = r => $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{r.Next(10000)}",
        ["^\\w+.$"] = r => $"{r.Next(1, 60)}{(char)('A' + r.Next(6))}",
    };

    public JsonNode? Valid(JsonNode schema, int depth = 0)
    {
        var s = (JsonObject)Resolve(schema);
        if (s["anyOf"] is JsonArray options)
        {
            JsonNode option = options[Pick(options.Count)]!;
            return Valid(option, depth);
        }
        if (s["enum"] is JsonArray values) return values[Pick(values.Count)]?.DeepClone();

        string[] types = Types(s);
        if (types.Length == 0) return FreeForm(depth);
        bool nullable = types.Contains("null");
        string[] concrete = [.. types.Where(t => t != "null")];
        if (nullable && (concrete.Length == 0 || random.Next(5) == 0 || depth > 4)) return null;
        return concrete[Pick(concrete.Length)] switch
        {
            "string" => JsonValue.Create(String(s)),
            "integer" => JsonValue.Create(Integer(s)),
            "number" => JsonValue.Create(Number(s)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "array" => Array(s, depth),
            "object" => Object(s, depth),
            var other => throw new NotSupportedException(other),
        };
    }

    /// <summary>A copy of <paramref name="valid"/> with one schema violation, and the path where the reader must report it; null when none applies.</summary>
    public (JsonNode Instance, string Path)? Invalid(JsonNode schema, JsonNode valid)
    {
        var candidates = new List<(JsonNode Instance, string Path)>();
        Collect(schema, valid, valid, "$", candidates);
        return candidates.Count == 0 ? null : candidates[Pick(candidates.Count)];
    }

    // Every mutation of every node, each applied to its own copy of the whole instance.
    private void Collect(JsonNode schema, JsonNode wholeInstance, JsonNode? node, string path, List<(JsonNode, string)> output)
    {
        var s = (JsonObject)Resolve(schema);
        if (s["anyOf"] is JsonArray options)
        {
            JsonObject? option = options.Select(o => (JsonObject)Resolve(o!)).FirstOrDefault(o => o["type"]?.ToString() != "null");
            if (option is not null && node is not null) Collect(option, wholeInstance, node, path, output);
            return;
        }
        string[] types = Types(s);
        if (types.Length == 0) return;   // Any JSON value: nothing is invalid.

        JsonNode? wrong = types.Contains("string") || types.Contains("object") || types.Contains("array") ? JsonValue.Create(true) : JsonValue.Create("text");
        if (path != "$")
        {
            if (s["enum"] is null) output.Add((Replace(wholeInstance, path, wrong), path));
            else output.Add((Replace(wholeInstance, path, JsonValue.Create("NotAMember")), path));
            if (s["maximum"] is JsonValue maximum && node is JsonValue)
                output.Add((Replace(wholeInstance, path, JsonValue.Create(maximum.GetValue<decimal>() + 1)), path));
            if (s["maxLength"] is JsonValue maxLength && node is JsonValue text && text.TryGetValue(out string? _))
                output.Add((Replace(wholeInstance, path, JsonValue.Create(new string('x', maxLength.GetValue<int>() + 1))), path));
        }

        if (node is JsonObject obj && s["properties"] is JsonObject properties)
        {
            foreach (JsonNode? required in s["required"] as JsonArray ?? [])
            {
                string name = required!.GetValue<string>();
                JsonNode copy = wholeInstance.DeepClone();
                ((JsonObject)Find(copy, path)!).Remove(name);
                output.Add((copy, path + "." + name));
            }
            JsonNode extra = wholeInstance.DeepClone();
            ((JsonObject)Find(extra, path)!)["zzUnknown"] = 1;
            output.Add((extra, path + ".zzUnknown"));
            foreach ((string name, JsonNode? value) in obj)
            {
                if (properties[name] is JsonNode child && value is not null) Collect(child, wholeInstance, value, path + "." + name, output);
            }
        }
        if (node is JsonObject map && s["additionalProperties"] is JsonObject valueSchema)
        {
            foreach ((string key, JsonNode? value) in map)
            {
                if (value is not null) Collect(valueSchema, wholeInstance, value, path + "." + key, output);
            }
        }
        if (node is JsonArray array && s["items"] is JsonNode items)
        {
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is not null) Collect(items, wholeInstance, array[i], $"{path}[{i}]", output);
            }
        }
    }

    private static JsonNode Replace(JsonNode whole, string path, JsonNode? value)
    {
        JsonNode copy = whole.DeepClone();
        JsonNode target = Find(copy, path)!;
        if (target.Parent is JsonObject parent) parent[target.GetPropertyName()] = value;
        else if (target.Parent is JsonArray list) list[target.GetElementIndex()] = value;
        return copy;
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        int i = 1;
        while (i < path.Length && node is not null)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                string name = end < 0 ? path[(i + 1)..] : path[(i + 1)..end];
                node = node[name];
                i = end < 0 ? path.Length : end;
            }
            else
            {
                int end = path.IndexOf(']', i);
                node = node[int.Parse(path[(i + 1)..end], CultureInfo.InvariantCulture)];
                i = end + 1;
            }
        }
        return node;
    }

    private JsonNode Resolve(JsonNode schema) =>
        schema["$ref"] is JsonValue reference ? root["$defs"]![reference.GetValue<string>()["#/$defs/".Length..]]! : schema;

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private string String(JsonObject s)
    {
        string? format = s["format"]?.GetValue<string>();
        var day = new DateTime(2000, 1, 1).AddDays(random.Next(12000)).AddSeconds(random.Next(86400));
        switch (format)
        {
            case "date-time": return day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "Z" : "+02:00");
            case "date": return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "time": return day.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            case "duration": return $"P{random.Next(3)}DT{random.Next(24)}H{random.Next(60)}M";
            case "uuid": return Guid.NewGuid().ToString();
            case "uri": return $"https://example.com/{random.Next(1000)}";
            case "email": return $"user{random.Next(1000)}@example.com";
        }
        if (s["pattern"] is JsonValue pattern) return s_patterns[pattern.GetValue<string>()](random);
        int min = s["minLength"]?.GetValue<int>() ?? 0;
        int max = s["maxLength"]?.GetValue<int>() ?? min + 12;
        int length = min + random.Next(Math.Min(max, min + 12) - min + 1);
        return new string([.. Enumerable.Range(0, length).Select(_ => Letters[random.Next(Letters.Length)])]);
    }

    // Unbounded integers stay in a realistic range: the schema of an int leaves out its limits on purpose.
    private long Integer(JsonObject s)
    {
        long min = (long)(s["minimum"]?.GetValue<decimal>() ?? -1000);
        long max = (long)(s["maximum"]?.GetValue<decimal>() ?? 1000);
        return min + (long)(random.NextDouble() * (Math.Min(max, min + 2000) - min));
    }

    private decimal Number(JsonObject s)
    {
        decimal min = s["minimum"]?.GetValue<decimal>() ?? -1000m;
        decimal max = s["maximum"]?.GetValue<decimal>() ?? 1000m;
        return Math.Round(min + (decimal)random.NextDouble() * (max - min), 3);
    }

    private JsonArray Array(JsonObject s, int depth)
    {
        int min = s["minItems"]?.GetValue<int>() ?? 0;
        int max = Math.Min(s["maxItems"]?.GetValue<int>() ?? 4, depth > 3 ? min : min + 4);
        int count = min + random.Next(max - min + 1);
        var array = new JsonArray();
        var seen = new HashSet<string>();
        for (int i = 0; i < count * 3 && array.Count < count; i++)
        {
            JsonNode? item = s["items"] is JsonNode items ? Valid(items, depth + 1) : FreeForm(depth + 1);
            if (s["uniqueItems"]?.GetValue<bool>() == true && !seen.Add(item?.ToJsonString() ?? "null")) continue;
            array.Add(item);
        }
        return array;
    }

    private JsonObject Object(JsonObject s, int depth)
    {
        var result = new JsonObject();
        HashSet<string> required = [.. (s["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>())];
        if (s["properties"] is JsonObject properties)
        {
            foreach ((string name, JsonNode? property) in properties)
            {
                if (required.Contains(name) || random.Next(2) == 0) result[name] = Valid(property!, depth + 1);
            }
        }
        else if (s["additionalProperties"] is JsonObject values)
        {
            for (int i = random.Next(depth > 3 ? 1 : 4); i > 0; i--) result["k" + i.ToString(CultureInfo.InvariantCulture)] = Valid(values, depth + 1);
        }
        else if (!s.ContainsKey("additionalProperties"))
        {
            return (JsonObject)FreeFormObject(depth);
        }
        return result;
    }

    private JsonNode? FreeForm(int depth) => random.Next(depth > 2 ? 4 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(100)),
        2 => JsonValue.Create("v" + random.Next(100)),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonArray(FreeForm(depth + 1), FreeForm(depth + 1)),
        _ => FreeFormObject(depth),
    };

    private JsonNode FreeFormObject(int depth) => new JsonObject { ["a"] = FreeForm(depth + 1), ["b"] = FreeForm(depth + 1) };

    private int Pick(int count) => random.Next(count);
}
