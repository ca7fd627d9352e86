using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// What a run has produced so far — the conversation, the tool-call records, the tokens and model calls — and the
/// tool calls in flight, so that an interrupted run still returns everything that finished.
/// </summary>
internal sealed class RunState
{
    private IReadOnlyList<PlannedToolCall>? _inFlight;
    private ToolCallOutcome[]? _outcomes;
    private int _round = -1;

    public RunState(IEnumerable<ChatMessage> conversation) => Messages = [.. conversation];

    /// <summary>The latest round of tool calls in this run (0 before the first): read once from the conversation, then kept.</summary>
    public int Round
    {
        get
        {
            if (_round < 0) _round = RunHistory.Read(Messages).Rounds;
            return _round;
        }
    }

    /// <summary>Continues <paramref name="previous"/>: its messages, records, tokens and model calls.</summary>
    public RunState(ToolRunResult previous)
        : this(previous.Messages)
    {
        Records.AddRange(previous.ToolCalls);
        Usage = previous.Usage;
        ModelCalls = previous.ModelCalls;
    }

    public List<ChatMessage> Messages { get; }

    public List<ToolCallRecord> Records { get; } = [];

    public ChatUsage Usage { get; set; } = ChatUsage.Zero;

    public int ModelCalls { get; set; }

    public void BeginCalls(IReadOnlyList<PlannedToolCall> calls, ToolCallOutcome[] outcomes, int round)
    {
        _inFlight = calls;
        _outcomes = outcomes;
        _round = round;
    }

    /// <summary>Adds every finished call's result in the model's order and forgets the calls in flight.</summary>
    public void EndCalls()
    {
        if (_inFlight is not { } calls || _outcomes is not { } outcomes) return;
        for (int i = 0; i < calls.Count; i++)
        {
            if (outcomes[i].Result is not { } result) continue;
            ToolLoop.InsertResult(Messages, calls[i].Call, result);
            Records.Add(new ToolCallRecord(calls[i].Call, result, _round, outcomes[i].Duration));
        }
        _inFlight = null;
        _outcomes = null;
    }

    public ToolRunResult ToResult(ToolRunStopReason reason, string? text = null, ToolResult? stopResult = null, IReadOnlyList<PendingApproval>? pending = null) => new()
    {
        Text = text,
        Messages = Messages.ToArray(),
        ToolCalls = Records.ToArray(),
        Usage = Usage,
        ModelCalls = ModelCalls,
        StopReason = reason,
        StopToolResult = stopResult,
        PendingApprovals = pending ?? [],
    };

    /// <summary>
    /// The run so far. Of the calls in flight, finished ones keep their results; calls that never started stay
    /// unanswered, and so do started calls of read-only or idempotent tools (running them again is safe), so resuming
    /// runs exactly those; a started call of any other tool gets a result saying it was interrupted and may have taken
    /// effect, so it is never run twice by accident.
    /// </summary>
    public ToolRunResult Interrupted(ToolRunStopReason reason)
    {
        if (_inFlight is { } calls && _outcomes is { } outcomes)
        {
            for (int i = 0; i < calls.Count; i++)
            {
                if (outcomes[i].Result is null && outcomes[i].Started && !(calls[i].Tool is { } tool && (tool.IsReadOnly || tool.IsIdempotent)))
                {
                    outcomes[i].Result = ToolResult.Error(ToolResultKind.Canceled,
                        $"The call to {calls[i].Call.Name} was interrupted because the run stopped; it may or may not have taken effect. Check before calling it again.");
                }
            }
            EndCalls();
        }
        return ToResult(reason);
    }
}
