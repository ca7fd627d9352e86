using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Providers;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Providers.Anthropic;

/// <summary>Settings of <see cref="AnthropicModel"/>.</summary>
public sealed record AnthropicModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>messages</c> is appended. Default <c>https://api.anthropic.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.anthropic.com/v1/");

    /// <summary>The <c>anthropic-version</c> header. Default <c>2023-06-01</c>.</summary>
    public string Version { get; init; } = "2023-06-01";

    /// <summary>The most tokens to generate (the API requires it). Default 4096.</summary>
    public int MaxOutputTokens { get; init; } = 4096;
}

/// <summary>
/// Anthropic Messages (<c>POST {BaseUrl}messages</c>): tools with <c>input_schema</c>, tool choice as an object
/// (<c>auto</c>, <c>any</c>, <c>tool</c>, <c>none</c>, with <c>disable_parallel_tool_use</c>), tool calls as
/// <c>tool_use</c> blocks with object input, results as <c>tool_result</c> blocks placed first in one user message
/// (<c>is_error</c> for errors), streaming with <c>input_json_delta</c> fragments.
/// </summary>
public sealed class AnthropicModel : IChatModel
{
    private const string Provider = "anthropic";

    private readonly AnthropicModelOptions _options;
    private readonly HttpChatTransport _transport;
    private readonly Uri _endpoint;

