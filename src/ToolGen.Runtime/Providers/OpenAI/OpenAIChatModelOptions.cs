using System;
using System.Collections.Generic;
using System.Net.Http;

namespace ToolGen;

/// <summary>
/// Settings of <see cref="OpenAIChatModel"/>. <see cref="BaseUrl"/> and <see cref="Headers"/> make it serve any
/// OpenAI-compatible Chat Completions endpoint (Ollama, vLLM, llama.cpp, Azure OpenAI's v1 endpoint).
/// </summary>
public sealed record OpenAIChatModelOptions
{
    /// <summary>The model, for example <c>gpt-4.1-mini</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The API key, sent as <c>Authorization: Bearer …</c>; none for local servers.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The API root; <c>chat/completions</c> is appended. Default <c>https://api.openai.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.openai.com/v1/");

    /// <summary>Extra headers for every request (for example <c>api-key</c> for Azure, or an organization header).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Send every tool that has a strict schema with <c>strict: true</c> (tools marked <c>[Tool(Strict = true)]</c> always are). Default false.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether the server understands <c>tool_choice: {"type":"allowed_tools"}</c>. When false, a restricted choice is sent
    /// by offering only the allowed tools. Default true (OpenAI); set false for servers that reject it.
    /// </summary>
    public bool SupportsAllowedTools { get; init; } = true;

    /// <summary>Sampling temperature, when set.</summary>
    public double? Temperature { get; init; }

    /// <summary>The most tokens to generate, when set (<c>max_completion_tokens</c>).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>How long one attempt may take. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of throttled, failed or timed-out attempts. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay, doubled each time, with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The HttpClient to use; a shared one by default.</summary>
    public HttpClient? HttpClient { get; init; }
}
