using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Running;

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
        if (_options.MaxToolCallsPerTurn < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxToolCallsPerTurn must be at least 1.");
        if (_options.Limits is null) throw new ArgumentNullException(nameof(options), "Limits cannot be null.");
        _stopTools = new HashSet<string>(_options.StopAfterTools ?? [], StringComparer.Ordinal);
    }

    /// <summary>The tools the model is offered.</summary>
    public ToolSet Tools => _tools;

    /// <summary>Runs a conversation that starts with <paramref name="userMessage"/>.</summary>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public Task<ToolRunResult> RunAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunAsync([ChatMessage.User(userMessage)], cancellationToken);

    /// <summary>
    /// Continues <paramref name="conversation"/>: a persisted <see cref="ToolRunResult.Messages"/> plus a new user
    /// message, or the <see cref="ToolRunException.PartialResult"/> of a run that failed, to resume it.
    /// </summary>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public async Task<ToolRunResult> RunAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var state = new RunState(conversation);
        try
        {
            await foreach (ToolRunUpdate update in RunCoreAsync(state, streaming: false, cancellationToken).ConfigureAwait(false))
            {
                if (update.Kind == ToolRunUpdateKind.Completed) return update.Result!;
            }
        }
        catch (Exception exception)
        {
            throw Interrupted(state, exception, cancellationToken);
        }
        throw new InvalidOperationException("The run ended without a result.");
    }

    /// <summary>
    /// Runs <paramref name="conversation"/> with streaming: text as it arrives, each round's tool calls when the round starts
    /// and their results (in the model's order) when it ends, then the outcome. Failures surface from the enumeration as
    /// <see cref="ToolRunException"/> and <see cref="ToolRunCanceledException"/>, as in <see cref="RunAsync(IEnumerable{ChatMessage}, CancellationToken)"/>.
    /// </summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return RunGuardedAsync(new RunState(conversation), streaming: true, cancellationToken);
    }

    /// <summary>Runs a streaming conversation that starts with <paramref name="userMessage"/>.</summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunStreamingAsync([ChatMessage.User(userMessage)], cancellationToken);

    // Streaming runs: turns a failure anywhere in the run into an exception that carries the run so far.
    private async IAsyncEnumerable<ToolRunUpdate> RunGuardedAsync(RunState state, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using IAsyncEnumerator<ToolRunUpdate> updates = RunCoreAsync(state, streaming, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (Exception exception)
            {
                throw Interrupted(state, exception, cancellationToken);
            }
            yield return updates.Current;
        }
    }

    // The exception a failed run ends with: it carries the run so far, with every tool call answered.
    private static Exception Interrupted(RunState state, Exception exception, CancellationToken cancellationToken)
    {
        // A canceled run surfaces however the cancellation reached the failing code (an OperationCanceledException, or a
        // transport error from the aborted connection): the token says what happened.
        if (cancellationToken.IsCancellationRequested)
            return new ToolRunCanceledException(state.Interrupted(ToolRunStopReason.Canceled), exception, cancellationToken);
        ToolRunResult partial = state.Interrupted(ToolRunStopReason.Failed);
        return new ToolRunException($"The run stopped after {partial.ModelCalls} model call(s) and {partial.ToolCalls.Count} tool call(s): {exception.Message}", partial, exception);
    }

    private async IAsyncEnumerable<ToolRunUpdate> RunCoreAsync(RunState state, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = state.Messages;
        ToolChoice choice = _options.ToolChoice;
        int failedRounds = 0;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool lastChance = state.Rounds >= _options.MaxRounds;
            var request = new ChatRequest
            {
                Messages = messages.ToArray(),
                Tools = _tools,   // Immutable: no copy per request.
                ToolChoice = lastChance ? ToolChoice.None : choice,
                AllowParallelToolCalls = _options.AllowParallelToolCalls,
            };

            ChatResponse response;
            using (Activity? chat = ToolTelemetry.StartChat())
            {
                if (streaming)
                {
                    var assembler = new ChatStreamAssembler(_options.Limits.MaxArgumentBytes);
                    await foreach (ChatStreamUpdate update in _model.StreamAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        assembler.Add(update);
                        if (!string.IsNullOrEmpty(update.TextDelta))
                            yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.TextDelta, TextDelta = update.TextDelta, Round = state.Rounds };
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
            state.ModelCalls++;
            if (response.Usage is not null) state.Usage += response.Usage;
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

            state.Rounds++;
            int round = state.Rounds;
            if (streaming)   // RunAsync only wants the outcome: no progress updates to allocate and pass along.
            {
                foreach (ToolCall call in calls)
                    yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallStarted, Call = call, Round = round };
            }

            // Calls past the per-turn limit are answered without running, so every call of the turn has a result.
            var outcomes = new (ToolResult Result, TimeSpan Duration)[calls.Count];
            int runnable = Math.Min(calls.Count, _options.MaxToolCallsPerTurn);
            for (int i = runnable; i < calls.Count; i++)
            {
                outcomes[i] = (ToolResult.Error(ToolResultKind.Denied,
                    $"Too many tool calls in one turn: {calls.Count}; at most {_options.MaxToolCallsPerTurn} run per turn, and this one did not run. Make it again after reading these results if it is still needed."), TimeSpan.Zero);
            }
            state.BeginRound(calls, outcomes);
            await ExecuteRoundAsync(calls, runnable, outcomes, choice, round, cancellationToken).ConfigureAwait(false);
            state.EndRound();

            ToolResult? stopResult = null;
            for (int i = 0; i < calls.Count; i++)
            {
                messages.Add(ChatMessage.ToolResult(calls[i], outcomes[i].Result));
                state.Records.Add(new ToolCallRecord(calls[i], outcomes[i].Result, round, outcomes[i].Duration));
                if (stopResult is null && !outcomes[i].Result.IsError && _stopTools.Contains(calls[i].Name)) stopResult = outcomes[i].Result;
                if (streaming) yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallCompleted, Call = calls[i], ToolResult = outcomes[i].Result, Round = round };
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
            Round = state.Rounds,
            Result = state.ToResult(reason, text, stopResult, state.Messages),
        };
    }

    // Consecutive read-only calls run together (up to MaxConcurrency); any other call runs alone, in the model's order.
    // Only the first `count` calls run; each outcome is stored as soon as it is known, so an interrupted round keeps them.
    private async Task ExecuteRoundAsync(IReadOnlyList<ToolCall> calls, int count, (ToolResult Result, TimeSpan Duration)[] outcomes, ToolChoice choice, int round, CancellationToken cancellationToken)
    {
        SemaphoreSlim? gate = null;   // Only a round with a concurrent batch needs one.
        try
        {
            int i = 0;
            while (i < count)
            {
                int end = i + 1;
                if (_options.AllowParallelToolCalls && IsReadOnly(calls[i], choice))
                {
                    while (end < count && IsReadOnly(calls[end], choice)) end++;
                }
                if (end - i == 1)
                {
                    outcomes[i] = await ExecuteAsync(calls[i], choice, round, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    gate ??= new SemaphoreSlim(_options.MaxConcurrency);
                    var batch = new Task[end - i];
                    for (int k = i; k < end; k++) batch[k - i] = ExecuteInBatchAsync(calls, k, outcomes, gate, choice, round, cancellationToken);
                    await Task.WhenAll(batch).ConfigureAwait(false);   // Waits for every call, even when one fails.
                }
                i = end;
            }
        }
        finally
        {
            gate?.Dispose();
        }
    }

    private Task ExecuteInBatchAsync(IReadOnlyList<ToolCall> calls, int index, (ToolResult Result, TimeSpan Duration)[] outcomes, SemaphoreSlim gate, ToolChoice choice, int round, CancellationToken cancellationToken) =>
        Task.Run(async () =>
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

    /// <summary>What a run has produced so far; the source of its result, complete or interrupted.</summary>
    private sealed class RunState(IEnumerable<ChatMessage> conversation)
    {
        private IReadOnlyList<ToolCall>? _pendingCalls;
        private (ToolResult Result, TimeSpan Duration)[]? _pendingOutcomes;

        public List<ChatMessage> Messages { get; } = [.. conversation];

        public List<ToolCallRecord> Records { get; } = [];

        public ChatUsage Usage { get; set; } = ChatUsage.Zero;

        public int Rounds { get; set; }

        public int ModelCalls { get; set; }

        public void BeginRound(IReadOnlyList<ToolCall> calls, (ToolResult Result, TimeSpan Duration)[] outcomes)
        {
            _pendingCalls = calls;
            _pendingOutcomes = outcomes;
        }

        public void EndRound()
        {
            _pendingCalls = null;
            _pendingOutcomes = null;
        }

        public ToolRunResult ToResult(ToolRunStopReason reason, string? text, ToolResult? stopResult, IReadOnlyList<ChatMessage> messages) => new()
        {
            Text = text,
            Messages = messages.ToArray(),
            ToolCalls = Records.ToArray(),
            Usage = Usage,
            ModelCalls = ModelCalls,
            StopReason = reason,
            StopToolResult = stopResult,
        };

        // The run so far, with the interrupted round's calls answered: the results of calls that finished, and for the
        // others a note that they were interrupted, so that the transcript is valid to send again and nothing is lost.
        public ToolRunResult Interrupted(ToolRunStopReason reason)
        {
            if (_pendingCalls is not { } calls || _pendingOutcomes is not { } outcomes) return ToResult(reason, null, null, Messages);
            var messages = new List<ChatMessage>(Messages);
            for (int i = 0; i < calls.Count; i++)
            {
                ToolResult result = outcomes[i].Result ?? ToolResult.Error(ToolResultKind.Canceled,
                    $"The call to {calls[i].Name} was interrupted because the run stopped; it may or may not have taken effect. Check before calling it again.");
                messages.Add(ChatMessage.ToolResult(calls[i], result));
                if (outcomes[i].Result is not null) Records.Add(new ToolCallRecord(calls[i], result, Rounds, outcomes[i].Duration));
            }
            EndRound();
            return ToResult(reason, null, null, messages);
        }
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

        var context = new ToolContext { CallId = call.Id, Services = _options.Services, IncludeExceptionDetails = _options.IncludeExceptionDetails, Limits = _options.Limits };
        if (_options.ToolTimeout is null && !cancellationToken.CanBeCanceled)
        {
            // Nothing can cancel this call: no timer, no linked token, no wait to abandon.
            ValueTask<ToolResult> pending = tool.InvokeAsync(call.Arguments ?? "", context, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ToolTimeout is { } limit) timeout.CancelAfter(limit);
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
