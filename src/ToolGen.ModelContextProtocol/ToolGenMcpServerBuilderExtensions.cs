using System;
using System.Collections.Generic;
using global::ModelContextProtocol.Server;
using Microsoft.Extensions.Options;
using ToolGen;
using ToolGen.ModelContextProtocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Serves ToolGen tools from an MCP server built with <c>AddMcpServer()</c>, over any of the SDK's transports (stdio,
/// streamable HTTP). No reflection: schemas and dispatch are the generated ones.
/// </summary>
public static class ToolGenMcpServerBuilderExtensions
{
    /// <summary>
    /// Serves the tools of <paramref name="tools"/>. tools/list sends each tool's generated input schema, its result
    /// schema as <c>outputSchema</c>, its title and its hints as annotations; tools/call runs the tool in a DI scope of its
    /// own with the request's cancellation token, and reports an error of the tool (invalid arguments included) as an
    /// <c>isError</c> result carrying ToolGen's message. An unknown tool is the JSON-RPC error -32602.
    /// </summary>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="tools">The tools to serve.</param>
    /// <param name="configure">Changes how the tools are served (schema dialect, approval, limits).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">When the server starts: another tool of the server has the same name.</exception>
    public static IMcpServerBuilder WithToolGenTools(this IMcpServerBuilder builder, ToolSet tools, Action<ToolGenMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tools);
        ToolGenMcpOptions options = Configure(configure);
        var lazy = new Lazy<IReadOnlyList<McpServerTool>>(() => ToolGenMcpServerTools.Create(tools, options, fromServices: false));
        builder.Services.AddSingleton<IConfigureOptions<McpServerOptions>>(new ToolGenMcpToolsSetup(() => lazy.Value));
        return builder;
    }

    /// <summary>
    /// Serves the tools of <typeparamref name="T"/> (<see cref="IServiceToolProvider.ToolsFromServices"/>): each call of an
    /// instance tool creates a <typeparamref name="T"/> from the call's scope, its constructor's arguments resolved from
    /// the services. See <see cref="WithToolGenTools(IMcpServerBuilder, ToolSet, Action{ToolGenMcpOptions}?)"/>.
    /// </summary>
    /// <typeparam name="T">A type with <see cref="ToolAttribute">[Tool]</see> methods.</typeparam>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="configure">Changes how the tools are served.</param>
    /// <returns>The builder.</returns>
    public static IMcpServerBuilder WithToolGenTools<T>(this IMcpServerBuilder builder, Action<ToolGenMcpOptions>? configure = null)
        where T : IServiceToolProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithToolGenTools(T.ToolsFromServices, configure);
    }

    /// <summary>
    /// Serves the <see cref="ToolSet"/> registered in the application's services (for example with
    /// <c>services.AddSingleton(toolSet)</c>, or by a ToolGen hosting package). The list is read once, when the server
    /// starts; each call takes its tool from the set resolved in the call's own scope, so a scoped registration works too.
    /// See <see cref="WithToolGenTools(IMcpServerBuilder, ToolSet, Action{ToolGenMcpOptions}?)"/>.
    /// </summary>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="configure">Changes how the tools are served.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">When the server starts: no <see cref="ToolSet"/> is registered.</exception>
    public static IMcpServerBuilder WithToolGenTools(this IMcpServerBuilder builder, Action<ToolGenMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ToolGenMcpOptions options = Configure(configure);
        builder.Services.AddSingleton<IConfigureOptions<McpServerOptions>>(services => new ToolGenMcpToolsSetup(() =>
        {
            // A scope, in case the set is registered as scoped; the descriptors are only read here, for the list.
            using IServiceScope scope = services.CreateScope();
            ToolSet tools = scope.ServiceProvider.GetService<ToolSet>() ?? throw new InvalidOperationException(
                "WithToolGenTools() serves the ToolSet registered in the services, and none is registered. Register one (services.AddSingleton(toolSet)) or pass it: WithToolGenTools(toolSet).");
            return ToolGenMcpServerTools.Create(tools, options, fromServices: true);
        }));
        return builder;
    }

    private static ToolGenMcpOptions Configure(Action<ToolGenMcpOptions>? configure)
    {
        var options = new ToolGenMcpOptions();
        configure?.Invoke(options);
        return options;
    }
}
