using System;
using ToolGen.Providers;

namespace ToolGen.Providers.OpenAI;

/// <summary>How much of its reasoning an OpenAI reasoning model summarizes in the Responses API (<c>reasoning.summary</c>).</summary>
public enum OpenAIReasoningSummary
{
    /// <summary><c>auto</c>: the most detailed summary the model offers.</summary>
    Auto,
    /// <summary><c>concise</c>.</summary>
    Concise,
    /// <summary><c>detailed</c>.</summary>
    Detailed,
}

/// <summary>Settings of <see cref="OpenAIResponsesModel"/>.</summary>
public sealed record OpenAIResponsesModelOptions : ChatModelOptions
{
    /// <summary>The API root; <c>responses</c> is appended. Default <c>https://api.openai.com/v1/</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.openai.com/v1/");

    /// <summary>
    /// Strict mode for the tools; the Responses API treats a missing <c>strict</c> as true, so it is always sent.
    /// <see langword="null"/> (the default): <c>strict: true</c> only for tools marked <c>[Tool(Strict = true)]</c>, false
    /// for the others. <see langword="true"/>: strict for every tool whose schema can be strict. <see langword="false"/>:
    /// <c>strict: false</c> for every tool.
    /// </summary>
    public bool? Strict { get; init; }

    /// <summary>
    /// Whether the server understands <c>tool_choice: {"type":"allowed_tools"}</c>. When false, a restricted choice is sent
    /// by offering only the allowed tools. Default true.
    /// </summary>
    public bool SupportsAllowedTools { get; init; } = true;

    /// <summary>The most tokens to generate, when set (<c>max_output_tokens</c>; a request's <see cref="Chat.ChatRequestOptions.MaxOutputTokens"/> wins).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>The reasoning summary to ask for (<c>reasoning.summary</c>), or <see langword="null"/> for none.</summary>
    public OpenAIReasoningSummary? ReasoningSummary { get; init; }

    /// <summary>
    /// Whether OpenAI stores the response (<c>store</c>); <see langword="null"/> sends nothing (OpenAI's default, stored).
    /// When false, <c>include: ["reasoning.encrypted_content"]</c> is sent too, so that the reasoning can go back in
    /// the next request without server-side state.
    /// </summary>
    public bool? Store { get; init; }

    /// <summary>
    /// Chain requests with <c>previous_response_id</c> instead of sending the whole conversation: each answer keeps its
    /// response id (a <see cref="Chat.ProviderItemPart"/> of provider <see cref="OpenAIResponsesModel.ResponseIdProvider"/>,
    /// so that it survives a stored transcript), and the next request sends only the messages after the last answer that
    /// has one. Needs stored responses (<see cref="Store"/> not false). Default false.
    /// </summary>
    public bool UsePreviousResponseId { get; init; }

    /// <summary>These settings for the Responses API from Chat Completions settings: the shared settings, the URL, strict mode, allowed tools and the token limit.</summary>
    public static OpenAIResponsesModelOptions From(OpenAIChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OpenAIResponsesModelOptions
        {
            Model = options.Model,
            ApiKey = options.ApiKey,
            Headers = options.Headers,
            Temperature = options.Temperature,
            DefaultRequestOptions = options.DefaultRequestOptions,
            UserAgentSuffix = options.UserAgentSuffix,
            Timeout = options.Timeout,
            MaxRetries = options.MaxRetries,
            RetryBaseDelay = options.RetryBaseDelay,
            HttpClient = options.HttpClient,
            BaseUrl = options.BaseUrl,
            Strict = options.Strict,
            SupportsAllowedTools = options.SupportsAllowedTools,
            MaxOutputTokens = options.MaxOutputTokens,
        };
    }
}
