using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Hosting;

/// <summary>
/// Which model a host talks to, read from a configuration section (<c>ToolGen</c> by default; see docs/hosting.md):
/// <c>Provider</c>, <c>Model</c>, <c>BaseUrl</c>, <c>ApiKey</c>, <c>Timeout</c>, <c>MaxRetries</c>,
/// <c>MaxOutputTokens</c>, <c>Temperature</c>, <c>Strict</c>. The section is read key by key (no binder reflection),
/// so it is NativeAOT-clean; values that do not parse are reported by <see cref="Validate"/>, not thrown.
/// </summary>
public sealed class ToolGenModelOptions
{
    /// <summary>The configuration section read by default: <c>ToolGen</c>.</summary>
    public const string DefaultSectionName = "ToolGen";

    /// <summary>The providers <see cref="Provider"/> accepts.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["openai", "openai-responses", "anthropic", "gemini", "openai-compatible", "ollama"];

    /// <summary>The API root Ollama serves its OpenAI-compatible endpoint at, used when <see cref="Provider"/> is <c>ollama</c> without a <see cref="BaseUrl"/>.</summary>
    public const string DefaultOllamaBaseUrl = "http://localhost:11434/v1/";

    private readonly List<string> _readProblems = new();

    /// <summary>The configuration path the settings came from, used to name them in messages. Default <c>ToolGen</c>.</summary>
    public string SectionPath { get; set; } = DefaultSectionName;

    /// <summary>
    /// <c>openai</c> (Chat Completions), <c>openai-responses</c> (the Responses API), <c>anthropic</c>, <c>gemini</c>,
    /// <c>openai-compatible</c> (any Chat Completions server at <see cref="BaseUrl"/>: vLLM, llama.cpp, DeepSeek, Azure's v1
    /// endpoint…) or <c>ollama</c> (an OpenAI-compatible server at <see cref="DefaultOllamaBaseUrl"/> unless set); case-insensitive.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>The model name the provider knows, for example <c>gpt-4.1-mini</c>. Required.</summary>
    public string? Model { get; set; }

    /// <summary>The API root (an absolute http or https URL); the provider's own by default. Required for <c>openai-compatible</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The API key. Required except for <c>openai-compatible</c> and <c>ollama</c> (and <c>openai</c> /
    /// <c>openai-responses</c> with a <see cref="BaseUrl"/>). When the section has none, the provider's usual variable at
    /// the configuration root is used (<c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>GEMINI_API_KEY</c>).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one attempt may take (configuration: seconds, or <c>hh:mm:ss</c>); the provider default (100 s) when not set.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Retries of throttled, overloaded or failed attempts; the provider default (3) when not set.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The most tokens to generate per answer; the provider default when not set (Anthropic: 4096).</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The sampling temperature, when set.</summary>
    public double? Temperature { get; set; }

    /// <summary>OpenAI strict mode for the tools (<c>openai</c>, <c>openai-responses</c>, <c>openai-compatible</c>, <c>ollama</c>); see <see cref="OpenAIChatModelOptions.Strict"/>.</summary>
    public bool? Strict { get; set; }

    /// <summary>Appended to ToolGen's <c>User-Agent</c>, for example <c>my-app/1.2</c>.</summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>Whether a <see cref="Provider"/> is set: the section configures a model.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Provider);

    /// <summary>Set when the app has a model for an unconfigured section, which is then not validated.</summary>
    internal bool NotConfiguredAllowed { get; set; }

