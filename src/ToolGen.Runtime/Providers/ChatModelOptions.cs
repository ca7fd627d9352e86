using System;
using System.Collections.Generic;
using System.Net.Http;

namespace ToolGen.Providers;

/// <summary>Settings every provider adapter shares: the model, credentials, extra headers and the transport's limits.</summary>
public abstract record ChatModelOptions
{
    /// <summary>The model name the provider knows.</summary>
    public required string Model { get; init; }

    /// <summary>The API key; none for local servers.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Extra headers for every request.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Sampling temperature, when set (a request's <see cref="Chat.ChatRequestOptions.Temperature"/> wins).</summary>
    public double? Temperature { get; init; }

    /// <summary>
    /// Settings sent with every request unless the request sets its own (<see cref="Chat.ChatRequest.Options"/> wins
    /// property by property).
    /// </summary>
    public Chat.ChatRequestOptions? DefaultRequestOptions { get; init; }

    /// <summary>Appended to ToolGen's <c>User-Agent</c> (<c>ToolGen/&lt;version&gt;</c>), for example <c>my-app/1.2</c>.</summary>
    public string? UserAgentSuffix { get; init; }

    /// <summary>How long one attempt may take. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of throttled, overloaded, failed or timed-out attempts. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay, doubled each time, with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The HttpClient to use; a shared one by default.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>
    /// <paramref name="text"/> with the API key and every long header value (other credentials) replaced by
    /// <c>[redacted]</c>: error messages quote provider responses, and some providers echo the key they were sent.
    /// </summary>
    internal string Redact(string text)
    {
        if (ApiKey is { Length: > 0 } key) text = text.Replace(key, "[redacted]", StringComparison.Ordinal);
        foreach (string value in Headers?.Values ?? [])
        {
            if (value.Length >= 8) text = text.Replace(value, "[redacted]", StringComparison.Ordinal);
        }
        return text;
    }
}
