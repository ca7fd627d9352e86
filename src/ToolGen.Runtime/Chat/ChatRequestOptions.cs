using System.Collections.Generic;

namespace ToolGen.Chat;

/// <summary>How hard a reasoning model thinks before it answers.</summary>
public enum ReasoningEffort
{
    /// <summary>No reasoning, where the model allows it (OpenAI <c>none</c>).</summary>
    None,
    /// <summary>As little as the model allows.</summary>
    Minimal,
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
}

/// <summary>
/// Settings of one request that override the model's defaults. Each property is sent only when set; a provider that
/// has no such setting ignores it (each adapter's page in docs/providers.md says what it sends).
/// </summary>
public sealed record ChatRequestOptions
{
    /// <summary>The most tokens to generate.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling: the probability mass of the tokens considered.</summary>
    public double? TopP { get; init; }

    /// <summary>Sequences at which the model stops.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>A seed for repeatable sampling, where the provider supports one.</summary>
    public long? Seed { get; init; }

    /// <summary>Instructions added to the system prompt of this request (after the conversation's system messages).</summary>
    public string? Instructions { get; init; }

    /// <summary>How hard a reasoning model thinks.</summary>
    public ReasoningEffort? ReasoningEffort { get; init; }

    /// <summary>
    /// Extra top-level properties for the request body, as a JSON object (for example <c>{"service_tier":"flex"}</c>):
    /// the escape hatch for provider fields ToolGen does not model. They are added after ToolGen's own; a property
    /// ToolGen already writes is refused rather than sent twice.
    /// </summary>
    public string? ExtraBody { get; init; }

    /// <summary>These settings with every property <paramref name="overrides"/> sets taking its place.</summary>
    public ChatRequestOptions With(ChatRequestOptions? overrides) => overrides is null ? this : new()
    {
        MaxOutputTokens = overrides.MaxOutputTokens ?? MaxOutputTokens,
        Temperature = overrides.Temperature ?? Temperature,
        TopP = overrides.TopP ?? TopP,
        Stop = overrides.Stop ?? Stop,
        Seed = overrides.Seed ?? Seed,
        Instructions = overrides.Instructions ?? Instructions,
        ReasoningEffort = overrides.ReasoningEffort ?? ReasoningEffort,
        ExtraBody = overrides.ExtraBody ?? ExtraBody,
    };

    /// <summary>
    /// What a provider sends for <paramref name="request"/>: the model's defaults, overridden by the request's own
    /// settings (<see cref="ExtraBody"/> is merged name by name by the provider, not here).
    /// </summary>
    internal static ChatRequestOptions Effective(ChatRequest request, Providers.ChatModelOptions model)
    {
        ChatRequestOptions? defaults = model.DefaultRequestOptions;
        if (model.Temperature is { } temperature && defaults?.Temperature is null) defaults = (defaults ?? Empty) with { Temperature = temperature };
        // Called for every request: nothing is allocated unless both the model and the request set something.
        if (defaults is null) return request.Options ?? Empty;
        return request.Options is null ? defaults : defaults.With(request.Options);
    }

    private static readonly ChatRequestOptions Empty = new();
}
