using System;
using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Transcripts;

/// <summary>
/// Finds, for the tool call records of a run, the tool message holding each result and the assistant call it answers:
/// the one rule both the writer (which refuses a run it could not read back) and the reader use. Records are in the
/// order of their results, so they are matched to the tool messages as a subsequence, latest first; this stays right
/// when a provider reuses call ids across turns.
/// </summary>
internal static class TranscriptLinks
{
    /// <summary>A record's result message and call.</summary>
    public readonly record struct Link(int ResultIndex, ToolCall Call);

    /// <summary>
    /// Links the records whose call ids are <paramref name="callIds"/>. On failure, <paramref name="failed"/> is the
    /// first record (from the end) that could not be linked and <paramref name="problem"/> says why.
    /// </summary>
    public static bool TryLink(IReadOnlyList<ChatMessage> messages, IReadOnlyList<string> callIds, out Link[] links, out int failed, out string? problem)
    {
        links = new Link[callIds.Count];
        failed = -1;
        problem = null;
        if (callIds.Count == 0) return true;

        // Call id -> the assistant messages that call it, in order.
        var callers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role != ChatRole.Assistant) continue;
            foreach (ToolCall call in messages[i].ToolCalls)
            {
                if (!callers.TryGetValue(call.Id, out List<int>? list)) callers[call.Id] = list = [];
                if (list.Count == 0 || list[^1] != i) list.Add(i);
            }
        }

        int cursor = messages.Count - 1;
        for (int record = callIds.Count - 1; record >= 0; record--)
        {
            string id = callIds[record];
            while (cursor >= 0 && !IsResultOf(messages[cursor], id)) cursor--;
            if (cursor < 0)
            {
                failed = record;
                problem = LastResult(messages, id, messages.Count - 1) < 0
                    ? $"{TranscriptErrorText.Quote(id)} names no tool result."
                    : $"the result of {TranscriptErrorText.Quote(id)} comes before the results of the records after this one; records are in the order of their results.";
                return false;
            }
            int caller = callers.TryGetValue(id, out List<int>? assistants) ? LastBefore(assistants, cursor) : -1;
            if (caller < 0)
            {
                failed = record;
                problem = $"no assistant message before the result of {TranscriptErrorText.Quote(id)} calls it.";
                return false;
            }
            ToolCall? called = null;
            foreach (ToolCall call in messages[caller].ToolCalls)
            {
                if (call.Id == id)
                {
                    called = call;
                    break;
                }
            }
            links[record] = new Link(cursor, called!);
            cursor--;
        }
        return true;
    }

    /// <summary>The index of the last tool message at or before <paramref name="from"/> answering <paramref name="callId"/>, or -1.</summary>
    public static int LastResult(IReadOnlyList<ChatMessage> messages, string callId, int from)
    {
        for (int i = from; i >= 0; i--)
        {
            if (IsResultOf(messages[i], callId)) return i;
        }
        return -1;
    }

    private static bool IsResultOf(ChatMessage message, string callId) => message.Role == ChatRole.Tool && message.ToolCallId == callId;

    // The largest of the ascending `indexes` below `limit`, or -1.
    private static int LastBefore(List<int> indexes, int limit)
    {
        int found = indexes.BinarySearch(limit);
        int insertion = found >= 0 ? found : ~found;
        return insertion > 0 ? indexes[insertion - 1] : -1;
    }
}
