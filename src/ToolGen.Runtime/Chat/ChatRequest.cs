using System.Collections.Generic;

namespace ToolGen.Chat;

/// <summary>What the model is sent: the conversation, the tools it may call and how it may call them.</summary>
public sealed record ChatRequest
{
    /// <summary>The conversation so far.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>The tools offered to the model.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; init; } = [];

    /// <summary>Whether and which tools the model may or must call.</summary>
    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    /// <summary>Whether the model may ask for several tool calls in one turn.</summary>
    public bool AllowParallelToolCalls { get; init; } = true;
}

/// <summary>Why the model stopped.</summary>
public enum ChatFinishReason
{
    /// <summary>It answered.</summary>
    Stop,
    /// <summary>It asked for tool calls.</summary>
    ToolCalls,
    /// <summary>It hit the output token limit.</summary>
    Length,
    /// <summary>A content filter stopped it.</summary>
    ContentFilter,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>Token counts reported by a provider.</summary>
/// <param name="InputTokens">Tokens read.</param>
/// <param name="OutputTokens">Tokens written.</param>
public sealed record ChatUsage(long InputTokens, long OutputTokens)
{
    /// <summary>No tokens.</summary>
    public static ChatUsage Zero { get; } = new(0, 0);

    /// <summary>All tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The sum of two counts.</summary>
    public static ChatUsage operator +(ChatUsage left, ChatUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);
}

/// <summary>The model's answer to one request.</summary>
public sealed record ChatResponse
{
    /// <summary>The assistant message: text and/or tool calls.</summary>
    public required ChatMessage Message { get; init; }

    /// <summary>Why the model stopped.</summary>
    public ChatFinishReason FinishReason { get; init; }

    /// <summary>Token counts, when the provider reports them.</summary>
    public ChatUsage? Usage { get; init; }

    /// <summary>The model that answered, when the provider says.</summary>
    public string? ModelId { get; init; }
}
