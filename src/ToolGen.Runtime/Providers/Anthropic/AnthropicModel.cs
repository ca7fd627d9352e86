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

/// <summary>How <see cref="AnthropicModel"/> sends the API key.</summary>
public enum AnthropicAuthScheme
{
    /// <summary>The documented <c>x-api-key: &lt;key&gt;</c> header (the default).</summary>
    ApiKeyHeader,

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, as the official SDK 13.x sends it (with <c>anthropic-version: 2026-10-21</c>).</summary>
    Bearer,
}

/// <summary>
/// Claude's thinking, sent as the request's <c>thinking</c> object: <see cref="Enabled"/> (extended thinking with a token
/// budget), <see cref="Adaptive"/> (the model decides how much to think) or <see cref="Disabled"/>. Which of them a model
/// accepts depends on the model.
/// </summary>
public sealed record AnthropicThinking
{
    private AnthropicThinking(string type, int? budgetTokens)
    {
        Type = type;
        BudgetTokens = budgetTokens;
    }

    /// <summary>The <c>thinking.type</c>: <c>enabled</c>, <c>adaptive</c> or <c>disabled</c>.</summary>
    public string Type { get; }

    /// <summary>For <c>enabled</c>: <c>budget_tokens</c>, at least 1024 and less than the request's <c>max_tokens</c>.</summary>
    public int? BudgetTokens { get; }

    /// <summary>
    /// <c>thinking.display</c>, when set: <c>summarized</c> (thinking text is returned) or <c>omitted</c> (only the
    /// signature is returned, for multi-turn continuity). Not sent with <c>disabled</c>.
    /// </summary>
    public string? Display { get; init; }

    /// <summary>Extended thinking: <c>{"type":"enabled","budget_tokens":…}</c>.</summary>
    /// <param name="budgetTokens">The most tokens Claude may think with: at least 1024, and less than <c>max_tokens</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is below 1024.</exception>
    public static AnthropicThinking Enabled(int budgetTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetTokens, 1024);
        return new AnthropicThinking("enabled", budgetTokens);
    }

    /// <summary>Adaptive thinking: <c>{"type":"adaptive"}</c>; Claude decides when and how much to think.</summary>
    public static AnthropicThinking Adaptive { get; } = new("adaptive", null);

    /// <summary>No thinking: <c>{"type":"disabled"}</c>.</summary>
    public static AnthropicThinking Disabled { get; } = new("disabled", null);
}

/// <summary>Settings of <see cref="AnthropicModel"/>.</summary>
public sealed record AnthropicModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>messages</c> is appended. Default <c>https://api.anthropic.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.anthropic.com/v1/");

    /// <summary>The <c>anthropic-version</c> header. Default <c>2023-06-01</c>.</summary>
    public string Version { get; init; } = "2023-06-01";

    /// <summary>How the API key is sent. Default <see cref="AnthropicAuthScheme.ApiKeyHeader"/> (<c>x-api-key</c>).</summary>
    public AnthropicAuthScheme AuthScheme { get; init; }

    /// <summary>
    /// The most tokens to generate (the API requires <c>max_tokens</c>), unless a request sets
    /// <see cref="ChatRequestOptions.MaxOutputTokens"/>. Default 4096.
    /// </summary>
    public int MaxOutputTokens { get; init; } = 4096;

    /// <summary>Claude's thinking, sent with every request when set (a request's <see cref="ChatRequestOptions.ReasoningEffort"/> of <c>None</c> turns it off).</summary>
    public AnthropicThinking? Thinking { get; init; }
}

/// <summary>
/// Anthropic Messages (<c>POST {BaseUrl}messages</c>): tools with <c>input_schema</c>, tool choice as an object
/// (<c>auto</c>, <c>any</c>, <c>tool</c>, <c>none</c>, with <c>disable_parallel_tool_use</c>), tool calls as
/// <c>tool_use</c> blocks with object input, results as <c>tool_result</c> blocks placed first in one user message
/// (<c>is_error</c> for errors), streaming with <c>input_json_delta</c> fragments. <c>thinking</c> and
/// <c>redacted_thinking</c> blocks become <see cref="ReasoningPart"/>s holding the block's JSON, which later requests send
/// back unchanged, in order, at the start of the assistant turn.
/// </summary>
public sealed class AnthropicModel : HttpChatModel
{
    private const string Provider = "anthropic";

