using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ToolGen.Tests.Interop;

/// <summary>samples/McpServer, started as a process and used through the MCP SDK's own client over stdio.</summary>
public sealed class McpServerTests
{
    private static string Metadata(string key) =>
        typeof(McpServerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static async Task<McpClient> StartAsync()
    {
        string server = Path.GetFullPath(Path.Combine(Metadata("ToolGenRepositoryRoot"), "samples", "McpServer", "bin", Metadata("ToolGenConfiguration"), "net10.0", "McpServer.dll"));
        Assert.That(File.Exists(server), Is.True, server);
        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions { Name = "toolgen-weather", Command = "dotnet", Arguments = [server] }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ToolsAreListedWithToolGensSchemas()
    {
        await using McpClient client = await StartAsync();
        IList<McpClientTool> tools = await client.ListToolsAsync();

        ToolSet expected = QuickStart.WeatherTools.Tools;
        Assert.That(tools.Select(t => t.Name), Is.EqualTo(expected.Select(t => t.Name)));
        foreach (McpClientTool tool in tools)
        {
            ToolDescriptor descriptor = expected[tool.Name];
            Assert.That(tool.Description, Is.EqualTo(descriptor.Description));
            // The SDK re-encodes the JSON (escaping differs), so the schemas are compared as JSON values.
            // The portable dialect: no type arrays, which several MCP clients reject.
            Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText()),
                System.Text.Json.Nodes.JsonNode.Parse(descriptor.GetParametersSchema(ToolSchemaDialect.Portable).Span)), Is.True, tool.Name);
            Assert.That(tool.ProtocolTool.InputSchema.GetRawText(), Does.Not.Contain("\"type\":["));
            // The result schema in the object form MCP requires.
            if (descriptor.ObjectOutputSchema.IsEmpty) Assert.That(tool.ProtocolTool.OutputSchema, Is.Null, tool.Name);
            else Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(tool.ProtocolTool.OutputSchema!.Value.GetRawText()),
                System.Text.Json.Nodes.JsonNode.Parse(descriptor.ObjectOutputSchema.Span)), Is.True, tool.Name);
            Assert.That(tool.ProtocolTool.Annotations?.ReadOnlyHint, Is.EqualTo(descriptor.IsReadOnly));
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task CallsRunAndErrorsAreMarked()
    {
        await using McpClient client = await StartAsync();

        CallToolResult weather = await client.CallToolAsync("get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["unit"] = "fahrenheit" });
        Assert.That(weather.IsError, Is.Not.True);
        Assert.That(((TextContentBlock)weather.Content.Single()).Text, Does.StartWith("{\"city\":\"Paris\",\"temperature\":45.5,\"unit\":\"Fahrenheit\""));
        Assert.That(weather.StructuredContent?.GetProperty("city").GetString(), Is.EqualTo("Paris"), "an object result is its own structured content");

        CallToolResult cities = await client.CallToolAsync("list_cities", new Dictionary<string, object?>());
        Assert.That(cities.StructuredContent?.GetProperty("result").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Array), "a list is wrapped as {\"result\": …}");

        CallToolResult invalid = await client.CallToolAsync("get_weather", new Dictionary<string, object?> { ["town"] = "Paris" });
        Assert.That(invalid.IsError, Is.True);
        Assert.That(((TextContentBlock)invalid.Content.Single()).Text, Does.StartWith("Invalid arguments for get_weather: $.town: unknown property"));

        CallToolResult unknown = await client.CallToolAsync("get_forecast", new Dictionary<string, object?>());
        Assert.That(unknown.IsError, Is.True);
        Assert.That(((TextContentBlock)unknown.Content.Single()).Text, Does.Contain("Available tools: get_weather, list_cities"));
    }
}
