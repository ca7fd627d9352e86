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

    /// <summary>
    /// The most tokens to generate, when set (<c>generationConfig.maxOutputTokens</c>; a request's or
    /// <see cref="ChatModelOptions.DefaultRequestOptions"/>' <see cref="ChatRequestOptions.MaxOutputTokens"/> wins).
    /// </summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// <c>generationConfig.thinkingConfig</c>, when set. A request's <see cref="ChatRequestOptions.ReasoningEffort"/>
    /// replaces its budget or level and keeps <see cref="GeminiThinking.IncludeThoughts"/>.
    /// </summary>
    public GeminiThinking? Thinking { get; init; }
}

/// <summary>
/// Google Gemini <c>generateContent</c> / <c>streamGenerateContent?alt=sse</c>: tools as <c>functionDeclarations</c>
/// with <c>parametersJsonSchema</c> in the subset Gemini accepts (the Gemini dialect the generator builds, <see cref="ToolSchemaDialect.Gemini"/>), tool choice as
/// <c>functionCallingConfig</c> (only when the request sets a choice), calls detected by their <c>functionCall</c> parts
/// (echoed back with their <c>thoughtSignature</c>), results as <c>functionResponse</c> parts with <c>output</c> or
/// <c>error</c>. Thought parts (<c>"thought": true</c>) and text parts that carry a <c>thoughtSignature</c> are kept as
/// <see cref="ReasoningPart"/>s holding the part's exact JSON and sent back verbatim, in order.
/// </summary>
public sealed class GeminiModel : HttpChatModel
{
    private const string Provider = "gemini";
    private const string GeneratedIdPrefix = "gemini-call-";   // Ids ToolGen made up for calls without one; never sent back.

    private readonly GeminiModelOptions _options;
    private readonly Uri _complete;
    private readonly Uri _stream;

    /// <summary>Creates a model client.</summary>
    public GeminiModel(GeminiModelOptions options)
        : base(Provider, "Gemini", options, "x-goog-request-id")
    {
        if (options.Thinking is { Budget: not null, Level: not null })
            throw new ArgumentException("Set GeminiThinking.Budget or GeminiThinking.Level, not both: Gemini refuses a request with both.", nameof(options));
        _options = options;
        string root = options.BaseUrl.AbsoluteUri;
        var baseUri = new Uri(root.EndsWith('/') ? root : root + "/");
        _complete = new Uri(baseUri, "models/" + Uri.EscapeDataString(options.Model) + ":generateContent");
        _stream = new Uri(baseUri, "models/" + Uri.EscapeDataString(options.Model) + ":streamGenerateContent?alt=sse");
    }

    private protected override PooledBufferWriter WriteRequest(ChatRequest request, bool stream) => Write(request);

    private protected override Uri EndpointFor(bool stream) => stream ? _stream : _complete;

    private protected override ChatResponse ReadResponse(ReadOnlyMemory<byte> json, ChatRequest request)
    {
        var assembler = new ChatStreamAssembler();
        int index = 0;
        foreach (ChatStreamUpdate update in ReadChunk(json, ref index, request.Tools)) assembler.Add(update);
        return assembler.ToResponse();
    }

    private protected override Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> CreateStreamReader(ChatRequest request)
    {
        var calls = new CallCounter();
        return data => ReadChunk(data, ref calls.Count, request.Tools);
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
                    bool hasText = part.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String;
                    if (part.TryGetProperty("thought", out JsonElement thought) && thought.ValueKind == JsonValueKind.True)
                    {
                        // A thought summary (and/or its signature): kept whole, echoed verbatim, never part of the answer's text.
                        string? summary = hasText ? text.GetString() : null;
                        updates.Add(new ChatStreamUpdate { Part = new ReasoningPart(Provider, part.GetRawText()) { Summary = string.IsNullOrEmpty(summary) ? null : summary }, ModelId = modelId });
                        continue;
                    }
                    if (hasText)
                    {
                        updates.Add(new ChatStreamUpdate { TextDelta = text.GetString(), ModelId = modelId });
                        // A signed text part: the text is the answer's, the part is kept whole so that the signature goes
                        // back on the exact text it was made for (see WriteModelParts).
                        if (part.TryGetProperty("thoughtSignature", out _))
                            updates.Add(new ChatStreamUpdate { Part = new ReasoningPart(Provider, part.GetRawText()), ModelId = modelId });
                    }
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
            updates.Add(new ChatStreamUpdate { Usage = Usage(usage), ModelId = modelId });
        return updates;
    }

