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

namespace ToolGen.Providers.OpenAI;

/// <summary>
/// OpenAI Responses (<c>POST {BaseUrl}responses</c>): flat function tools with <c>strict</c> always sent explicitly,
/// calls as <c>function_call</c> output items (arguments as a JSON string, keyed by <c>call_id</c>), results as
/// <c>function_call_output</c> input items, streaming over <c>response.*</c> events. Uses <see cref="OpenAIChatModelOptions"/>.
/// </summary>
public sealed class OpenAIResponsesModel : IChatModel
{
    private const string Provider = "openai";

    private readonly OpenAIChatModelOptions _options;
    private readonly HttpChatTransport _transport;
    private readonly Uri _endpoint;

    /// <summary>Creates a model client.</summary>
    public OpenAIResponsesModel(OpenAIChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new HttpChatTransport(Provider, options, "x-request-id");
        string root = options.BaseUrl.AbsoluteUri;
        _endpoint = new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), "responses");
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request, stream: false);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(body), cancellationToken).ConfigureAwait(false);
        byte[] json = await _transport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return ReadResponse(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ChatModelException(Provider, "The OpenAI response could not be read: " + exception.Message, (int)response.StatusCode, innerException: exception);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request, stream: true);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(body), cancellationToken).ConfigureAwait(false);
        await foreach (ChatStreamUpdate update in _transport.ReadUpdatesAsync(response, ReadEvent, cancellationToken).ConfigureAwait(false))
            yield return update;
    }

    private static IEnumerable<ChatStreamUpdate> ReadEvent(string data)
    {
        ChatStreamUpdate? update = ReadOneEvent(data);
        return update is null ? [] : [update];
    }

    private static ChatStreamUpdate? ReadOneEvent(string data)
    {
        using JsonDocument document = JsonDocument.Parse(data);
        JsonElement root = document.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "response.output_text.delta":
                return new ChatStreamUpdate { TextDelta = root.GetProperty("delta").GetString() };
            case "response.output_item.added":
                JsonElement item = root.GetProperty("item");
                if (item.GetProperty("type").GetString() != "function_call") return null;
                return new ChatStreamUpdate
                {
                    ToolCallIndex = root.GetProperty("output_index").GetInt32(),
                    ToolCallId = item.GetProperty("call_id").GetString(),
                    ToolName = item.GetProperty("name").GetString(),
                    ArgumentsDelta = item.TryGetProperty("arguments", out JsonElement initial) ? initial.GetString() : "",
                    ProviderData = item.TryGetProperty("id", out JsonElement itemId) ? itemId.GetString() : null,
                };
            case "response.function_call_arguments.delta":
                return new ChatStreamUpdate { ToolCallIndex = root.GetProperty("output_index").GetInt32(), ArgumentsDelta = root.GetProperty("delta").GetString() };
            case "response.completed":
            case "response.incomplete":
                ChatResponse final = ReadResponse(root.GetProperty("response"));
                return new ChatStreamUpdate { FinishReason = final.FinishReason, Usage = final.Usage, ModelId = final.ModelId };
            case "response.failed":
            case "error":
                string message = root.TryGetProperty("response", out JsonElement failed) && failed.TryGetProperty("error", out JsonElement error) && error.TryGetProperty("message", out JsonElement m)
                    ? m.GetString() ?? "" : root.TryGetProperty("message", out JsonElement plain) ? plain.GetString() ?? "" : data;
                throw new ChatModelException(Provider, "The OpenAI stream reported an error: " + message, providerMessage: message);
            default:
                return null;
        }
    }

    private static ChatResponse ReadResponse(JsonElement root)
    {
        var text = new StringBuilder();
        var calls = new List<ToolCall>();
        if (root.TryGetProperty("output", out JsonElement output) && output.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in output.EnumerateArray())
            {
                switch (item.GetProperty("type").GetString())
                {
                    case "message":
                        foreach (JsonElement part in item.GetProperty("content").EnumerateArray())
                        {
                            if (part.GetProperty("type").GetString() == "output_text") text.Append(part.GetProperty("text").GetString());
                        }
                        break;
                    case "function_call":
                        string arguments = item.TryGetProperty("arguments", out JsonElement a) && a.GetString() is { Length: > 0 } given ? given : "{}";
                        calls.Add(new ToolCall(item.GetProperty("call_id").GetString() ?? "", item.GetProperty("name").GetString() ?? "", arguments)
                        {
                            ProviderData = item.TryGetProperty("id", out JsonElement id) ? id.GetString() : null,
                        });
                        break;
                }
            }
        }
        string? incomplete = root.TryGetProperty("incomplete_details", out JsonElement details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("reason", out JsonElement reason) ? reason.GetString() : null;
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(text.Length == 0 ? null : text.ToString(), calls),
            FinishReason = incomplete switch
            {
                "max_output_tokens" => ChatFinishReason.Length,
                "content_filter" => ChatFinishReason.ContentFilter,
                null => calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
                _ => ChatFinishReason.Other,
            },
            Usage = root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object
                ? new ChatUsage(Long(usage, "input_tokens"), Long(usage, "output_tokens")) : null,
            ModelId = root.TryGetProperty("model", out JsonElement model) ? model.GetString() : null,
        };
    }

    private byte[] Write(ChatRequest request, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, OpenAIChatModel.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            string instructions = string.Join("\n\n", request.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
            if (instructions.Length > 0) w.WriteString("instructions", instructions);
            w.WriteStartArray("input");
            foreach (ChatMessage message in request.Messages)
            {
                switch (message.Role)
                {
                    case ChatRole.User:
                        WriteUser(w, message);
                        break;
                    case ChatRole.Assistant:
                        WriteAssistant(w, message);
                        break;
                    case ChatRole.Tool:
                        w.WriteStartObject();
                        w.WriteString("type", "function_call_output");
                        w.WriteString("call_id", message.ToolCallId);
                        w.WriteString("output", message.Text ?? "");
                        w.WriteEndObject();
                        break;
                }
            }
            w.WriteEndArray();

            ToolChoice choice = request.ToolChoice ?? ToolChoice.Auto;
            ToolDescriptor[] tools = [.. request.Tools.Where(t => choice.AllowedTools is not { } allowed || _options.SupportsAllowedTools || allowed.Contains(t.Name, StringComparer.Ordinal))];
            if (tools.Length > 0)
            {
                w.WriteStartArray("tools");
                foreach (ToolDescriptor tool in tools)
                {
                    // The Responses API treats a missing strict as true, so it is always sent.
                    bool strict = (_options.Strict || tool.Strict) && tool.SupportsStrictSchema;
                    w.WriteStartObject();
                    w.WriteString("type", "function");
                    w.WriteString("name", tool.Name);
                    if (tool.Description.Length > 0) w.WriteString("description", tool.Description);
                    w.WritePropertyName("parameters");
                    w.WriteRawValue((strict ? tool.StrictParametersSchema : tool.ParametersSchema).Span, skipInputValidation: true);
                    w.WriteBoolean("strict", strict);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                string mode = choice.Mode switch { ToolChoiceMode.Required => "required", ToolChoiceMode.None => "none", _ => "auto" };
                if (choice.Mode == ToolChoiceMode.Specific)
                {
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", "function");
                    w.WriteString("name", choice.ToolName);
                    w.WriteEndObject();
                }
                else if (choice.AllowedTools is { } allowed && _options.SupportsAllowedTools && choice.Mode != ToolChoiceMode.None)
                {
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", "allowed_tools");
                    w.WriteString("mode", mode);
                    w.WriteStartArray("tools");
                    foreach (string name in allowed)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "function");
                        w.WriteString("name", name);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("tool_choice", mode);
                }
                w.WriteBoolean("parallel_tool_calls", request.AllowParallelToolCalls ?? true);
            }
            if (_options.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
            if (_options.MaxOutputTokens is { } maxTokens) w.WriteNumber("max_output_tokens", maxTokens);
            if (stream) w.WriteBoolean("stream", true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // A text-only user message is a plain string; one with images a list of input_text and input_image parts, in order.
    private static void WriteUser(Utf8JsonWriter w, ChatMessage message)
    {
        w.WriteStartObject();
        w.WriteString("role", "user");
        if (!ProviderParts.HasImage(message))
        {
            w.WriteString("content", message.Text ?? "");
            w.WriteEndObject();
            return;
        }
        w.WriteStartArray("content");
        foreach (ChatPart part in ProviderParts.Sent(message, Provider))
        {
            switch (part)
            {
                case TextPart text:
                    w.WriteStartObject();
                    w.WriteString("type", "input_text");
                    w.WriteString("text", text.Text);
                    w.WriteEndObject();
                    break;
                case ImagePart image:
                    w.WriteStartObject();
                    w.WriteString("type", "input_image");
                    w.WriteString("image_url", image.ToUrlString());
                    w.WriteString("detail", "auto");   // The spec requires it; "auto" is the API's default.
                    w.WriteEndObject();
                    break;
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // The assistant's parts as input items, in order: its text as a message, its own reasoning and provider items
    // verbatim (they are Responses items), its calls as function_call items.
    private static void WriteAssistant(Utf8JsonWriter w, ChatMessage message)
    {
        foreach (ChatPart part in ProviderParts.Sent(message, Provider))
        {
            switch (part)
            {
                case TextPart text when text.Text.Length > 0:
                    w.WriteStartObject();
                    w.WriteString("role", "assistant");
                    w.WriteString("content", text.Text);
                    w.WriteEndObject();
                    break;
                case ReasoningPart or ProviderItemPart:
                    ProviderParts.WriteVerbatim(w, part);
                    break;
                case ToolCall call:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call");
                    w.WriteString("call_id", call.Id);
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", string.IsNullOrEmpty(call.Arguments) ? "{}" : call.Arguments);
                    w.WriteEndObject();
                    break;
            }
        }
    }

    private static long Long(JsonElement element, string name) => HttpChatTransport.Long(element, name);

    private HttpRequestMessage Post(byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (KeyValuePair<string, string> header in _options.Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }
}
