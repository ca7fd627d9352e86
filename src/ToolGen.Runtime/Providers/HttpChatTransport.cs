using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace ToolGen.Providers;

/// <summary>
/// Sends provider requests: retries 408/429/500/502/503/504 and connection failures with exponential backoff and jitter
/// (honoring <c>Retry-After</c>), applies a per-attempt timeout, and turns every other failure into a
/// <see cref="ChatModelException"/> with the status, the provider's message and the request id.
/// </summary>
internal sealed class HttpChatTransport
{
    private static readonly HttpClient s_sharedClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private readonly string _provider;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private readonly string? _requestIdHeader;

    private readonly ChatModelOptions _options;

    public HttpChatTransport(string provider, ChatModelOptions options, string? requestIdHeader)
    {
        if (options.MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries cannot be negative.");
        _provider = provider;
        _options = options;
        _client = options.HttpClient ?? s_sharedClient;
        _timeout = options.Timeout;
        _maxRetries = options.MaxRetries;
        _baseDelay = options.RetryBaseDelay;
        _requestIdHeader = requestIdHeader;
        _userAgent = string.IsNullOrWhiteSpace(options.UserAgentSuffix) ? DefaultUserAgent : DefaultUserAgent + " " + options.UserAgentSuffix.Trim();
    }

    /// <summary>What every request says it is, unless the caller's headers name a <c>User-Agent</c> of their own.</summary>
    public const string DefaultUserAgent = "ToolGen/" + ThisAssembly.Version;

    private readonly string _userAgent;

    /// <summary>
    /// Posts <paramref name="body"/> (JSON, sent from the caller's buffer on every attempt: no copy) to
    /// <paramref name="endpoint"/> and returns the successful response with its headers read; the per-attempt timeout
    /// covers the wait for the headers. The body of the response is the caller's to read.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(Uri endpoint, ReadOnlyMemory<byte> body, Action<HttpRequestMessage> addHeaders, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            using CancellationTokenSource timeout = StartTimeout(cancellationToken);
            (HttpResponseMessage? response, TimeSpan? retryIn) = await AttemptAsync(endpoint, body, addHeaders, attempt, timeout.Token, cancellationToken).ConfigureAwait(false);
            if (response is not null) return response;
            await Task.Delay(retryIn!.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Posts <paramref name="body"/> like <see cref="PostAsync"/> and reads the whole response body into a pooled buffer
    /// the caller disposes; one per-attempt timeout covers both (the headers arriving in time does not mean the body
    /// will): a body that stalls or is cut off is a <see cref="ChatModelException"/>. Returns the body and the status.
    /// </summary>
    public async Task<(PooledBufferWriter Body, int Status)> PostForBodyAsync(Uri endpoint, ReadOnlyMemory<byte> body, Action<HttpRequestMessage> addHeaders, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            using CancellationTokenSource timeout = StartTimeout(cancellationToken);
            (HttpResponseMessage? response, TimeSpan? retryIn) = await AttemptAsync(endpoint, body, addHeaders, attempt, timeout.Token, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                using (response) return (await ReadBodyAsync(response, timeout.Token, cancellationToken).ConfigureAwait(false), (int)response.StatusCode);
            }
            await Task.Delay(retryIn!.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    // The per-attempt timer, linked to the caller's token (a plain one when nothing else can cancel).
    private CancellationTokenSource StartTimeout(CancellationToken cancellationToken)
    {
        CancellationTokenSource timeout = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
        timeout.CancelAfter(_timeout);
        return timeout;
    }

    // One attempt: the successful response, or how long to wait before the next attempt; throws when no attempt is left
    // or the failure is not worth another.
    private async Task<(HttpResponseMessage? Response, TimeSpan? RetryIn)> AttemptAsync(Uri endpoint, ReadOnlyMemory<byte> body,
        Action<HttpRequestMessage> addHeaders, int attempt, CancellationToken timeout, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        Exception? failure = null;
        try
        {
            using HttpRequestMessage request = Post(endpoint, body, addHeaders);
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return (response, null);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            failure = new ChatModelException(_provider, $"The {_provider} request timed out after {Seconds(_timeout)} seconds.", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            failure = new ChatModelException(_provider, $"The {_provider} request failed: {_options.Redact(exception.Message)}", innerException: exception);
        }

        if (response is not null)
        {
            int status = (int)response.StatusCode;
            bool retryable = status is 408 or 429 or 500 or 502 or 503 or 504 or 529;   // 529: Anthropic is overloaded.
            if (!retryable || attempt >= _maxRetries)
            {
                ChatModelException error = await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw error;
            }
            TimeSpan delay = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            return (null, delay);
        }
        if (attempt >= _maxRetries) throw failure!;
        return (null, Backoff(attempt));
    }

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    // The request of one attempt: the body is sent from the caller's buffer as it is.
    private HttpRequestMessage Post(Uri endpoint, ReadOnlyMemory<byte> body, Action<HttpRequestMessage> addHeaders)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(body) };
        message.Content.Headers.ContentType = s_json;
        addHeaders(message);
        if (_options.Headers is { } headers)
        {
            foreach (KeyValuePair<string, string> header in headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (!message.Headers.Contains("User-Agent")) message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        return message;
    }

    /// <summary>The error for a stream that ended before its final event (a cut connection or a crashed server).</summary>
    public static ChatModelException Truncated(string provider) =>
        new(provider, $"The {provider} stream ended before the response was complete; the partial answer was discarded.");

    /// <summary>The error for a stream event that is not the JSON it should be.</summary>
    public static ChatModelException Malformed(string provider, Exception exception) =>
        new(provider, $"The {provider} stream sent an event that could not be read: {exception.Message}", innerException: exception);

    /// <summary>
    /// Reads a provider's event stream: <paramref name="read"/> turns each event's data into updates. A stream that ends
    /// without a finish reason is cut short, and an event <paramref name="read"/> cannot parse is malformed: both are
    /// <see cref="ChatModelException"/>s rather than a silently partial answer.
    /// </summary>
    public async IAsyncEnumerable<ChatStreamUpdate> ReadUpdatesAsync(HttpResponseMessage response,
        Func<ReadOnlyMemory<byte>, IEnumerable<ChatStreamUpdate>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string provider = _provider;
        bool finished = false;
        await foreach ((string? _, ReadOnlyMemory<byte> data) in ReadEventsAsync(response, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ChatStreamUpdate> updates;
            try
            {
                // Readers return what they read as a list (copied only if one ever returns a lazy sequence, so that its
                // failures are caught here); it is read before the next event is.
                IEnumerable<ChatStreamUpdate> produced = read(data);
                updates = produced as IReadOnlyList<ChatStreamUpdate> ?? [.. produced];
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw Malformed(provider, exception);
            }
            catch (ChatModelException exception)
            {
                // An error event quotes the provider; keep credentials out of it.
                throw new ChatModelException(provider, _options.Redact(exception.Message), exception.StatusCode,
                    exception.ProviderMessage is { } message ? _options.Redact(message) : null, exception.RequestId);
            }
            for (int i = 0; i < updates.Count; i++)
            {
                ChatStreamUpdate update = updates[i];
                finished |= update.FinishReason is not null;
                yield return update;
            }
        }
        if (!finished) throw Truncated(provider);
    }

    // Reads a whole response body into a pooled buffer the caller disposes, within the attempt's timeout.
    private async Task<PooledBufferWriter> ReadBodyAsync(HttpResponseMessage response, CancellationToken timeout, CancellationToken cancellationToken)
    {
        long? length = response.Content.Headers.ContentLength;
        var body = new PooledBufferWriter(length is > 0 and < 1 << 20 ? (int)length.Value : 4096);
        bool complete = false;
        try
        {
            // Into a pooled buffer the caller disposes once the answer is read: no array per response.
            using Stream stream = await response.Content.ReadAsStreamAsync(timeout).ConfigureAwait(false);
            while (true)
            {
                int read = await stream.ReadAsync(body.GetMemory(length is null ? 4096 : 1), timeout).ConfigureAwait(false);
                if (read == 0)
                {
                    complete = true;
                    return body;
                }
                body.Advance(read);
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatModelException(_provider, $"The {_provider} response body did not arrive within {Seconds(_timeout)} seconds.", (int)response.StatusCode, innerException: exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new ChatModelException(_provider, $"The {_provider} response was cut off: {_options.Redact(exception.Message)}", (int)response.StatusCode, innerException: exception);
        }
        finally
        {
            if (!complete) body.Dispose();
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads server-sent events: yields the data of each event as UTF-8 (valid until the next event is read); stops at
    /// <c>[DONE]</c> or the end of the stream. A stream that sends nothing for the per-attempt timeout, or whose
    /// connection breaks, is a <see cref="ChatModelException"/>.
    /// </summary>
    /// <remarks>
    /// The stream is read as UTF-8 bytes into one pooled buffer and split into lines there, and an event's data is
    /// handed over as bytes for the provider's JSON reader: no string per line or per event (only an event's name), no
    /// reader, no task per line.
    /// </remarks>
    public async IAsyncEnumerable<(string? Event, ReadOnlyMemory<byte> Data)> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = new ServerSentEvents();
        try
        {
            while (true)
            {
                // Every complete line in the buffer first; then more bytes.
                while (events.NextLine() is { } line)
                {
                    if (events.Add(line) is { } completed)
                    {
                        if (completed.Data.Span.SequenceEqual("[DONE]"u8)) yield break;
                        yield return completed;
                    }
                }
                int read = await ReadAsync(stream, events.FreeSpace(), idle, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (events.Finish() is { } last && !last.Data.Span.SequenceEqual("[DONE]"u8)) yield return last;
                    yield break;
                }
                events.Filled(read);
            }
        }
        finally
        {
            events.Dispose();
        }
    }

    private async Task<int> ReadAsync(Stream stream, Memory<byte> into, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        idle.CancelAfter(_timeout);   // Armed for each read only: the limit is on the server's silence, not on the consumer.
        try
        {
            return await stream.ReadAsync(into, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatModelException(_provider, $"The {_provider} stream sent nothing for {Seconds(_timeout)} seconds.", innerException: exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new ChatModelException(_provider, $"The {_provider} stream was cut off: {_options.Redact(exception.Message)}", innerException: exception);
        }
        finally
        {
            idle.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);   // Disarmed while the caller handles what was read.
        }
    }

    private async Task<ChatModelException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The error body gets the same timeout as any body; one that stalls or breaks just leaves the message out.
        string body = "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            body = _options.Redact(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
        }
        string? providerMessage = ProviderMessage(body);   // From the redacted body, so a cut cannot leave part of a key.
        string? requestId = _requestIdHeader is not null && response.Headers.TryGetValues(_requestIdHeader, out IEnumerable<string>? values) ? string.Join(",", values) : null;
        int status = (int)response.StatusCode;
        string message = $"The {_provider} request failed with HTTP {status.ToString(CultureInfo.InvariantCulture)} ({response.ReasonPhrase})"
            + (providerMessage is null ? "" : ": " + providerMessage)
            + (requestId is null ? "." : $" (request id {requestId}).");
        return new ChatModelException(_provider, _options.Redact(message), status, providerMessage, requestId);
    }

    // {"error":{"message":"..."}} (OpenAI, Anthropic, Gemini all nest it so), or {"error":"..."} / {"message":"..."} (compatible servers).
    private static string? ProviderMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("error", out JsonElement error))
            {
                if (error.ValueKind == JsonValueKind.String) return error.GetString();
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String) return message.GetString();
            }
            if (root.TryGetProperty("message", out JsonElement plain) && plain.ValueKind == JsonValueKind.String) return plain.GetString();
        }
        catch (JsonException)
        {
        }
        return body.Length <= 300 ? body : body[..300] + "…";
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        TimeSpan? delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is null) return null;
        return delay.Value < TimeSpan.Zero ? TimeSpan.Zero : delay.Value > TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : delay.Value;
    }

    // Exponential backoff with full jitter: up to base × 2^attempt, capped at 30 seconds.
    private TimeSpan Backoff(int attempt)
    {
        double ceiling = Math.Min(30_000, _baseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
