using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>
/// Microsoft.Extensions.AI's <c>AIFunctionFactory</c> (reflection-based, test-only) describes the same methods: ToolGen's
/// standard schema must agree with it on property names, JSON types, enum values and the required set, except where
/// ToolGen differs on purpose — each such difference is listed below with its reason.
/// </summary>
public sealed class ReferenceOracleTests
{
    // Path → why ToolGen differs from AIFunctionFactory there.
    private static readonly Dictionary<string, string> s_deliberate = new()
    {
        ["place_order $.order.totalUnits"] = "a get-only property cannot be set from arguments, so ToolGen leaves it out of the input schema",
        ["resize $.size.required"] = "a record struct is built with its primary constructor, whose parameters without defaults are required",
        ["search_products $.tags[].nullable"] = "ToolGen honours the element's nullable annotation (string[]?: items are not null)",
        ["locate $.tags[].nullable"] = "ToolGen honours the element's nullable annotation (HashSet<string>?: items are not null)",
        ["sum_lists $.matrix[].nullable"] = "ToolGen honours the element's nullable annotation (double[][]?: rows are not null)",
        ["count_fruit $.groups.*.nullable"] = "ToolGen honours the value's nullable annotation (List<int> values are not null)",
        ["add_contact $.contact.email.minLength"] = "[Required] rejects empty strings (AllowEmptyStrings is false), so the schema says minLength 1",
    };

    private static IEnumerable<TestCaseData> Methods() =>
        new[] { typeof(CatalogTools), typeof(ShopTools) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<ToolAttribute>() is not null)
            // ToolContext parameters are bound by ToolGen's runtime; AIFunctionFactory does not know them.
            .Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(ToolContext)))
            .Select(m => new TestCaseData(m).SetArgDisplayNames(m.Name));

    [TestCaseSource(nameof(Methods))]
    public void SchemasAgreeWithAIFunctionFactory(MethodInfo method)
    {
        ToolDescriptor tool = (CatalogTools.Tools + ShopTools.Tools).Single(t => t.MethodName!.EndsWith("." + method.Name, StringComparison.Ordinal));
        JsonNode ours = JsonNode.Parse(tool.ParametersSchema.Span)!;
        JsonNode theirs = JsonNode.Parse(AIFunctionFactory.Create(method, target: null).JsonSchema.GetRawText())!;

        var differences = new List<string>();
        Compare(tool.Name, ours, ours, theirs, theirs, "$", differences, depth: 0);
        Assert.That(differences, Is.Empty, $"ToolGen: {ours.ToJsonString()}\nM.E.AI:  {theirs.ToJsonString()}");
    }

    [Test]
    public void TheComparisonFindsRealDifferences()
    {
        JsonNode ours = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string","enum":["x","y"]},"b":{"type":["integer","null"]}},"required":["a"]}""")!;
        JsonNode theirs = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string","enum":["x"]},"b":{"type":"number"},"c":{"type":"string"}},"required":["a","b"]}""")!;
        var differences = new List<string>();
        Compare("synthetic", ours, ours, theirs, theirs, "$", differences, depth: 0);
        Assert.That(differences, Has.Count.EqualTo(5), string.Join("\n", differences));
    }

    private static void Compare(string tool, JsonNode ourRoot, JsonNode ours, JsonNode theirRoot, JsonNode theirs, string path, List<string> differences, int depth)
    {
        if (depth > 6) return;   // Recursive types: a few levels prove the shape.
        JsonObject a = Resolve(ourRoot, ours);
        JsonObject b = Resolve(theirRoot, theirs);

        HashSet<string> ourTypes = Types(a), theirTypes = Types(b);
        Check(tool, path, "type", ourTypes.Where(t => t != "null").OrderBy(t => t), theirTypes.Where(t => t != "null").OrderBy(t => t), differences);
        Check(tool, path, "nullable", new[] { ourTypes.Contains("null") }, new[] { theirTypes.Contains("null") }, differences);
        if (a["enum"] is JsonArray ourEnum || b["enum"] is JsonArray)
            Check(tool, path, "enum", Values(a["enum"]), Values(b["enum"]), differences);

        if (a["properties"] is JsonObject ourProperties && b["properties"] is JsonObject theirProperties)
        {
            foreach (string name in ourProperties.Select(p => p.Key).Union(theirProperties.Select(p => p.Key)))
            {
                string child = path + "." + name;
                if (ourProperties[name] is null || theirProperties[name] is null)
                {
                    if (!s_deliberate.ContainsKey(tool + " " + child)) differences.Add($"{child}: only in {(ourProperties[name] is null ? "M.E.AI" : "ToolGen")}");
                    continue;
                }
                Compare(tool, ourRoot, ourProperties[name]!, theirRoot, theirProperties[name]!, child, differences, depth + 1);
            }
            Check(tool, path, "required", Values(a["required"]), Values(b["required"]), differences);
        }
        if (a["items"] is JsonNode ourItems && b["items"] is JsonNode theirItems)
            Compare(tool, ourRoot, ourItems, theirRoot, theirItems, path + "[]", differences, depth + 1);
        if (a["additionalProperties"] is JsonObject ourValues && b["additionalProperties"] is JsonObject theirValues)
            Compare(tool, ourRoot, ourValues, theirRoot, theirValues, path + ".*", differences, depth + 1);
        if (a["minLength"]?.ToJsonString() != b["minLength"]?.ToJsonString() && !s_deliberate.ContainsKey($"{tool} {path}.minLength") && b["minLength"] is not null)
            differences.Add($"{path}: minLength differs");
    }

    private static void Check<T>(string tool, string path, string aspect, IEnumerable<T> ours, IEnumerable<T> theirs, List<string> differences)
    {
        if (ours.SequenceEqual(theirs) || s_deliberate.ContainsKey($"{tool} {path}.{aspect}")) return;
        differences.Add($"{path}: {aspect} differs: ToolGen [{string.Join(",", ours)}], M.E.AI [{string.Join(",", theirs)}]");
    }

    // Follows $ref: ToolGen's "#/$defs/Name", M.E.AI's JSON pointers such as "#/properties/root".
    private static JsonObject Resolve(JsonNode root, JsonNode node)
    {
        if (node is JsonObject { } wrapper && wrapper["anyOf"] is JsonArray options)
        {
            // anyOf [X, {"type":"null"}] is a nullable X.
            JsonObject inner = Resolve(root, options.First(o => o!["type"]?.ToString() != "null")!).DeepClone().AsObject();
            HashSet<string> types = Types(inner);
            types.Add("null");
            inner["type"] = new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t)!)]);
            return inner;
        }
        for (int hops = 0; node is JsonObject obj && obj["$ref"] is JsonValue reference && hops < 10; hops++)
        {
            JsonNode? target = root;
            foreach (string segment in reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                target = target?[segment];
            node = target!;
        }
        return node as JsonObject ?? new JsonObject();   // `true` (any value) compares as an empty schema.
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private static IEnumerable<string> Values(JsonNode? array) =>
        (array as JsonArray ?? []).Where(v => v is not null).Select(v => v!.ToJsonString()).OrderBy(v => v, StringComparer.Ordinal);
}
