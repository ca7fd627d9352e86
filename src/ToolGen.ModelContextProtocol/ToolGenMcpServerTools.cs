using System;
using System.Collections.Generic;
using global::ModelContextProtocol.Server;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>ToolGen tools as the MCP SDK's <see cref="McpServerTool"/>s, for a server built without dependency injection.</summary>
public static class ToolGenMcpServerTools
{
    /// <summary>
    /// Each tool of <paramref name="tools"/> as an <see cref="McpServerTool"/>, in the set's order: its generated schemas,
    /// annotations from its hints, and calls run through its generated dispatcher in a DI scope of their own (when the
    /// server has services). Add them to <see cref="McpServerOptions.ToolCollection"/>, or use
    /// <c>WithToolGenTools</c> on the server builder.
    /// </summary>
    /// <param name="tools">The tools to serve.</param>
    /// <param name="options">How they are served; the defaults when <see langword="null"/>.</param>
    public static IReadOnlyList<McpServerTool> AsMcpServerTools(this ToolSet tools, ToolGenMcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        return Create(tools, (options ?? new ToolGenMcpOptions()).Clone(), fromServices: false);
    }

    internal static McpServerTool[] Create(ToolSet tools, ToolGenMcpOptions options, bool fromServices)
    {
        var created = new McpServerTool[tools.Count];
        for (int i = 0; i < created.Length; i++) created[i] = new ToolGenMcpServerTool(tools[i], options, fromServices);
        return created;
    }
}
