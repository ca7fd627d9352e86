using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ToolGen.Chat;

namespace ToolGen.Providers;

/// <summary>What the adapters share when they write a message's parts.</summary>
internal static class ProviderParts
{
    /// <summary>
    /// The parts of <paramref name="message"/> a provider sends, in order: adjacent text parts joined into one (as
    /// <see cref="ChatMessage.Text"/> joins them), images, tool calls, and the reasoning and provider items of
    /// <paramref name="provider"/> (none when it is null). Another provider's items and unknown parts are skipped, and do
    /// not split the text around them.
    /// </summary>
    public static IEnumerable<ChatPart> Sent(ChatMessage message, string? provider)
    {
        TextPart? first = null;
        StringBuilder? joined = null;
        foreach (ChatPart part in message.Parts)
        {
            switch (part)
            {
                case TextPart text when first is null:
                    first = text;
                    continue;
                case TextPart text:
                    (joined ??= new StringBuilder(first.Text)).Append(text.Text);
                    continue;
                case ReasoningPart reasoning when !IsOwn(reasoning.Provider, provider):
                case ProviderItemPart item when !IsOwn(item.Provider, provider):
                case UnknownPart:
                    continue;
            }
            if (first is not null)
            {
                yield return joined is null ? first : new TextPart(joined.ToString());
                first = null;
                joined = null;
            }
            yield return part;
        }
        if (first is not null) yield return joined is null ? first : new TextPart(joined.ToString());
    }

    /// <summary>Whether <paramref name="message"/> holds an image (its user content then goes as a list of parts).</summary>
    public static bool HasImage(ChatMessage message)
    {
        foreach (ChatPart part in message.Parts)
        {
            if (part is ImagePart) return true;
        }
        return false;
    }

    private static bool IsOwn(string partProvider, string? provider) =>
        provider is not null && string.Equals(partProvider, provider, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Writes a reasoning part's payload or a provider item's JSON verbatim. It must be one JSON value (the provider's own
    /// item, block or part); anything else is refused before the request is sent.
    /// </summary>
    public static void WriteVerbatim(Utf8JsonWriter w, ChatPart part)
    {
        (string json, string provider, string what) = part switch
        {
            ReasoningPart reasoning => (reasoning.Payload, reasoning.Provider, "reasoning payload"),
            ProviderItemPart item => (item.Json, item.Provider, "provider item"),
            _ => throw new ArgumentException($"A {part.GetType().Name} is not echoed verbatim.", nameof(part)),
        };
        try
        {
            w.WriteRawValue(json);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new ArgumentException($"A {what} of \"{provider}\" is not one JSON value: {exception.Message}", nameof(part), exception);
        }
    }

    /// <summary>
    /// The image as base64 data with its media type, when it is inline: its bytes, or a <c>data:</c> URL (whose own media
    /// type wins). False for an <c>http</c>/<c>https</c> URL.
    /// </summary>
    public static bool TryGetInline(ImagePart image, out string mediaType, out string base64)
    {
        mediaType = image.MediaType;
        if (image.Url is not { } url)
        {
            base64 = Convert.ToBase64String(image.Data.Span);
            return true;
        }
        base64 = "";
        if (!string.Equals(url.Scheme, "data", StringComparison.OrdinalIgnoreCase)) return false;

        // data:[<media type>][;<parameter>…][;base64],<data>
        string text = url.OriginalString;
        int comma = text.IndexOf(',');
        if (comma < 0) throw new ArgumentException($"The data URL of an image has no data: \"{Shorten(text)}\".", nameof(image));
        string header = text.Substring(5, comma - 5);   // After "data:".
        string data = text.Substring(comma + 1);
        string[] pieces = header.Split(';');
        if (pieces[0].Length > 0) mediaType = pieces[0];
        bool isBase64 = pieces.Length > 1 && string.Equals(pieces[^1], "base64", StringComparison.OrdinalIgnoreCase);
        base64 = isBase64 ? Uri.UnescapeDataString(data) : Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(data)));
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
}
