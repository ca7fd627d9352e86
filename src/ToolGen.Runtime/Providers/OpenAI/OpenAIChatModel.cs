using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Providers;
using ToolGen.Chat;

namespace ToolGen.Providers.OpenAI;

/// <summary>
/// OpenAI Chat Completions (<c>POST {BaseUrl}chat/completions</c>) and every compatible server, over HttpClient and
/// System.Text.Json without reflection: tools with their generated schemas (strict when asked), tool choice, parallel
/// calls, results as <c>tool</c> messages, streaming over server-sent events, and the <c>reasoning_content</c> of
/// compatible reasoning servers.
/// </summary>
public sealed class OpenAIChatModel : HttpChatModel
{
    private const string Provider = "openai";

    /// <summary>
    /// The provider of the <see cref="ReasoningPart"/>s read from a compatible server's <c>reasoning_content</c> (DeepSeek,
    /// vLLM): the payload is the reasoning text. It differs from <c>openai</c>, whose reasoning parts are Responses items.
    /// </summary>
    public const string ReasoningProvider = "openai-chat";

    private readonly OpenAIChatModelOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Creates a model client.</summary>
    public OpenAIChatModel(OpenAIChatModelOptions options)
        : base(Provider, "OpenAI", options, "x-request-id")
    {
        _options = options;
        string root = options.BaseUrl.AbsoluteUri;
        _endpoint = new Uri(new Uri(root.EndsWith('/') ? root : root + "/", UriKind.Absolute), "chat/completions");
    }

    private protected override PooledBufferWriter WriteRequest(ChatRequest request, bool stream) => OpenAIChatRequestWriter.Write(request, _options, stream);

    private protected override Uri EndpointFor(bool stream) => _endpoint;

    private protected override void AddHeaders(HttpRequestMessage message)
    {
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    private protected override ChatResponse ReadResponse(ReadOnlyMemory<byte> json, ChatRequest request) => OpenAIChatResponseReader.Read(json);

    private protected override Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> CreateStreamReader(ChatRequest request) =>
        new OpenAIChatStreamReader().ReadChunk;
}

/// <summary>Writes a Chat Completions request body.</summary>
internal static class OpenAIChatRequestWriter
{
    public static PooledBufferWriter Write(ChatRequest request, OpenAIChatModelOptions options, bool stream)
    {
        ChatRequestOptions settings = ChatRequestOptions.Effective(request, options);
        IReadOnlyList<ChatMessage> messages = request.Messages;
        // The request's instructions are a system message after the conversation's leading ones.
        int instructionsAt = 0;
        while (instructionsAt < messages.Count && messages[instructionsAt].Role == ChatRole.System) instructionsAt++;
        // The current tool-calling turn: the messages after the last user message.
        int turn = 0;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                turn = i + 1;
                break;
            }
        }

        var buffer = new PooledBufferWriter();
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            w.WriteString("model", options.Model);
            w.WriteStartArray("messages");
            for (int i = 0; i <= messages.Count; i++)
            {
                if (i == instructionsAt && settings.Instructions is { Length: > 0 } instructions)
                {
                    w.WriteStartObject();
                    w.WriteString("role", "system");
                    w.WriteString("content", instructions);
                    w.WriteEndObject();
                }
                if (i < messages.Count) WriteMessage(w, messages[i], options.EchoReasoningContent && i >= turn);
            }
            w.WriteEndArray();

