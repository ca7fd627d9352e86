using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>The emitted schemas: valid JSON Schema 2020-12, strict variants that obey OpenAI's rules, and agreement with the reader.</summary>
public sealed class SchemaTests
{
    private static IEnumerable<ToolDescriptor> AllTools() =>
        CatalogTools.Tools + new CounterTools(0).Tools + Clock.Tools + Outer.Inner.Tools;

    private static string Text(System.ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    [TestCaseSource(nameof(AllTools))]
    public void SchemasAreValidJsonSchema202012(ToolDescriptor tool)
    {
        foreach (System.ReadOnlyMemory<byte> schema in new[] { tool.ParametersSchema, tool.StrictParametersSchema })
        {
            EvaluationResults results = MetaSchemas.Draft202012.Evaluate(JsonNode.Parse(Text(schema)), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.That(results.IsValid, Is.True, () => Text(schema) + "\n" + string.Join("\n", results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
            Assert.DoesNotThrow(() => JsonSchema.FromText(Text(schema)));
        }
    }

    [TestCaseSource(nameof(AllTools))]
    public void StrictSchemasObeyOpenAIStrictRules(ToolDescriptor tool)
    {
        Assert.That(tool.SupportsStrictSchema, Is.True);
        Assert.That(StrictSchemaRules.Check(JsonNode.Parse(Text(tool.StrictParametersSchema))!), Is.Empty, Text(tool.StrictParametersSchema));
    }

    [Test]
    public void TheRuleCheckerCatchesViolations()
    {
        var problems = StrictSchemaRules.Check(JsonNode.Parse("""{"type":"object","properties":{"a":{"type":["string","null"],"enum":["x"],"minLength":1}},"required":[]}""")!);
        Assert.That(problems, Has.Count.EqualTo(4), string.Join("\n", problems));
    }

    [Test]
    public void StandardSchemaOfARealisticTool()
    {
        Assert.That(Text(CatalogTools.Tools["search_products"].ParametersSchema), Is.EqualTo(
            """{"type":"object","properties":{"query":{"description":"Words to look for in product names, for example red shoes.","type":"string"},"limit":{"description":"The most results to return.","type":"integer","default":10},"priority":{"description":"How urgent the search is; High skips the cache.","type":"string","enum":["Low","Normal","High"],"default":"Normal"},"tags":{"description":"Only products with all of these tags.","type":["array","null"],"items":{"type":"string"},"default":null}},"required":["query"],"additionalProperties":false}"""));
    }

    [Test]
    public void StrictSchemaMakesOptionalParametersRequiredAndNullable()
    {
        Assert.That(Text(CatalogTools.Tools["search_products"].StrictParametersSchema), Is.EqualTo(
            """{"type":"object","properties":{"query":{"description":"Words to look for in product names, for example red shoes.","type":"string"},"limit":{"description":"The most results to return.","type":["integer","null"]},"priority":{"description":"How urgent the search is; High skips the cache.","type":["string","null"],"enum":["Low","Normal","High",null]},"tags":{"description":"Only products with all of these tags.","type":["array","null"],"items":{"type":"string"}}},"required":["query","limit","priority","tags"],"additionalProperties":false}"""));
    }

    [Test]
    public void IntegerBoundsAppearOnlyForNarrowTypes()
    {
        JsonNode properties = JsonNode.Parse(Text(CatalogTools.Tools["echo-numbers"].ParametersSchema))!["properties"]!;
        Assert.That(properties["i8"]!.ToJsonString(), Is.EqualTo("""{"type":"integer","minimum":-128,"maximum":127}"""));
        Assert.That(properties["u8"]!.ToJsonString(), Is.EqualTo("""{"type":"integer","minimum":0,"maximum":255}"""));
        Assert.That(properties["u32"]!.ToJsonString(), Is.EqualTo("""{"type":"integer","minimum":0}"""));
        Assert.That(properties["i32"]!.ToJsonString(), Is.EqualTo("""{"type":"integer"}"""));
        Assert.That(properties["money"]!.ToJsonString(), Is.EqualTo("""{"type":"number"}"""));
    }

    [Test]
    public void AToolWithoutParametersHasAnEmptyClosedObject()
    {
        Assert.That(Text(Clock.Tools["current_year"].ParametersSchema), Is.EqualTo("""{"type":"object","properties":{},"additionalProperties":false}"""));
        Assert.That(Text(Clock.Tools["current_year"].StrictParametersSchema), Is.EqualTo("""{"type":"object","properties":{},"required":[],"additionalProperties":false}"""));
    }

    private static readonly (string Tool, string Arguments)[] s_validArguments =
    [
        ("search_products", """{"query":"x"}"""),
        ("search_products", """{"query":"x","limit":-4,"priority":"Low","tags":[]}"""),
        ("search_products", """{"query":"","tags":null}"""),
        ("echo-numbers", """{"i8":-128,"u8":255,"i16":0,"u16":65535,"i32":5,"u32":0,"i64":1,"u64":2,"f32":0.5,"f64":1e10,"money":3.25}"""),
        ("echo_nullables", """{"count":null,"flag":null,"priority":null,"note":null}"""),
        ("echo_nullables", """{"count":1,"flag":false,"priority":"High","note":"n","ratio":2}"""),
        ("sum_lists", """{"ids":[1,2],"amounts":[0.5],"matrix":[[1.5],[]],"priorities":["Low",null]}"""),
        ("sum_lists", """{"ids":[5.0],"amounts":[]}"""),
    ];

    private static readonly (string Tool, string Arguments, string Path)[] s_invalidArguments =
    [
        ("search_products", "{}", "$.query"),
        ("search_products", """{"query":1}""", "$.query"),
        ("search_products", """{"query":"x","limit":1.5}""", "$.limit"),
        ("search_products", """{"query":"x","priority":"Urgent"}""", "$.priority"),
        ("search_products", """{"query":"x","tags":[1]}""", "$.tags[0]"),
        ("search_products", """{"query":"x","extra":true}""", "$.extra"),
        ("echo-numbers", """{"i8":-129,"u8":255,"i16":0,"u16":65535,"i32":5,"u32":0,"i64":1,"u64":2,"f32":0.5,"f64":1e10,"money":3.25}""", "$.i8"),
        ("echo-numbers", """{"i8":0,"u8":256,"i16":0,"u16":65535,"i32":5,"u32":0,"i64":1,"u64":2,"f32":0.5,"f64":1e10,"money":3.25}""", "$.u8"),
        ("echo-numbers", """{"i8":0,"u8":0,"i16":0,"u16":0,"i32":5,"u32":-1,"i64":1,"u64":2,"f32":0.5,"f64":1e10,"money":3.25}""", "$.u32"),
        ("echo_nullables", """{"count":null,"flag":"yes","priority":null,"note":null}""", "$.flag"),
        ("sum_lists", """{"ids":[1],"amounts":[],"priorities":["Low","Top"]}""", "$.priorities[1]"),
    ];

    [Test]
    public async Task ArgumentsValidAgainstTheSchemaAreAccepted()
    {
        foreach ((string tool, string arguments) in s_validArguments)
        {
            CallLog.Reset();
            Assert.That(Evaluate(CatalogTools.Tools[tool].ParametersSchema, arguments), Is.True, $"{tool} {arguments} should be schema-valid");
            ToolResult result = await CatalogTools.Tools.InvokeAsync(tool, arguments);
            Assert.That(result.IsError, Is.False, $"{tool} {arguments}: {result.Content}");
        }
    }

    [Test]
    public async Task ArgumentsInvalidAgainstTheSchemaAreRejectedAtTheRightPath()
    {
        foreach ((string tool, string arguments, string path) in s_invalidArguments)
        {
            Assert.That(Evaluate(CatalogTools.Tools[tool].ParametersSchema, arguments), Is.False, $"{tool} {arguments} should be schema-invalid");
            ToolResult result = await CatalogTools.Tools.InvokeAsync(tool, arguments);
            Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), $"{tool} {arguments}");
            Assert.That(result.Content, Does.Contain(path + ": "), $"{tool} {arguments}");
        }
    }

    [Test]
    public async Task StrictArgumentsWithNullForEveryOptionalParameterAreAccepted()
    {
        // A strict-mode model must send every property; null stands for "use the default".
        string arguments = """{"query":"x","limit":null,"priority":null,"tags":null}""";
        Assert.That(Evaluate(CatalogTools.Tools["search_products"].StrictParametersSchema, arguments), Is.True);
        Assert.That((await CatalogTools.Tools.InvokeAsync("search_products", arguments)).IsError, Is.False);
    }

    private static bool Evaluate(System.ReadOnlyMemory<byte> schema, string arguments) =>
        JsonSchema.FromText(Text(schema)).Evaluate(JsonNode.Parse(arguments), new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
}
