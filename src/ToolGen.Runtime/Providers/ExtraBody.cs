using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ToolGen.Providers;

/// <summary>
/// Adds the caller's extra top-level properties (the model's <see cref="ChatModelOptions.DefaultRequestOptions"/>, then
/// the request's <see cref="Chat.ChatRequest.Options"/>, which wins name by name) to a request body a provider wrote: fields ToolGen does
/// not model reach the API unchanged. A property the body already has is refused rather than sent twice.
/// </summary>
internal static class ExtraBody
{
    /// <summary><paramref name="body"/> (one compact JSON object) with the extra properties appended.</summary>
    /// <exception cref="ArgumentException">An extra body is not a JSON object, or names a property the body has.</exception>
    public static PooledBufferWriter Merge(PooledBufferWriter body, Chat.ChatRequest request, ChatModelOptions model)
    {
        string? modelExtra = model.DefaultRequestOptions?.ExtraBody, requestExtra = request.Options?.ExtraBody;
        if (string.IsNullOrEmpty(modelExtra) && string.IsNullOrEmpty(requestExtra)) return body;
        byte[] merged = Merge(body.WrittenSpan.ToArray(), modelExtra, requestExtra);
        body.Clear();
        body.Write(merged);
        return body;
    }

    /// <summary><paramref name="body"/> (one compact JSON object) with the extra properties appended.</summary>
    /// <exception cref="ArgumentException">An extra body is not a JSON object, or names a property the body has.</exception>
    public static byte[] Merge(byte[] body, string? modelExtra, string? requestExtra)
    {
        if (string.IsNullOrEmpty(modelExtra) && string.IsNullOrEmpty(requestExtra)) return body;

        var written = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(body);
        reader.Read();   // The body's start.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            written.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        var extra = new List<(string Name, string Json)>();
        Collect(requestExtra, nameof(Chat.ChatRequestOptions) + "." + nameof(Chat.ChatRequestOptions.ExtraBody), written, extra, overridable: null);
        Collect(modelExtra, nameof(ChatModelOptions.DefaultRequestOptions) + "." + nameof(Chat.ChatRequestOptions.ExtraBody), written, extra, overridable: extra);
        if (extra.Count == 0) return body;

        var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
        buffer.Write(body.AsSpan(0, body.Length - 1));   // Without the closing brace.
        bool first = body.Length == 2;
        foreach ((string name, string json) in extra)
        {
            if (!first) buffer.Write(","u8);
            first = false;
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStringValue(name);
            }
            buffer.Write(":"u8);
            buffer.Write(Encoding.UTF8.GetBytes(json));
        }
        buffer.Write("}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Collect(string? json, string source, HashSet<string> written, List<(string Name, string Json)> into, List<(string Name, string Json)>? overridable)
    {
        if (string.IsNullOrEmpty(json)) return;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"{source} is not valid JSON: {exception.Message}", nameof(json), exception);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{source} must be a JSON object of extra request properties, not a {document.RootElement.ValueKind}.", nameof(json));
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (written.Contains(property.Name))
                    throw new ArgumentException($"{source} sets \"{property.Name}\", which ToolGen already writes for this request; use the option that sets it instead.", nameof(json));
                if (overridable is not null && overridable.Exists(p => p.Name == property.Name)) continue;   // The request's value wins.
                into.Add((property.Name, property.Value.GetRawText()));
            }
        }
    }
}
