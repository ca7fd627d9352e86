using System;
using Microsoft.Extensions.Configuration;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace WebService.Models;

/// <summary>Chooses the model from the <c>ToolGen</c> configuration section, read by hand (no reflection binding).</summary>
public static class ChatModels
{
    /// <summary>
    /// <c>ToolGen:Provider</c>: <c>offline</c> (the default: <see cref="OfflineOrderModel"/>), <c>openai</c>,
    /// <c>anthropic</c>, <c>gemini</c> (with <c>ToolGen:Model</c>, <c>ToolGen:ApiKey</c> and, optionally,
    /// <c>ToolGen:BaseUrl</c>), or <c>environment</c> (ToolGen's <c>ChatModelEnvironment</c>: OPENAI_API_KEY and friends).
    /// </summary>
    /// <exception cref="InvalidOperationException">The section names an unknown provider or lacks what it needs.</exception>
    public static (IChatModel Model, string Description) Create(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection("ToolGen");
        string provider = (section["Provider"] is { Length: > 0 } p ? p : "offline").ToLowerInvariant();
        string? model = section["Model"] is { Length: > 0 } m ? m : null;
        string? apiKey = section["ApiKey"] is { Length: > 0 } k ? k : null;
        Uri? baseUrl = section["BaseUrl"] is { Length: > 0 } u
            ? (Uri.TryCreate(u, UriKind.Absolute, out Uri? parsed) ? parsed : throw new InvalidOperationException($"ToolGen:BaseUrl '{u}' is not an absolute URL."))
            : null;

        switch (provider)
        {
            case "offline":
                return (new OfflineOrderModel(), "offline rules (no network)");
            case "openai":
                if (apiKey is null && baseUrl is null) throw Missing("openai", "ToolGen:ApiKey (or ToolGen:BaseUrl for a local OpenAI-compatible server)");
                var openAI = new OpenAIChatModelOptions { Model = model ?? ChatModelEnvironment.DefaultOpenAIModel, ApiKey = apiKey };
                return (new OpenAIChatModel(baseUrl is null ? openAI : openAI with { BaseUrl = baseUrl }), $"openai {openAI.Model}");
            case "anthropic":
                var anthropic = new AnthropicModelOptions { Model = model ?? ChatModelEnvironment.DefaultAnthropicModel, ApiKey = apiKey ?? throw Missing("anthropic", "ToolGen:ApiKey") };
                return (new AnthropicModel(baseUrl is null ? anthropic : anthropic with { BaseUrl = baseUrl }), $"anthropic {anthropic.Model}");
            case "gemini":
                var gemini = new GeminiModelOptions { Model = model ?? ChatModelEnvironment.DefaultGeminiModel, ApiKey = apiKey ?? throw Missing("gemini", "ToolGen:ApiKey") };
                return (new GeminiModel(baseUrl is null ? gemini : gemini with { BaseUrl = baseUrl }), $"gemini {gemini.Model}");
            case "environment":
                return (ChatModelEnvironment.Create() ?? throw new InvalidOperationException("ToolGen:Provider is 'environment', but no provider variables are set (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY…)."),
                        "from environment variables");
            default:
                throw new InvalidOperationException($"ToolGen:Provider is '{provider}'; use offline, openai, anthropic, gemini or environment.");
        }
    }

    private static InvalidOperationException Missing(string provider, string what) => new($"ToolGen:Provider is {provider}, but {what} is not set.");
}
