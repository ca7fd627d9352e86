using System;
using System.Collections.Generic;
using System.Text;

namespace ToolGen.Chat;

/// <summary>Who wrote a message.</summary>
public enum ChatRole
{
    /// <summary>Instructions for the model.</summary>
    System,
    /// <summary>The user.</summary>
    User,
    /// <summary>The model: text, reasoning and/or tool calls.</summary>
    Assistant,
    /// <summary>The result of one tool call.</summary>
    Tool,
}

/// <summary>
/// One message of a conversation, in a provider-neutral form: an ordered list of <see cref="Parts"/> (system text; user
/// text and images; assistant text, reasoning, provider items and tool calls), or one tool result. Two messages are
/// equal when their role, tool-result fields and parts are.
/// </summary>
public sealed record ChatMessage
{
    private static readonly ToolCall[] s_noCalls = [];

    private ChatMessage(ChatRole role, ChatPart[] parts)
    {
        Role = role;
        Parts = parts;
        int calls = 0, texts = 0;
        string? text = null;
        foreach (ChatPart part in parts)
        {
            if (part is ToolCall) calls++;
            else if (part is TextPart t && texts++ == 0) text = t.Text;
        }
        if (texts > 1)
        {
            var joined = new StringBuilder();
            foreach (ChatPart part in parts)
            {
                if (part is TextPart t) joined.Append(t.Text);
            }
            text = joined.ToString();
        }
        Text = text;
        if (calls == 0)
        {
            ToolCalls = s_noCalls;
            return;
        }
        var toolCalls = new ToolCall[calls];
        int i = 0;
        foreach (ChatPart part in parts)
        {
            if (part is ToolCall call) toolCalls[i++] = call;
        }
        ToolCalls = toolCalls;
    }

    /// <summary>Who wrote it.</summary>
    public ChatRole Role { get; }

    /// <summary>The content, in order. A tool result's content is one <see cref="TextPart"/> (its text or JSON).</summary>
    public IReadOnlyList<ChatPart> Parts { get; }

    /// <summary>The text parts joined, or <see langword="null"/> when there are none (for a tool result, the content the model reads).</summary>
    public string? Text { get; }

    /// <summary>The tool calls of an assistant message, in order.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; }

    /// <summary>For a tool result: the call it answers.</summary>
    public string? ToolCallId { get; private init; }

    /// <summary>For a tool result: the tool's name (Gemini needs it).</summary>
    public string? ToolName { get; private init; }

    /// <summary>For a tool result: what happened (<see cref="ToolResultKind.Success"/> or the error).</summary>
    public ToolResultKind ResultKind { get; private init; }

    /// <summary>For a tool result: whether it reports an error.</summary>
    public bool IsError => ResultKind != ToolResultKind.Success;

    /// <summary>For a tool result: whether <see cref="Text"/> is a JSON value.</summary>
    public bool IsJson { get; private init; }

    /// <summary>Whether <paramref name="other"/> is the same message: the same role, tool-result fields and parts, in order.</summary>
    public bool Equals(ChatMessage? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Role != other.Role || ResultKind != other.ResultKind || IsJson != other.IsJson
            || ToolCallId != other.ToolCallId || ToolName != other.ToolName || Parts.Count != other.Parts.Count)
            return false;
        for (int i = 0; i < Parts.Count; i++)
        {
            if (!Equals(Parts[i], other.Parts[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Role, ResultKind, ToolCallId, Parts.Count, Parts.Count == 0 ? 0 : Parts[0].GetHashCode());

    /// <summary>A system message.</summary>
    public static ChatMessage System(string text) => new(ChatRole.System, [new TextPart(text ?? throw new ArgumentNullException(nameof(text)))]);

    /// <summary>A user message.</summary>
    public static ChatMessage User(string text) => new(ChatRole.User, [new TextPart(text ?? throw new ArgumentNullException(nameof(text)))]);

    /// <summary>A user message of text and images (and unknown parts read from a newer transcript).</summary>
    /// <exception cref="ArgumentException">A part is not text, an image or unknown, or there are none.</exception>
    public static ChatMessage User(params ChatPart[] parts) => new(ChatRole.User, Check(parts, ChatRole.User));

    /// <summary>A user message of text and images.</summary>
    /// <exception cref="ArgumentException">A part is not text, an image or unknown, or there are none.</exception>
    public static ChatMessage User(IEnumerable<ChatPart> parts) => new(ChatRole.User, Check(parts, ChatRole.User));

    /// <summary>An assistant message with text and/or tool calls.</summary>
    public static ChatMessage Assistant(string? text, IReadOnlyList<ToolCall>? toolCalls = null)
    {
        int count = (text is null ? 0 : 1) + (toolCalls?.Count ?? 0);
        var parts = new ChatPart[count];
        int i = 0;
        if (text is not null) parts[i++] = new TextPart(text);
        if (toolCalls is not null)
        {
            foreach (ToolCall call in toolCalls) parts[i++] = call ?? throw new ArgumentException("A tool call is null.", nameof(toolCalls));
        }
        return new(ChatRole.Assistant, parts);
    }

    /// <summary>An assistant message of ordered parts: text, reasoning, provider items and tool calls.</summary>
    /// <exception cref="ArgumentException">A part is an image, or null.</exception>
    public static ChatMessage Assistant(IEnumerable<ChatPart> parts) => new(ChatRole.Assistant, Check(parts, ChatRole.Assistant));

    /// <summary>The result of <paramref name="call"/>.</summary>
    public static ChatMessage ToolResult(ToolCall call, ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ToolResult(call.Id, call.Name, result);
    }

    /// <summary>The result of the call <paramref name="callId"/> of <paramref name="toolName"/>.</summary>
    public static ChatMessage ToolResult(string callId, string toolName, ToolResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(toolName);
        ArgumentNullException.ThrowIfNull(result);
        return new(ChatRole.Tool, [new TextPart(result.Content)])
        {
            ToolCallId = callId,
            ToolName = toolName,
            ResultKind = result.Kind,
            IsJson = result.IsJson && !result.IsError,
        };
    }

    /// <summary>For a tool result message: the <see cref="ToolGen.ToolResult"/> it holds (without the exception, which is never stored).</summary>
    /// <exception cref="InvalidOperationException">This is not a tool result.</exception>
    public ToolResult ToToolResult()
    {
        if (Role != ChatRole.Tool) throw new InvalidOperationException($"A {Role} message is not a tool result.");
        string content = Text ?? "";
        if (ResultKind != ToolResultKind.Success) return ToolGen.ToolResult.Error(ResultKind, content);
        return IsJson && content.Length > 0 ? ToolGen.ToolResult.FromJson(Encoding.UTF8.GetBytes(content)) : ToolGen.ToolResult.FromText(content);
    }

    private static ChatPart[] Check(IEnumerable<ChatPart> parts, ChatRole role)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ChatPart[] array = [.. parts];
        if (role == ChatRole.User && array.Length == 0) throw new ArgumentException("A user message needs at least one part.", nameof(parts));
        foreach (ChatPart part in array)
        {
            bool allowed = part switch
            {
                null => throw new ArgumentException("A part is null.", nameof(parts)),
                TextPart or UnknownPart => true,
                ImagePart => role == ChatRole.User,
                ToolCall or ReasoningPart or ProviderItemPart => role == ChatRole.Assistant,
                _ => false,
            };
            if (!allowed) throw new ArgumentException($"A {role} message cannot hold a {part.GetType().Name}.", nameof(parts));
        }
        return array;
    }
}
