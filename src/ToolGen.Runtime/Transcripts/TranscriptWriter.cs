using System;
using System.Collections.Generic;
using System.Globalization;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Transcripts;

/// <summary>
/// Turns messages and runs into <see cref="TranscriptDocument"/>s to serialize. It refuses (with an
/// <see cref="ArgumentException"/>) anything that would not read back as written, so a transcript it writes always
/// loads. It copies only what the messages and the result hold: no options, keys or headers.
/// </summary>
internal static class TranscriptWriter
{
    /// <summary>A document of messages only.</summary>
    public static TranscriptDocument Document(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new TranscriptDocument { Version = Transcript.CurrentVersion, Messages = Messages(messages, out _) };
    }

    /// <summary>The document of a run.</summary>
    public static TranscriptDocument Document(ToolRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Messages is null) throw new ArgumentException("The run has no messages.", nameof(run));
        List<TranscriptMessage?> messages = Messages(run.Messages, out ChatMessage[] list);
        ChatUsage usage = run.Usage ?? ChatUsage.Zero;
        return new TranscriptDocument
        {
            Version = Transcript.CurrentVersion,
            StopReason = TranscriptNames.StopReason(run.StopReason),
            Text = run.Text,
            Usage = usage.InputTokens == 0 && usage.OutputTokens == 0 && usage.CachedInputTokens == 0 && usage.ReasoningTokens == 0 ? null : new TranscriptUsage
            {
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                CachedInputTokens = usage.CachedInputTokens == 0 ? null : usage.CachedInputTokens,
                ReasoningTokens = usage.ReasoningTokens == 0 ? null : usage.ReasoningTokens,
            },
            ModelCalls = run.ModelCalls == 0 ? null : run.ModelCalls,
            StopToolCallId = run.StopToolResult is { } stop ? StopToolCallId(run, stop, list) : null,
            PendingApprovals = Approvals(run.PendingApprovals),
            ToolCalls = Records(run.ToolCalls, list),
            Messages = messages,
        };
    }

    private static List<TranscriptMessage?> Messages(IEnumerable<ChatMessage> messages, out ChatMessage[] list)
    {
        list = [.. messages];
        var written = new List<TranscriptMessage?>(list.Length);
        for (int i = 0; i < list.Length; i++)
        {
            ChatMessage message = list[i] ?? throw new ArgumentException($"Message {Index(i)} is null.", nameof(messages));
            for (int j = 0; j < message.Parts.Count; j++)
            {
                if (TranscriptPartConverter.Problem(message.Parts[j]) is { } problem)
                    throw new ArgumentException($"Part {Index(j)} of message {Index(i)} cannot be written: {problem}", nameof(messages));
            }
            bool tool = message.Role == ChatRole.Tool;
            written.Add(new TranscriptMessage
            {
                Role = TranscriptNames.Role(message.Role),
                CallId = tool ? message.ToolCallId : null,
                ToolName = tool ? message.ToolName : null,
                Kind = tool ? TranscriptNames.Kind(message.ResultKind) : null,
                Json = tool && message.IsJson ? true : null,
                Parts = message.Parts,
            });
        }
        return written;
    }

    private static List<TranscriptToolCallRecord?>? Records(IReadOnlyList<ToolCallRecord>? records, ChatMessage[] messages)
    {
        if (records is null || records.Count == 0) return null;
        var written = new List<TranscriptToolCallRecord?>(records.Count);
        var ids = new string[records.Count];
        for (int i = 0; i < records.Count; i++)
        {
            ToolCallRecord record = records[i] ?? throw new ArgumentException($"Tool call record {Index(i)} is null.", "run");
            ids[i] = record.Call?.Id ?? throw new ArgumentException($"Tool call record {Index(i)} has no call.", "run");
            written.Add(new TranscriptToolCallRecord
            {
                CallId = ids[i],
                Round = record.Round,
                DurationMs = record.Duration == TimeSpan.Zero ? null : record.Duration.Ticks / (decimal)TimeSpan.TicksPerMillisecond,
            });
        }
        if (!TranscriptLinks.TryLink(messages, ids, out _, out int failed, out string? problem))
            throw new ArgumentException($"Tool call record {Index(failed)} cannot be written: {problem}", "run");
        return written;
    }

    // The call whose result stopped the run: the record holding that very result, else the last tool message with the same content.
    private static string StopToolCallId(ToolRunResult run, ToolResult stop, ChatMessage[] messages)
    {
        if (run.ToolCalls is { } records)
        {
            for (int i = records.Count - 1; i >= 0; i--)
            {
                if (records[i] is { } record && ReferenceEquals(record.Result, stop) && record.Call is { } call) return call.Id;
            }
        }
        for (int i = messages.Length - 1; i >= 0; i--)
        {
            ChatMessage message = messages[i];
            if (message.Role == ChatRole.Tool && message.ResultKind == stop.Kind && message.IsJson == (stop.IsJson && !stop.IsError) && message.Text == stop.Content)
                return message.ToolCallId!;
        }
        throw new ArgumentException("The run's StopToolResult is not the result of any of its tool messages.", nameof(run));
    }

    private static List<TranscriptPendingApproval?>? Approvals(IReadOnlyList<PendingApproval>? approvals)
    {
        if (approvals is null || approvals.Count == 0) return null;
        var written = new List<TranscriptPendingApproval?>(approvals.Count);
        for (int i = 0; i < approvals.Count; i++)
        {
            PendingApproval approval = approvals[i] ?? throw new ArgumentException($"Pending approval {Index(i)} is null.", "run");
            if (approval.CallId is null || approval.ToolName is null || approval.Arguments is null || approval.ArgumentsHash is null)
                throw new ArgumentException($"Pending approval {Index(i)} lacks its call id, tool name, arguments or arguments hash.", "run");
            written.Add(new TranscriptPendingApproval
            {
                CallId = approval.CallId,
                ToolName = approval.ToolName,
                Arguments = approval.Arguments,
                ArgumentsHash = approval.ArgumentsHash,
                Hints = TranscriptNames.Hints(approval.Hints),
                ContractFingerprint = approval.ContractFingerprint,
            });
        }
        return written;
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
}