    // totalTokenCount = promptTokenCount + toolUsePromptTokenCount + candidatesTokenCount + thoughtsTokenCount: thoughts are
    // not in candidatesTokenCount, so the output is both; cachedContentTokenCount is part of promptTokenCount.
    private static ChatUsage Usage(JsonElement usage)
    {
        long thoughts = ProviderJson.Long(usage, "thoughtsTokenCount");
        return new ChatUsage(ProviderJson.Long(usage, "promptTokenCount") + ProviderJson.Long(usage, "toolUsePromptTokenCount"), ProviderJson.Long(usage, "candidatesTokenCount") + thoughts)
        {
            CachedInputTokens = ProviderJson.Long(usage, "cachedContentTokenCount"),
            ReasoningTokens = thoughts,
        };
    }

    private PooledBufferWriter Write(ChatRequest request)
    {
        ChatRequestOptions options = ChatRequestOptions.Effective(request, _options);
        var buffer = new PooledBufferWriter();
        using (ProviderJson.Write(buffer, out Utf8JsonWriter w))
        {
            w.WriteStartObject();
            string system = string.Join("\n\n", request.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
            if (system.Length > 0 || !string.IsNullOrEmpty(options.Instructions))
            {
                w.WriteStartObject("systemInstruction");
                w.WriteStartArray("parts");
                if (system.Length > 0) TextPart(w, system);
                if (!string.IsNullOrEmpty(options.Instructions)) TextPart(w, options.Instructions);   // After the conversation's own.
                w.WriteEndArray();
                w.WriteEndObject();
            }
            WriteContents(w, request.Messages);

            ToolChoice choice = request.ToolChoice ?? ToolChoice.Auto;
            IReadOnlyList<ToolDescriptor> tools = ProviderTools.Offered(request, serverRestricts: false);
            if (tools.Count > 0)
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

                if (request.ToolChoice is not null)   // Unset: Gemini's default (AUTO) without saying so.
                {
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
            }
            WriteGenerationConfig(w, options);
            w.WriteEndObject();
        }
        return ExtraBody.Merge(buffer, request, _options);
    }

    // generationConfig: the request's settings over the model's defaults; left out when nothing is set.
    private void WriteGenerationConfig(Utf8JsonWriter w, ChatRequestOptions options)
    {
        int? maxOutputTokens = options.MaxOutputTokens ?? _options.MaxOutputTokens;
        GeminiThinking? thinking = Thinking(options.ReasoningEffort);
        if (options.Temperature is null && maxOutputTokens is null && options.TopP is null && options.Stop is not { Count: > 0 } && options.Seed is null && thinking is null)
            return;
        w.WriteStartObject("generationConfig");
        if (options.Temperature is { } temperature) w.WriteNumber("temperature", temperature);
        if (maxOutputTokens is { } max) w.WriteNumber("maxOutputTokens", max);
        if (options.TopP is { } topP) w.WriteNumber("topP", topP);
        if (options.Stop is { Count: > 0 } stop)
        {
            w.WriteStartArray("stopSequences");
            foreach (string sequence in stop) w.WriteStringValue(sequence);
            w.WriteEndArray();
        }
        if (options.Seed is { } seed) w.WriteNumber("seed", seed);
        if (thinking is not null)
        {
            w.WriteStartObject("thinkingConfig");
            if (thinking.IncludeThoughts is { } include) w.WriteBoolean("includeThoughts", include);
            if (thinking.Budget is { } budget) w.WriteNumber("thinkingBudget", budget);
            if (thinking.Level is { } level)
                w.WriteString("thinkingLevel", level switch { GeminiThinkingLevel.Minimal => "MINIMAL", GeminiThinkingLevel.Low => "LOW", GeminiThinkingLevel.Medium => "MEDIUM", _ => "HIGH" });
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The thinking settings sent: <see cref="GeminiModelOptions.Thinking"/>, with a reasoning effort in place of its budget
    /// or level. An effort becomes a budget when the options set one or the model is a Gemini 1 or 2 (budgets from Google's
    /// OpenAI-compatibility mapping: none 0, minimal and low 1024, medium 8192, high 24576), else a Gemini 3
    /// <c>thinkingLevel</c> (none, which Gemini 3 cannot turn off, is <c>MINIMAL</c>).
    /// </summary>
    internal GeminiThinking? Thinking(ReasoningEffort? effort)
    {
        GeminiThinking? configured = _options.Thinking;
        if (effort is not { } value) return configured;
        string model = _options.Model.StartsWith("models/", StringComparison.Ordinal) ? _options.Model.Substring(7) : _options.Model;
        bool budget = configured?.Budget is not null
            || configured?.Level is null && (model.StartsWith("gemini-1", StringComparison.Ordinal) || model.StartsWith("gemini-2", StringComparison.Ordinal));
        return budget
            ? new GeminiThinking
            {
                IncludeThoughts = configured?.IncludeThoughts,
                Budget = value switch { ReasoningEffort.None => 0, ReasoningEffort.Minimal or ReasoningEffort.Low => 1024, ReasoningEffort.Medium => 8192, _ => 24576 },
            }
            : new GeminiThinking
            {
                IncludeThoughts = configured?.IncludeThoughts,
                Level = value switch
                {
                    ReasoningEffort.None or ReasoningEffort.Minimal => GeminiThinkingLevel.Minimal,
                    ReasoningEffort.Low => GeminiThinkingLevel.Low,
                    ReasoningEffort.Medium => GeminiThinkingLevel.Medium,
                    _ => GeminiThinkingLevel.High,
                },
            };
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
                    WriteModelParts(w, message);
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

    // In order: text, this provider's parts (thoughts, code…) verbatim, functionCall parts. A signed text part (a
    // ReasoningPart holding a non-thought part with text) stands for its text: that text is cut out of the message's text,
    // which goes around it, so the signature goes back on the text it was made for and the text is not sent twice. A signed
    // part whose text is no longer in the message (the text was edited) is dropped with its signature.
    private static void WriteModelParts(Utf8JsonWriter w, ChatMessage message)
    {
        List<ChatPart> parts = [.. ProviderParts.Sent(message, Provider)];
        var segments = new List<object>(parts.Count + 2);   // string: a text part to write; ChatPart: a part.
        string? text = null;     // The open text part's text, and how much of it is placed.
        int placed = 0;
        int open = -1;           // The segment that receives text up to the next signed part.
        foreach (ChatPart part in parts)
        {
            switch (part)
            {
                case TextPart textPart:
                    Close();
                    text = textPart.Text;
                    placed = 0;
                    open = segments.Count;
                    segments.Add("");
                    break;
                case ReasoningPart reasoning when SignedText(reasoning.Payload) is { Length: > 0 } signed:
                    int at = text is null ? -1 : text.IndexOf(signed, placed, StringComparison.Ordinal);
                    if (at < 0) break;
                    segments[open] = text!.Substring(placed, at - placed);
                    segments.Add(part);
                    placed = at + signed.Length;
                    open = segments.Count;
                    segments.Add("");
                    break;
                default:
                    segments.Add(part);
                    break;
            }
        }
        Close();

        foreach (object segment in segments)
        {
            switch (segment)
            {
                case string { Length: > 0 } plain:
                    TextPart(w, plain);
                    break;
                case ReasoningPart or ProviderItemPart:
                    ProviderParts.WriteVerbatim(w, (ChatPart)segment);
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

        void Close()
        {
            if (text is not null) segments[open] = text.Substring(placed);
            text = null;
        }
    }

    // The text of a signed answer part (a part with text, not a thought); null for anything else, which is written as it is.
    private static string? SignedText(string payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement part = document.RootElement;
            if (part.ValueKind != JsonValueKind.Object) return null;
            if (part.TryGetProperty("thought", out JsonElement thought) && thought.ValueKind == JsonValueKind.True) return null;
            return part.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        }
        catch (JsonException)
        {
            return null;   // Refused by WriteVerbatim with the usual message.
        }
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

    private protected override void AddHeaders(HttpRequestMessage message)
    {
        if (_options.ApiKey is { Length: > 0 } key) message.Headers.TryAddWithoutValidation("x-goog-api-key", key);
    }
}
