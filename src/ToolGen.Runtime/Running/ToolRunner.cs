using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// Drives the tool loop in-process: send the conversation and tools to the model; run the tool calls it asks for
/// (read-only ones concurrently, the others one at a time in the model's order); add the results in the model's order;
/// repeat until the model answers, a limit is reached, or calls wait for approval. Each step is decided by a
/// <see cref="ToolLoop"/>, so a stored run resumes exactly where it stopped.
/// </summary>
public sealed class ToolRunner
{
    private readonly IChatModel _model;
    private readonly ToolLoop _loop;

    /// <summary>Creates a runner for <paramref name="model"/> with <paramref name="tools"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    public ToolRunner(IChatModel model, ToolSet tools, ToolRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _loop = new ToolLoop(tools, options);
    }

    /// <summary>The tools the model is offered.</summary>
    public ToolSet Tools => _loop.Tools;

    /// <summary>The loop that decides each step.</summary>
    public ToolLoop Loop => _loop;

    /// <summary>Runs a conversation that starts with <paramref name="userMessage"/>.</summary>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public Task<ToolRunResult> RunAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunAsync([ChatMessage.User(userMessage)], cancellationToken);

    /// <summary>
    /// Continues <paramref name="conversation"/>: a stored <see cref="ToolRunResult.Messages"/> plus a new user message,
    /// or the messages of a run that stopped (failed, canceled, interrupted), to resume it — calls without a result run
    /// (or wait for approval), calls with one never run again.
    /// </summary>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public Task<ToolRunResult> RunAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default) =>
        RunAsync(conversation, null, cancellationToken);

    /// <summary>Continues <paramref name="conversation"/> with <paramref name="decisions"/> on the calls waiting for approval.</summary>
    /// <exception cref="ToolApprovalException">A decision cannot be applied (see <see cref="ToolLoop.Next"/>); nothing ran.</exception>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public Task<ToolRunResult> RunAsync(IEnumerable<ChatMessage> conversation, IEnumerable<ToolApprovalDecision>? decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return CompleteAsync(new RunState(conversation), decisions, cancellationToken);
    }

    /// <summary>
    /// Resumes a run that stopped with <see cref="ToolRunStopReason.ApprovalRequired"/> (or any stored run): approved calls
    /// run, denied ones are answered with a <see cref="ToolResultKind.Denied"/> result carrying the reason, and the loop
    /// goes on. The result continues <paramref name="stopped"/>'s records, tokens and model calls.
    /// </summary>
    /// <exception cref="ToolApprovalException">
    /// A decision names no waiting call or one already decided, was made for other arguments, or names a call twice;
    /// nothing ran.
    /// </exception>
    /// <exception cref="ToolRunException">The model or a hook failed; the exception holds the run so far, to resume from.</exception>
    /// <exception cref="ToolRunCanceledException"><paramref name="cancellationToken"/> was canceled; the exception holds the run so far.</exception>
    public Task<ToolRunResult> ResumeAsync(ToolRunResult stopped, IEnumerable<ToolApprovalDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        ArgumentNullException.ThrowIfNull(decisions);
        return CompleteAsync(new RunState(stopped), decisions, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="conversation"/> with streaming: text as it arrives, each round's tool calls when the round starts
    /// and their results (in the model's order) when it ends, then the outcome. Failures surface from the enumeration as
    /// <see cref="ToolRunException"/> and <see cref="ToolRunCanceledException"/>, as in <see cref="RunAsync(IEnumerable{ChatMessage}, CancellationToken)"/>.
    /// </summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default) =>
        RunStreamingAsync(conversation, null, cancellationToken);

    /// <summary>Runs a streaming conversation that starts with <paramref name="userMessage"/>.</summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(string userMessage, CancellationToken cancellationToken = default) =>
        RunStreamingAsync([ChatMessage.User(userMessage)], null, cancellationToken);

    /// <summary>Streams the continuation of <paramref name="conversation"/> with <paramref name="decisions"/> on the calls waiting for approval.</summary>
    public IAsyncEnumerable<ToolRunUpdate> RunStreamingAsync(IEnumerable<ChatMessage> conversation, IEnumerable<ToolApprovalDecision>? decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return RunGuardedAsync(new RunState(conversation), decisions, cancellationToken);
    }

    /// <summary>Streams the resumption of <paramref name="stopped"/>; see <see cref="ResumeAsync"/>.</summary>
    public IAsyncEnumerable<ToolRunUpdate> ResumeStreamingAsync(ToolRunResult stopped, IEnumerable<ToolApprovalDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        ArgumentNullException.ThrowIfNull(decisions);
        return RunGuardedAsync(new RunState(stopped), decisions, cancellationToken);
    }

    private async Task<ToolRunResult> CompleteAsync(RunState state, IEnumerable<ToolApprovalDecision>? decisions, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ToolRunUpdate update in RunCoreAsync(_loop, state, decisions, streaming: false, cancellationToken).ConfigureAwait(false))
            {
                if (update.Kind == ToolRunUpdateKind.Completed) return update.Result!;
            }
        }
        catch (Exception exception) when (exception is not ToolApprovalException)
        {
            throw Interrupted(state, exception, cancellationToken);
        }
        throw new InvalidOperationException("The run ended without a result.");
    }

    // Streaming runs: turns a failure anywhere in the run into an exception that carries the run so far.
    private async IAsyncEnumerable<ToolRunUpdate> RunGuardedAsync(RunState state, IEnumerable<ToolApprovalDecision>? decisions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using IAsyncEnumerator<ToolRunUpdate> updates = RunCoreAsync(_loop, state, decisions, streaming: true, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (Exception exception) when (exception is not ToolApprovalException)
            {
                throw Interrupted(state, exception, cancellationToken);
            }
            yield return updates.Current;
        }
    }

    // The exception a failed run ends with: it carries the run so far.
    private static Exception Interrupted(RunState state, Exception exception, CancellationToken cancellationToken)
    {
        // A canceled run surfaces however the cancellation reached the failing code (an OperationCanceledException, or a
        // transport error from the aborted connection): the token says what happened.
        if (cancellationToken.IsCancellationRequested)
            return new ToolRunCanceledException(state.Interrupted(ToolRunStopReason.Canceled), exception, cancellationToken);
        ToolRunResult partial = state.Interrupted(ToolRunStopReason.Failed);
        return new ToolRunException($"The run stopped after {partial.ModelCalls} model call(s) and {partial.ToolCalls.Count} tool call(s): {exception.Message}", partial, exception);
    }

    // The one loop: ask the ToolLoop what comes next and do it, until it says the run is done or calls wait for approval.
    private async IAsyncEnumerable<ToolRunUpdate> RunCoreAsync(ToolLoop loop, RunState state, IEnumerable<ToolApprovalDecision>? decisions, bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool asked = false;   // The in-process approver was asked about the current turn.
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ToolLoopStep step = loop.Next(state.Messages, decisions);
            decisions = null;   // A decision applies once.
            switch (step)
            {
                case CallModelStep call:
                    asked = false;
                    ChatResponse response;
                    using (Activity? chat = ToolTelemetry.StartChat())
                    {
                        if (streaming)
                        {
                            int round = state.Round;
                            var assembler = new ChatStreamAssembler(loop.Options.Limits.MaxArgumentBytes);
                            await foreach (ChatStreamUpdate update in _model.StreamAsync(call.Request, cancellationToken).ConfigureAwait(false))
                            {
                                assembler.Add(update);
                                if (!string.IsNullOrEmpty(update.TextDelta))
                                    yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.TextDelta, TextDelta = update.TextDelta, Round = round };
                            }
                            response = assembler.ToResponse();
                        }
                        else
                        {
                            response = await _model.CompleteAsync(call.Request, cancellationToken).ConfigureAwait(false)
                                ?? throw new InvalidOperationException("The model returned no response.");
                        }
                        ToolTelemetry.EndChat(chat, response);
                    }
                    if (response.Message is not { Role: ChatRole.Assistant })
                        throw new InvalidOperationException("The model's response holds no assistant message.");
                    state.ModelCalls++;
                    if (response.Usage is not null) state.Usage += response.Usage;
                    state.Messages.Add(response.Message);
                    break;

                case AwaitApprovalStep wait when loop.Options.ApproveAsync is { } approve && !asked:
                    asked = true;
                    decisions = await AskAsync(loop, approve, wait.Pending, cancellationToken).ConfigureAwait(false);
                    break;

                case RunToolsStep or AwaitApprovalStep { RunFirst: not null }:
                    // Calls to run: the step's, or those of a turn whose other calls wait for approval.
                    RunToolsStep run = step as RunToolsStep ?? ((AwaitApprovalStep)step).RunFirst!;
                    IReadOnlyList<PlannedToolCall> calls = run.Calls;
                    if (streaming)   // RunAsync only wants the outcome: no progress updates to allocate and pass along.
                    {
                        foreach (PlannedToolCall planned in calls)
                            yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallStarted, Call = planned.Call, Round = run.Round };
                    }
                    ToolCallOutcome[] outcomes = await RunToolsAsync(loop, run, state, cancellationToken).ConfigureAwait(false);
                    if (streaming)
                    {
                        for (int i = 0; i < calls.Count; i++)
                            yield return new ToolRunUpdate { Kind = ToolRunUpdateKind.ToolCallCompleted, Call = calls[i].Call, ToolResult = outcomes[i].Result, Round = run.Round };
                    }
                    break;

                case AwaitApprovalStep wait:
                    yield return Completed(state, state.ToResult(ToolRunStopReason.ApprovalRequired, pending: wait.Pending));
                    yield break;

                case DoneStep done:
                    yield return Completed(state, state.ToResult(done.Reason, done.Text, done.StopToolResult));
                    yield break;
            }
        }
    }

    private static ToolRunUpdate Completed(RunState state, ToolRunResult result) =>
        new() { Kind = ToolRunUpdateKind.Completed, Round = state.Round, Result = result };

    private static async Task<ToolCallOutcome[]> RunToolsAsync(ToolLoop loop, RunToolsStep step, RunState state, CancellationToken cancellationToken)
    {
        IReadOnlyList<PlannedToolCall> calls = step.Calls;
        var outcomes = new ToolCallOutcome[calls.Count];
        for (int i = 0; i < outcomes.Length; i++) outcomes[i] = new ToolCallOutcome();
        state.BeginCalls(calls, outcomes, step.Round);
        await ToolCallScheduler.RunAsync(loop, step, outcomes, cancellationToken).ConfigureAwait(false);
        state.EndCalls();
        return outcomes;
    }

    // The in-process approver decides each waiting call in the model's order; one that fails (or gives up on its own)
    // denies the call; only the run's own cancellation propagates.
    private static async Task<List<ToolApprovalDecision>> AskAsync(ToolLoop loop, Func<ToolApprovalRequest, CancellationToken, ValueTask<bool>> approve,
        IReadOnlyList<PendingApproval> pending, CancellationToken cancellationToken)
    {
        var decisions = new List<ToolApprovalDecision>(pending.Count);
        foreach (PendingApproval request in pending)
        {
            bool approved;
            try
            {
                loop.Tools.TryGetTool(request.ToolName, out ToolDescriptor? tool);
                approved = await approve(new ToolApprovalRequest(new ToolCall(request.CallId, request.ToolName, request.Arguments), tool!), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                approved = false;
            }
            decisions.Add(approved ? request.Approve() : request.Deny());
        }
        return decisions;
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
        T? value = default;
        var tool = new ToolDescriptor(T.SchemaName, T.SchemaDescription, T.JsonSchema, (arguments, _, _) =>
            new ValueTask<ToolResult>(T.TryRead(arguments, out value, out ToolResult? error) ? ToolResult.Done : error!))
        {
            StrictParametersSchema = T.StrictJsonSchema,
            Strict = !T.StrictJsonSchema.IsEmpty,
        };
        // The loop with one forced tool, stopping at its first valid call, giving up after two invalid ones.
        var loop = new ToolLoop(ToolSet.Create(tool), new ToolRunnerOptions
        {
            ToolChoice = ToolChoice.Tool(tool.Name),
            KeepToolChoice = true,
            AllowParallelToolCalls = false,
            StopAfterTools = [tool.Name],
            MaxRounds = 2,
            MaxConsecutiveErrors = 2,
            Limits = _loop.Options.Limits,
        });
        var state = new RunState(conversation);
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in RunCoreAsync(loop, state, null, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == ToolRunUpdateKind.Completed) result = update.Result;
        }
        if (result is { StopReason: ToolRunStopReason.StopTool }) return value!;
        string problem = result?.StopReason == ToolRunStopReason.Answered || state.Records.Count == 0
            ? $"The model did not call {tool.Name}."
            : state.Records[^1].Result.Content;
        throw new ToolExtractionException($"The model did not produce a valid {T.SchemaName}: {problem}", state.Messages.ToArray());
    }
}
