using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using global::ModelContextProtocol;
using global::ModelContextProtocol.Client;
using global::ModelContextProtocol.Protocol;
using ToolGen;

namespace ToolGen.ModelContextProtocol.Tests;

[TestFixture(Transport.Http)]
[TestFixture(Transport.Stdio)]
public sealed class ListToolsTests(Transport transport)
{
    private static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());

    private static JsonNode? Node(System.ReadOnlyMemory<byte> json) => JsonNode.Parse(json.Span);

    [Test]
    [CancelAfter(60_000)]
    public async Task EveryToolIsListedInOrderWithItsGeneratedSchemas()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools));
        IList<McpClientTool> tools = await host.Client.ListToolsAsync();

        Assert.That(tools.Select(t => t.Name), Is.EqualTo(TestTools.Tools.Select(t => t.Name)), "the ToolSet's order");
        foreach (McpClientTool tool in tools)
        {
            ToolDescriptor descriptor = TestTools.Tools[tool.Name];
            Tool wire = tool.ProtocolTool;
            Assert.That(wire.Description, Is.EqualTo(descriptor.Description));
            // The portable dialect by default: the standard schema without type arrays.
            Assert.That(JsonNode.DeepEquals(Node(wire.InputSchema), Node(descriptor.GetParametersSchema(ToolSchemaDialect.Portable))), Is.True, tool.Name);
            Assert.That(wire.InputSchema.GetRawText(), Does.Not.Contain("\"type\":["), tool.Name);
            EvaluationResults valid = MetaSchemas.Draft202012.Evaluate(Node(wire.InputSchema), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.That(valid.IsValid, Is.True, $"{tool.Name}: inputSchema is not valid JSON Schema 2020-12");
            Assert.That(wire.InputSchema.GetProperty("type").GetString(), Is.EqualTo("object"));

            if (descriptor.ObjectOutputSchema.IsEmpty)
            {
                Assert.That(wire.OutputSchema, Is.Null, tool.Name);
                continue;
            }
            JsonElement output = wire.OutputSchema!.Value;
            Assert.That(output.GetProperty("type").GetString(), Is.EqualTo("object"), $"{tool.Name}: MCP requires an object outputSchema");
            Assert.That(JsonNode.DeepEquals(Node(output), Node(descriptor.ObjectOutputSchema)), Is.True, tool.Name);
            Assert.That(MetaSchemas.Draft202012.Evaluate(Node(output)).IsValid, Is.True, $"{tool.Name}: outputSchema is not valid JSON Schema 2020-12");
        }
        Assert.That(tools.Single(t => t.Name == "echo").ProtocolTool.OutputSchema, Is.Null, "a text result has no output schema");
        Assert.That(tools.Single(t => t.Name == "add").ProtocolTool.OutputSchema!.Value.GetProperty("required")[0].GetString(), Is.EqualTo("result"),
            "a number result is described wrapped as {\"result\": …}");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AnnotationsCarryEveryHintAndTheTitle()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools));
        Dictionary<string, Tool> tools = (await host.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        Tool forecast = tools["get_forecast"];
        Assert.That(forecast.Title, Is.EqualTo("City forecast"), "the explicit [Tool(Title)]");
        Assert.That(forecast.Annotations?.Title, Is.EqualTo("City forecast"));
        Assert.That(forecast.Annotations?.ReadOnlyHint, Is.True);
        Assert.That(forecast.Annotations?.OpenWorldHint, Is.True);
        Assert.That(forecast.Annotations?.DestructiveHint, Is.False);
        Assert.That(forecast.Annotations?.IdempotentHint, Is.False);

        Assert.That(tools["add"].Title, Is.EqualTo("Adds two integers, e.g. 2 and 3"), "the description's first sentence; \"e.g.\" does not end it");
        Assert.That(tools["add"].Annotations?.IdempotentHint, Is.True);
        Assert.That(tools["echo"].Title, Is.EqualTo("Repeats the text"));

        // ToolGen's hints default to false, MCP's destructive and open-world hints to true: every hint is written.
        Tool echo = tools["echo"];
        Assert.That(echo.Annotations?.ReadOnlyHint, Is.False);
        Assert.That(echo.Annotations?.DestructiveHint, Is.False);
        Assert.That(echo.Annotations?.IdempotentHint, Is.False);
        Assert.That(echo.Annotations?.OpenWorldHint, Is.False);
        Assert.That(tools["delete_file"].Annotations?.DestructiveHint, Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheListIsIdenticalAcrossCallsAndClients()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools));
        string first = JsonSerializer.Serialize(await host.Client.ListToolsAsync(new ListToolsRequestParams()), McpJsonUtilities.DefaultOptions);
        string second = JsonSerializer.Serialize(await host.Client.ListToolsAsync(new ListToolsRequestParams()), McpJsonUtilities.DefaultOptions);
        Assert.That(second, Is.EqualTo(first));

        await using McpTestHost other = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools));
        string third = JsonSerializer.Serialize(await other.Client.ListToolsAsync(new ListToolsRequestParams()), McpJsonUtilities.DefaultOptions);
        Assert.That(third, Is.EqualTo(first), "another server process-wide: same list, same order");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheSchemaDialectIsSelectable()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport,
            mcp => mcp.WithToolGenTools(TestTools.Tools, o => o.SchemaDialect = ToolSchemaDialect.Standard));
        Tool forecast = (await host.Client.ListToolsAsync()).Single(t => t.Name == "get_forecast").ProtocolTool;
        Assert.That(JsonNode.DeepEquals(Node(forecast.InputSchema), Node(TestTools.Tools["get_forecast"].ParametersSchema)), Is.True);
        Assert.That(forecast.InputSchema.GetRawText(), Does.Contain("\"type\":["), "the standard dialect keeps type arrays for nullable values");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheToolSetRegisteredInTheServicesIsServed()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(),
            services => services.AddSingleton(TestTools.Tools));
        IList<McpClientTool> tools = await host.Client.ListToolsAsync();
        Assert.That(tools.Select(t => t.Name), Is.EqualTo(TestTools.Tools.Select(t => t.Name)));
        CallToolResult sum = await host.Client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 });
        Assert.That(sum.StructuredContent?.GetProperty("result").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task SeveralSetsAreServedTogetherInOrder()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp
            .WithToolGenTools(TestTools.Tools)
            .WithToolGenTools<ScopedTools>(), services => services.AddScoped<Counter>());
        IList<McpClientTool> tools = await host.Client.ListToolsAsync();
        Assert.That(tools.Select(t => t.Name), Is.EqualTo(TestTools.Tools.Select(t => t.Name).Append("scoped_counter")));
    }
}
