using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// The tool loop as a function of the conversation: <see cref="Next"/> says what comes next — call the model with this
/// request, run these tool calls, wait for approvals, or done — and <see cref="AddResponse"/> and
/// <see cref="AddToolResults"/> add what that step produced. The loop keeps no state of its own: the conversation is the
/// state, so an engine that owns the loop (a durable workflow, an actor per conversation) can make each model call and
/// each tool call its own step, store the conversation between them and resume anywhere. <see cref="ToolRunner"/> is
/// this loop driven in-process.
/// </summary>
/// <remarks>
/// A run is everything after the last user message: rounds, failures in a row and retry budgets are counted from it.
/// A tool call whose result is already in the conversation is never planned again: the call id is the idempotency key.
/// </remarks>
public sealed class ToolLoop
{
    private readonly ToolSet _tools;
    private readonly ToolRunnerOptions _options;
    private readonly HashSet<string> _stopTools;
    private readonly ToolCallExecutor _executor;

    /// <summary>Creates the loop for <paramref name="tools"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    public ToolLoop(ToolSet tools, ToolRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = tools;
        _options = options ?? new ToolRunnerOptions();
        if (_options.MaxRounds < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRounds cannot be negative.");
        if (_options.MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrency must be at least 1.");
        if (_options.MaxConsecutiveErrors < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConsecutiveErrors must be at least 1.");
        if (_options.MaxToolCallsPerTurn < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxToolCallsPerTurn must be at least 1.");
        if (_options.MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries cannot be negative.");
        if (_options.Limits is null) throw new ArgumentNullException(nameof(options), "Limits cannot be null.");
        _stopTools = new HashSet<string>(_options.StopAfterTools ?? [], StringComparer.Ordinal);
        _executor = new ToolCallExecutor(_options);
    }

    /// <summary>The tools offered to the model.</summary>
    public ToolSet Tools => _tools;

    /// <summary>The limits and policies of the loop.</summary>
    public ToolRunnerOptions Options => _options;

    /// <summary>
    /// What comes next for <paramref name="conversation"/>. <paramref name="decisions"/> answer calls waiting for
    /// approval: approved calls are planned to run, denied ones get a <see cref="ToolResultKind.Denied"/> answer.
    /// </summary>
    /// <exception cref="ArgumentException">The conversation is empty.</exception>
    /// <exception cref="ToolApprovalException">
    /// A decision names no waiting call, a call already answered or needing no approval, other arguments than the call
    /// has, or the same call twice. Nothing is planned.
    /// </exception>
    public ToolLoopStep Next(IReadOnlyList<ChatMessage> conversation, IEnumerable<ToolApprovalDecision>? decisions = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Count == 0) throw new ArgumentException("The conversation is empty; start it with a user message.", nameof(conversation));
        RunHistory history = RunHistory.Read(conversation);
        Dictionary<string, ToolApprovalDecision>? byCall = Index(decisions);

        if (history.LastTurn < 0)
        {
            RefuseAll(byCall, conversation);
            return CallModel(conversation, history);
        }

        ChatMessage turn = conversation[history.LastTurn];
        if (turn.ToolCalls.Count == 0)
        {
            RefuseAll(byCall, conversation);
            return new DoneStep(history.Rounds >= _options.MaxRounds ? ToolRunStopReason.MaxRounds : ToolRunStopReason.Answered, turn.Text, null);
        }

        int round = history.Rounds;   // This turn is the last round counted.
        if (!history.LastTurnAnswered) return PlanCalls(turn, round, history, byCall);

        RefuseAll(byCall, conversation);
        for (int i = 0; i < turn.ToolCalls.Count && _stopTools.Count > 0; i++)
        {
            ToolCall call = turn.ToolCalls[i];
            if (_stopTools.Contains(call.Name) && history.ResultOf(call.Id) is { IsError: false } result)
                return new DoneStep(ToolRunStopReason.StopTool, null, result.ToToolResult());
        }
        if (round > _options.MaxRounds) return new DoneStep(ToolRunStopReason.MaxRounds, null, null);
        if (history.FailedRounds >= _options.MaxConsecutiveErrors) return new DoneStep(ToolRunStopReason.MaxConsecutiveErrors, null, null);
        return CallModel(conversation, history);
    }

    /// <summary>
    /// Runs one planned call with the loop's per-call policy: the tool's timeout (or the run's), the retry budget, the
    /// hooks and telemetry. A call with an <see cref="PlannedToolCall.Answer"/> returns it without running.
    /// </summary>
    /// <param name="call">A call from a <see cref="RunToolsStep"/>.</param>
    /// <param name="round">The step's <see cref="RunToolsStep.Round"/>.</param>
    /// <param name="cancellationToken">Cancels the call; a canceled run throws rather than returning a result.</param>
    public async Task<ToolResult> RunToolCallAsync(PlannedToolCall call, int round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var outcome = new ToolCallOutcome();
        await _executor.RunAsync(call, round, outcome, cancellationToken).ConfigureAwait(false);
        return outcome.Result!;
    }

    internal Task ExecuteAsync(PlannedToolCall call, int round, ToolCallOutcome outcome, CancellationToken cancellationToken) =>
        _executor.RunAsync(call, round, outcome, cancellationToken);

    /// <summary>The conversation with the model's answer added.</summary>
    public static IReadOnlyList<ChatMessage> AddResponse(IReadOnlyList<ChatMessage> conversation, ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(response.Message, nameof(response));
        if (response.Message.Role != ChatRole.Assistant) throw new ArgumentException("A model response is an assistant message.", nameof(response));
        return [.. conversation, response.Message];
    }

    /// <summary>
    /// The conversation with tool results added after the model's last turn, kept in the order of the calls (a result
    /// added later for an earlier call, such as an approved one, takes its place among them).
    /// </summary>
    /// <exception cref="ArgumentException">A result answers no call of the last turn, or a call that already has one.</exception>
    public static IReadOnlyList<ChatMessage> AddToolResults(IReadOnlyList<ChatMessage> conversation, IEnumerable<(ToolCall Call, ToolResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(results);
        var messages = new List<ChatMessage>(conversation);
        foreach ((ToolCall call, ToolResult result) in results) InsertResult(messages, call, result);
        return messages;
    }

    /// <summary>Adds the result of <paramref name="call"/> in its place among the last turn's results.</summary>
    internal static void InsertResult(List<ChatMessage> messages, ToolCall call, ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        int turn = messages.FindLastIndex(m => m.Role == ChatRole.Assistant);
        int position = turn < 0 ? -1 : IndexOfCall(messages[turn], call.Id);
        if (position < 0) throw new ArgumentException($"Call {call.Id} is not a call of the model's last turn.", nameof(call));
        int at = turn + 1;
        while (at < messages.Count && messages[at].Role == ChatRole.Tool)
        {
            string? answered = messages[at].ToolCallId;
            if (answered == call.Id) throw new ArgumentException($"Call {call.Id} already has a result.", nameof(call));
            if (answered is not null && IndexOfCall(messages[turn], answered) > position) break;
            at++;
        }
        messages.Insert(at, ChatMessage.ToolResult(call, result));
    }

    private static int IndexOfCall(ChatMessage turn, string callId)
    {
        IReadOnlyList<ToolCall> calls = turn.ToolCalls;
        for (int i = 0; i < calls.Count; i++)
        {
            if (calls[i].Id == callId) return i;
        }
        return -1;
    }

    private CallModelStep CallModel(IReadOnlyList<ChatMessage> conversation, RunHistory history)
    {
        bool lastChance = history.Rounds >= _options.MaxRounds;
        return new CallModelStep(new ChatRequest
        {
            Messages = [.. conversation],
            Tools = _tools,   // Immutable: no copy per request.
            ToolChoice = lastChance ? ToolChoice.None : ChoiceFor(history.Rounds),
            AllowParallelToolCalls = _options.AllowParallelToolCalls,
            Options = _options.RequestOptions,
        });
    }

    // A forcing choice applies to the first round only, or the model could never stop calling tools.
    // Null (the caller set no choice) stays null: nothing is sent.
    private ToolChoice? ChoiceFor(int round) => round == 0 || _options.KeepToolChoice ? _options.ToolChoice : _options.ToolChoice?.Relaxed();

    private ToolLoopStep PlanCalls(ChatMessage turn, int round, RunHistory history, Dictionary<string, ToolApprovalDecision>? decisions)
    {
        IReadOnlyList<ToolCall> calls = turn.ToolCalls;
        bool overLimit = round > _options.MaxRounds;   // The model called tools in the request that allowed none.
        ToolChoice choice = ChoiceFor(round - 1) ?? ToolChoice.Auto;

        // Every decision must name a call of this turn that waits for one, for the arguments it has; checked before
        // anything is planned, so a refused decision runs nothing.
        if (decisions is not null)
        {
            foreach (ToolApprovalDecision decision in decisions.Values)
            {
                int index = IndexOfCall(turn, decision.CallId);
                if (index < 0) throw new ToolApprovalException($"No call {decision.CallId} is waiting for approval in this conversation.", decision.CallId);
                ToolCall call = calls[index];
                if (history.ResultOf(call.Id) is not null) throw new ToolApprovalException($"Call {call.Id} already has a result; a decision applies once.", call.Id);
                if (!_tools.TryGetTool(call.Name, out ToolDescriptor? tool) || !tool.RequiresApproval)
                    throw new ToolApprovalException($"Call {call.Id} ({call.Name}) does not need approval.", call.Id);
                string hash = ToolApprovalDecision.HashArguments(call.Arguments);
                if (!string.Equals(hash, decision.ArgumentsHash, StringComparison.Ordinal))
                    throw new ToolApprovalException($"The decision for call {call.Id} was made for other arguments than the call has ({decision.ArgumentsHash}, the call's are {hash}); show the arguments again and ask anew.", call.Id);
            }
        }

        var planned = new List<PlannedToolCall>(calls.Count);
        List<PendingApproval>? pending = null;
        for (int i = 0; i < calls.Count; i++)
        {
            ToolCall call = calls[i];
            if (history.ResultOf(call.Id) is not null) continue;
            _tools.TryGetTool(call.Name, out ToolDescriptor? tool);
            int retries = tool is null ? 0 : history.RetriesOf(call.Name);
            ToolResult? answer = null;
            if (overLimit)
            {
                answer = ToolResult.Error(ToolResultKind.Denied, "The tool-call limit of this conversation was reached; answer without tools.");
            }
            else if (i >= _options.MaxToolCallsPerTurn)
            {
                answer = ToolResult.Error(ToolResultKind.Denied,
                    $"Too many tool calls in one turn: {calls.Count}; at most {_options.MaxToolCallsPerTurn} run per turn, and this one did not run. Make it again after reading these results if it is still needed.");
            }
            else if (tool is null)
            {
                answer = _tools.UnknownTool(call.Name);
            }
            else if (!choice.Permits(call.Name))
            {
                // A prompt-injected or confused model may call a tool this request did not allow: it does not run.
                string allowed = choice.Mode == ToolChoiceMode.None ? "no tools" : choice.ToolName ?? string.Join(", ", choice.AllowedTools ?? []);
                answer = ToolResult.Error(ToolResultKind.Denied, $"Tool {call.Name} is not allowed in this request (allowed: {allowed}). Do not call it again.");
            }
            else if (tool.RequiresApproval)
            {
                if (decisions is null || !decisions.TryGetValue(call.Id, out ToolApprovalDecision? decision))
                {
                    (pending ??= []).Add(PendingApproval.For(call, tool));
                    continue;
                }
                if (!decision.Approved)
                {
                    answer = ToolResult.Error(ToolResultKind.Denied, decision.Reason is { Length: > 0 } reason
                        ? $"The user denied this call to {call.Name}: {reason} Do not retry it; ask the user what to do instead."
                        : $"The user did not approve this call to {call.Name}. Do not retry it; ask the user what to do instead.");
                }
                else if (!string.Equals(decision.ContractFingerprint, tool.ContractFingerprint, StringComparison.Ordinal))
                {
                    answer = ToolResult.Error(ToolResultKind.Denied,
                        $"Tool {call.Name} changed since approval was asked for this call ({decision.ContractFingerprint ?? "no fingerprint"} → {tool.ContractFingerprint ?? "no fingerprint"}), so it did not run. Call it again if it is still needed; the user will be asked again.");
                }
            }
            planned.Add(new PlannedToolCall(call, tool) { Answer = answer, RetriesUsed = retries });
        }

        RunToolsStep? run = planned.Count == 0 ? null : new RunToolsStep(Batch(planned), round);
        if (pending is not null) return new AwaitApprovalStep(pending, run);
        return run!;
    }

    // Consecutive read-only calls that run may share a batch; anything else runs alone, in the model's order.
    private List<ToolCallBatch> Batch(List<PlannedToolCall> planned)
    {
        var batches = new List<ToolCallBatch>();
        int i = 0;
        while (i < planned.Count)
        {
            int end = i + 1;
            if (_options.AllowParallelToolCalls != false && MayRunConcurrently(planned[i]))
            {
                while (end < planned.Count && MayRunConcurrently(planned[end])) end++;
            }
            var calls = new PlannedToolCall[end - i];
            planned.CopyTo(i, calls, 0, calls.Length);
            batches.Add(new ToolCallBatch(calls, calls.Length > 1));
            i = end;
        }
        return batches;
    }

    private static bool MayRunConcurrently(PlannedToolCall call) =>
        call.Answer is null && call.Tool is { IsReadOnly: true, RequiresApproval: false };

    private static Dictionary<string, ToolApprovalDecision>? Index(IEnumerable<ToolApprovalDecision>? decisions)
    {
        if (decisions is null) return null;
        var byCall = new Dictionary<string, ToolApprovalDecision>(StringComparer.Ordinal);
        foreach (ToolApprovalDecision decision in decisions)
        {
            if (decision is null) throw new ArgumentException("A decision is null.", nameof(decisions));
            if (!byCall.TryAdd(decision.CallId, decision))
                throw new ToolApprovalException($"Two decisions name call {decision.CallId}; a call is decided once.", decision.CallId);
        }
        return byCall.Count == 0 ? null : byCall;
    }

    // Decisions given when no call waits: each names a call that is answered or unknown.
    private static void RefuseAll(Dictionary<string, ToolApprovalDecision>? decisions, IReadOnlyList<ChatMessage> conversation)
    {
        if (decisions is null) return;
        foreach (ToolApprovalDecision decision in decisions.Values)
        {
            foreach (ChatMessage message in conversation)
            {
                if (message.Role == ChatRole.Tool && message.ToolCallId == decision.CallId)
                    throw new ToolApprovalException($"Call {decision.CallId} already has a result; a decision applies once.", decision.CallId);
            }
            throw new ToolApprovalException($"No call {decision.CallId} is waiting for approval in this conversation.", decision.CallId);
        }
    }
}
