using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ToolGen.Chat;
using ToolGen.Shared;

namespace ToolGen.Transcripts;

/// <summary>
/// The JSON of one message part, both ways, by hand: <c>{"type":"text","text":…}</c>, <c>toolCall</c>,
/// <c>reasoning</c>, <c>providerItem</c> (its item embedded as raw JSON), <c>image</c>, and any other type kept as an
/// <see cref="UnknownPart"/> holding the part's exact JSON, written back verbatim.
/// </summary>
internal sealed class TranscriptPartConverter : JsonConverter<ChatPart>
{
    private static readonly string[] s_textMembers = ["type", "text"];
    private static readonly string[] s_toolCallMembers = ["type", "id", "name", "arguments", "providerData"];
    private static readonly string[] s_reasoningMembers = ["type", "provider", "payload", "id", "summary"];
    private static readonly string[] s_providerItemMembers = ["type", "provider", "item"];
    private static readonly string[] s_imageMembers = ["type", "mediaType", "url", "data"];

    /// <inheritdoc/>
    public override ChatPart Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(JsonElement.ParseValue(ref reader));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ChatPart value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case TextPart text:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TranscriptNames.TextPart);
                writer.WriteString("text"u8, text.Text);
                writer.WriteEndObject();
                break;
            case ToolCall call:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TranscriptNames.ToolCallPart);
                writer.WriteString("id"u8, call.Id);
                writer.WriteString("name"u8, call.Name);
                writer.WriteString("arguments"u8, call.Arguments);
                if (call.ProviderData is { } data) writer.WriteString("providerData"u8, data);
                writer.WriteEndObject();
                break;
            case ReasoningPart reasoning:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TranscriptNames.ReasoningPart);
                writer.WriteString("provider"u8, reasoning.Provider);
                writer.WriteString("payload"u8, reasoning.Payload);
                if (reasoning.Id is { } id) writer.WriteString("id"u8, id);
                if (reasoning.Summary is { } summary) writer.WriteString("summary"u8, summary);
                writer.WriteEndObject();
                break;
            case ProviderItemPart item:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TranscriptNames.ProviderItemPart);
                writer.WriteString("provider"u8, item.Provider);
                writer.WritePropertyName("item"u8);
                writer.WriteRawValue(TrimJson(item.Json), skipInputValidation: true);   // Checked by Problem.
                writer.WriteEndObject();
                break;
            case ImagePart image:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TranscriptNames.ImagePart);
                writer.WriteString("mediaType"u8, image.MediaType);
                if (image.Url is { } url) writer.WriteString("url"u8, url.OriginalString);
                else writer.WriteBase64String("data"u8, image.Data.Span);
                writer.WriteEndObject();
                break;
            case UnknownPart unknown:
                writer.WriteRawValue(unknown.Json, skipInputValidation: true);   // Checked by Problem.
                break;
            default:
                throw new ArgumentException($"A {value?.GetType().Name ?? "null"} part cannot be written to a transcript.", nameof(value));
        }
    }

    /// <summary>
    /// Why <paramref name="part"/> cannot be written so that it reads back the same, or null when it can: a provider
    /// item that is not one JSON value, an unknown part that is not an object of an unknown type, embedded JSON nested
    /// deeper than <see cref="TranscriptPreflight.MaxEmbeddedDepth"/> levels.
    /// </summary>
    public static string? Problem(ChatPart part)
    {
        switch (part)
        {
            case ProviderItemPart item:
            {
                if (!ParseEmbedded(TrimJson(item.Json), out JsonDocument? parsed, out string? error)) return "the provider item is not " + error;
                parsed.Dispose();
                return null;
            }
            case UnknownPart unknown:
            {
                if (!ParseEmbedded(unknown.Json, out JsonDocument? parsed, out string? error)) return "the unknown part is not " + error;
                using (parsed)
                {
                    JsonElement root = parsed.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return "an unknown part is a JSON object, not " + TranscriptErrorText.Describe(root) + ".";
                    if (TypeOf(root, out string? type, out _) is { } problem) return problem;
                    return TranscriptNames.IsKnownPartType(type!) ? $"an unknown part cannot have the known type \"{type}\"." : null;
                }
            }
            case TextPart or ToolCall or ReasoningPart or ImagePart:
                return null;
            default:
                return $"a {part?.GetType().Name ?? "null"} part cannot be written to a transcript.";
        }
    }

    /// <summary>The part <paramref name="part"/>.</summary>
    /// <exception cref="TranscriptPartException">A problem, with its path relative to the part.</exception>
    internal static ChatPart Read(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object) throw new TranscriptPartException("", $"a part is an object, not {TranscriptErrorText.Describe(part)}.");
        if (TypeOf(part, out string? type, out string typePath) is { } problem) throw new TranscriptPartException(typePath, problem);
        switch (type)
        {
            case TranscriptNames.TextPart:
            {
                JsonElement?[] members = Members(part, type, s_textMembers);
                return new TextPart(RequiredString(members, s_textMembers, 1, type));
            }
            case TranscriptNames.ToolCallPart:
            {
                JsonElement?[] members = Members(part, type, s_toolCallMembers);
                return new ToolCall(RequiredString(members, s_toolCallMembers, 1, type), RequiredString(members, s_toolCallMembers, 2, type),
                    RequiredString(members, s_toolCallMembers, 3, type))
                {
                    ProviderData = OptionalString(members, s_toolCallMembers, 4),
                };
            }
            case TranscriptNames.ReasoningPart:
            {
                JsonElement?[] members = Members(part, type, s_reasoningMembers);
                return new ReasoningPart(RequiredProvider(members, s_reasoningMembers, 1, type), RequiredString(members, s_reasoningMembers, 2, type))
                {
                    Id = OptionalString(members, s_reasoningMembers, 3),
                    Summary = OptionalString(members, s_reasoningMembers, 4),
                };
            }
            case TranscriptNames.ProviderItemPart:
            {
                JsonElement?[] members = Members(part, type, s_providerItemMembers);
                string provider = RequiredProvider(members, s_providerItemMembers, 1, type);
                if (members[2] is not { } item) throw Missing("item", type);
                string json = item.GetRawText();
                if (!ParseEmbedded(json, out JsonDocument? parsed, out string? error)) throw new TranscriptPartException(".item", "the provider item is not " + error);
                parsed.Dispose();
                return new ProviderItemPart(provider, json);
            }
            case TranscriptNames.ImagePart:
                return ReadImage(part, type);
            default:
            {
                string json = part.GetRawText();
                if (!ParseEmbedded(json, out JsonDocument? parsed, out string? error)) throw new TranscriptPartException("", "the unknown part is not " + error);
                parsed.Dispose();
                return new UnknownPart(json);
            }
        }
    }

    private static ImagePart ReadImage(JsonElement part, string type)
    {
        JsonElement?[] members = Members(part, type, s_imageMembers);
        string mediaType = RequiredString(members, s_imageMembers, 1, type);
        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            throw new TranscriptPartException(".mediaType", $"an image needs an image/* media type, not {TranscriptErrorText.Quote(mediaType)}.");
        string? url = OptionalString(members, s_imageMembers, 2);
        if (url is not null && members[3] is not null) throw new TranscriptPartException("", "an image has \"url\" or \"data\", not both.");
        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https" or "data"))
                throw new TranscriptPartException(".url", "an image URL is an absolute http, https or data URL.");
            return ImagePart.FromUrl(uri, mediaType);
        }
        if (members[3] is not { } data) throw new TranscriptPartException("", "an image needs \"url\" or \"data\".");
        if (data.ValueKind != JsonValueKind.String) throw WrongType(".data", "a base64 string", data);
        if (!data.TryGetBytesFromBase64(out byte[]? bytes)) throw new TranscriptPartException(".data", "not valid base64.");
        if (bytes.Length == 0) throw new TranscriptPartException(".data", "an image has at least one byte.");
        return ImagePart.FromBytes(bytes, mediaType);
    }

    // Null when `part` has exactly one "type", a string; else what is wrong, and where in the part.
    private static string? TypeOf(JsonElement part, out string? type, out string path)
    {
        type = null;
        path = ".type";
        foreach (JsonProperty member in part.EnumerateObject())
        {
            if (!member.NameEquals("type"u8)) continue;
            if (type is not null) return "the member appears twice.";
            if (member.Value.ValueKind != JsonValueKind.String) return $"expected a string, found {TranscriptErrorText.Describe(member.Value)}.";
            type = member.Value.GetString()!;
        }
        path = "";
        return type is null ? "a part needs a \"type\"." : null;
    }

    // The members of a known part, by their place in `names`; a member not in `names` or given twice is refused.
    private static JsonElement?[] Members(JsonElement part, string type, string[] names)
    {
        var members = new JsonElement?[names.Length];
        foreach (JsonProperty member in part.EnumerateObject())
        {
            int index = names.Length - 1;
            while (index >= 0 && !member.NameEquals(names[index])) index--;
            if (index < 0)
            {
                throw new TranscriptPartException(ToolNameRules.PropertyPath("", member.Name),
                    $"unknown member of {PartName(type)}, which has {string.Join(", ", names[..^1])} and {names[^1]}.");
            }
            if (index > 0 && members[index] is not null) throw new TranscriptPartException("." + names[index], "the member appears twice.");
            members[index] = member.Value;
        }
        return members;
    }

    private static string RequiredString(JsonElement?[] members, string[] names, int index, string type) =>
        OptionalString(members, names, index) ?? throw Missing(names[index], type);

    private static string RequiredProvider(JsonElement?[] members, string[] names, int index, string type)
    {
        string provider = RequiredString(members, names, index, type);
        return provider.Length > 0 ? provider : throw new TranscriptPartException("." + names[index], "the provider cannot be empty.");
    }

    private static string? OptionalString(JsonElement?[] members, string[] names, int index)
    {
        if (members[index] is not { } value) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType("." + names[index], "a string", value);
    }

    private static TranscriptPartException Missing(string name, string type) => new("", $"{PartName(type)} needs \"{name}\".");

    private static string PartName(string type) => (type == TranscriptNames.ImagePart ? "an " : "a ") + type + " part";

    private static TranscriptPartException WrongType(string path, string expected, JsonElement found) =>
        new(path, $"expected {expected}, found {TranscriptErrorText.Describe(found)}.");

    // Whether `json` is one JSON value nested at most MaxEmbeddedDepth levels; if not, why ("valid JSON: …").
    private static bool ParseEmbedded(string json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = TranscriptPreflight.MaxEmbeddedDepth });
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)   // ArgumentException: text that is not valid UTF-16.
        {
            document = null;
            error = $"valid JSON nested at most {TranscriptPreflight.MaxEmbeddedDepth.ToString(CultureInfo.InvariantCulture)} levels deep: {ex.Message}";
            return false;
        }
    }

    // JSON whitespace around a value is not part of it, and is not kept by a reader.
    private static string TrimJson(string json) => json.Trim(s_jsonWhitespace);

    private static readonly char[] s_jsonWhitespace = [' ', '\t', '\r', '\n'];
}

/// <summary>A problem in a part, with its path relative to the part (<c>.data</c>); the serializer adds the part's own path.</summary>
internal sealed class TranscriptPartException(string relativePath, string problem) : JsonException(problem)
{
    /// <summary>The path of the problem inside the part: empty for the part itself, else <c>.member</c>.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
