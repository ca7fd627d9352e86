using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen;

/// <summary>
/// Drives the tool loop: send the conversation and tools to the model; run the tool calls it asks for (read-only ones
/// concurrently, the others one at a time in the model's order); append the results in the model's order; repeat until
/// the model answers or a limit is reached.
/// </summary>
public sealed class ToolRunner
{
    private readonly IChatModel _model;
    private readonly ToolSet _tools;
    private readonly ToolRunnerOptions _options;
    private readonly HashSet<string> _stopTools;

    /// <summary>Creates a runner for <paramref name="model"/> with <paramref name="tools"/>.</summary>
    public ToolRunner(IChatModel model, ToolSet tools, ToolRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tools);
        _model = model;
        _tools = tools;
        _options = options ?? new ToolRunnerOptions();
        if (_options.MaxRounds < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRounds cannot be negative.");
        if (_options.MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrency must be at least 1.");
        if (_options.MaxConsecutiveErrors < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConsecutiveErrors must be at least 1.");
        _stopTools = new HashSet<string>(_options.StopAfterTools ?? [], StringComparer.Ordinal);
    }

    /// <summary>The tools the model is offered.</summary>
    public ToolSet Tools => _tools;

    /// <summary>Runs a conversation that starts with <paramref name="userMessage"/>.</summary>
    public Task<ToolRunResult> RunAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunAsync([ChatMessage.User(userMessage)], cancellationToken);

    /// <summary>Continues <paramref name="conversation"/> (for example a persisted <see cref="ToolRunResult.Messages"/> plus a new user message).</summary>
    public async Task<ToolRunResult> RunAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        await foreach (ToolRunUpdate update in RunCoreAsync(conversation, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == ToolRunUpdateKind.Completed) return update.Result!;
        }
        throw new InvalidOperationException("The run ended without a result.");
    }

    /// <summary>
    /// Runs <paramref name="conversation"/> with streaming: text as it arrives, each round's tool calls when the round starts
    /// and their results (in the model's order) when it ends, then the outcome.
    /// </summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default) =>
        RunCoreAsync(conversation, streaming: true, cancellationToken);

    /// <summary>Runs a streaming conversation that starts with <paramref name="userMessage"/>.</summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunCoreAsync([ChatMessage.User(userMessage)], streaming: true, cancellationToken);

    private async IAsyncEnumerable<ToolRunUpdate> RunCoreAsync(IEnumerable<ChatMessage> conversation, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var messages = new List<ChatMessage>(conversation);
        var records = new List<ToolCallRecord>();
        ToolChoice choice = _options.ToolChoice;
        ChatUsage usage = ChatUsage.Zero;
        int rounds = 0, modelCalls = 0, failedRounds = 0;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool lastChance = rounds >= _options.MaxRounds;
            var request = new ChatRequest
            {
                Messages = messages.ToArray(),
                Tools = _tools.ToArray(),
                ToolChoice = lastChance ? ToolChoice.None : choice,
                AllowParallelToolCalls = _options.AllowParallelToolCalls,
            };

            ChatResponse response;
            using (Activity? chat = ToolTelemetry.StartChat())
            {
                if (streaming)
                {
                    var assembler = new ChatStreamAssembler();
                    await foreach (ChatStreamUpdate update in _model.StreamAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        assembler.Add(update);
                        if (!string.IsNullOrEmpty(update.TextDelta))
                            yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.TextDelta, TextDelta = update.TextDelta, Round = rounds };
                    }
                    response = assembler.ToResponse();
                }
                else
                {
                    response = await _model.CompleteAsync(request, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The model returned no response.");
                }
                ToolTelemetry.EndChat(chat, response);
            }
            modelCalls++;
            if (response.Usage is not null) usage += response.Usage;
            messages.Add(response.Message);

            IReadOnlyList<ToolCall> calls = response.Message.ToolCalls;
            if (calls.Count == 0 || lastChance)
            {
                // A model that still calls tools when it may not gets error results, so the transcript stays valid to resume.
                foreach (ToolCall call in calls)
                    messages.Add(ChatMessage.ToolResult(call, ToolResult.Error(ToolResultKind.Denied, "The tool-call limit of this conversation was reached; answer without tools.")));
                yield return Completed(lastChance ? ToolRunStopReason.MaxRounds : ToolRunStopReason.Answered, response.Message.Text, null);
                yield break;
            }

            rounds++;
            foreach (ToolCall call in calls)
                yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallStarted, Call = call, Round = rounds };
            (ToolResult Result, TimeSpan Duration)[] outcomes = await ExecuteRoundAsync(calls, choice, rounds, cancellationToken).ConfigureAwait(false);

            ToolResult? stopResult = null;
            for (int i = 0; i < calls.Count; i++)
            {
                messages.Add(ChatMessage.ToolResult(calls[i], outcomes[i].Result));
                records.Add(new ToolCallRecord(calls[i], outcomes[i].Result, rounds, outcomes[i].Duration));
                if (stopResult is null && !outcomes[i].Result.IsError && _stopTools.Contains(calls[i].Name)) stopResult = outcomes[i].Result;
                yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallCompleted, Call = calls[i], ToolResult = outcomes[i].Result, Round = rounds };
            }

