using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
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

namespace ToolGen.Providers.Gemini;

/// <summary>Settings of <see cref="GeminiModel"/>.</summary>
public sealed record GeminiModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>models/{model}:generateContent</c> is appended. Default <c>https://generativelanguage.googleapis.com/v1beta/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://generativelanguage.googleapis.com/v1beta/");

    /// <summary>The most tokens to generate, when set.</summary>
    public int? MaxOutputTokens { get; init; }
}

/// <summary>
/// Google Gemini <c>generateContent</c> / <c>streamGenerateContent?alt=sse</c>: tools as <c>functionDeclarations</c>
/// with <c>parametersJsonSchema</c> in the subset Gemini accepts (the Gemini dialect the generator builds, <see cref="ToolSchemaDialect.Gemini"/>), tool choice as
/// <c>functionCallingConfig</c>, calls detected by their <c>functionCall</c> parts (echoed back with their
/// <c>thoughtSignature</c>), results as <c>functionResponse</c> parts with <c>output</c> or <c>error</c>.
/// </summary>
public sealed class GeminiModel : IChatModel
{
    private const string Provider = "gemini";
    private const string GeneratedIdPrefix = "gemini-call-";   // Ids ToolGen made up for calls without one; never sent back.

    private readonly GeminiModelOptions _options;
    private readonly HttpChatTransport _transport;
    private readonly Uri _complete;
    private readonly Uri _stream;

