using System;
using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// What a conversation says about the run in progress — everything after the last user message: how many rounds of
/// tool calls there were, how many failed in a row, how often each tool asked for a correction, and the model's last
/// turn with the results it has so far. The loop keeps no other state, so a stored conversation resumes exactly.
/// </summary>
internal sealed class RunHistory
{
    private RunHistory(int rounds, int failedRounds, Dictionary<string, int> retries, int lastTurn, Dictionary<string, ChatMessage> lastResults)
    {
        Rounds = rounds;
        FailedRounds = failedRounds;
        Retries = retries;
        LastTurn = lastTurn;
        LastResults = lastResults;
    }

    /// <summary>Assistant turns with tool calls since the last user message.</summary>
    public int Rounds { get; }

    /// <summary>Answered rounds at the end in which every call failed.</summary>
    public int FailedRounds { get; }

    /// <summary>Retry results per tool name since the last user message.</summary>
    public Dictionary<string, int> Retries { get; }

    /// <summary>The index of the last assistant message since the last user message, or -1.</summary>
    public int LastTurn { get; }

    /// <summary>The results of the last turn's calls, by call id.</summary>
    public Dictionary<string, ChatMessage> LastResults { get; }

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
        var retries = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
        for (int i = start; i < conversation.Count; i++)
        {
            ChatMessage message = conversation[i];
            if (message.Role == ChatRole.Assistant)
            {
                if (lastTurn >= 0) failedRounds = RoundFailed(conversation[lastTurn], results) ? failedRounds + 1 : 0;
                lastTurn = i;
                results = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
                if (message.ToolCalls.Count > 0) rounds++;
            }
            else if (message.Role == ChatRole.Tool && message.ToolCallId is { } id && lastTurn >= 0)
            {
                results.TryAdd(id, message);
                if (message.ResultKind == ToolResultKind.Retry && message.ToolName is { } name)
                    retries[name] = retries.TryGetValue(name, out int count) ? count + 1 : 1;
            }
        }
        if (lastTurn >= 0 && IsAnswered(conversation[lastTurn], results))
            failedRounds = RoundFailed(conversation[lastTurn], results) ? failedRounds + 1 : 0;
        return new RunHistory(rounds, failedRounds, retries, lastTurn, results);
    }

    public static bool IsAnswered(ChatMessage turn, Dictionary<string, ChatMessage> results)
    {
        foreach (ToolCall call in turn.ToolCalls)
        {
            if (!results.ContainsKey(call.Id)) return false;
        }
        return true;
    }

    // A round fails when it had calls and every one of them got an error.
    private static bool RoundFailed(ChatMessage turn, Dictionary<string, ChatMessage> results)
    {
        if (turn.ToolCalls.Count == 0) return false;
        foreach (ToolCall call in turn.ToolCalls)
        {
            if (!results.TryGetValue(call.Id, out ChatMessage? result) || !result.IsError) return false;
        }
        return true;
    }
}
