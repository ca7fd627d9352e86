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
/// <c>function_call_output</c> input items, reasoning items kept as <see cref="ReasoningPart"/>s and sent back verbatim,
/// streaming over <c>response.*</c> events.
/// </summary>
public sealed class OpenAIResponsesModel : HttpChatModel
{
    private const string Provider = "openai";

    /// <summary>The provider of the <see cref="ProviderItemPart"/> that keeps a response's id (<c>{"id":"resp_…"}</c>) for <see cref="OpenAIResponsesModelOptions.UsePreviousResponseId"/>; it is never sent as an item.</summary>
    public const string ResponseIdProvider = "openai-response";

    private readonly OpenAIResponsesModelOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Creates a model client.</summary>
    public OpenAIResponsesModel(OpenAIResponsesModelOptions options)
        : base(Provider, "OpenAI", options, "x-request-id")
    {
        if (options.UsePreviousResponseId && options.Store == false)
            throw new ArgumentException("previous_response_id needs stored responses: UsePreviousResponseId cannot be used with Store = false.", nameof(options));
        _options = options;
        string root = options.BaseUrl.AbsoluteUri;
        _endpoint = new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), "responses");
    }

    /// <summary>Creates a model client from Chat Completions settings (see <see cref="OpenAIResponsesModelOptions.From"/>).</summary>
    public OpenAIResponsesModel(OpenAIChatModelOptions options) : this(OpenAIResponsesModelOptions.From(options))
    {
    }

    private protected override PooledBufferWriter WriteRequest(ChatRequest request, bool stream) => Write(request, stream);

    private protected override Uri EndpointFor(bool stream) => _endpoint;

    private protected override ChatResponse ReadResponse(ReadOnlyMemory<byte> json, ChatRequest request)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return ReadResponse(document.RootElement, _options.UsePreviousResponseId);
    }

    private protected override Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> CreateStreamReader(ChatRequest request)
    {
        bool keepResponseId = _options.UsePreviousResponseId;
        return data => ReadEvent(data, keepResponseId);
    }

    private static IEnumerable<ChatStreamUpdate> ReadEvent(ReadOnlyMemory<byte> data, bool keepResponseId)
    {
        using JsonDocument document = JsonDocument.Parse(data);
        JsonElement root = document.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "response.output_text.delta":
                return [new ChatStreamUpdate { TextDelta = root.GetProperty("delta").GetString() }];
            case "response.output_item.added":
            {
                JsonElement item = root.GetProperty("item");
                if (item.GetProperty("type").GetString() != "function_call") return [];
                // The item's id and status are taken from output_item.done: the status here is still in_progress.
                return
                [
                    new ChatStreamUpdate
                    {
                        ToolCallIndex = root.GetProperty("output_index").GetInt32(),
                        ToolCallId = item.GetProperty("call_id").GetString(),
                        ToolName = item.GetProperty("name").GetString(),
                        ArgumentsDelta = item.TryGetProperty("arguments", out JsonElement initial) ? initial.GetString() : "",
                    },
                ];
            }
            case "response.function_call_arguments.delta":
                return [new ChatStreamUpdate { ToolCallIndex = root.GetProperty("output_index").GetInt32(), ArgumentsDelta = root.GetProperty("delta").GetString() }];
            case "response.output_item.done":
            {
                JsonElement item = root.GetProperty("item");
                switch (item.GetProperty("type").GetString())
                {
                    case "reasoning":
                        return [new ChatStreamUpdate { Part = Reasoning(item) }];
                    case "function_call":
                        return
                        [
                            new ChatStreamUpdate
                            {
                                ToolCallIndex = root.GetProperty("output_index").GetInt32(),
                                ToolCallId = item.GetProperty("call_id").GetString(),
                                ToolName = item.GetProperty("name").GetString(),
                                ProviderData = CallData(item),
                            },
                        ];
                    default:
                        return [];
                }
            }
            case "response.completed":
            case "response.incomplete":
            {
                JsonElement response = root.GetProperty("response");
                ChatResponse final = ReadResponse(response, keepResponseId: false);
                var end = new ChatStreamUpdate { FinishReason = final.FinishReason, Usage = final.Usage, ModelId = final.ModelId };
                return keepResponseId && ResponseId(response) is { } id ? [new ChatStreamUpdate { Part = id }, end] : [end];
            }
            case "response.failed":
            case "error":
                string message = root.TryGetProperty("response", out JsonElement failed) && failed.TryGetProperty("error", out JsonElement error) && error.TryGetProperty("message", out JsonElement m)
                    ? m.GetString() ?? "" : root.TryGetProperty("message", out JsonElement plain) ? plain.GetString() ?? "" : Encoding.UTF8.GetString(data.Span);
                throw new ChatModelException(Provider, "The OpenAI stream reported an error: " + message, providerMessage: message);
            default:
                return [];
        }
    }

    private static ChatResponse ReadResponse(JsonElement root, bool keepResponseId)
    {
        var parts = new List<ChatPart>();
        bool hasCalls = false;
        if (root.TryGetProperty("output", out JsonElement output) && output.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in output.EnumerateArray())
            {
                switch (item.GetProperty("type").GetString())
                {
                    case "message":
                        var text = new StringBuilder();
                        foreach (JsonElement part in item.GetProperty("content").EnumerateArray())
                        {
                            if (part.GetProperty("type").GetString() == "output_text") text.Append(part.GetProperty("text").GetString());
                        }
                        if (text.Length > 0) parts.Add(new TextPart(text.ToString()));
                        break;
                    case "reasoning":
                        parts.Add(Reasoning(item));
                        break;
                    case "function_call":
                        string arguments = item.TryGetProperty("arguments", out JsonElement a) && a.GetString() is { Length: > 0 } given ? given : "{}";
                        parts.Add(new ToolCall(item.GetProperty("call_id").GetString() ?? "", item.GetProperty("name").GetString() ?? "", arguments)
                        {
                            ProviderData = CallData(item),
                        });
                        hasCalls = true;
                        break;
                }
            }
        }
        if (keepResponseId && ResponseId(root) is { } id) parts.Add(id);
        string? incomplete = root.TryGetProperty("incomplete_details", out JsonElement details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("reason", out JsonElement reason) ? reason.GetString() : null;
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(parts),
            FinishReason = incomplete switch
            {
                "max_output_tokens" => ChatFinishReason.Length,
                "content_filter" => ChatFinishReason.ContentFilter,
                null => hasCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
                _ => ChatFinishReason.Other,
            },
            Usage = root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object
                ? new ChatUsage(ProviderJson.Long(usage, "input_tokens"), ProviderJson.Long(usage, "output_tokens"))
                {
                    CachedInputTokens = Detail(usage, "input_tokens_details", "cached_tokens"),
                    ReasoningTokens = Detail(usage, "output_tokens_details", "reasoning_tokens"),
                }
                : null,
            ModelId = root.TryGetProperty("model", out JsonElement model) ? model.GetString() : null,
        };
    }

    // A reasoning item as it came (its exact JSON is what goes back), with its id and its summary texts for display.
    private static ReasoningPart Reasoning(JsonElement item)
    {
        string? summary = null;
        if (item.TryGetProperty("summary", out JsonElement parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var texts = new List<string>();
            foreach (JsonElement part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String)
                    texts.Add(text.GetString()!);
            }
            if (texts.Count > 0) summary = string.Join("\n\n", texts);
        }
        return new ReasoningPart(Provider, item.GetRawText())
        {
            Id = item.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            Summary = summary,
        };
    }

    // What a function_call item carries besides the call itself (its id, its status, newer fields), as a JSON object
    // kept in ToolCall.ProviderData and written back as received.
    private static string? CallData(JsonElement item)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        int count = 0;
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            foreach (JsonProperty property in item.EnumerateObject())
            {
                if (property.Name is "type" or "call_id" or "name" or "arguments") continue;
                property.WriteTo(w);
                count++;
            }
            w.WriteEndObject();
        }
        return count == 0 ? null : Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ProviderItemPart? ResponseId(JsonElement response)
    {
        if (!response.TryGetProperty("id", out JsonElement id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } value) return null;
        var buffer = new ArrayBufferWriter<byte>(64);
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            w.WriteString("id", value);
            w.WriteEndObject();
        }
        return new ProviderItemPart(ResponseIdProvider, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // The id kept by ResponseId, or null.
    private static string? StoredResponseId(ChatMessage message)
    {
        foreach (ChatPart part in message.Parts)
        {
            if (part is not ProviderItemPart { Provider: ResponseIdProvider } item) continue;
            try
            {
                using JsonDocument document = JsonDocument.Parse(item.Json);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String)
                    return id.GetString();
            }
            catch (JsonException)
            {
            }
        }
        return null;
    }

    private PooledBufferWriter Write(ChatRequest request, bool stream)
    {
        ChatRequestOptions settings = ChatRequestOptions.Effective(request, _options);
        IReadOnlyList<ChatMessage> messages = request.Messages;
        string? previousResponseId = null;
        int first = 0;
        if (_options.UsePreviousResponseId)
        {
            for (int i = messages.Count - 1; i >= 0; i--)
            {
                if (messages[i].Role == ChatRole.Assistant && StoredResponseId(messages[i]) is { } id)
                {
                    previousResponseId = id;
                    first = i + 1;
                    break;
                }
            }
        }

        var buffer = new PooledBufferWriter();
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            // Instructions never carry over from a previous response, so they are sent every time.
            IEnumerable<string> system = messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text ?? "");
            if (settings.Instructions is { Length: > 0 } extra) system = system.Append(extra);
            string instructions = string.Join("\n\n", system.Where(s => s.Length > 0));
            if (instructions.Length > 0) w.WriteString("instructions", instructions);
            if (previousResponseId is not null) w.WriteString("previous_response_id", previousResponseId);
            w.WriteStartArray("input");
            for (int i = first; i < messages.Count; i++)
            {
                ChatMessage message = messages[i];
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

            ToolChoice? choice = request.ToolChoice;
            IReadOnlyList<ToolDescriptor> tools = ProviderTools.Offered(request, _options.SupportsAllowedTools);
            if (tools.Count > 0)
            {
                w.WriteStartArray("tools");
                foreach (ToolDescriptor tool in tools)
                {
                    // The Responses API treats a missing strict as true, so it is always sent.
                    bool strict = _options.Strict switch { null => tool.Strict, bool all => all } && tool.SupportsStrictSchema;
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
                if (choice is not null) WriteToolChoice(w, choice);
                if (request.AllowParallelToolCalls is { } parallel) w.WriteBoolean("parallel_tool_calls", parallel);
            }
            if (settings.ReasoningEffort is not null || _options.ReasoningSummary is not null)
            {
                w.WriteStartObject("reasoning");
                if (settings.ReasoningEffort is { } effort) w.WriteString("effort", OpenAIChatRequestWriter.Effort(effort));
                if (_options.ReasoningSummary is { } summary)
                    w.WriteString("summary", summary switch { OpenAIReasoningSummary.Concise => "concise", OpenAIReasoningSummary.Detailed => "detailed", _ => "auto" });
                w.WriteEndObject();
            }
            if (_options.Store is { } store)
            {
                w.WriteBoolean("store", store);
                if (!store)
                {
                    // Without stored state the reasoning goes back as its encrypted content.
                    w.WriteStartArray("include");
                    w.WriteStringValue("reasoning.encrypted_content");
                    w.WriteEndArray();
                }
            }
            if (settings.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
            if (settings.TopP is { } topP) w.WriteNumber("top_p", topP);
            if ((settings.MaxOutputTokens ?? _options.MaxOutputTokens) is { } maxTokens) w.WriteNumber("max_output_tokens", maxTokens);
            if (stream) w.WriteBoolean("stream", true);
            w.WriteEndObject();
        }
        return ExtraBody.Merge(buffer, request, _options);
    }

    private void WriteToolChoice(Utf8JsonWriter w, ToolChoice choice)
    {
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
    // verbatim (they are Responses items), its calls as function_call items. A call goes back with its item id and
    // status as received, but the id only when the turn's reasoning goes back too: OpenAI refuses a function_call id
    // "provided without its required 'reasoning' item".
    private static void WriteAssistant(Utf8JsonWriter w, ChatMessage message)
    {
        ChatPart[] parts = [.. ProviderParts.Sent(message, Provider)];
        bool withReasoning = parts.Any(p => p is ReasoningPart);
        foreach (ChatPart part in parts)
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
                    WriteCall(w, call, withReasoning);
                    break;
            }
        }
    }

    private static void WriteCall(Utf8JsonWriter w, ToolCall call, bool withId)
    {
        JsonDocument? data = null;
        string? plainId = null;
        if (call.ProviderData is { Length: > 0 } providerData)
        {
            // Older transcripts kept only the item id, as plain text.
            if (providerData[0] == '{')
            {
                try
                {
                    data = JsonDocument.Parse(providerData);
                    if (data.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        data.Dispose();
                        data = null;
                    }
                }
                catch (JsonException)
                {
                }
            }
            else
            {
                plainId = providerData;
            }
        }
        using (data)
        {
            w.WriteStartObject();
            w.WriteString("type", "function_call");
            if (withId)
            {
                if (data is not null && data.RootElement.TryGetProperty("id", out JsonElement id))
                {
                    w.WritePropertyName("id");
                    id.WriteTo(w);
                }
                else if (plainId is not null) w.WriteString("id", plainId);
            }
            w.WriteString("call_id", call.Id);
            w.WriteString("name", call.Name);
            w.WriteString("arguments", string.IsNullOrEmpty(call.Arguments) ? "{}" : call.Arguments);
            if (data is not null)
            {
                foreach (JsonProperty property in data.RootElement.EnumerateObject())
                {
                    if (property.Name is "id" or "type" or "call_id" or "name" or "arguments") continue;
                    property.WriteTo(w);
                }
            }
            w.WriteEndObject();
        }
    }

    private static long Detail(JsonElement usage, string details, string name) =>
        usage.TryGetProperty(details, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? ProviderJson.Long(value, name) : 0;

    private protected override void AddHeaders(HttpRequestMessage message)
    {
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }
}
