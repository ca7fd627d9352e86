using System;
using ToolGen.Chat;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Providers;

/// <summary>
/// Creates a model client from environment variables, for samples and quick experiments. See docs/providers.md:
/// <c>TOOLGEN_PROVIDER</c> (<c>openai</c>, <c>anthropic</c> or <c>gemini</c>; otherwise the first provider with a key or,
/// for OpenAI-compatible servers, a base URL), <c>OPENAI_API_KEY</c> / <c>OPENAI_BASE_URL</c> / <c>OPENAI_MODEL</c>,
/// <c>ANTHROPIC_API_KEY</c> / <c>ANTHROPIC_MODEL</c>, <c>GEMINI_API_KEY</c> / <c>GEMINI_MODEL</c>.
/// </summary>
public static class ChatModelEnvironment
{
    /// <summary>The default OpenAI model.</summary>
    public const string DefaultOpenAIModel = "gpt-4.1-mini";

    /// <summary>The default Anthropic model.</summary>
    public const string DefaultAnthropicModel = "claude-sonnet-4-5";

    /// <summary>The default Gemini model.</summary>
    public const string DefaultGeminiModel = "gemini-2.5-flash";

    /// <summary>The configured model, or null when the environment names none.</summary>
    /// <exception cref="InvalidOperationException"><c>TOOLGEN_PROVIDER</c> names an unknown provider or one without its key.</exception>
    public static IChatModel? Create() => Create(Environment.GetEnvironmentVariable);

    /// <summary>The configured model, reading variables through <paramref name="variable"/> (for tests).</summary>
    public static IChatModel? Create(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;
        string? provider = Get("TOOLGEN_PROVIDER")?.ToLowerInvariant();
        provider ??= Get("OPENAI_API_KEY") is not null || Get("OPENAI_BASE_URL") is not null ? "openai"
            : Get("ANTHROPIC_API_KEY") is not null ? "anthropic"
            : Get("GEMINI_API_KEY") is not null ? "gemini"
            : null;

        switch (provider)
        {
            case null:
                return null;
            case "openai":
                string? baseUrl = Get("OPENAI_BASE_URL");
                if (Get("OPENAI_API_KEY") is null && baseUrl is null) throw Missing("openai", "OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)");
                var options = new OpenAIChatModelOptions { Model = Get("OPENAI_MODEL") ?? DefaultOpenAIModel, ApiKey = Get("OPENAI_API_KEY") };
                return new OpenAIChatModel(baseUrl is null ? options : options with { BaseUrl = new Uri(baseUrl) });
            case "anthropic":
                return new AnthropicModel(new AnthropicModelOptions
                {
                    Model = Get("ANTHROPIC_MODEL") ?? DefaultAnthropicModel,
                    ApiKey = Get("ANTHROPIC_API_KEY") ?? throw Missing("anthropic", "ANTHROPIC_API_KEY"),
                });
            case "gemini":
                return new GeminiModel(new GeminiModelOptions
                {
                    Model = Get("GEMINI_MODEL") ?? DefaultGeminiModel,
                    ApiKey = Get("GEMINI_API_KEY") ?? throw Missing("gemini", "GEMINI_API_KEY"),
                });
            default:
                throw new InvalidOperationException($"TOOLGEN_PROVIDER is '{provider}'; use openai, anthropic or gemini.");
        }
    }

    private static InvalidOperationException Missing(string provider, string variable) =>
        new($"TOOLGEN_PROVIDER is {provider}, but {variable} is not set.");
}
