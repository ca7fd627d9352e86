using System.Collections.Generic;

namespace ToolGen.Chat;

/// <summary>What the model is sent: the conversation, the tools it may call and how it may call them.</summary>
public sealed record ChatRequest
{
    /// <summary>The conversation so far.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>The tools offered to the model.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; init; } = [];

    /// <summary>Whether and which tools the model may or must call; <see langword="null"/> sends nothing (the provider's default, auto).</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Whether the model may ask for several tool calls in one turn; <see langword="null"/> sends nothing (the provider's default, yes).</summary>
    public bool? AllowParallelToolCalls { get; init; }

    /// <summary>Settings of this request that override the model's defaults, or <see langword="null"/>.</summary>
    public ChatRequestOptions? Options { get; init; }
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
/// <param name="InputTokens">Tokens read (including cached ones).</param>
/// <param name="OutputTokens">Tokens written (including reasoning).</param>
public sealed record ChatUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Of <see cref="InputTokens"/>, those read from the provider's prompt cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Of <see cref="OutputTokens"/>, those spent on reasoning.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>No tokens.</summary>
    public static ChatUsage Zero { get; } = new(0, 0);

    /// <summary>All tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The sum of two counts.</summary>
    public static ChatUsage operator +(ChatUsage left, ChatUsage right) =>
        left == Zero ? right : right == Zero ? left : new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens)
        {
            CachedInputTokens = left.CachedInputTokens + right.CachedInputTokens,
            ReasoningTokens = left.ReasoningTokens + right.ReasoningTokens,
        };
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
