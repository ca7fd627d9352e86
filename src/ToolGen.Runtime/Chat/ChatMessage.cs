using System;
using System.Collections.Generic;

namespace ToolGen;

/// <summary>Who wrote a message.</summary>
public enum ChatRole
{
    /// <summary>Instructions for the model.</summary>
    System,
    /// <summary>The user.</summary>
    User,
    /// <summary>The model: text and/or tool calls.</summary>
    Assistant,
    /// <summary>The result of one tool call.</summary>
    Tool,
}

/// <summary>A tool call the model asked for.</summary>
/// <param name="Id">The provider's call id, echoed back with the result.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments as JSON text (an object; empty means none).</param>
public sealed record ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>Opaque provider data to send back with the call (for example Gemini's <c>thoughtSignature</c>).</summary>
    public string? ProviderData { get; init; }
}

/// <summary>
/// One message of a conversation, in a provider-neutral form: system, user or assistant text, the assistant's tool calls,
/// or one tool result.
/// </summary>
public sealed record ChatMessage
{
    private ChatMessage(ChatRole role) => Role = role;

    /// <summary>Who wrote it.</summary>
    public ChatRole Role { get; }

    /// <summary>The text (for a tool result, the content the model reads).</summary>
    public string? Text { get; init; }

    /// <summary>The tool calls of an assistant message.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>For a tool result: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a tool result: the tool's name (Gemini needs it).</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool result: whether it reports an error.</summary>
    public bool IsError { get; init; }

    /// <summary>A system message.</summary>
    public static ChatMessage System(string text) => new(ChatRole.System) { Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>A user message.</summary>
    public static ChatMessage User(string text) => new(ChatRole.User) { Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>An assistant message with text and/or tool calls.</summary>
    public static ChatMessage Assistant(string? text, IReadOnlyList<ToolCall>? toolCalls = null) =>
        new(ChatRole.Assistant) { Text = text, ToolCalls = toolCalls ?? [] };

    /// <summary>The result of <paramref name="call"/>.</summary>
    public static ChatMessage ToolResult(ToolCall call, ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        return new(ChatRole.Tool) { ToolCallId = call.Id, ToolName = call.Name, Text = result.Content, IsError = result.IsError };
    }
}