    /// <summary>Creates a model client.</summary>
    public GeminiModel(GeminiModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new HttpChatTransport(Provider, options, "x-goog-request-id");
        string root = options.BaseUrl.AbsoluteUri;
        var baseUri = new Uri(root.EndsWith('/') ? root : root + "/");
        _complete = new Uri(baseUri, "models/" + Uri.EscapeDataString(options.Model) + ":generateContent");
        _stream = new Uri(baseUri, "models/" + Uri.EscapeDataString(options.Model) + ":streamGenerateContent?alt=sse");
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(_complete, body), cancellationToken).ConfigureAwait(false);
        byte[] json = await _transport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            var assembler = new ChatStreamAssembler();
            int index = 0;
            foreach (ChatStreamUpdate update in ReadChunk(json, ref index, request.Tools)) assembler.Add(update);
            return assembler.ToResponse();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ChatModelException(Provider, "The Gemini response could not be read: " + exception.Message, (int)response.StatusCode, innerException: exception);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] body = Write(request);
        using HttpResponseMessage response = await _transport.SendAsync(() => Post(_stream, body), cancellationToken).ConfigureAwait(false);
        var calls = new CallCounter();
        await foreach (ChatStreamUpdate update in _transport.ReadUpdatesAsync(response,
            data => ReadChunk(Encoding.UTF8.GetBytes(data), ref calls.Count, request.Tools), cancellationToken).ConfigureAwait(false))
            yield return update;
    }

    // Calls arrive whole across chunks; each gets the next index.
    private sealed class CallCounter
    {
        public int Count;
    }

    // Each chunk (and the whole non-streamed answer) is a GenerateContentResponse; function calls arrive whole.
    // Gemini names must start with a letter or '_'; a ToolGen name starting with a digit or '-' is sent with a '_' prefix.
    internal static string ToGeminiName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') ? name : "_" + name;

    private static string FromGeminiName(string name, IReadOnlyList<ToolDescriptor> tools)
    {
        foreach (ToolDescriptor tool in tools)
        {
            if (ToGeminiName(tool.Name) == name) return tool.Name;
        }
        return name;
    }

    private static List<ChatStreamUpdate> ReadChunk(ReadOnlyMemory<byte> json, ref int callIndex, IReadOnlyList<ToolDescriptor> tools)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        string? modelId = root.TryGetProperty("modelVersion", out JsonElement version) ? version.GetString() : null;
        var updates = new List<ChatStreamUpdate>();
        bool hasCalls = false;
        if (root.TryGetProperty("candidates", out JsonElement candidates) && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() > 0)
        {
            JsonElement candidate = candidates[0];
            if (candidate.TryGetProperty("content", out JsonElement content) && content.TryGetProperty("parts", out JsonElement parts))
            {
                foreach (JsonElement part in parts.EnumerateArray())
                {
                    if (part.TryGetProperty("text", out JsonElement text) && !(part.TryGetProperty("thought", out JsonElement thought) && thought.ValueKind == JsonValueKind.True))
                        updates.Add(new ChatStreamUpdate { TextDelta = text.GetString(), ModelId = modelId });
                    if (part.TryGetProperty("functionCall", out JsonElement call))
                    {
                        hasCalls = true;
                        int index = callIndex++;
                        updates.Add(new ChatStreamUpdate
                        {
                            ToolCallIndex = index,
                            ToolCallId = call.TryGetProperty("id", out JsonElement id) && id.GetString() is { Length: > 0 } given ? given : GeneratedIdPrefix + Guid.NewGuid().ToString("N"),
                            ToolName = FromGeminiName(call.GetProperty("name").GetString() ?? "", tools),
                            ArgumentsDelta = call.TryGetProperty("args", out JsonElement args) ? args.GetRawText() : "{}",
                            ProviderData = part.TryGetProperty("thoughtSignature", out JsonElement signature) ? signature.GetString() : null,
                            ModelId = modelId,
                        });
                    }
                }
            }
            if (candidate.TryGetProperty("finishReason", out JsonElement reason))
                updates.Add(new ChatStreamUpdate { FinishReason = FinishReason(reason.GetString(), hasCalls || callIndex > 0), ModelId = modelId });
        }
        if (root.TryGetProperty("usageMetadata", out JsonElement usage))
            updates.Add(new ChatStreamUpdate { Usage = new ChatUsage(Long(usage, "promptTokenCount"), Long(usage, "candidatesTokenCount")), ModelId = modelId });
        return updates;
    }

    private byte[] Write(ChatRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, OpenAIChatModel.WriterOptions))
        {
            w.WriteStartObject();
            string system = string.Join("\n\n", request.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
            if (system.Length > 0)
            {
                w.WriteStartObject("systemInstruction");
                w.WriteStartArray("parts");
                TextPart(w, system);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            WriteContents(w, request.Messages);

            ToolChoice choice = request.ToolChoice ?? ToolChoice.Auto;
            ToolDescriptor[] tools = [.. request.Tools.Where(t => choice.AllowedTools is not { } allowed || allowed.Contains(t.Name, StringComparer.Ordinal))];
            if (tools.Length > 0)
            {
                w.WriteStartArray("tools");
                w.WriteStartObject();
                w.WriteStartArray("functionDeclarations");
                foreach (ToolDescriptor tool in tools)
                {
                    w.WriteStartObject();
                    w.WriteString("name", ToGeminiName(tool.Name));
                    if (tool.Description.Length > 0) w.WriteString("description", tool.Description);
                    w.WritePropertyName("parametersJsonSchema");
                    w.WriteRawValue(tool.GetParametersSchema(ToolSchemaDialect.Gemini).Span, skipInputValidation: true);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();

                w.WriteStartObject("toolConfig");
                w.WriteStartObject("functionCallingConfig");
                w.WriteString("mode", choice.Mode switch { ToolChoiceMode.Required or ToolChoiceMode.Specific => "ANY", ToolChoiceMode.None => "NONE", _ => "AUTO" });
                if (choice.Mode == ToolChoiceMode.Specific)
                {
                    w.WriteStartArray("allowedFunctionNames");
                    w.WriteStringValue(ToGeminiName(choice.ToolName!));
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            if (_options.Temperature is not null || _options.MaxOutputTokens is not null)
            {
                w.WriteStartObject("generationConfig");
                if (_options.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
                if (_options.MaxOutputTokens is { } max) w.WriteNumber("maxOutputTokens", max);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // Function responses go in a user content of their own (Gemini treats mixed contents as the model's).
    private static void WriteContents(Utf8JsonWriter w, IReadOnlyList<ChatMessage> messages)
    {
        w.WriteStartArray("contents");
        int i = 0;
        while (i < messages.Count)
        {
            ChatMessage message = messages[i];
            switch (message.Role)
            {
                case ChatRole.System:
                    i++;
                    break;
                case ChatRole.User:
                    w.WriteStartObject();
                    w.WriteString("role", "user");
                    w.WriteStartArray("parts");
                    WriteUserParts(w, message);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    i++;
                    break;
                case ChatRole.Assistant:
                    w.WriteStartObject();
                    w.WriteString("role", "model");
                    w.WriteStartArray("parts");
                    // In order: text, this provider's parts (thoughts, code…) verbatim, functionCall parts.
                    foreach (ChatPart part in ProviderParts.Sent(message, Provider))
                    {
                        switch (part)
                        {
                            case TextPart text when text.Text.Length > 0:
                                TextPart(w, text.Text);
                                break;
                            case ReasoningPart or ProviderItemPart:
                                ProviderParts.WriteVerbatim(w, part);
                                break;
                            case ToolCall call:
                                w.WriteStartObject();
                                w.WriteStartObject("functionCall");
                                w.WriteString("name", ToGeminiName(call.Name));
                                w.WritePropertyName("args");
                                WriteObject(w, call.Arguments);
                                if (!call.Id.StartsWith(GeneratedIdPrefix, StringComparison.Ordinal)) w.WriteString("id", call.Id);
                                w.WriteEndObject();
                                if (call.ProviderData is not null) w.WriteString("thoughtSignature", call.ProviderData);   // Echoed verbatim, as Gemini requires.
                                w.WriteEndObject();
                                break;
                        }
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                    i++;
                    break;
                default:
                    w.WriteStartObject();
                    w.WriteString("role", "user");
                    w.WriteStartArray("parts");
                    while (i < messages.Count && messages[i].Role == ChatRole.Tool)
                    {
                        ChatMessage result = messages[i++];
                        w.WriteStartObject();
                        w.WriteStartObject("functionResponse");
                        w.WriteString("name", ToGeminiName(result.ToolName ?? ""));
                        if (result.ToolCallId is { } id && !id.StartsWith(GeneratedIdPrefix, StringComparison.Ordinal)) w.WriteString("id", id);
                        w.WriteStartObject("response");
                        w.WritePropertyName(result.IsError ? "error" : "output");
                        WriteValue(w, result.Text ?? "", result.IsJson);
                        w.WriteEndObject();
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                    break;
            }
        }
        w.WriteEndArray();
    }

    private static void TextPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    // A JSON result is sent as its value; a text result or an error as a string (even one that looks like JSON).
    private static void WriteValue(Utf8JsonWriter w, string content, bool isJson)
    {
        if (isJson)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(content);
                document.RootElement.WriteTo(w);
                return;
            }
            catch (JsonException)
            {
            }
        }
        w.WriteStringValue(content);
    }

    // A user message's text and images, in order: inline images as inlineData, URLs as fileData.
    private static void WriteUserParts(Utf8JsonWriter w, ChatMessage message)
    {
        bool any = false;
        foreach (ChatPart part in ProviderParts.Sent(message, Provider))
        {
            switch (part)
            {
                case TextPart text:
                    TextPart(w, text.Text);
                    any = true;
                    break;
                case ImagePart image:
                    w.WriteStartObject();
                    if (ProviderParts.TryGetInline(image, out string mediaType, out string data))
                    {
                        w.WriteStartObject("inlineData");
                        w.WriteString("mimeType", mediaType);
                        w.WriteString("data", data);
                    }
                    else
                    {
                        w.WriteStartObject("fileData");
                        w.WriteString("mimeType", image.MediaType);
                        w.WriteString("fileUri", image.Url!.OriginalString);
                    }
                    w.WriteEndObject();
                    w.WriteEndObject();
                    any = true;
                    break;
            }
        }
        if (!any) TextPart(w, "");   // Only parts that are never sent: the message stays, as before parts.
    }

    private static void WriteObject(Utf8JsonWriter w, string arguments)
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

    private static ChatFinishReason FinishReason(string? reason, bool hasCalls) => reason switch
    {
        "STOP" or null => hasCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        "MAX_TOKENS" => ChatFinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };

    private static long Long(JsonElement element, string name) => HttpChatTransport.Long(element, name);

    private HttpRequestMessage Post(Uri endpoint, byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.TryAddWithoutValidation("x-goog-api-key", key);
        foreach (KeyValuePair<string, string> header in _options.Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }
}
