using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>
/// The dialects and result schemas the schema stage builds: each follows its dialect's rules, accepts every instance the
/// standard schema accepts, and every result a tool writes validates against its output schema.
/// </summary>
public sealed class SchemaDialectTests
{
    private const int InstancesPerTool = 60;
    private static readonly EvaluationOptions s_evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static IEnumerable<ToolDescriptor> Tools() =>
        (CatalogTools.Tools + ShopTools.Tools + Outer.Inner.Tools + Clock.Tools + BookingTools.Tools + FuzzTools.Tools)
            .Where(t => t.Name is not ("explode" or "wait_forever"));

    private static JsonNode Parse(ReadOnlyMemory<byte> json) => JsonNode.Parse(json.Span)!;

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach ((string _, JsonNode? value) in obj)
                    foreach (JsonObject inner in Objects(value)) yield return inner;
                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                    foreach (JsonObject inner in Objects(item)) yield return inner;
                break;
        }
    }

    [TestCaseSource(nameof(Tools))]
    public void ThePortableDialectHasNoTypeArrays(ToolDescriptor tool)
    {
        JsonNode portable = Parse(tool.GetParametersSchema(ToolSchemaDialect.Portable));
        Assert.That(Objects(portable).Where(o => o["type"] is JsonArray).Select(o => o.ToJsonString()), Is.Empty);
    }

    [TestCaseSource(nameof(Tools))]
    public void TheGeminiDialectHasStringEnumsAndNoFormats(ToolDescriptor tool)
    {
        JsonNode gemini = Parse(tool.GetParametersSchema(ToolSchemaDialect.Gemini));
        foreach (JsonObject schema in Objects(gemini).Where(o => o.ContainsKey("type") || o.ContainsKey("anyOf")))
        {
            Assert.That(schema.ContainsKey("format"), Is.False, schema.ToJsonString());
            if (schema["enum"] is JsonArray values) Assert.That(values.All(v => v is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String), schema.ToJsonString());
        }
    }

    [TestCaseSource(nameof(Tools))]
    public void TheOpenAIStrictDialectFollowsStrictModeRules(ToolDescriptor tool)
    {
        if (!tool.SupportsStrictSchema)
        {
            Assert.That(tool.GetSchemaUnavailableReason(ToolSchemaDialect.OpenAIStrict), Does.StartWith("$"));
            return;
        }
        Assert.That(StrictSchemaRules.Check(Parse(tool.GetParametersSchema(ToolSchemaDialect.OpenAIStrict))), Is.Empty);
    }

    private static readonly string[] s_anthropicUnsupported = ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern", "default"];

    [TestCaseSource(nameof(Tools))]
    public void TheAnthropicStrictDialectHasClosedObjectsAndNoBounds(ToolDescriptor tool)
    {
        ReadOnlyMemory<byte> schema = tool.GetParametersSchema(ToolSchemaDialect.AnthropicStrict);
        if (schema.IsEmpty)
        {
            Assert.That(tool.AnthropicStrictSchemaUnavailableReason, Does.StartWith("$"));
            return;
        }
        foreach (JsonObject node in Objects(Parse(schema)))
        {
            if (node["properties"] is JsonObject properties && properties.All(p => p.Value is JsonObject))
                Assert.That((bool?)node["additionalProperties"], Is.False, node.ToJsonString());
            bool isSchema = node.ContainsKey("type") || node.ContainsKey("anyOf");
            foreach (string keyword in s_anthropicUnsupported)
                Assert.That(isSchema && node.ContainsKey(keyword), Is.False, $"{keyword} in {node.ToJsonString()}");
            Assert.That(node["type"] is JsonArray, Is.False, node.ToJsonString());
            Assert.That(node.ContainsKey("$ref"), Is.False, "recursive types have no Anthropic strict schema");
        }
    }

    [TestCaseSource(nameof(Tools))]
    public void EveryDialectAcceptsWhatTheStandardSchemaAccepts(ToolDescriptor tool)
    {
        int seed = tool.Name.GetHashCode(StringComparison.Ordinal) & 0xFFFF;
        JsonNode standard = Parse(tool.ParametersSchema);
        var looser = new List<(ToolSchemaDialect Dialect, JsonSchema Schema)>();
        foreach (ToolSchemaDialect dialect in new[] { ToolSchemaDialect.Portable, ToolSchemaDialect.Gemini, ToolSchemaDialect.AnthropicStrict })
        {
            ReadOnlyMemory<byte> json = tool.GetParametersSchema(dialect);
            if (!json.IsEmpty) looser.Add((dialect, JsonSchema.FromText(Parse(json).ToJsonString())));
        }
        var instances = new SchemaInstances(standard, new Random(seed));
        for (int i = 0; i < InstancesPerTool; i++)
        {
            JsonNode? instance = instances.Valid(standard);
            foreach ((ToolSchemaDialect dialect, JsonSchema schema) in looser)
                Assert.That(schema.Evaluate(instance, s_evaluation).IsValid, Is.True, $"{dialect} refuses {instance?.ToJsonString()} (seed {seed})");
        }
    }

    [TestCaseSource(nameof(Tools))]
    public async Task EveryWrittenResultValidatesAgainstTheOutputSchema(ToolDescriptor tool)
    {
        if (tool.OutputSchema.IsEmpty)
        {
            Assert.That(tool.ObjectOutputSchema.IsEmpty, Is.True);
            return;
        }
        int seed = tool.Name.GetHashCode(StringComparison.Ordinal) & 0xFFFF;
        JsonSchema output = JsonSchema.FromText(Parse(tool.OutputSchema).ToJsonString());
        JsonNode objectOutputNode = Parse(tool.ObjectOutputSchema);
        Assert.That((string?)objectOutputNode["type"], Is.EqualTo("object"), "MCP clients require outputSchema.type == \"object\"");
        JsonSchema objectOutput = JsonSchema.FromText(objectOutputNode.ToJsonString());
        JsonNode standard = Parse(tool.ParametersSchema);
        var instances = new SchemaInstances(standard, new Random(seed));
        int written = 0;
        for (int i = 0; i < InstancesPerTool; i++)
        {
            string arguments = instances.Valid(standard)!.ToJsonString();
            ToolResult result = await tool.InvokeAsync(arguments);
            if (result.Kind != ToolResultKind.Success) continue;
            Assert.That(result.IsJson, Is.True, "a tool with an output schema writes JSON");
            JsonNode? value = JsonNode.Parse(result.Content);
            EvaluationResults evaluation = output.Evaluate(value, s_evaluation);
            Assert.That(evaluation.IsValid, Is.True, $"{result.Content} does not match {System.Text.Encoding.UTF8.GetString(tool.OutputSchema.Span)}: {Errors(evaluation)} (arguments {arguments})");
            JsonNode? wrapped = JsonNode.Parse(tool.ToObjectOutput(result)!);
            Assert.That(objectOutput.Evaluate(wrapped, s_evaluation).IsValid, Is.True, tool.ToObjectOutput(result));
            Assert.That(wrapped is JsonObject, Is.True);
            written++;
        }
        Assert.That(written, Is.GreaterThan(0), "the tool never succeeded");
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Test]
    public void TextAndVoidResultsHaveNoOutputSchema()
    {
        Assert.That(BookingTools.Tools["book_flight"].OutputSchema.IsEmpty, Is.True, "a string result is text");
        Assert.That(BookingTools.Tools["book_flight"].ToObjectOutput(ToolResult.FromText("x")), Is.Null);
    }

    [Test]
    public void NonObjectResultsAreWrappedForObjectConsumers()
    {
        ToolDescriptor search = CatalogTools.Tools["search_products"];
        Assert.That(search.OutputIsWrapped, Is.True);
        Assert.That(System.Text.Encoding.UTF8.GetString(search.OutputSchema.Span), Is.EqualTo("""{"description":"The names of matching products, best match first.","type":"array","items":{"type":"string"}}"""));
        Assert.That(search.ToObjectOutput(ToolResult.FromJson("""["a"]"""u8.ToArray())), Is.EqualTo("""{"result":["a"]}"""));
    }

    [TestCaseSource(nameof(Tools))]
    public void EveryGeneratedToolHasAStableContractFingerprint(ToolDescriptor tool) =>
        Assert.That(tool.ContractFingerprint, Does.Match("^tg1-[0-9a-f]{24}$"));
}
