using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Testing;

/// <summary>
/// An <see cref="IChatModel"/> for tests and offline demos: it answers with a queue of scripted responses and records
/// every request it was sent. Streaming splits each scripted response into small text and argument fragments, as real
/// providers do, in the order of the response's parts (reasoning and provider items arrive whole).
/// </summary>
public sealed class ScriptedChatModel : IChatModel
{
    private readonly Queue<Func<ChatRequest, ChatResponse>> _script = new();
    private readonly List<ChatRequest> _requests = new();
    private readonly object _gate = new();
    private int _nextCallId;

    /// <summary>Every request sent so far, in order.</summary>
    public IReadOnlyList<ChatRequest> Requests
    {
        get
        {
            lock (_gate) return _requests.ToArray();
        }
    }

    /// <summary>How many scripted responses are left.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate) return _script.Count;
        }
    }

    /// <summary>Scripts a text answer.</summary>
    public ScriptedChatModel Reply(string text, ChatUsage? usage = null) =>
        Then(_ => new ChatResponse { Message = ChatMessage.Assistant(text), FinishReason = ChatFinishReason.Stop, Usage = usage, ModelId = "scripted" });

    /// <summary>Scripts one tool call; the id defaults to <c>call_1</c>, <c>call_2</c>…</summary>
    public ScriptedChatModel CallTool(string name, string arguments = "{}", string? id = null) => CallTools((name, arguments, id));

    /// <summary>Scripts several tool calls in one turn.</summary>
    public ScriptedChatModel CallTools(params (string Name, string Arguments, string? Id)[] calls)
    {
        ToolCall[] scripted = calls.Select(c => new ToolCall(c.Id ?? NextId(), c.Name, c.Arguments)).ToArray();
        return Then(_ => new ChatResponse { Message = ChatMessage.Assistant(null, scripted), FinishReason = ChatFinishReason.ToolCalls, ModelId = "scripted" });
    }

    /// <summary>Scripts a response computed from the request (for example from the last tool result).</summary>
    public ScriptedChatModel Then(Func<ChatRequest, ChatResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        lock (_gate) _script.Enqueue(respond);
        return this;
    }

    /// <summary>Throws unless every scripted response was used.</summary>
    public void AssertAllConsumed()
    {
        if (Remaining > 0) throw new InvalidOperationException($"The scripted model still has {Remaining} unused response(s) after {Requests.Count} request(s).");
    }

    /// <summary>A response to use from <see cref="Then"/>: a text answer, or one tool call (with a generated id).</summary>
    public static ChatResponse Respond(ChatRequest request, string? text = null, (string Name, string Arguments)? call = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ToolCall[] calls = call is { } c ? [new ToolCall("call_r" + (request.Messages.Count + 1).ToString(CultureInfo.InvariantCulture), c.Name, c.Arguments)] : [];
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(text, calls),
            FinishReason = calls.Length > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            ModelId = "scripted",
        };
    }

    /// <summary>The text of the last tool result in the last request, for scripted responses that use it.</summary>
    public static string? LastToolResult(ChatRequest request) => request.Messages.LastOrDefault(m => m.Role == ChatRole.Tool)?.Text;

    /// <inheritdoc/>
    public Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Next(request));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ChatResponse response = Next(request);
        int index = 0;
        foreach (ChatPart part in response.Message.Parts)
        {
            switch (part)
            {
                case TextPart { Text: var text }:
                    for (int i = 0; i < text.Length; i += 8)
                    {
                        await Task.Yield();
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return new ChatStreamUpdate { TextDelta = text.Substring(i, Math.Min(8, text.Length - i)), ModelId = response.ModelId };
                    }
                    break;
                case ToolCall call:
                    yield return new ChatStreamUpdate { ToolCallIndex = index, ToolCallId = call.Id, ToolName = call.Name, ArgumentsDelta = "", ProviderData = call.ProviderData };
                    for (int i = 0; i < call.Arguments.Length; i += 5)
                        yield return new ChatStreamUpdate { ToolCallIndex = index, ArgumentsDelta = call.Arguments.Substring(i, Math.Min(5, call.Arguments.Length - i)) };
                    index++;
                    break;
                default:
                    yield return new ChatStreamUpdate { Part = part };   // Reasoning and provider items arrive whole.
                    break;
            }
        }
        yield return new ChatStreamUpdate { FinishReason = response.FinishReason, Usage = response.Usage, ModelId = response.ModelId };
    }

    private ChatResponse Next(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Func<ChatRequest, ChatResponse> respond;
        lock (_gate)
        {
            _requests.Add(request);
            if (_script.Count == 0)
                throw new InvalidOperationException($"The scripted model has no response left for request {_requests.Count}; script more with Reply or CallTool.");
            respond = _script.Dequeue();
        }
        return respond(request);
    }

    private string NextId() => "call_" + Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
}