            // A restricted choice on a server without allowed_tools: offer only the allowed tools.
            IReadOnlyList<ToolDescriptor> offered = ProviderTools.Offered(request, options.SupportsAllowedTools);
            if (offered.Count > 0)
            {
                w.WriteStartArray("tools");
                for (int i = 0; i < offered.Count; i++) WriteTool(w, offered[i], options.Strict);
                w.WriteEndArray();
                if (request.ToolChoice is { } choice) WriteToolChoice(w, choice, options.SupportsAllowedTools);
                if (request.AllowParallelToolCalls is { } parallel) w.WriteBoolean("parallel_tool_calls", parallel);
            }
            if (settings.ReasoningEffort is { } effort) w.WriteString("reasoning_effort", Effort(effort));
            if ((settings.MaxOutputTokens ?? options.MaxOutputTokens) is { } maxTokens) w.WriteNumber("max_completion_tokens", maxTokens);
            if (settings.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
            if (settings.TopP is { } topP) w.WriteNumber("top_p", topP);
            if (settings.Stop is { Count: > 0 } stop)
            {
                w.WriteStartArray("stop");
                foreach (string sequence in stop) w.WriteStringValue(sequence);
                w.WriteEndArray();
            }
            if (settings.Seed is { } seed) w.WriteNumber("seed", seed);
            if (stream)
            {
                w.WriteBoolean("stream", true);
                w.WriteStartObject("stream_options");
                w.WriteBoolean("include_usage", true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return ExtraBody.Merge(buffer, request, options);
    }

    /// <summary>The wire name of a reasoning effort (<c>reasoning_effort</c>, Responses <c>reasoning.effort</c>).</summary>
    internal static string Effort(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.None => "none",
        ReasoningEffort.Minimal => "minimal",
        ReasoningEffort.Low => "low",
        ReasoningEffort.High => "high",
        _ => "medium",
    };

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message, bool echoReasoning)
    {
        w.WriteStartObject();
        switch (message.Role)
        {
            case ChatRole.System:
                w.WriteString("role", "system");
                w.WriteString("content", message.Text);
                break;
            case ChatRole.User:
                w.WriteString("role", "user");
                if (ProviderParts.HasImage(message)) WriteUserParts(w, message);
                else w.WriteString("content", message.Text ?? "");
                break;
            case ChatRole.Assistant:
                // Chat Completions has no input for OpenAI's reasoning or provider items (an "openai" one is a Responses
                // item), so none is sent here; the text is the message's text and the calls follow it. A compatible
                // server's reasoning_content goes back when asked, in the current turn only.
                w.WriteString("role", "assistant");
                if (message.Text is null) w.WriteNull("content");
                else w.WriteString("content", message.Text);
                if (echoReasoning)
                {
                    string reasoning = string.Concat(message.Parts.OfType<ReasoningPart>()
                        .Where(p => string.Equals(p.Provider, OpenAIChatModel.ReasoningProvider, StringComparison.OrdinalIgnoreCase)).Select(p => p.Payload));
                    if (reasoning.Length > 0) w.WriteString("reasoning_content", reasoning);
                }
                if (message.ToolCalls.Count > 0)
                {
                    w.WriteStartArray("tool_calls");
                    for (int i = 0; i < message.ToolCalls.Count; i++)
                    {
                        ToolCall call = message.ToolCalls[i];
                        w.WriteStartObject();
                        w.WriteString("id", call.Id);
                        w.WriteString("type", "function");
                        w.WriteStartObject("function");
                        w.WriteString("name", call.Name);
                        w.WriteString("arguments", string.IsNullOrEmpty(call.Arguments) ? "{}" : call.Arguments);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                break;
            case ChatRole.Tool:
                w.WriteString("role", "tool");
                w.WriteString("tool_call_id", message.ToolCallId);
                w.WriteString("content", message.Text ?? "");
                break;
        }
        w.WriteEndObject();
    }

    // A user message with images: its content is a list of text and image_url parts, in order.
    private static void WriteUserParts(Utf8JsonWriter w, ChatMessage message)
    {
        w.WriteStartArray("content");
        foreach (ChatPart part in ProviderParts.Sent(message, provider: null))
        {
            switch (part)
            {
                case TextPart text:
                    w.WriteStartObject();
                    w.WriteString("type", "text");
                    w.WriteString("text", text.Text);
                    w.WriteEndObject();
                    break;
                case ImagePart image:
                    w.WriteStartObject();
                    w.WriteString("type", "image_url");
                    w.WriteStartObject("image_url");
                    w.WriteString("url", image.ToUrlString());
                    w.WriteEndObject();
                    w.WriteEndObject();
                    break;
            }
        }
        w.WriteEndArray();
    }

    // Strict: unset = per tool (only [Tool(Strict = true)] sends strict: true); true = every tool that can be; false =
    // strict: false for every tool.
    private static void WriteTool(Utf8JsonWriter w, ToolDescriptor tool, bool? strictMode)
    {
        bool strict = strictMode switch { null => tool.Strict, bool all => all } && tool.SupportsStrictSchema;
        w.WriteStartObject();
        w.WriteString("type", "function");
        w.WriteStartObject("function");
        w.WriteString("name", tool.Name);
        if (tool.Description.Length > 0) w.WriteString("description", tool.Description);
        w.WritePropertyName("parameters");
        w.WriteRawValue((strict ? tool.StrictParametersSchema : tool.ParametersSchema).Span, skipInputValidation: true);
        if (strict) w.WriteBoolean("strict", true);
        else if (strictMode == false) w.WriteBoolean("strict", false);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter w, ToolChoice choice, bool supportsAllowedTools)
    {
        if (choice.Mode == ToolChoiceMode.Specific)
        {
            w.WriteStartObject("tool_choice");
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", choice.ToolName);
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }
        string mode = choice.Mode switch { ToolChoiceMode.Required => "required", ToolChoiceMode.None => "none", _ => "auto" };
        if (choice.AllowedTools is { } allowed && supportsAllowedTools && choice.Mode != ToolChoiceMode.None)
        {
            w.WriteStartObject("tool_choice");
            w.WriteString("type", "allowed_tools");
            w.WriteStartObject("allowed_tools");
            w.WriteString("mode", mode);
            w.WriteStartArray("tools");
            foreach (string name in allowed)
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", name);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }
        w.WriteString("tool_choice", mode);
    }
}

/// <summary>Reads Chat Completions responses and stream chunks.</summary>
internal static class OpenAIChatResponseReader
{
    public static ChatResponse Read(ReadOnlyMemory<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        JsonElement choice = root.GetProperty("choices")[0];
        JsonElement message = choice.GetProperty("message");
        var calls = new List<ToolCall>();
        if (message.TryGetProperty("tool_calls", out JsonElement toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement call in toolCalls.EnumerateArray())
            {
                if (!call.TryGetProperty("function", out JsonElement function)) continue;   // Custom tools are not ToolGen's.
                calls.Add(new ToolCall(call.GetProperty("id").GetString() ?? "", function.GetProperty("name").GetString() ?? "", Arguments(function)));
            }
        }
        string? text = message.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
        var parts = new List<ChatPart>(calls.Count + 2);
        if (Reasoning(message) is { Length: > 0 } reasoning) parts.Add(ReasoningPart(reasoning));
        if (text is not null) parts.Add(new TextPart(text));
        parts.AddRange(calls);
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(parts),
            FinishReason = FinishReason(choice.TryGetProperty("finish_reason", out JsonElement reason) ? reason.GetString() : null, calls.Count > 0),
            Usage = Usage(root),
            ModelId = root.TryGetProperty("model", out JsonElement model) ? model.GetString() : null,
        };
    }

    /// <summary>A compatible server's reasoning text: <c>reasoning_content</c> (DeepSeek, vLLM) or <c>reasoning</c> (newer vLLM).</summary>
    internal static string? Reasoning(JsonElement messageOrDelta) =>
        String(messageOrDelta, "reasoning_content") ?? String(messageOrDelta, "reasoning");

    internal static ReasoningPart ReasoningPart(string text) => new(OpenAIChatModel.ReasoningProvider, text) { Summary = text };

    // Arguments are a JSON string; some compatible servers (Ollama's native shape) send an object instead.
    private static string Arguments(JsonElement function)
    {
        if (!function.TryGetProperty("arguments", out JsonElement arguments)) return "{}";
        return arguments.ValueKind switch
        {
            JsonValueKind.String => arguments.GetString() is { Length: > 0 } text ? text : "{}",
            JsonValueKind.Object => arguments.GetRawText(),
            _ => "{}",
        };
    }

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static ChatUsage? Usage(JsonElement root) =>
        root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object
            ? new ChatUsage(ProviderJson.Long(usage, "prompt_tokens"), ProviderJson.Long(usage, "completion_tokens"))
            {
                CachedInputTokens = Detail(usage, "prompt_tokens_details", "cached_tokens"),
                ReasoningTokens = Detail(usage, "completion_tokens_details", "reasoning_tokens"),
            }
            : null;

    private static long Detail(JsonElement usage, string details, string name) =>
        usage.TryGetProperty(details, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? ProviderJson.Long(value, name) : 0;

    internal static ChatFinishReason FinishReason(string? reason, bool hasCalls) => reason switch
    {
        "stop" => hasCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        null => hasCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        _ => ChatFinishReason.Other,
    };
}

/// <summary>
/// One stream's reader: it keeps the reasoning fragments until the answer begins. The updates of a chunk are valid until
/// the next chunk is read (one list serves the whole stream), and the model name is read once, not once per chunk.
/// </summary>
internal sealed class OpenAIChatStreamReader
{
    private readonly StringBuilder _reasoning = new();
    private readonly List<ChatStreamUpdate> _updates = [];
    private string? _modelId;

    public IReadOnlyList<ChatStreamUpdate> ReadChunk(ReadOnlyMemory<byte> data)
    {
        _updates.Clear();
        using JsonDocument document = JsonDocument.Parse(data);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("model", out JsonElement model) && model.ValueKind == JsonValueKind.String && (_modelId is null || !model.ValueEquals(_modelId)))
            _modelId = model.GetString();
        if (root.TryGetProperty("choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            JsonElement choice = choices[0];
            if (choice.TryGetProperty("delta", out JsonElement delta) && delta.ValueKind == JsonValueKind.Object)
            {
                if (OpenAIChatResponseReader.Reasoning(delta) is { Length: > 0 } thought) _reasoning.Append(thought);
                if (delta.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
                {
                    FlushReasoning();
                    _updates.Add(new ChatStreamUpdate { TextDelta = text, ModelId = _modelId });
                }
                if (delta.TryGetProperty("tool_calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement call in calls.EnumerateArray())
                    {
                        FlushReasoning();
                        JsonElement function = call.TryGetProperty("function", out JsonElement f) ? f : default;
                        _updates.Add(new ChatStreamUpdate
                        {
                            ToolCallIndex = call.TryGetProperty("index", out JsonElement index) ? index.GetInt32() : 0,
                            ToolCallId = OpenAIChatResponseReader.String(call, "id"),
                            ToolName = function.ValueKind == JsonValueKind.Object ? OpenAIChatResponseReader.String(function, "name") : null,
                            ArgumentsDelta = function.ValueKind == JsonValueKind.Object ? OpenAIChatResponseReader.String(function, "arguments") : null,
                            ModelId = _modelId,
                        });
                    }
                }
            }
            if (choice.TryGetProperty("finish_reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String)
            {
                FlushReasoning();
                _updates.Add(new ChatStreamUpdate { FinishReason = OpenAIChatResponseReader.FinishReason(reason.GetString(), false), ModelId = _modelId });
            }
        }
        if (OpenAIChatResponseReader.Usage(root) is { } usage) _updates.Add(new ChatStreamUpdate { Usage = usage, ModelId = _modelId });
        return _updates;
    }

    // Reasoning arrives in fragments before the answer; it becomes one part when the answer or the end begins.
    private void FlushReasoning()
    {
        if (_reasoning.Length == 0) return;
        _updates.Add(new ChatStreamUpdate { Part = OpenAIChatResponseReader.ReasoningPart(_reasoning.ToString()), ModelId = _modelId });
        _reasoning.Clear();
    }
}