    private readonly AnthropicModelOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Creates a model client.</summary>
    public AnthropicModel(AnthropicModelOptions options)
        : base(Provider, "Anthropic", options, "request-id")
    {
        _options = options;
        string root = options.BaseUrl.AbsoluteUri;
        _endpoint = new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), "messages");
    }

    private protected override PooledBufferWriter WriteRequest(ChatRequest request, bool stream) => Write(request, stream);

    private protected override Uri EndpointFor(bool stream) => _endpoint;

    private protected override ChatResponse ReadResponse(ReadOnlyMemory<byte> json, ChatRequest request) => Read(json);

    private protected override Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> CreateStreamReader(ChatRequest request)
    {
        var state = new StreamState();
        return data => ReadEvent(data, state);
    }

    // What later events need: message_start's usage and model, and the thinking blocks being assembled, by index.
    private sealed class StreamState
    {
        public JsonElement? StartUsage;
        public string? ModelId;
        public readonly Dictionary<int, ThinkingBlock> Thinking = new();
    }

    // A thinking block assembled from its deltas, or a redacted_thinking block as it came.
    private sealed class ThinkingBlock
    {
        public string? RedactedJson;
        public readonly StringBuilder Text = new();
        public readonly StringBuilder Signature = new();
    }

    private static IEnumerable<ChatStreamUpdate> ReadEvent(ReadOnlyMemory<byte> data, StreamState state)
    {
        ChatStreamUpdate? update = ReadOneEvent(data, state);
        return update is null ? [] : [update];
    }

    private static ChatStreamUpdate? ReadOneEvent(ReadOnlyMemory<byte> data, StreamState state)
    {
        using JsonDocument document = JsonDocument.Parse(data);
        JsonElement root = document.RootElement;
        string? modelId = state.ModelId;
        switch (root.GetProperty("type").GetString())
        {
            case "message_start":
                JsonElement message = root.GetProperty("message");
                state.ModelId = message.TryGetProperty("model", out JsonElement model) ? model.GetString() : null;
                if (message.TryGetProperty("usage", out JsonElement startUsage) && startUsage.ValueKind == JsonValueKind.Object) state.StartUsage = startUsage.Clone();
                return null;
            case "content_block_start":
                JsonElement block = root.GetProperty("content_block");
                int blockIndex = root.GetProperty("index").GetInt32();
                switch (block.GetProperty("type").GetString())
                {
                    case "tool_use":
                        return new ChatStreamUpdate { ToolCallIndex = blockIndex, ToolCallId = block.GetProperty("id").GetString(), ToolName = block.GetProperty("name").GetString(), ArgumentsDelta = "", ModelId = modelId };
                    case "text" when block.TryGetProperty("text", out JsonElement text) && text.GetString() is { Length: > 0 } initial:
                        return new ChatStreamUpdate { TextDelta = initial, ModelId = modelId };
                    case "thinking":
                        var thinking = new ThinkingBlock();
                        if (block.TryGetProperty("thinking", out JsonElement t) && t.ValueKind == JsonValueKind.String) thinking.Text.Append(t.GetString());
                        if (block.TryGetProperty("signature", out JsonElement g) && g.ValueKind == JsonValueKind.String) thinking.Signature.Append(g.GetString());
                        state.Thinking[blockIndex] = thinking;
                        return null;
                    case "redacted_thinking":
                        state.Thinking[blockIndex] = new ThinkingBlock { RedactedJson = block.GetRawText() };
                        return null;
                    default:
                        return null;
                }
            case "content_block_delta":
                JsonElement delta = root.GetProperty("delta");
                int deltaIndex = root.GetProperty("index").GetInt32();
                switch (delta.GetProperty("type").GetString())
                {
                    case "text_delta":
                        return new ChatStreamUpdate { TextDelta = delta.GetProperty("text").GetString(), ModelId = modelId };
                    case "input_json_delta":
                        return new ChatStreamUpdate { ToolCallIndex = deltaIndex, ArgumentsDelta = delta.GetProperty("partial_json").GetString(), ModelId = modelId };
                    case "thinking_delta" when state.Thinking.TryGetValue(deltaIndex, out ThinkingBlock? open):
                        open.Text.Append(delta.GetProperty("thinking").GetString());
                        return null;
                    case "signature_delta" when state.Thinking.TryGetValue(deltaIndex, out ThinkingBlock? open):
                        open.Signature.Append(delta.GetProperty("signature").GetString());
                        return null;
                    default:
                        return null;
                }
            case "content_block_stop":
                int stopIndex = root.GetProperty("index").GetInt32();
                if (!state.Thinking.Remove(stopIndex, out ThinkingBlock? done)) return null;
                return new ChatStreamUpdate { Part = done.RedactedJson is { } redacted ? Reasoning(redacted, null) : Thinking(done.Text.ToString(), done.Signature.ToString()), ModelId = modelId };
            case "message_delta":
                string? stop = root.GetProperty("delta").TryGetProperty("stop_reason", out JsonElement reason) ? reason.GetString() : null;
                JsonElement? endUsage = root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object ? usage : null;
                return new ChatStreamUpdate { FinishReason = FinishReason(stop), Usage = Usage(state.StartUsage, endUsage), ModelId = modelId };
            case "error":
                JsonElement error = root.GetProperty("error");
                string text2 = error.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? "" : error.GetRawText();
                throw new ChatModelException(Provider, "The Anthropic stream reported an error: " + text2, providerMessage: text2);
            default:
                return null;   // ping, message_stop.
        }
    }

    // A thinking block assembled from a stream, in the documented shape {"type":"thinking","thinking","signature"}.
    private static ReasoningPart Thinking(string text, string signature)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + signature.Length + 64);
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            w.WriteString("type", "thinking");
            w.WriteString("thinking", text);
            w.WriteString("signature", signature);
            w.WriteEndObject();
        }
        return Reasoning(Encoding.UTF8.GetString(buffer.WrittenSpan), text);
    }

    private static ReasoningPart Reasoning(string blockJson, string? thinking) => new(Provider, blockJson) { Summary = thinking };

    // Usage from message_start (input side) and message_delta (cumulative; newer streams repeat the input side there).
    // input_tokens excludes cache reads and cache writes, so the input total is their sum; CachedInputTokens counts the
    // cache reads only (cache writes are billed as new input). Anthropic reports no separate thinking token count.
    private static ChatUsage Usage(JsonElement? start, JsonElement? end)
    {
        long Pick(string name) =>
            end is { } e && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64()
            : start is { } s ? ProviderJson.Long(s, name) : 0;
        long cacheRead = Pick("cache_read_input_tokens");
        return new ChatUsage(Pick("input_tokens") + Pick("cache_creation_input_tokens") + cacheRead, Pick("output_tokens")) { CachedInputTokens = cacheRead };
    }

    private PooledBufferWriter Write(ChatRequest request, bool stream)
    {
        ChatRequestOptions settings = ChatRequestOptions.Effective(request, _options);
        int maxTokens = settings.MaxOutputTokens ?? _options.MaxOutputTokens;
        if (maxTokens <= 0) throw new ArgumentException($"max_tokens must be positive, not {maxTokens}.", nameof(request));

        // ReasoningEffort: None turns thinking off for this request; the others go as output_config.effort.
        AnthropicThinking? thinking = settings.ReasoningEffort == ReasoningEffort.None ? AnthropicThinking.Disabled : _options.Thinking;
        if (thinking?.BudgetTokens is int budget && maxTokens <= budget)
            throw new ArgumentException(
                $"max_tokens ({maxTokens}) must be greater than the thinking budget_tokens ({budget}): thinking tokens count toward max_tokens. Raise MaxOutputTokens or lower the budget.",
                nameof(request));
        string? effort = settings.ReasoningEffort switch
        {
            ReasoningEffort.Minimal or ReasoningEffort.Low => "low",
            ReasoningEffort.Medium => "medium",
            ReasoningEffort.High => "high",
            _ => null,
        };

        var buffer = new PooledBufferWriter();
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            w.WriteNumber("max_tokens", maxTokens);
            IEnumerable<string?> systemTexts = request.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text);
            if (settings.Instructions is { Length: > 0 } instructions) systemTexts = systemTexts.Append(instructions);
            string system = string.Join("\n\n", systemTexts.Where(t => !string.IsNullOrEmpty(t)));
            if (system.Length > 0) w.WriteString("system", system);
            WriteMessages(w, request.Messages);

            // Anthropic has no allowed-tools choice: a restricted choice offers only the allowed tools.
            IReadOnlyList<ToolDescriptor> tools = ProviderTools.Offered(request, serverRestricts: false);
            if (tools.Count > 0)
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

                // Sent only when the request sets a choice or forbids parallel calls (as the official SDKs do); the API's
                // default is auto with parallel calls allowed.
                ToolChoice? choice = request.ToolChoice;
                bool disableParallel = request.AllowParallelToolCalls == false && choice?.Mode != ToolChoiceMode.None;
                if (choice is not null || disableParallel)
                {
                    ToolChoiceMode mode = choice?.Mode ?? ToolChoiceMode.Auto;
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", mode switch { ToolChoiceMode.Required => "any", ToolChoiceMode.None => "none", ToolChoiceMode.Specific => "tool", _ => "auto" });
                    if (mode == ToolChoiceMode.Specific) w.WriteString("name", choice!.ToolName);
                    if (disableParallel) w.WriteBoolean("disable_parallel_tool_use", true);
                    w.WriteEndObject();
                }
            }
            if (thinking is not null)
            {
                w.WriteStartObject("thinking");
                w.WriteString("type", thinking.Type);
                if (thinking.BudgetTokens is int budgetTokens) w.WriteNumber("budget_tokens", budgetTokens);
                if (thinking.Display is { } display && thinking.Type != "disabled") w.WriteString("display", display);
                w.WriteEndObject();
            }
            if (effort is not null)
            {
                w.WriteStartObject("output_config");
                w.WriteString("effort", effort);
                w.WriteEndObject();
            }
            if (settings.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
            if (settings.TopP is { } topP) w.WriteNumber("top_p", topP);
            if (settings.Stop is { Count: > 0 } stop)
            {
                w.WriteStartArray("stop_sequences");
                foreach (string sequence in stop) w.WriteStringValue(sequence);
                w.WriteEndArray();
            }
            // Seed: the Messages API has none, so it is not sent.
            if (stream) w.WriteBoolean("stream", true);
            w.WriteEndObject();
        }
        return ExtraBody.Merge(buffer, request, _options);
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
        // The blocks in order; adjacent text blocks join into one part. Thinking and redacted thinking are kept verbatim.
        var parts = new List<ChatPart>();
        StringBuilder? text = null;
        foreach (JsonElement block in root.GetProperty("content").EnumerateArray())
        {
            string? type = block.GetProperty("type").GetString();
            if (type == "text")
            {
                string value = block.GetProperty("text").GetString() ?? "";
                if (value.Length > 0) (text ??= new StringBuilder()).Append(value);
                continue;
            }
            ChatPart? part = type switch
            {
                "tool_use" => new ToolCall(block.GetProperty("id").GetString() ?? "", block.GetProperty("name").GetString() ?? "",
                    block.TryGetProperty("input", out JsonElement input) ? input.GetRawText() : "{}"),
                "thinking" => Reasoning(block.GetRawText(), block.TryGetProperty("thinking", out JsonElement t) ? t.GetString() : null),
                "redacted_thinking" => Reasoning(block.GetRawText(), null),
                _ => null,
            };
            if (part is null) continue;
            if (text is not null)
            {
                parts.Add(new TextPart(text.ToString()));
                text = null;
            }
            parts.Add(part);
        }
        if (text is not null) parts.Add(new TextPart(text.ToString()));
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(parts),
            FinishReason = FinishReason(root.TryGetProperty("stop_reason", out JsonElement reason) ? reason.GetString() : null),
            Usage = root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object ? Usage(usage, null) : null,
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

    private protected override void AddHeaders(HttpRequestMessage message)
    {
        if (_options.ApiKey is { Length: > 0 } key)
        {
            if (_options.AuthScheme == AnthropicAuthScheme.Bearer) message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            else message.Headers.TryAddWithoutValidation("x-api-key", key);
        }
        message.Headers.TryAddWithoutValidation("anthropic-version", _options.Version);
    }
}
