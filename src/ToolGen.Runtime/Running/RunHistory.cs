using System;
using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// What a conversation says about the run in progress — everything after the last user message: how many rounds of
/// tool calls there were, how many failed in a row, how often each tool asked for a correction, and the model's last
/// turn with the results it has so far. The loop keeps no other state, so a stored conversation resumes exactly.
/// </summary>
internal readonly struct RunHistory
{
    private readonly IReadOnlyList<ChatMessage> _conversation;
    private readonly int _resultsStart;
    private readonly Dictionary<string, int>? _retries;

    private RunHistory(IReadOnlyList<ChatMessage> conversation, int rounds, int failedRounds, Dictionary<string, int>? retries, int lastTurn)
    {
        _conversation = conversation;
        Rounds = rounds;
        FailedRounds = failedRounds;
        _retries = retries;
        LastTurn = lastTurn;
        _resultsStart = lastTurn + 1;
    }

    /// <summary>Assistant turns with tool calls since the last user message.</summary>
    public int Rounds { get; }

    /// <summary>Answered rounds at the end in which every call failed.</summary>
    public int FailedRounds { get; }

    /// <summary>The index of the last assistant message since the last user message, or -1.</summary>
    public int LastTurn { get; }

    /// <summary>How many times <paramref name="tool"/> asked for a correction since the last user message.</summary>
    public int RetriesOf(string tool) => _retries is not null && _retries.TryGetValue(tool, out int count) ? count : 0;

    /// <summary>The result of the last turn's call <paramref name="callId"/>, or null. Turns have few calls: a scan is cheapest.</summary>
    public ChatMessage? ResultOf(string callId) => FindResult(_conversation, _resultsStart, callId);

    /// <summary>Whether every call of the last turn has a result.</summary>
    public bool LastTurnAnswered => LastTurn >= 0 && IsAnswered(_conversation, LastTurn);

    public static RunHistory Read(IReadOnlyList<ChatMessage> conversation)
    {
        int start = 0;
        for (int i = conversation.Count - 1; i >= 0; i--)
        {
            if (conversation[i].Role == ChatRole.User)
            {
                start = i + 1;
                break;
            }
        }

        int rounds = 0, failedRounds = 0, lastTurn = -1;
        Dictionary<string, int>? retries = null;
        for (int i = start; i < conversation.Count; i++)
        {
            ChatMessage message = conversation[i];
            if (message.Role == ChatRole.Assistant)
            {
                if (lastTurn >= 0) failedRounds = RoundFailed(conversation, lastTurn) ? failedRounds + 1 : 0;
                lastTurn = i;
                if (message.ToolCalls.Count > 0) rounds++;
            }
            else if (message.Role == ChatRole.Tool && message.ResultKind == ToolResultKind.Retry && message.ToolName is { } name && lastTurn >= 0)
            {
                retries ??= new Dictionary<string, int>(StringComparer.Ordinal);
                retries[name] = retries.TryGetValue(name, out int count) ? count + 1 : 1;
            }
        }
        if (lastTurn >= 0 && IsAnswered(conversation, lastTurn))
            failedRounds = RoundFailed(conversation, lastTurn) ? failedRounds + 1 : 0;
        return new RunHistory(conversation, rounds, failedRounds, retries, lastTurn);
    }

    private static ChatMessage? FindResult(IReadOnlyList<ChatMessage> conversation, int from, string callId)
    {
        for (int i = from; i < conversation.Count && conversation[i].Role == ChatRole.Tool; i++)
        {
            if (conversation[i].ToolCallId == callId) return conversation[i];
        }
        return null;
    }

    private static bool IsAnswered(IReadOnlyList<ChatMessage> conversation, int turn)
    {
        IReadOnlyList<ToolCall> calls = conversation[turn].ToolCalls;
        for (int i = 0; i < calls.Count; i++)   // Indexed: foreach over the interface would box an enumerator.
        {
            if (FindResult(conversation, turn + 1, calls[i].Id) is null) return false;
        }
        return true;
    }

    // A round fails when it had calls and every one of them got an error.
    private static bool RoundFailed(IReadOnlyList<ChatMessage> conversation, int turn)
    {
        IReadOnlyList<ToolCall> calls = conversation[turn].ToolCalls;
        if (calls.Count == 0) return false;
        for (int i = 0; i < calls.Count; i++)
        {
            if (FindResult(conversation, turn + 1, calls[i].Id) is not { IsError: true }) return false;
        }
        return true;
    }
}