    /// <summary>
    /// Reads the settings from <paramref name="section"/> key by key. Values that do not parse are kept as problems that
    /// <see cref="Validate"/> reports. When the section has no <c>ApiKey</c>, the provider's usual key variable
    /// (<c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>GEMINI_API_KEY</c>) is read from <paramref name="root"/>, when given.
    /// </summary>
    public void ReadFrom(IConfiguration section, IConfiguration? root = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        _readProblems.Clear();   // The last section read is the one reported.
        if (section is IConfigurationSection { Path: { Length: > 0 } path }) SectionPath = path;
        Provider = Text(section, "Provider") ?? Provider;
        Model = Text(section, "Model") ?? Model;
        BaseUrl = Text(section, "BaseUrl") ?? BaseUrl;
        ApiKey = Text(section, "ApiKey") ?? ApiKey;
        UserAgentSuffix = Text(section, "UserAgentSuffix") ?? UserAgentSuffix;
        if (Text(section, "Timeout") is { } timeout)
        {
            if (TryParseDuration(timeout, out TimeSpan value)) Timeout = value;
            else _readProblems.Add($"{SectionPath}:Timeout is \"{timeout}\", which is not a duration: use seconds (\"30\") or hh:mm:ss (\"00:00:30\").");
        }
        if (Text(section, "MaxRetries") is { } retries)
        {
            if (int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) MaxRetries = value;
            else _readProblems.Add($"{SectionPath}:MaxRetries is \"{retries}\", which is not a whole number.");
        }
        if (Text(section, "MaxOutputTokens") is { } tokens)
        {
            if (int.TryParse(tokens, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) MaxOutputTokens = value;
            else _readProblems.Add($"{SectionPath}:MaxOutputTokens is \"{tokens}\", which is not a whole number.");
        }
        if (Text(section, "Temperature") is { } temperature)
        {
            if (double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) Temperature = value;
            else _readProblems.Add($"{SectionPath}:Temperature is \"{temperature}\", which is not a number (use a dot for decimals: \"0.2\").");
        }
        if (Text(section, "Strict") is { } strict)
        {
            if (bool.TryParse(strict, out bool value)) Strict = value;
            else _readProblems.Add($"{SectionPath}:Strict is \"{strict}\", which is not true or false.");
        }
        if (ApiKey is null && root is not null && KeyVariable(NormalizedProvider) is { } variable && Text(root, variable) is { } key) ApiKey = key;
    }

    /// <summary>Every problem with the settings, each a sentence naming the setting; empty when a model can be created.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(_readProblems);
        string? provider = NormalizedProvider;
        string providers = string.Join(", ", Providers);
        if (provider is null)
        {
            problems.Add($"{SectionPath}:Provider is not set. Set it to one of: {providers}.");
        }
        else if (!Contains(Providers, provider))
        {
            problems.Add($"{SectionPath}:Provider is \"{Provider}\", which is not a known provider. Use one of: {providers}.");
            provider = null;
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"{SectionPath}:Model is not set. Set it to the model name the provider knows, for example \"{ExampleModel(provider)}\".");
        }
        if (BaseUrl is not null)
        {
            if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
                problems.Add($"{SectionPath}:BaseUrl is \"{BaseUrl}\", which is not an absolute http or https URL (for example \"{DefaultOllamaBaseUrl}\").");
        }
        else if (provider == "openai-compatible")
        {
            problems.Add($"{SectionPath}:BaseUrl is not set; the openai-compatible provider needs the server's API root, for example \"{DefaultOllamaBaseUrl}\".");
        }
        if (provider is not null && string.IsNullOrEmpty(ApiKey) && NeedsKey(provider))
        {
            string variable = KeyVariable(provider)!;
            problems.Add($"{SectionPath}:ApiKey is not set; the {provider} provider needs an API key. Set it with user secrets " +
                $"(dotnet user-secrets set \"{SectionPath}:ApiKey\" \"<key>\"), the environment variable {SectionPath.Replace(":", "__", StringComparison.Ordinal)}__ApiKey or {variable}, or configuration.");
        }
        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
            problems.Add($"{SectionPath}:Timeout must be positive.");
        if (MaxRetries is < 0)
            problems.Add($"{SectionPath}:MaxRetries is {MaxRetries}; it cannot be negative.");
        if (MaxOutputTokens is < 1)
            problems.Add($"{SectionPath}:MaxOutputTokens is {MaxOutputTokens}; it must be at least 1.");
        if (Temperature is { } t && (double.IsNaN(t) || t < 0))
            problems.Add($"{SectionPath}:Temperature is {t.ToString(CultureInfo.InvariantCulture)}; it cannot be negative.");
        return problems;
    }

    /// <summary>
    /// The provider's own options for these settings: an <see cref="OpenAIChatModelOptions"/> (<c>openai</c>,
    /// <c>openai-compatible</c>, <c>ollama</c>), <see cref="OpenAIResponsesModelOptions"/>, <see cref="AnthropicModelOptions"/>
    /// or <see cref="GeminiModelOptions"/>. Settings not given keep the provider's defaults. OpenAI-compatible servers are
    /// sent restricted tool choices by offering only the allowed tools (<see cref="OpenAIChatModelOptions.SupportsAllowedTools"/> false).
    /// </summary>
    /// <exception cref="InvalidOperationException">The settings are invalid; the message lists every problem (<see cref="Validate"/>).</exception>
    public ChatModelOptions ToChatModelOptions()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0) throw new InvalidOperationException("The ToolGen model settings are invalid: " + string.Join(" ", problems));
        string model = Model!.Trim();
        Uri? baseUrl = BaseUrl is null ? null : new Uri(BaseUrl, UriKind.Absolute);
        ChatModelOptions options = NormalizedProvider switch
        {
            "openai" => Chat(model, baseUrl, compatible: false),
            "openai-compatible" => Chat(model, baseUrl, compatible: true),
            "ollama" => Chat(model, baseUrl ?? new Uri(DefaultOllamaBaseUrl), compatible: true),
            "openai-responses" => Responses(model, baseUrl),
            "anthropic" => Anthropic(model, baseUrl),
            "gemini" => Gemini(model, baseUrl),
            _ => throw new InvalidOperationException("Unreachable: the provider was validated."),
        };
        return options with
        {
            Timeout = Timeout ?? options.Timeout,
            MaxRetries = MaxRetries ?? options.MaxRetries,
            Temperature = Temperature ?? options.Temperature,
            UserAgentSuffix = UserAgentSuffix ?? options.UserAgentSuffix,
        };
    }

    /// <summary>The model these settings describe (see <see cref="ToChatModelOptions"/>).</summary>
    /// <exception cref="InvalidOperationException">The settings are invalid; the message lists every problem.</exception>
    public IChatModel CreateModel() => CreateModel(ToChatModelOptions());

    /// <summary>The model for a provider's options: <see cref="OpenAIChatModel"/>, <see cref="OpenAIResponsesModel"/>, <see cref="AnthropicModel"/> or <see cref="GeminiModel"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is of another type.</exception>
    public static IChatModel CreateModel(ChatModelOptions options) => options switch
    {
        OpenAIChatModelOptions chat => new OpenAIChatModel(chat),
        OpenAIResponsesModelOptions responses => new OpenAIResponsesModel(responses),
        AnthropicModelOptions anthropic => new AnthropicModel(anthropic),
        GeminiModelOptions gemini => new GeminiModel(gemini),
        null => throw new ArgumentNullException(nameof(options)),
        _ => throw new ArgumentException("Only the options of ToolGen's own providers can be turned into a model here; create other models with AddChatModel.", nameof(options)),
    };

    private string? NormalizedProvider => string.IsNullOrWhiteSpace(Provider) ? null : Provider.Trim().ToLowerInvariant();

    private string? Key => string.IsNullOrEmpty(ApiKey) ? null : ApiKey;

    private OpenAIChatModelOptions Chat(string model, Uri? baseUrl, bool compatible)
    {
        var options = new OpenAIChatModelOptions { Model = model, ApiKey = Key, Strict = Strict, MaxOutputTokens = MaxOutputTokens, SupportsAllowedTools = !compatible };
        return baseUrl is null ? options : options with { BaseUrl = baseUrl };
    }

    private OpenAIResponsesModelOptions Responses(string model, Uri? baseUrl)
    {
        var options = new OpenAIResponsesModelOptions { Model = model, ApiKey = Key, Strict = Strict, MaxOutputTokens = MaxOutputTokens };
        return baseUrl is null ? options : options with { BaseUrl = baseUrl };
    }

    private AnthropicModelOptions Anthropic(string model, Uri? baseUrl)
    {
        var options = new AnthropicModelOptions { Model = model, ApiKey = Key };
        if (baseUrl is not null) options = options with { BaseUrl = baseUrl };
        if (MaxOutputTokens is { } tokens) options = options with { MaxOutputTokens = tokens };
        return options;
    }

    private GeminiModelOptions Gemini(string model, Uri? baseUrl)
    {
        var options = new GeminiModelOptions { Model = model, ApiKey = Key, MaxOutputTokens = MaxOutputTokens };
        return baseUrl is null ? options : options with { BaseUrl = baseUrl };
    }

    private bool NeedsKey(string provider) => provider switch
    {
        "openai-compatible" or "ollama" => false,
        "openai" or "openai-responses" => BaseUrl is null,
        _ => true,
    };

    private static string? KeyVariable(string? provider) => provider switch
    {
        "openai" or "openai-responses" or "openai-compatible" or "ollama" => "OPENAI_API_KEY",
        "anthropic" => "ANTHROPIC_API_KEY",
        "gemini" => "GEMINI_API_KEY",
        _ => null,
    };

    private static string ExampleModel(string? provider) => provider switch
    {
        "anthropic" => ChatModelEnvironment.DefaultAnthropicModel,
        "gemini" => ChatModelEnvironment.DefaultGeminiModel,
        "ollama" or "openai-compatible" => "qwen3",
        _ => ChatModelEnvironment.DefaultOpenAIModel,
    };

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (string candidate in values)
        {
            if (candidate == value) return true;
        }
        return false;
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
