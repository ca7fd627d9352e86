using System;
using ToolGen.Providers;

namespace ToolGen.Providers.OpenAI;

/// <summary>
/// Settings of <see cref="OpenAIChatModel"/>. <see cref="BaseUrl"/> and <see cref="ChatModelOptions.Headers"/> make it serve any
/// OpenAI-compatible Chat Completions endpoint (Ollama, vLLM, llama.cpp, Azure OpenAI's v1 endpoint).
/// </summary>
public sealed record OpenAIChatModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>chat/completions</c> is appended. Default <c>https://api.openai.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.openai.com/v1/");

    /// <summary>Send every tool that has a strict schema with <c>strict: true</c> (tools marked <c>[Tool(Strict = true)]</c> always are). Default false.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether the server understands <c>tool_choice: {"type":"allowed_tools"}</c>. When false, a restricted choice is sent
    /// by offering only the allowed tools. Default true (OpenAI); set false for servers that reject it.
    /// </summary>
    public bool SupportsAllowedTools { get; init; } = true;

    /// <summary>The most tokens to generate, when set (<c>max_completion_tokens</c>).</summary>
    public int? MaxOutputTokens { get; init; }
}
