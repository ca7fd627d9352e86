using System;
using System.Collections.Generic;
using global::ModelContextProtocol.Server;
using Microsoft.Extensions.Options;

namespace ToolGen.ModelContextProtocol;

/// <summary>Adds ToolGen tools to the server's tool collection when its options are built (once per application).</summary>
internal sealed class ToolGenMcpToolsSetup(Func<IReadOnlyList<McpServerTool>> tools) : IConfigureOptions<McpServerOptions>
{
    public void Configure(McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        McpServerPrimitiveCollection<McpServerTool>? existing = options.ToolCollection;
        McpServerPrimitiveCollection<McpServerTool> collection;
        if (existing is null || existing.GetType() == typeof(McpServerPrimitiveCollection<McpServerTool>))
        {
            // The SDK's own collection (or none): replaced by one that keeps the order tools were added in. A collection of
            // a type of the application's own is kept as it is.
            collection = existing as OrderedToolCollection ?? new OrderedToolCollection();
            if (existing is not null)
            {
                foreach (McpServerTool tool in existing) collection.TryAdd(tool);
            }
            options.ToolCollection = collection;
        }
        else
        {
            collection = existing;
        }

        foreach (McpServerTool tool in tools())
        {
            if (!collection.TryAdd(tool))
            {
                throw new InvalidOperationException(
                    $"Two MCP tools are named \"{tool.ProtocolTool.Name}\": WithToolGenTools cannot add the ToolGen one. Give one of them another name with [Tool(Name = \"...\")].");
            }
        }
    }
}
