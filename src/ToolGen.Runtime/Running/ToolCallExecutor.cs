using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Running;

/// <summary>Where a call stands and what it returned; filled in as the call runs, so an interrupted round keeps it.</summary>
internal sealed class ToolCallOutcome
{
    /// <summary>The tool began running (after the hooks); an unfinished started call may have taken effect.</summary>
    public bool Started;

    public ToolResult? Result;

    public TimeSpan Duration;
}

/// <summary>
/// The per-call policy: hooks and telemetry around the call, the tool's timeout (else the run's), and the retry budget
/// (a tool that asks for corrections past it gets a <see cref="ToolResultKind.Failed"/> result instead).
/// </summary>
internal sealed class ToolCallExecutor(ToolRunnerOptions options)
{
    public async Task RunAsync(PlannedToolCall planned, int round, ToolCallOutcome outcome, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        // Hooks see the call as an event; without hooks nothing is allocated for them.
        ToolCallEvent? callEvent = options.OnToolCalling is null && options.OnToolCalled is null ? null : new ToolCallEvent(planned.Call, planned.Tool, round);
        ToolResult result;
        using (Activity? activity = ToolTelemetry.StartTool(planned.Call))
        {
            result = planned.Answer ?? await InvokeAsync(planned, callEvent, outcome, cancellationToken).ConfigureAwait(false);
            ToolTelemetry.EndTool(activity, result);
        }
        outcome.Result = result;
        outcome.Duration = Stopwatch.GetElapsedTime(started);
        if (options.OnToolCalled is { } called) await called(callEvent!, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ToolResult> InvokeAsync(PlannedToolCall planned, ToolCallEvent? callEvent, ToolCallOutcome outcome, CancellationToken cancellationToken)
    {
        ToolDescriptor tool = planned.Tool ?? throw new InvalidOperationException($"Call {planned.Call.Id} names no tool and has no answer.");
        if (options.OnToolCalling is { } calling) await calling(callEvent!, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        outcome.Started = true;
        ToolResult result = await InvokeWithTimeoutAsync(planned.Call.Id, planned.Call.Arguments, tool, cancellationToken).ConfigureAwait(false);
        if (result.Kind == ToolResultKind.Retry)
        {
            int budget = tool.MaxRetries ?? options.MaxRetries;
            if (planned.RetriesUsed >= budget)
            {
                return ToolResult.Error(ToolResultKind.Failed,
                    $"{result.Content} No more corrections are possible: {tool.Name} already asked for {planned.RetriesUsed} in this run. Tell the user what is wrong instead of calling it again.",
                    result.Exception);
            }
        }
        return result;
    }

    private async Task<ToolResult> InvokeWithTimeoutAsync(string callId, string arguments, ToolDescriptor tool, CancellationToken cancellationToken)
    {
        var context = new ToolContext { CallId = callId, Services = options.Services, IncludeExceptionDetails = options.IncludeExceptionDetails, Limits = options.Limits };
        TimeSpan? limit = tool.Timeout ?? options.ToolTimeout;
        if (limit is null && !cancellationToken.CanBeCanceled)
        {
            // Nothing can cancel this call: no timer, no linked token, no wait to abandon.
            ValueTask<ToolResult> pending = tool.InvokeAsync(arguments, context, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } after) timeout.CancelAfter(after);
        ToolResult result;
        try
        {
            // WaitAsync also ends the wait for a tool that ignores its token (its work is abandoned, not stopped).
            result = await tool.InvokeAsync(arguments, context, timeout.Token).AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            result = ToolResult.Error(ToolResultKind.Canceled, $"The call to {tool.Name} was canceled.");
        }
        if (result.Kind == ToolResultKind.Canceled && timeout.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();   // The whole run was canceled, not just this call.
            return ToolResult.Error(ToolResultKind.TimedOut,
                $"Tool {tool.Name} did not finish within {limit!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds and was stopped. Try again later or with a smaller request.");
        }
        return result;
    }
}
