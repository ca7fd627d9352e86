using System;
using ToolGen.Providers;

namespace ToolGen.Providers.OpenAI;

/// <summary>
/// Settings of <see cref="OpenAIChatModel"/>. <see cref="BaseUrl"/> and <see cref="ChatModelOptions.Headers"/> make it serve any
/// OpenAI-compatible Chat Completions endpoint (Ollama, vLLM, llama.cpp, DeepSeek, Azure OpenAI's v1 endpoint).
/// </summary>
public sealed record OpenAIChatModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>chat/completions</c> is appended. Default <c>https://api.openai.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.openai.com/v1/");

    /// <summary>
    /// Strict mode (Structured Outputs) for the tools. <see langword="null"/> (the default): only tools marked
    /// <c>[Tool(Strict = true)]</c> are sent with <c>strict: true</c>, the others without <c>strict</c>. <see langword="true"/>:
    /// every tool whose schema can be strict is sent strict. <see langword="false"/>: every tool is sent with <c>strict: false</c>,
    /// even the ones marked strict.
    /// </summary>
    public bool? Strict { get; init; }

    /// <summary>
    /// Whether the server understands <c>tool_choice: {"type":"allowed_tools"}</c>. When false, a restricted choice is sent
    /// by offering only the allowed tools. Default true (OpenAI); set false for servers that reject it.
    /// </summary>
    public bool SupportsAllowedTools { get; init; } = true;

    /// <summary>The most tokens to generate, when set (<c>max_completion_tokens</c>; a request's <see cref="Chat.ChatRequestOptions.MaxOutputTokens"/> wins).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// Send the reasoning a compatible server returned as <c>reasoning_content</c> (DeepSeek, vLLM; kept as a
    /// <see cref="Chat.ReasoningPart"/> of provider <see cref="OpenAIChatModel.ReasoningProvider"/>) back on the assistant
    /// messages of the current tool-calling turn (those after the last user message), as thinking-mode servers require.
    /// Default false: OpenAI itself has no such input.
    /// </summary>
    public bool EchoReasoningContent { get; init; }
}
