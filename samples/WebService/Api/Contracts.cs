using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebService.Api;

/// <summary>The body of <c>POST /conversations/{id}/messages</c>.</summary>
public sealed class MessageRequest
{
    /// <summary>The user's message.</summary>
    public string? Text { get; init; }
}

/// <summary>The body of <c>POST /conversations/{id}/approvals</c>.</summary>
public sealed class ApprovalsRequest
{
    /// <summary>One decision per waiting call.</summary>
    public List<DecisionRequest>? Decisions { get; init; }
}

/// <summary>A person's decision on one waiting call.</summary>
public sealed class DecisionRequest
{
    /// <summary>The call decided on (<see cref="PendingApprovalResponse.CallId"/>).</summary>
    public string? CallId { get; init; }

    /// <summary>Whether it may run.</summary>
    public bool? Approved { get; init; }

    /// <summary>For a denial: why, shown to the model.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Optional: the <see cref="PendingApprovalResponse.ArgumentsHash"/> the person was shown. When given, the decision
    /// is refused unless the call still has exactly those arguments.
    /// </summary>
    public string? ArgumentsHash { get; init; }
}

/// <summary>The outcome of a run: the answer, why it stopped, and the calls waiting for a decision.</summary>
public sealed class RunResponse
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The stored version after this run.</summary>
    public required long Version { get; init; }

    /// <summary>answered, approvalRequired, maxRounds… (ToolGen's stop reason, as the transcript names it).</summary>
    public required string StopReason { get; init; }

    /// <summary>The model's answer, if it gave one.</summary>
    public string? Text { get; init; }

    /// <summary>The calls waiting for a decision (when <see cref="StopReason"/> is approvalRequired).</summary>
    public required List<PendingApprovalResponse> PendingApprovals { get; init; }
}

/// <summary>A call waiting for a decision: show the tool and its arguments to the person.</summary>
public sealed class PendingApprovalResponse
{
    /// <summary>The call's id: send it back with the decision.</summary>
    public required string CallId { get; init; }

    /// <summary>The tool.</summary>
    public required string ToolName { get; init; }

    /// <summary>The arguments exactly as the model sent them (a JSON text).</summary>
    public required string Arguments { get; init; }

    /// <summary>The hash the decision is bound to.</summary>
    public required string ArgumentsHash { get; init; }

    /// <summary>The tool's hints: readOnly, destructive, idempotent, requiresApproval.</summary>
    public required List<string> Hints { get; init; }
}

/// <summary>A stored conversation.</summary>
public sealed class ConversationResponse
{
    /// <summary>Its id.</summary>
    public required string Id { get; init; }

    /// <summary>Its stored version: 1 after the first message, one more after every stored change.</summary>
    public required long Version { get; init; }

    /// <summary>How its last run stopped, or null while the first one is under way.</summary>
    public string? StopReason { get; init; }

    /// <summary>The messages, in order.</summary>
    public required List<MessageResponse> Messages { get; init; }

    /// <summary>The calls waiting for a decision.</summary>
    public required List<PendingApprovalResponse> PendingApprovals { get; init; }
}

/// <summary>One message of a conversation.</summary>
public sealed class MessageResponse
{
    /// <summary>system, user, assistant or tool.</summary>
    public required string Role { get; init; }

    /// <summary>Its text (for a tool message, the result the model read).</summary>
    public string? Text { get; init; }

    /// <summary>For an assistant message: the tool calls it made.</summary>
    public List<ToolCallResponse>? ToolCalls { get; init; }

    /// <summary>For a tool message: the call it answers.</summary>
    public string? CallId { get; init; }

    /// <summary>For a tool message: the tool.</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool message: success, denied, failed…</summary>
    public string? Kind { get; init; }
}

/// <summary>A tool call made by the model.</summary>
public sealed class ToolCallResponse
{
    /// <summary>The call's id.</summary>
    public required string Id { get; init; }

    /// <summary>The tool.</summary>
    public required string Name { get; init; }

    /// <summary>The arguments, as sent.</summary>
    public required string Arguments { get; init; }
}

/// <summary>Every error: its HTTP status and a message saying what to do.</summary>
public sealed class ErrorResponse
{
    /// <summary>The HTTP status.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Error { get; init; }
}

/// <summary>
/// Every type the service reads or writes as JSON, source-generated (reflection-based serialization is off). Unknown
/// members in a request are refused, so a misspelled field is an error rather than a silently ignored one.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(ApprovalsRequest))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class WebJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the service uses: <see cref="Default"/>'s options, but without escaping quotes and non-ASCII text
    /// as \uXXXX (the responses are JSON for API clients, never embedded in HTML), so tool arguments read as written.
    /// </summary>
    public static WebJsonContext Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
