using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Shared;

namespace ToolGen.Transcripts;

/// <summary>
/// Reads a transcript in three passes: <see cref="TranscriptPreflight"/> (JSON, version), the source-generated
/// deserializer (shapes and types), then the rules of the format, building the messages and the run. Every problem is a
/// <see cref="TranscriptFormatException"/> naming its path; nothing is returned half-loaded.
/// </summary>
internal static class TranscriptReader
{
    private const string DocumentMembers = "version, stopReason, text, usage, modelCalls, stopToolCallId, pendingApprovals, toolCalls and messages";
    private const string MessageMembers = "role, callId, toolName, kind, json and parts";
    private const string UsageMembers = "inputTokens, outputTokens, cachedInputTokens and reasoningTokens";
    private const string RecordMembers = "callId, round and durationMs";
    private const string ApprovalMembers = "callId, toolName, arguments, argumentsHash, hints and contractFingerprint";

    /// <summary>The messages of the transcript <paramref name="utf8"/> and, for a run transcript, the run.</summary>
    /// <exception cref="TranscriptFormatException">The transcript is not valid.</exception>
    public static (ChatMessage[] Messages, ToolRunResult? Run) Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];   // A byte order mark, as some editors save.
        TranscriptPreflight.Check(utf8);
        try
        {
            TranscriptDocument document = Deserialize(utf8);
            Unknown(document.Unknown, "$", "a transcript", DocumentMembers);
            if (document.Messages is not { } messageList) throw TranscriptFormatException.At("$", "the document has no \"messages\".");
            ChatMessage[] messages = Messages(messageList, out ToolResult?[] results);
            ToolRunResult? run = Run(document, messages, results);
            return (messages, run);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException or JsonException)
        {
            // Not expected (the rules above are checked first), but no other exception may escape for bad input.
            throw new TranscriptFormatException("The transcript could not be read: " + ex.Message, null, ex);
        }
    }

    private static TranscriptDocument Deserialize(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, TranscriptJsonContext.Instance.TranscriptDocument)!;
        }
        catch (TranscriptPartException ex)
        {
            throw TranscriptFormatException.At((ex.Path ?? "$") + ex.RelativePath, ex.Problem);
        }
        catch (JsonException ex) when (ex.Path is { } path && Expected(path) is { } expected)
        {
            throw TranscriptFormatException.At(path, $"expected {expected}, found {Found(utf8, path)}.", ex);
        }
    }

    private static ChatMessage[] Messages(List<TranscriptMessage?> list, out ToolResult?[] results)
    {
        var messages = new ChatMessage[list.Count];
        results = new ToolResult?[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            string path = "$.messages[" + Index(i) + "]";
            TranscriptMessage message = list[i] ?? throw TranscriptFormatException.At(path, "expected a message object, found null.");
            Unknown(message.Unknown, path, "a message", MessageMembers);
            if (message.Role is not { } roleName) throw TranscriptFormatException.At(path, "a message needs a \"role\".");
            if (!TranscriptNames.TryParseRole(roleName, out ChatRole role))
                throw TranscriptFormatException.At(path + ".role", $"{TranscriptErrorText.Quote(roleName)} is not a role; expected {TranscriptNames.RoleList}.");
            if (message.Parts is not { } partList) throw TranscriptFormatException.At(path, "a message needs \"parts\".");
            var parts = new ChatPart[partList.Count];
            for (int j = 0; j < parts.Length; j++)
                parts[j] = partList[j] ?? throw TranscriptFormatException.At(PartPath(path, j), "expected a part object, found null.");
            if (role != ChatRole.Tool)
            {
                string? toolMember = message.CallId is not null ? "callId" : message.ToolName is not null ? "toolName" : message.Kind is not null ? "kind" : message.Json is not null ? "json" : null;
                if (toolMember is not null) throw TranscriptFormatException.At(path + "." + toolMember, $"only a tool message has \"{toolMember}\".");
            }
            messages[i] = role switch
            {
                ChatRole.System => ChatMessage.System(SingleText(parts, path, "a system message")),
                ChatRole.User => User(parts, path),
                ChatRole.Assistant => Assistant(parts, path),
                _ => Tool(message, parts, path, out results[i]),
            };
        }
        return messages;
    }

    private static ChatMessage User(IReadOnlyList<ChatPart> parts, string path)
    {
        if (parts.Count == 0) throw TranscriptFormatException.At(path + ".parts", "a user message has at least one part.");
        for (int j = 0; j < parts.Count; j++)
        {
            if (parts[j] is not (TextPart or ImagePart or UnknownPart)) throw NotAllowed(parts[j], PartPath(path, j), "a user message");
        }
        return ChatMessage.User(parts);
    }

    private static ChatMessage Assistant(IReadOnlyList<ChatPart> parts, string path)
    {
        for (int j = 0; j < parts.Count; j++)
        {
            if (parts[j] is ImagePart) throw NotAllowed(parts[j], PartPath(path, j), "an assistant message");
        }
        return ChatMessage.Assistant(parts);
    }

    private static ChatMessage Tool(TranscriptMessage message, IReadOnlyList<ChatPart> parts, string path, out ToolResult? result)
    {
        if (message.CallId is not { } callId) throw TranscriptFormatException.At(path, "a tool message needs a \"callId\".");
        if (callId.Length == 0) throw TranscriptFormatException.At(path + ".callId", "the call id cannot be empty.");
        if (message.ToolName is not { } toolName) throw TranscriptFormatException.At(path, "a tool message needs a \"toolName\".");
        if (message.Kind is not { } kindName) throw TranscriptFormatException.At(path, "a tool message needs a \"kind\".");
        if (!TranscriptNames.TryParseKind(kindName, out ToolResultKind kind))
            throw TranscriptFormatException.At(path + ".kind", $"{TranscriptErrorText.Quote(kindName)} is not a result kind; expected {TranscriptNames.KindList}.");
        string content = SingleText(parts, path, "a tool message");
        bool json = message.Json ?? false;
        if (json && kind != ToolResultKind.Success) throw TranscriptFormatException.At(path + ".json", "only a successful result is JSON.");
        if (json && content.Length == 0) throw TranscriptFormatException.At(PartPath(path, 0) + ".text", "a JSON result cannot be empty.");
        result = kind != ToolResultKind.Success ? ToolResult.Error(kind, content)
            : json ? ToolResult.FromJson(Encoding.UTF8.GetBytes(content))
            : ToolResult.FromText(content);
        return ChatMessage.ToolResult(callId, toolName, result);
    }

    private static string SingleText(IReadOnlyList<ChatPart?> parts, string path, string message) =>
        parts is [TextPart text] ? text.Text : throw TranscriptFormatException.At(path + ".parts", $"{message} holds exactly one text part.");

    private static ToolRunResult? Run(TranscriptDocument document, ChatMessage[] messages, ToolResult?[] results)
    {
        if (document.StopReason is not { } stopName)
        {
            string? runMember = document.Text is not null ? "text" : document.Usage is not null ? "usage" : document.ModelCalls is not null ? "modelCalls"
                : document.StopToolCallId is not null ? "stopToolCallId" : document.PendingApprovals is not null ? "pendingApprovals" : document.ToolCalls is not null ? "toolCalls" : null;
            if (runMember is not null) throw TranscriptFormatException.At("$." + runMember, $"only a run transcript has \"{runMember}\", and this one has no \"stopReason\".");
            return null;
        }
        if (!TranscriptNames.TryParseStopReason(stopName, out ToolRunStopReason stopReason))
            throw TranscriptFormatException.At("$.stopReason", $"{TranscriptErrorText.Quote(stopName)} is not a stop reason; expected {TranscriptNames.StopReasonList}.");

        ToolCallRecord[] records = Records(document.ToolCalls, messages, results);
        return new ToolRunResult
        {
            Text = document.Text,
            Messages = messages,
            ToolCalls = records,
            Usage = Usage(document.Usage),
            ModelCalls = document.ModelCalls ?? 0,
            StopReason = stopReason,
            StopToolResult = document.StopToolCallId is { } stopId ? StopToolResult(stopId, records, messages, results) : null,
            PendingApprovals = Approvals(document.PendingApprovals),
        };
    }

    private static ChatUsage Usage(TranscriptUsage? usage)
    {
        if (usage is null) return ChatUsage.Zero;
        Unknown(usage.Unknown, "$.usage", "usage", UsageMembers);
        if (usage.InputTokens is not { } input) throw TranscriptFormatException.At("$.usage", "usage needs \"inputTokens\".");
        if (usage.OutputTokens is not { } output) throw TranscriptFormatException.At("$.usage", "usage needs \"outputTokens\".");
        return new ChatUsage(input, output) { CachedInputTokens = usage.CachedInputTokens ?? 0, ReasoningTokens = usage.ReasoningTokens ?? 0 };
    }

    private static ToolCallRecord[] Records(List<TranscriptToolCallRecord?>? list, ChatMessage[] messages, ToolResult?[] results)
    {
        if (list is null) return [];
        var ids = new string[list.Count];
        var rounds = new int[list.Count];
        var durations = new TimeSpan[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            string path = "$.toolCalls[" + Index(i) + "]";
            TranscriptToolCallRecord record = list[i] ?? throw TranscriptFormatException.At(path, "expected a tool call record object, found null.");
            Unknown(record.Unknown, path, "a tool call record", RecordMembers);
            ids[i] = record.CallId ?? throw TranscriptFormatException.At(path, "a tool call record needs a \"callId\".");
            rounds[i] = record.Round ?? throw TranscriptFormatException.At(path, "a tool call record needs a \"round\".");
            durations[i] = record.DurationMs is { } milliseconds ? Duration(milliseconds, path + ".durationMs") : TimeSpan.Zero;
        }
        if (!TranscriptLinks.TryLink(messages, ids, out TranscriptLinks.Link[] links, out int failed, out string? problem))
            throw TranscriptFormatException.At("$.toolCalls[" + Index(failed) + "].callId", problem!);
        var records = new ToolCallRecord[list.Count];
        for (int i = 0; i < records.Length; i++) records[i] = new ToolCallRecord(links[i].Call, results[links[i].ResultIndex]!, rounds[i], durations[i]);
        return records;
    }

    private static TimeSpan Duration(decimal milliseconds, string path)
    {
        const decimal TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
        if (milliseconds > TimeSpan.MaxValue.Ticks / TicksPerMillisecond || milliseconds < TimeSpan.MinValue.Ticks / TicksPerMillisecond)
            throw TranscriptFormatException.At(path, "the duration is out of range.");
        return TimeSpan.FromTicks((long)decimal.Round(milliseconds * TicksPerMillisecond));
    }

    // The result of the call that stopped the run: its record's (the same instance), else its tool message's.
    private static ToolResult StopToolResult(string callId, ToolCallRecord[] records, ChatMessage[] messages, ToolResult?[] results)
    {
        for (int i = records.Length - 1; i >= 0; i--)
        {
            if (records[i].Call.Id == callId) return records[i].Result;
        }
        int index = TranscriptLinks.LastResult(messages, callId, messages.Length - 1);
        return index >= 0 ? results[index]! : throw TranscriptFormatException.At("$.stopToolCallId", $"{TranscriptErrorText.Quote(callId)} names no tool result.");
    }

    private static PendingApproval[] Approvals(List<TranscriptPendingApproval?>? list)
    {
        if (list is null) return [];
        var approvals = new PendingApproval[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            string path = "$.pendingApprovals[" + Index(i) + "]";
            TranscriptPendingApproval approval = list[i] ?? throw TranscriptFormatException.At(path, "expected a pending approval object, found null.");
            Unknown(approval.Unknown, path, "a pending approval", ApprovalMembers);
            approvals[i] = new PendingApproval(
                approval.CallId ?? throw Needs(path, "callId"),
                approval.ToolName ?? throw Needs(path, "toolName"),
                approval.Arguments ?? throw Needs(path, "arguments"),
                approval.ArgumentsHash ?? throw Needs(path, "argumentsHash"),
                Hints(approval.Hints, path + ".hints"),
                approval.ContractFingerprint);
        }
        return approvals;

        static TranscriptFormatException Needs(string path, string member) => TranscriptFormatException.At(path, $"a pending approval needs \"{member}\".");
    }

    private static ToolHints Hints(List<string?>? names, string path)
    {
        if (names is null) return ToolHints.None;
        ToolHints hints = ToolHints.None;
        for (int i = 0; i < names.Count; i++)
        {
            string at = path + "[" + Index(i) + "]";
            if (names[i] is not { } name) throw TranscriptFormatException.At(at, "expected a string, found null.");
            ToolHints hint = TranscriptNames.Hint(name);
            if (hint == ToolHints.None) throw TranscriptFormatException.At(at, $"{TranscriptErrorText.Quote(name)} is not a hint; expected {TranscriptNames.HintList}.");
            if ((hints & hint) != 0) throw TranscriptFormatException.At(at, $"the hint {TranscriptErrorText.Quote(name)} appears twice.");
            hints |= hint;
        }
        return hints;
    }

    private static void Unknown(Dictionary<string, JsonElement>? unknown, string path, string what, string members)
    {
        if (unknown is null) return;
        foreach (string name in unknown.Keys)
            throw TranscriptFormatException.At(ToolNameRules.PropertyPath(path, name), $"unknown member of {what}, which has {members}.");
    }

    private static TranscriptFormatException NotAllowed(ChatPart part, string path, string message)
    {
        string type = part switch
        {
            TextPart => TranscriptNames.TextPart,
            ToolCall => TranscriptNames.ToolCallPart,
            ReasoningPart => TranscriptNames.ReasoningPart,
            ProviderItemPart => TranscriptNames.ProviderItemPart,
            ImagePart => TranscriptNames.ImagePart,
            _ => "unknown",
        };
        return TranscriptFormatException.At(path, $"{message} cannot hold {type} parts.");
    }

    private static string PartPath(string messagePath, int index) => messagePath + ".parts[" + Index(index) + "]";

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    // What the serializer expected at `path` (one of the members of the format), or null when it is not one.
    private static string? Expected(string path)
    {
        int end = path.Length;
        bool element = path.EndsWith(']');
        if (element) end = path.LastIndexOf('[');
        int start = path.LastIndexOfAny(['.', '[', ']'], end - 1) + 1;
        string name = path[start..end];
        if (element)
        {
            return name switch
            {
                "messages" or "toolCalls" or "pendingApprovals" => "an object",
                "hints" => "a string",
                _ => null,
            };
        }
        return name switch
        {
            "stopReason" or "text" or "stopToolCallId" or "role" or "callId" or "toolName" or "kind" or "arguments" or "argumentsHash" or "contractFingerprint" => "a string",
            "modelCalls" or "round" => "an integer from -2147483648 to 2147483647",
            "inputTokens" or "outputTokens" or "cachedInputTokens" or "reasoningTokens" => "an integer from -9223372036854775808 to 9223372036854775807",
            "durationMs" => "a number of milliseconds",
            "json" => "true or false",
            "usage" or "$" => "an object",
            "messages" or "toolCalls" or "pendingApprovals" or "parts" or "hints" => "an array",
            _ => null,
        };
    }

    // What is at `path` (a path the serializer reported, of plain names and indexes), for a message.
    private static string Found(ReadOnlySpan<byte> utf8, string path)
    {
        using JsonDocument document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = TranscriptPreflight.MaxDepth });
        JsonElement value = document.RootElement;
        int i = 1;   // After "$".
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(path[(i + 1)..end], out value)) return "another value";
                i = end;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0 || value.ValueKind != JsonValueKind.Array || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                    || index >= value.GetArrayLength()) return "another value";
                value = value[index];
                i = end + 1;
            }
            else
            {
                return "another value";
            }
        }
        return TranscriptErrorText.Describe(value);
    }
}
