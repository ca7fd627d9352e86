using System;

namespace ToolGen.Chat;

/// <summary>
/// One piece of a message's content: <see cref="TextPart"/>, <see cref="ToolCall"/>, <see cref="ReasoningPart"/>,
/// <see cref="ProviderItemPart"/>, <see cref="ImagePart"/>, or an <see cref="UnknownPart"/> read from a newer transcript.
/// </summary>
public abstract record ChatPart
{
    private protected ChatPart()
    {
    }
}

/// <summary>Text written by the user, the system or the model.</summary>
/// <param name="Text">The text.</param>
public sealed record TextPart(string Text) : ChatPart
{
    /// <summary>The text.</summary>
    public string Text { get; } = Text ?? throw new ArgumentNullException(nameof(Text));
}

/// <summary>A tool call the model asked for.</summary>
/// <param name="Id">The provider's call id, echoed back with the result; the key that makes a call run at most once.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments as JSON text (an object; empty means none), exactly as the model sent them.</param>
public sealed record ToolCall(string Id, string Name, string Arguments) : ChatPart
{
    /// <summary>The provider's call id.</summary>
    public string Id { get; } = Id ?? throw new ArgumentNullException(nameof(Id));

    /// <summary>The tool name.</summary>
    public string Name { get; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The arguments as JSON text.</summary>
    public string Arguments { get; } = Arguments ?? throw new ArgumentNullException(nameof(Arguments));

    /// <summary>
    /// Opaque provider data to send back with the call: Gemini's <c>thoughtSignature</c>, the OpenAI Responses
    /// <c>function_call</c> item id.
    /// </summary>
    public string? ProviderData { get; init; }
}

/// <summary>
/// The model's reasoning, kept so that it can be sent back in the next request of a tool-calling turn (reasoning
/// models need it). The payload is the provider's own data, echoed verbatim; only the provider that wrote it reads it.
/// </summary>
/// <param name="Provider">The provider that produced it (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>, …).</param>
/// <param name="Payload">The provider's data for this reasoning (for example an item's JSON, a signature or encrypted content).</param>
public sealed record ReasoningPart(string Provider, string Payload) : ChatPart
{
    /// <summary>The provider that produced the reasoning.</summary>
    public string Provider { get; } = string.IsNullOrEmpty(Provider) ? throw new ArgumentException("A provider is required.", nameof(Provider)) : Provider;

    /// <summary>The provider's data, echoed verbatim.</summary>
    public string Payload { get; } = Payload ?? throw new ArgumentNullException(nameof(Payload));

    /// <summary>The provider's id for the reasoning, when it has one.</summary>
    public string? Id { get; init; }

    /// <summary>Readable reasoning or a summary of it, when the provider returns one (for display; never sent back as text).</summary>
    public string? Summary { get; init; }
}

/// <summary>
/// Something a provider returned that ToolGen does not model but that must go back to the same provider unchanged in
/// later requests (for example a server-side tool call item).
/// </summary>
/// <param name="Provider">The provider that produced it.</param>
/// <param name="Json">The item as the provider sent it, as JSON text.</param>
public sealed record ProviderItemPart(string Provider, string Json) : ChatPart
{
    /// <summary>The provider that produced the item.</summary>
    public string Provider { get; } = string.IsNullOrEmpty(Provider) ? throw new ArgumentException("A provider is required.", nameof(Provider)) : Provider;

    /// <summary>The item as JSON text.</summary>
    public string Json { get; } = string.IsNullOrEmpty(Json) ? throw new ArgumentException("The item's JSON is required.", nameof(Json)) : Json;
}

/// <summary>An image in a user message: a URL, or bytes with their media type.</summary>
public sealed record ImagePart : ChatPart
{
    private ImagePart(string mediaType, Uri? url, ReadOnlyMemory<byte> data)
    {
        MediaType = mediaType;
        Url = url;
        Data = data;
    }

    /// <summary>The media type, for example <c>image/png</c>.</summary>
    public string MediaType { get; }

    /// <summary>Where the model fetches the image, or <see langword="null"/> for an image sent as <see cref="Data"/>.</summary>
    public Uri? Url { get; }

    /// <summary>The image bytes; empty for an image sent as a <see cref="Url"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>An image the model fetches from <paramref name="url"/> (absolute <c>http</c>, <c>https</c> or <c>data</c> URL).</summary>
    public static ImagePart FromUrl(Uri url, string mediaType = "image/png")
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https" or "data"))
            throw new ArgumentException($"An image URL must be an absolute http, https or data URL, not \"{url.OriginalString}\".", nameof(url));
        return new ImagePart(CheckMediaType(mediaType), url, default);
    }

    /// <summary>An image sent inline as <paramref name="data"/>. The bytes are not copied and must not change afterwards.</summary>
    public static ImagePart FromBytes(ReadOnlyMemory<byte> data, string mediaType)
    {
        if (data.IsEmpty) throw new ArgumentException("The image has no bytes.", nameof(data));
        return new ImagePart(CheckMediaType(mediaType), null, data);
    }

    /// <summary>Whether <paramref name="other"/> is the same image: the same media type and URL, or the same bytes.</summary>
    public bool Equals(ImagePart? other) =>
        ReferenceEquals(this, other) || other is not null && MediaType == other.MediaType && Url == other.Url && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MediaType, Url, Data.Length);

    /// <summary>The image as a <c>data:</c> URL when it is inline, else its URL.</summary>
    public string ToUrlString() => Url is { } url ? url.OriginalString : $"data:{MediaType};base64,{Convert.ToBase64String(Data.Span)}";

    private static string CheckMediaType(string mediaType)
    {
        if (string.IsNullOrEmpty(mediaType) || !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"An image needs an image/* media type, not \"{mediaType}\".", nameof(mediaType));
        return mediaType;
    }
}

/// <summary>
/// A part of a kind this version of ToolGen does not know, read from a transcript a newer version wrote. It is kept
/// and written back verbatim; it is never sent to a model.
/// </summary>
/// <param name="Json">The part as it was stored, as JSON text.</param>
public sealed record UnknownPart(string Json) : ChatPart
{
    /// <summary>The part as JSON text.</summary>
    public string Json { get; } = string.IsNullOrEmpty(Json) ? throw new ArgumentException("The part's JSON is required.", nameof(Json)) : Json;
}
