using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Providers;

/// <summary>
/// The skeleton every HTTP adapter shares: the transport (retries, timeouts, errors with redaction, the
/// <c>User-Agent</c>), the request with its JSON body, the caller's extra headers, and the complete and streaming calls.
/// An adapter is only its wire format: a request writer, a response reader and a stream reader, its endpoint and its
/// credentials. Adapters do not depend on one another; what they share lives here, in <see cref="HttpChatTransport"/>,
/// <see cref="ProviderJson"/> and <see cref="ProviderParts"/>.
/// </summary>
public abstract class HttpChatModel : IChatModel
{
    private readonly ChatModelOptions _options;
    private readonly string _displayName;

    private protected HttpChatModel(string provider, string displayName, ChatModelOptions options, string requestIdHeader)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderName = provider;
        _displayName = displayName;
        _options = options;
        Transport = new HttpChatTransport(provider, options, requestIdHeader);
        _addHeaders = AddHeaders;
    }

    private readonly Action<HttpRequestMessage> _addHeaders;   // Made once: not a delegate per request.

    /// <summary>The provider name used in errors and telemetry (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>).</summary>
    public string ProviderName { get; }

    private protected HttpChatTransport Transport { get; }

    /// <summary>
    /// The request body for <paramref name="request"/>, in a pooled buffer the caller disposes; throws
    /// <see cref="ArgumentException"/> for settings the API would refuse.
    /// </summary>
    private protected abstract PooledBufferWriter WriteRequest(ChatRequest request, bool stream);

    /// <summary>Where the request goes.</summary>
    private protected abstract Uri EndpointFor(bool stream);

    /// <summary>Adds the credentials and the provider's own headers (an API version…).</summary>
    private protected abstract void AddHeaders(HttpRequestMessage message);

    /// <summary>The answer in a complete response body (valid only during the call: it is a pooled buffer).</summary>
    private protected abstract ChatResponse ReadResponse(ReadOnlyMemory<byte> json, ChatRequest request);

    /// <summary>
    /// A reader for the events of one streamed answer (it may keep state across events). It reads each event eagerly and
    /// may return the same list for every event: its updates are taken before the next event is read.
    /// </summary>
    private protected abstract Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> CreateStreamReader(ChatRequest request);

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using PooledBufferWriter body = WriteRequest(request, stream: false);
        Uri endpoint = EndpointFor(stream: false);
        (PooledBufferWriter json, int status) = await Transport.PostForBodyAsync(endpoint, body.WrittenMemory, _addHeaders, cancellationToken).ConfigureAwait(false);
        using (json)
        {
            try
            {
                return ReadResponse(json.WrittenMemory, request);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new ChatModelException(ProviderName, $"The {_displayName} response could not be read: " + exception.Message, status, innerException: exception);
            }
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using PooledBufferWriter body = WriteRequest(request, stream: true);
        Uri endpoint = EndpointFor(stream: true);
        using HttpResponseMessage response = await Transport.PostAsync(endpoint, body.WrittenMemory, _addHeaders, cancellationToken).ConfigureAwait(false);
        await foreach (ChatStreamUpdate update in Transport.ReadUpdatesAsync(response, CreateStreamReader(request), cancellationToken).ConfigureAwait(false))
            yield return update;
    }
}
