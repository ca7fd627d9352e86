namespace ToolGen.Providers.Gemini;

/// <summary>A Gemini 3 <c>thinkingLevel</c>: how much the model thinks (which levels a model accepts varies by model).</summary>
public enum GeminiThinkingLevel
{
    /// <summary><c>MINIMAL</c>: as little as the model allows (close to no thinking).</summary>
    Minimal,
    /// <summary><c>LOW</c>.</summary>
    Low,
    /// <summary><c>MEDIUM</c>.</summary>
    Medium,
    /// <summary><c>HIGH</c>.</summary>
    High,
}

/// <summary>
/// <c>generationConfig.thinkingConfig</c>: how much a Gemini model thinks and whether its thought summaries come back.
/// Set <see cref="Budget"/> (Gemini 2.5) or <see cref="Level"/> (Gemini 3), not both: Gemini refuses a request with both.
/// </summary>
public sealed record GeminiThinking
{
    /// <summary><c>thinkingBudget</c>: the most tokens to think with; <c>0</c> turns thinking off, <c>-1</c> lets the model decide.</summary>
    public int? Budget { get; init; }

    /// <summary><c>thinkingLevel</c>, for Gemini 3 and later models.</summary>
    public GeminiThinkingLevel? Level { get; init; }

    /// <summary>
    /// <c>includeThoughts</c>: whether the answer carries thought summaries (parts with <c>"thought": true</c>, read as
    /// <see cref="Chat.ReasoningPart"/>s with the summary in <see cref="Chat.ReasoningPart.Summary"/>).
    /// </summary>
    public bool? IncludeThoughts { get; init; }
}
