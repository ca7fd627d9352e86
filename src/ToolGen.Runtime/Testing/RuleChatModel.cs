using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Testing;

/// <summary>
/// An <see cref="IChatModel"/> that answers every request by rules, for servers, offline demos and tests: unlike
/// <see cref="ScriptedChatModel"/> it never runs out, so one instance can live as a singleton and serve any number of
/// conversations at once. The first rule whose condition holds answers; with none, the fallback does (by default a text
/// answer saying no rule matched). Thread-safe: rules may be added while it serves.
/// </summary>
/// <example>
/// <code>
/// var model = new RuleChatModel()
///     .WhenUserSays("weather", "get_weather", """{"city":"Paris"}""")
///     .WhenToolResult(result =&gt; $"Here is what I found: {result}");
/// </code>
/// </example>
public sealed class RuleChatModel : IChatModel
{
    private readonly object _gate = new();
    private (Func<ChatRequest, bool> When, Func<ChatRequest, ChatResponse> Respond)[] _rules = [];
    private Func<ChatRequest, ChatResponse> _fallback;
    private long _requests;
    private long _nextCallId;

    /// <summary>A model with no rules yet: add them with <see cref="When"/>, <see cref="WhenUserSays(string, string)"/> and the others.</summary>
    public RuleChatModel()
    {
        _fallback = request => Text("No rule matched the conversation.");
    }

    /// <summary>A model that answers every request with <paramref name="respond"/> (called concurrently: keep it thread-safe).</summary>
    public RuleChatModel(Func<ChatRequest, ChatResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _fallback = respond;
    }

    /// <summary>How many requests it has answered (or tried to).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>The model id its responses carry. Default <c>rules</c>.</summary>
    public string ModelId { get; init; } = "rules";

    /// <summary>Adds a rule: when <paramref name="condition"/> holds for a request, <paramref name="respond"/> answers it.</summary>
    public RuleChatModel When(Func<ChatRequest, bool> condition, Func<ChatRequest, ChatResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(respond);
        lock (_gate) _rules = [.. _rules, (condition, respond)];
        return this;
    }

    /// <summary>
    /// When the last message is a user message containing <paramref name="text"/> (ordinal, ignoring case), call
    /// <paramref name="toolName"/> with <paramref name="arguments"/> (JSON text).
    /// </summary>
    public RuleChatModel WhenUserSays(string text, string toolName, string arguments)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        ArgumentNullException.ThrowIfNull(arguments);
        return When(LastUserMessageContains(text), _ => CallTool(toolName, arguments));
    }

    /// <summary>When the last message is a user message containing <paramref name="text"/> (ordinal, ignoring case), answer <paramref name="answer"/>.</summary>
    public RuleChatModel WhenUserSays(string text, string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return When(LastUserMessageContains(text), _ => Text(answer));
    }

    /// <summary>
    /// When the last message is a tool result, answer with the text <paramref name="answer"/> makes from that result's
    /// content (its text or JSON).
    /// </summary>
    public RuleChatModel WhenToolResult(Func<string, string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return When(static request => LastMessage(request) is { Role: ChatRole.Tool },
            request => Text(answer(LastMessage(request)!.Text ?? "")));
    }

    /// <summary>When the last message is the result of a call of <paramref name="toolName"/>, answer with what <paramref name="respond"/> makes of the request.</summary>
    public RuleChatModel WhenToolResult(string toolName, Func<ChatRequest, ChatResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        ArgumentNullException.ThrowIfNull(respond);
        return When(request => LastMessage(request) is { Role: ChatRole.Tool } last && last.ToolName == toolName, respond);
    }

    /// <summary>Answers requests no rule matches with <paramref name="respond"/>.</summary>
    public RuleChatModel Otherwise(Func<ChatRequest, ChatResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        lock (_gate) _fallback = respond;
        return this;
    }

    /// <summary>Answers requests no rule matches with the text <paramref name="answer"/>.</summary>
    public RuleChatModel Otherwise(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Otherwise(_ => Text(answer));
    }

    /// <summary>A text answer, for rules.</summary>
    public ChatResponse Text(string text, ChatUsage? usage = null) =>
        new() { Message = ChatMessage.Assistant(text), FinishReason = ChatFinishReason.Stop, Usage = usage, ModelId = ModelId };

    /// <summary>An answer that calls <paramref name="toolName"/> with <paramref name="arguments"/>, with a new unique call id (<c>rule_call_1</c>, …), for rules.</summary>
    public ChatResponse CallTool(string toolName, string arguments = "{}") => CallTools((toolName, arguments));

    /// <summary>An answer that calls several tools in one turn, each with a new unique call id, for rules.</summary>
    public ChatResponse CallTools(params (string ToolName, string Arguments)[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var toolCalls = new ToolCall[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            string id = "rule_call_" + Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
            toolCalls[i] = new ToolCall(id, calls[i].ToolName, calls[i].Arguments);
        }
        return new ChatResponse { Message = ChatMessage.Assistant(null, toolCalls), FinishReason = ChatFinishReason.ToolCalls, ModelId = ModelId };
    }

    /// <summary>The last message of <paramref name="request"/>, or <see langword="null"/> for an empty conversation.</summary>
    public static ChatMessage? LastMessage(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Messages.Count == 0 ? null : request.Messages[^1];
    }

    /// <inheritdoc/>
    public Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requests);
        // A snapshot: rules added meanwhile apply from the next request.
        (Func<ChatRequest, bool> When, Func<ChatRequest, ChatResponse> Respond)[] rules = Volatile.Read(ref _rules);
        Func<ChatRequest, ChatResponse> respond = Volatile.Read(ref _fallback);
        foreach (var rule in rules)
        {
            if (rule.When(request))
            {
                respond = rule.Respond;
                break;
            }
        }
        return Task.FromResult(respond(request) ?? throw new InvalidOperationException("A rule returned no response."));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        CompletionStream.StreamAsync(this, request, cancellationToken);

    private static Func<ChatRequest, bool> LastUserMessageContains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return request => LastMessage(request) is { Role: ChatRole.User, Text: { } said } && said.Contains(text, StringComparison.OrdinalIgnoreCase);
    }
}
