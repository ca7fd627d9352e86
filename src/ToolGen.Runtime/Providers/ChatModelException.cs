using System;

namespace ToolGen.Providers;

/// <summary>
/// A provider refused or failed a request: carries the HTTP status, the provider's own error message and the request id
/// (for support tickets). It never contains the API key.
/// </summary>
public sealed class ChatModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatModelException(string provider, string message, int? statusCode = null, string? providerMessage = null, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
        RequestId = requestId;
    }

    /// <summary>The provider, for example <c>openai</c>.</summary>
    public string Provider { get; }

    /// <summary>The HTTP status, or null when no response arrived (connection failure, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>The error message from the provider's response body, when it had one.</summary>
    public string? ProviderMessage { get; }

    /// <summary>The provider's request id, when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>Whether retrying later may succeed (throttling, server errors, timeouts, connection failures).</summary>
    public bool IsTransient => StatusCode is null or 408 or 429 or >= 500;
}
