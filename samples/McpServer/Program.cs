using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ToolGen;

namespace McpServerSample;

/// <summary>
/// Serves a ToolGen ToolSet over MCP on stdio: tools/list returns each tool's generated schema, tools/call runs the
/// generated dispatcher, and a ToolGen error (invalid arguments, unknown tool, failure) is a result with isError.
/// </summary>
public static class Program
{
    public static async Task Main()
    {
        ToolSet tools = QuickStart.WeatherTools.Tools;
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "toolgen-weather", Version = "0.1.0" },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. tools.Select(Describe)] }),
                CallToolHandler = async (request, cancellationToken) =>
                {
                    CallToolRequestParams call = request.Params!;
                    ToolResult result = await tools.InvokeAsync(call.Name, Arguments(call.Arguments), cancellationToken: cancellationToken);
                    // A tool with a result schema also returns the result as structured content, in the object form its
                    // outputSchema describes ({"result": …} around a result that is not an object).
                    string? structured = tools.TryGetTool(call.Name, out ToolDescriptor? tool) ? tool.ToObjectOutput(result) : null;
                    return new CallToolResult
                    {
                        Content = [new TextContentBlock { Text = result.Content }],
                        StructuredContent = structured is null ? null : JsonElement.Parse(structured),
                        IsError = result.IsError,
                    };
                },
            },
        };
        await using McpServer server = McpServer.Create(new StdioServerTransport(options), options);
        await server.RunAsync();
    }

    private static Tool Describe(ToolDescriptor tool)
    {
        // The portable dialect: several MCP clients reject "type": ["string", "null"].
        return new Tool
        {
            Name = tool.Name,
            Description = tool.Description,
            InputSchema = JsonElement.Parse(tool.GetParametersSchema(ToolSchemaDialect.Portable).Span),
            OutputSchema = tool.ObjectOutputSchema.IsEmpty ? null : JsonElement.Parse(tool.ObjectOutputSchema.Span),
            Annotations = new ToolAnnotations { ReadOnlyHint = tool.IsReadOnly, DestructiveHint = tool.IsDestructive, IdempotentHint = tool.IsIdempotent },
        };
    }

    private static ReadOnlyMemory<byte> Arguments(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, JsonElement> argument in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(argument.Key);
                argument.Value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
