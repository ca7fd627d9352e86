using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

internal static class Log
{
    private static readonly Action<ILogger, string, ToolResultKind, Exception?> s_failed = LoggerMessage.Define<string, ToolResultKind>(
        LogLevel.Warning, new EventId(1, "ToolCallFailed"), "MCP call of tool {ToolName} failed: {Kind}.");

    private static readonly Action<ILogger, string, ToolResultKind, Exception?> s_refused = LoggerMessage.Define<string, ToolResultKind>(
        LogLevel.Debug, new EventId(2, "ToolCallError"), "MCP call of tool {ToolName} returned an error result: {Kind}.");

    public static ILogger? For(IServiceProvider? services) =>
        services?.GetService<ILoggerFactory>()?.CreateLogger("ToolGen.ModelContextProtocol");

    /// <summary>A failure (with its exception) as a warning; the model's own mistakes (invalid arguments, retries) at debug level.</summary>
    public static void CallFailed(ILogger logger, string toolName, ToolResultKind kind, Exception? exception)
    {
        if (kind is ToolResultKind.Failed or ToolResultKind.TimedOut) s_failed(logger, toolName, kind, exception);
        else s_refused(logger, toolName, kind, exception);
    }
}
