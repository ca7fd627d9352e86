using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Serialization;

/// <summary>What generated code uses to take a tool's services from the call's <see cref="ToolContext.Services"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolServices
{
    /// <summary>
    /// The <see cref="ToolResultKind.Failed"/> result of a call that needs <paramref name="service"/> (a type name, as the
    /// developer wrote it) when the call's services do not have it — or when the call was given no services at all.
    /// </summary>
    public static ToolResult Missing(string tool, string service, ToolContext? context) =>
        ToolResult.Error(ToolResultKind.Failed, context?.Services is null
            ? $"Tool {tool} cannot run: it needs the service {service}, but the call was given no services (run it from a host, or set ToolRunnerOptions.Services)."
            : $"Tool {tool} cannot run: the service {service} is not registered with the call's services.");

    /// <summary>Runs a call on <paramref name="instance"/>, created for it alone, then disposes it.</summary>
    public static async ValueTask<ToolResult> InvokeAndDisposeAsync<T>(T instance, Func<T, ReadOnlyMemory<byte>, ToolContext?, CancellationToken, ValueTask<ToolResult>> invoke,
        ReadOnlyMemory<byte> arguments, ToolContext? context, CancellationToken cancellationToken)
        where T : IDisposable
    {
        try
        {
            return await invoke(instance, arguments, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            instance.Dispose();
        }
    }

    /// <summary>Runs a call on <paramref name="instance"/>, created for it alone, then disposes it asynchronously.</summary>
    public static async ValueTask<ToolResult> InvokeAndAwaitDisposeAsync<T>(T instance, Func<T, ReadOnlyMemory<byte>, ToolContext?, CancellationToken, ValueTask<ToolResult>> invoke,
        ReadOnlyMemory<byte> arguments, ToolContext? context, CancellationToken cancellationToken)
        where T : IAsyncDisposable
    {
        try
        {
            return await invoke(instance, arguments, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
