using System;
using System.Threading;
using System.Threading.Tasks;
using global::ModelContextProtocol;
using global::ModelContextProtocol.Protocol;
using global::ModelContextProtocol.Server;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>
/// Forwards a tool's <see cref="ToolProgress"/> reports to the client as <c>notifications/progress</c> for the request's
/// progress token, one after another and in order; the call's answer waits until they are sent.
/// </summary>
internal sealed class McpProgress(McpServer server, ProgressToken token) : IProgress<ToolProgress>
{
    private static readonly TimeSpan s_flushLimit = TimeSpan.FromSeconds(5);
    private readonly object _gate = new();
    private Task _sent = Task.CompletedTask;
    private bool _stopped;

    public void Report(ToolProgress value)
    {
        if (value is null) return;
        lock (_gate)
        {
            if (_stopped) return;
            _sent = SendAfterAsync(_sent, value);
        }
    }

    private async Task SendAfterAsync(Task previous, ToolProgress value)
    {
        await previous.ConfigureAwait(false);   // Never faults: each send catches its own failure.
        try
        {
            await server.NotifyProgressAsync(token, new ProgressNotificationValue
            {
                Progress = (float)value.Progress,
                Total = value.Total is { } total ? (float)total : null,
                Message = value.Message,
            }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Progress is best effort: a client that went away must not fail the call.
        }
    }

    /// <summary>Stops forwarding and waits (briefly) until the reports made so far are sent, so that they precede the answer.</summary>
    public async Task CompleteAsync()
    {
        Task sent;
        lock (_gate)
        {
            _stopped = true;
            sent = _sent;
        }
        try
        {
            await sent.WaitAsync(s_flushLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Drops the reports made from now on (the call has returned).</summary>
    public void Stop()
    {
        lock (_gate) _stopped = true;
    }
}
