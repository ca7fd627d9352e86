using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ToolGen.Tests.Interop;

/// <summary>samples/McpServer, started as a process and used through the MCP SDK's own client over stdio and streamable HTTP.</summary>
public sealed class McpServerTests
{
    private static string Metadata(string key) =>
        typeof(McpServerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string ServerPath()
    {
        string server = Path.GetFullPath(Path.Combine(Metadata("ToolGenRepositoryRoot"), "samples", "McpServer", "bin", Metadata("ToolGenConfiguration"), "net10.0", "McpServer.dll"));
        Assert.That(File.Exists(server), Is.True, server);
        return server;
    }

    private static async Task<McpClient> StartAsync()
    {
        string server = ServerPath();
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
            // Every hint is written (ToolGen's default false, not MCP's defaults), and a title from the description.
            Assert.That(tool.ProtocolTool.Annotations?.ReadOnlyHint, Is.EqualTo(descriptor.IsReadOnly));
            Assert.That(tool.ProtocolTool.Annotations?.DestructiveHint, Is.EqualTo(descriptor.IsDestructive));
            Assert.That(tool.ProtocolTool.Annotations?.IdempotentHint, Is.EqualTo(descriptor.IsIdempotent));
            Assert.That(tool.ProtocolTool.Annotations?.OpenWorldHint, Is.EqualTo((descriptor.Hints & ToolHints.OpenWorld) != 0));
            Assert.That(tool.ProtocolTool.Title, Is.Not.Empty);
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

        // An unknown tool is a protocol error, -32602 (invalid params), as the MCP specification says.
        McpProtocolException? unknown = Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("get_forecast", new Dictionary<string, object?>()));
        Assert.That(unknown!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheHttpModeServesTheSameToolsOnLoopback()
    {
        string server = ServerPath();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { server, "--http", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        try
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            string? endpoint = null;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (endpoint is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line.StartsWith("MCP endpoint: ", StringComparison.Ordinal)) endpoint = line["MCP endpoint: ".Length..];
                }
            }
            Assert.That(endpoint, Does.StartWith("http://127.0.0.1:"), "the server prints its endpoint");

            await using McpClient client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(endpoint!),
                TransportMode = HttpTransportMode.StreamableHttp,
            }));
            IList<McpClientTool> tools = await client.ListToolsAsync();
            Assert.That(tools.Select(t => t.Name), Is.EqualTo(QuickStart.WeatherTools.Tools.Select(t => t.Name)));
            CallToolResult weather = await client.CallToolAsync("get_weather", new Dictionary<string, object?> { ["city"] = "Paris" });
            Assert.That(weather.StructuredContent?.GetProperty("city").GetString(), Is.EqualTo("Paris"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
