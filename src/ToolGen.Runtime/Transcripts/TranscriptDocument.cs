using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using ToolGen.Chat;

namespace ToolGen.Transcripts;

// The transcript format, version 1, as plain data for the source-generated TranscriptJsonContext: one property per JSON
// member, in the order they are written; null means absent (and is not written). Every member but the version (which
// TranscriptPreflight has checked) is nullable, so that a missing one is reported by TranscriptReader with its path
// rather than by the serializer. Members a document has but these types do not land in Unknown, which the reader
// refuses. Parts go through TranscriptPartConverter. docs/transcripts.md describes the format; a change here is a change
// of the format.

/// <summary>A transcript document: a run (with <see cref="StopReason"/>) or messages only.</summary>
internal sealed class TranscriptDocument
{
    public int Version { get; set; }

    public string? StopReason { get; set; }

    public string? Text { get; set; }

    public TranscriptUsage? Usage { get; set; }

    public int? ModelCalls { get; set; }

    public string? StopToolCallId { get; set; }

    public List<TranscriptPendingApproval?>? PendingApprovals { get; set; }

    public List<TranscriptToolCallRecord?>? ToolCalls { get; set; }

    public List<TranscriptMessage?>? Messages { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>One message.</summary>
internal sealed class TranscriptMessage
{
    public string? Role { get; set; }

    public string? CallId { get; set; }

    public string? ToolName { get; set; }

    public string? Kind { get; set; }

    public bool? Json { get; set; }

    public IReadOnlyList<ChatPart?>? Parts { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Token counts.</summary>
internal sealed class TranscriptUsage
{
    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public long? CachedInputTokens { get; set; }

    public long? ReasoningTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A tool call record; the call and its result are the messages'.</summary>
internal sealed class TranscriptToolCallRecord
{
    public string? CallId { get; set; }

    public int? Round { get; set; }

    public decimal? DurationMs { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>A call waiting for a person's decision.</summary>
internal sealed class TranscriptPendingApproval
{
    public string? CallId { get; set; }

    public string? ToolName { get; set; }

    public string? Arguments { get; set; }

    public string? ArgumentsHash { get; set; }

    public List<string?>? Hints { get; set; }

    public string? ContractFingerprint { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