    /// <summary>Creates a model client.</summary>
    public AnthropicModel(AnthropicModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new HttpChatTransport(Provider, options, "request-id");
        string root = options.BaseUrl.AbsoluteUri;
        _endpoint = new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), "messages");
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request, stream: false);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(body), cancellationToken).ConfigureAwait(false);
        byte[] json = await _transport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(json);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ChatModelException(Provider, "The Anthropic response could not be read: " + exception.Message, (int)response.StatusCode, innerException: exception);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request, stream: true);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(body), cancellationToken).ConfigureAwait(false);
        var state = new StreamState();
        await foreach (ChatStreamUpdate update in _transport.ReadUpdatesAsync(response, data => ReadEvent(data, state), cancellationToken).ConfigureAwait(false))
            yield return update;
    }

    // What later events need from message_start: the input tokens and the model.
    private sealed class StreamState
    {
        public long InputTokens;
        public string? ModelId;
    }

    private static IEnumerable<ChatStreamUpdate> ReadEvent(string data, StreamState state)
    {
        ChatStreamUpdate? update = ReadOneEvent(data, ref state.InputTokens, ref state.ModelId);
        return update is null ? [] : [update];
    }

    private static ChatStreamUpdate? ReadOneEvent(string data, ref long inputTokens, ref string? modelId)
    {
        using JsonDocument document = JsonDocument.Parse(data);
        JsonElement root = document.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "message_start":
                JsonElement message = root.GetProperty("message");
                modelId = message.TryGetProperty("model", out JsonElement model) ? model.GetString() : null;
                if (message.TryGetProperty("usage", out JsonElement startUsage)) inputTokens = Long(startUsage, "input_tokens");
                return null;
            case "content_block_start":
                JsonElement block = root.GetProperty("content_block");
                int blockIndex = root.GetProperty("index").GetInt32();
                return block.GetProperty("type").GetString() switch
                {
                    "tool_use" => new ChatStreamUpdate { ToolCallIndex = blockIndex, ToolCallId = block.GetProperty("id").GetString(), ToolName = block.GetProperty("name").GetString(), ArgumentsDelta = "", ModelId = modelId },
                    "text" when block.TryGetProperty("text", out JsonElement text) && text.GetString() is { Length: > 0 } initial => new ChatStreamUpdate { TextDelta = initial, ModelId = modelId },
                    _ => null,
                };
            case "content_block_delta":
                JsonElement delta = root.GetProperty("delta");
                return delta.GetProperty("type").GetString() switch
                {
                    "text_delta" => new ChatStreamUpdate { TextDelta = delta.GetProperty("text").GetString(), ModelId = modelId },
                    "input_json_delta" => new ChatStreamUpdate { ToolCallIndex = root.GetProperty("index").GetInt32(), ArgumentsDelta = delta.GetProperty("partial_json").GetString(), ModelId = modelId },
                    _ => null,
                };
            case "message_delta":
                string? stop = root.GetProperty("delta").TryGetProperty("stop_reason", out JsonElement reason) ? reason.GetString() : null;
                long output = root.TryGetProperty("usage", out JsonElement usage) ? Long(usage, "output_tokens") : 0;
                return new ChatStreamUpdate { FinishReason = FinishReason(stop), Usage = new ChatUsage(inputTokens, output), ModelId = modelId };
            case "error":
                JsonElement error = root.GetProperty("error");
                string text2 = error.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? "" : error.GetRawText();
                throw new ChatModelException(Provider, "The Anthropic stream reported an error: " + text2, providerMessage: text2);
            default:
                return null;   // ping, content_block_stop, message_stop.
        }
    }

    private byte[] Write(ChatRequest request, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, OpenAIChatModel.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            w.WriteNumber("max_tokens", _options.MaxOutputTokens);
            string system = string.Join("\n\n", request.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
            if (system.Length > 0) w.WriteString("system", system);
            WriteMessages(w, request.Messages);

            // Anthropic has no allowed-tools choice: a restricted choice offers only the allowed tools.
            ToolDescriptor[] tools = [.. request.Tools.Where(t => (request.ToolChoice ?? ToolChoice.Auto).AllowedTools is not { } allowed || allowed.Contains(t.Name, StringComparer.Ordinal))];
            if (tools.Length > 0)
            {
                w.WriteStartArray("tools");
                foreach (ToolDescriptor tool in tools)
                {
                    w.WriteStartObject();
                    w.WriteString("name", tool.Name);
                    if (tool.Description.Length > 0) w.WriteString("description", tool.Description);
                    // A tool marked [Tool(Strict = true)] goes strict where Anthropic's strict mode can express it.
                    bool strict = tool.Strict && !tool.AnthropicStrictParametersSchema.IsEmpty;
                    w.WritePropertyName("input_schema");
                    w.WriteRawValue((strict ? tool.AnthropicStrictParametersSchema : tool.ParametersSchema).Span, skipInputValidation: true);
                    if (strict) w.WriteBoolean("strict", true);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("tool_choice");
                ToolChoice choice = request.ToolChoice ?? ToolChoice.Auto;
                w.WriteString("type", choice.Mode switch { ToolChoiceMode.Required => "any", ToolChoiceMode.None => "none", ToolChoiceMode.Specific => "tool", _ => "auto" });
                if (choice.Mode == ToolChoiceMode.Specific) w.WriteString("name", choice.ToolName);
                if (choice.Mode != ToolChoiceMode.None && request.AllowParallelToolCalls == false) w.WriteBoolean("disable_parallel_tool_use", true);
                w.WriteEndObject();
            }
            if (_options.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
            if (stream) w.WriteBoolean("stream", true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // Tool results become tool_result blocks, first in one user message; a user text right after them joins that message.
    private static void WriteMessages(Utf8JsonWriter w, IReadOnlyList<ChatMessage> messages)
    {
        w.WriteStartArray("messages");
        int i = 0;
        while (i < messages.Count)
        {
            ChatMessage message = messages[i];
            switch (message.Role)
            {
                case ChatRole.System:
                    i++;
                    continue;
                case ChatRole.Assistant:
                    w.WriteStartObject();
                    w.WriteString("role", "assistant");
                    w.WriteStartArray("content");
                    // In order: text, this provider's thinking and other blocks verbatim, tool_use blocks.
                    foreach (ChatPart part in ProviderParts.Sent(message, Provider))
                    {
                        switch (part)
                        {
                            case TextPart text when text.Text.Length > 0:   // Anthropic refuses empty text blocks.
                                TextBlock(w, text.Text);
                                break;
                            case ReasoningPart or ProviderItemPart:
                                ProviderParts.WriteVerbatim(w, part);
                                break;
                            case ToolCall call:
                                w.WriteStartObject();
                                w.WriteString("type", "tool_use");
                                w.WriteString("id", call.Id);
                                w.WriteString("name", call.Name);
                                w.WritePropertyName("input");
                                WriteInput(w, call.Arguments);
                                w.WriteEndObject();
                                break;
                        }
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                    i++;
                    continue;
            }

            // A user turn: any tool results first, then the user's text.
            w.WriteStartObject();
            w.WriteString("role", "user");
            w.WriteStartArray("content");
            while (i < messages.Count && messages[i].Role == ChatRole.Tool)
            {
                ChatMessage result = messages[i++];
                w.WriteStartObject();
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.ToolCallId);
                w.WriteString("content", result.Text ?? "");
                if (result.IsError) w.WriteBoolean("is_error", true);
                w.WriteEndObject();
            }
            while (i < messages.Count && messages[i].Role == ChatRole.User) WriteUser(w, messages[i++]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // A user message's text and image blocks, in order.
    private static void WriteUser(Utf8JsonWriter w, ChatMessage message)
    {
        bool any = false;
        foreach (ChatPart part in ProviderParts.Sent(message, Provider))
        {
            switch (part)
            {
                case TextPart text:
                    TextBlock(w, text.Text);
                    any = true;
                    break;
                case ImagePart image:
                    w.WriteStartObject();
                    w.WriteString("type", "image");
                    w.WriteStartObject("source");
                    if (ProviderParts.TryGetInline(image, out string mediaType, out string data))
                    {
                        w.WriteString("type", "base64");
                        w.WriteString("media_type", mediaType);
                        w.WriteString("data", data);
                    }
                    else
                    {
                        w.WriteString("type", "url");
                        w.WriteString("url", image.Url!.OriginalString);
                    }
                    w.WriteEndObject();
                    w.WriteEndObject();
                    any = true;
                    break;
            }
        }
        if (!any) TextBlock(w, "");   // Only parts that are never sent: the message stays, as before parts.
    }

    private static void TextBlock(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    // tool_use input is an object; arguments the model sent malformed earlier are replayed as {} rather than breaking the request.
    private static void WriteInput(Utf8JsonWriter w, string arguments)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(w);
                return;
            }
        }
        catch (JsonException)
        {
        }
        w.WriteStartObject();
        w.WriteEndObject();
    }

    private static ChatResponse Read(ReadOnlyMemory<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        var text = new StringBuilder();
        var calls = new List<ToolCall>();
        foreach (JsonElement block in root.GetProperty("content").EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "text":
                    text.Append(block.GetProperty("text").GetString());
                    break;
                case "tool_use":
                    calls.Add(new ToolCall(block.GetProperty("id").GetString() ?? "", block.GetProperty("name").GetString() ?? "",
                        block.TryGetProperty("input", out JsonElement input) ? input.GetRawText() : "{}"));
                    break;
            }
        }
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(text.Length == 0 ? null : text.ToString(), calls),
            FinishReason = FinishReason(root.TryGetProperty("stop_reason", out JsonElement reason) ? reason.GetString() : null),
            Usage = root.TryGetProperty("usage", out JsonElement usage) ? new ChatUsage(Long(usage, "input_tokens"), Long(usage, "output_tokens")) : null,
            ModelId = root.TryGetProperty("model", out JsonElement model) ? model.GetString() : null,
        };
    }

    private static ChatFinishReason FinishReason(string? reason) => reason switch
    {
        "end_turn" or "stop_sequence" or null => ChatFinishReason.Stop,
        "tool_use" => ChatFinishReason.ToolCalls,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };

    private static long Long(JsonElement element, string name) => HttpChatTransport.Long(element, name);

    private HttpRequestMessage Post(byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.TryAddWithoutValidation("x-api-key", key);
        message.Headers.TryAddWithoutValidation("anthropic-version", _options.Version);
        foreach (KeyValuePair<string, string> header in _options.Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }
}