            if (stopResult is not null)
            {
                yield return Completed(ToolRunStopReason.StopTool, null, stopResult);
                yield break;
            }
            failedRounds = outcomes.All(o => o.Result.IsError) ? failedRounds + 1 : 0;
            if (failedRounds >= _options.MaxConsecutiveErrors)
            {
                yield return Completed(ToolRunStopReason.MaxConsecutiveErrors, null, null);
                yield break;
            }
            choice = choice.Relaxed();   // A forced choice applies once, or the model could never stop calling tools.
        }

        ToolRunUpdate Completed(ToolRunStopReason reason, string? text, ToolResult? stopResult) => new()
        {
            Kind = ToolRunUpdateKind.Completed,
            Round = rounds,
            Result = new ToolRunResult
            {
                Text = text,
                Messages = messages.ToArray(),
                ToolCalls = records.ToArray(),
                Usage = usage,
                ModelCalls = modelCalls,
                StopReason = reason,
                StopToolResult = stopResult,
            },
        };
    }

    // Consecutive read-only calls run together (up to MaxConcurrency); any other call runs alone, in the model's order.
    private async Task<(ToolResult, TimeSpan)[]> ExecuteRoundAsync(IReadOnlyList<ToolCall> calls, ToolChoice choice, int round, CancellationToken cancellationToken)
    {
        var outcomes = new (ToolResult, TimeSpan)[calls.Count];
        using var gate = new SemaphoreSlim(_options.MaxConcurrency);
        int i = 0;
        while (i < calls.Count)
        {
            int end = i + 1;
            if (_options.AllowParallelToolCalls && IsReadOnly(calls[i], choice))
            {
                while (end < calls.Count && IsReadOnly(calls[end], choice)) end++;
            }
            if (end - i == 1)
            {
                outcomes[i] = await ExecuteAsync(calls[i], choice, round, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var batch = new Task[end - i];
                for (int k = i; k < end; k++)
                {
                    int index = k;
                    batch[k - i] = Task.Run(async () =>
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            outcomes[index] = await ExecuteAsync(calls[index], choice, round, cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }, cancellationToken);
                }
                await Task.WhenAll(batch).ConfigureAwait(false);
            }
            i = end;
        }
        return outcomes;
    }

    private bool IsReadOnly(ToolCall call, ToolChoice choice) =>
        choice.Permits(call.Name) && _tools.TryGetTool(call.Name, out ToolDescriptor? tool) && tool.IsReadOnly && !tool.RequiresApproval;

    private async Task<(ToolResult, TimeSpan)> ExecuteAsync(ToolCall call, ToolChoice choice, int round, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        _tools.TryGetTool(call.Name, out ToolDescriptor? tool);
        var callEvent = new ToolCallEvent(call, tool, round);
        ToolResult result;
        using (Activity? activity = ToolTelemetry.StartTool(call))
        {
            result = await RunToolAsync(call, tool, callEvent, choice, cancellationToken).ConfigureAwait(false);
            ToolTelemetry.EndTool(activity, result);
        }
        if (_options.OnToolCalled is { } called) await called(callEvent, result, cancellationToken).ConfigureAwait(false);
        return (result, Stopwatch.GetElapsedTime(started));
    }

    private async Task<ToolResult> RunToolAsync(ToolCall call, ToolDescriptor? tool, ToolCallEvent callEvent, ToolChoice choice, CancellationToken cancellationToken)
    {
        if (tool is null) return _tools.UnknownTool(call.Name);
        if (!choice.Permits(call.Name))
        {
            // A prompt-injected or confused model may call a tool this request did not allow: it does not run.
            string allowed = choice.Mode == ToolChoiceMode.None ? "no tools" : choice.ToolName ?? string.Join(", ", choice.AllowedTools ?? []);
            return ToolResult.Error(ToolResultKind.Denied, $"Tool {call.Name} is not allowed in this request (allowed: {allowed}). Do not call it again.");
        }
        if (tool.RequiresApproval && !await ApproveAsync(call, tool, cancellationToken).ConfigureAwait(false))
        {
            return ToolResult.Error(ToolResultKind.Denied, _options.ApproveAsync is null
                ? $"Tool {call.Name} needs approval and nobody can approve it here. Do not call it again; tell the user it needs approval."
                : $"The user did not approve this call to {call.Name}. Do not retry it; ask the user what to do instead.");
        }
        if (_options.OnToolCalling is { } calling) await calling(callEvent, cancellationToken).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ToolTimeout is { } limit) timeout.CancelAfter(limit);
        var context = new ToolContext { CallId = call.Id, Services = _options.Services, IncludeExceptionDetails = _options.IncludeExceptionDetails };
        ToolResult result;
        try
        {
            // WaitAsync also ends the wait for a tool that ignores its token (its work is abandoned, not stopped).
            result = await tool.InvokeAsync(call.Arguments ?? "", context, timeout.Token).AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            result = ToolResult.Error(ToolResultKind.Canceled, $"The call to {call.Name} was canceled.");
        }
        if (result.Kind == ToolResultKind.Canceled && timeout.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();   // The whole run was canceled, not just this call.
            return ToolResult.Error(ToolResultKind.TimedOut,
                $"Tool {call.Name} did not finish within {_options.ToolTimeout!.Value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} seconds and was stopped. Try again later or with a smaller request.");
        }
        return result;
    }

    // An approval callback that fails (or gives up on its own) denies the call; only the run's own cancellation propagates.
    private async Task<bool> ApproveAsync(ToolCall call, ToolDescriptor tool, CancellationToken cancellationToken)
    {
        if (_options.ApproveAsync is not { } approve) return false;
        try
        {
            return await approve(new ToolApprovalRequest(call, tool), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Structured extraction: asks the model for a <typeparamref name="T"/> by forcing a single tool whose schema is
    /// <typeparamref name="T"/>'s, and reads its arguments with the generated reader. Invalid arguments are shown to the
    /// model once, with the reader's error, for a second try. The runner's own tools are not offered.
    /// </summary>
    /// <exception cref="ToolExtractionException">The second try was invalid too, or the model did not call the tool.</exception>
    public Task<T> ExtractAsync<T>(string prompt, CancellationToken cancellationToken = default) where T : IToolSchema<T> =>
        ExtractAsync<T>([ChatMessage.User(prompt)], cancellationToken);

    /// <summary>Structured extraction from <paramref name="conversation"/>; see <see cref="ExtractAsync{T}(string, CancellationToken)"/>.</summary>
    public async Task<T> ExtractAsync<T>(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default) where T : IToolSchema<T>
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var tool = new ToolDescriptor(T.SchemaName, T.SchemaDescription, T.JsonSchema,
            static (arguments, _, _) => new ValueTask<ToolResult>(T.TryRead(arguments, out _, out ToolResult? error) ? ToolResult.Done : error!))
        {
            StrictParametersSchema = T.StrictJsonSchema,
            Strict = !T.StrictJsonSchema.IsEmpty,
        };
        var messages = new List<ChatMessage>(conversation);
        string? problem = null;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var request = new ChatRequest { Messages = messages.ToArray(), Tools = [tool], ToolChoice = ToolChoice.Tool(tool.Name), AllowParallelToolCalls = false };
            ChatResponse response;
            using (Activity? chat = ToolTelemetry.StartChat())
            {
                response = await _model.CompleteAsync(request, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The model returned no response.");
                ToolTelemetry.EndChat(chat, response);
            }
            messages.Add(response.Message);
            ToolCall? call = response.Message.ToolCalls.FirstOrDefault(c => c.Name == tool.Name);
            if (call is null)
            {
                foreach (ToolCall other in response.Message.ToolCalls)
                    messages.Add(ChatMessage.ToolResult(other, ToolResult.Error(ToolResultKind.Denied, $"Only {tool.Name} may be called.")));
                problem = $"The model did not call {tool.Name}.";
                break;
            }
            if (T.TryRead(Encoding.UTF8.GetBytes(call.Arguments ?? ""), out T value, out ToolResult? error)) return value;
            problem = error!.Content;
            foreach (ToolCall answered in response.Message.ToolCalls)
                messages.Add(ChatMessage.ToolResult(answered, answered == call ? error : ToolResult.Error(ToolResultKind.Denied, "Only one call is expected.")));
        }
        throw new ToolExtractionException($"The model did not produce a valid {T.SchemaName}: {problem}", messages.ToArray());
    }
}
