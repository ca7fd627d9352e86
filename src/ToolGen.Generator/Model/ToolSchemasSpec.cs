namespace ToolGen.Generator.Model;

/// <summary>
/// Everything the schema stage computes for one tool: its parameters schema in each dialect (a strict dialect is null
/// when it cannot express the parameters, with the reason), its result schema and its contract fingerprint. JSON text
/// only, so the emitters print it and the analyzer reads it without building anything again.
/// </summary>
internal sealed record ToolSchemasSpec
{
    /// <summary>JSON Schema 2020-12 of the arguments object.</summary>
    public required string Standard { get; init; }

    /// <summary><see cref="Standard"/> without type arrays (nullable as <c>anyOf</c> with null).</summary>
    public required string Portable { get; init; }

    /// <summary>What Gemini's <c>parametersJsonSchema</c> takes.</summary>
    public required string Gemini { get; init; }

    /// <summary>The OpenAI strict-mode schema, or null with <see cref="OpenAIStrictProblem"/>.</summary>
    public string? OpenAIStrict { get; init; }

    public string? OpenAIStrictProblem { get; init; }

    /// <summary>The Anthropic strict tool-use schema, or null with <see cref="AnthropicStrictProblem"/>.</summary>
    public string? AnthropicStrict { get; init; }

    public string? AnthropicStrictProblem { get; init; }

    /// <summary>The schema of the JSON result as written, or null when the tool returns text or nothing.</summary>
    public string? Output { get; init; }

    /// <summary>The result schema for consumers that require an object (MCP <c>outputSchema</c>): <see cref="Output"/>, or <c>{"result": …}</c> around it.</summary>
    public string? ObjectOutput { get; init; }

    /// <summary>Whether <see cref="ObjectOutput"/> wraps the result as <c>{"result": …}</c>.</summary>
    public bool OutputIsWrapped { get; init; }

    /// <summary>The contract fingerprint (see <c>ContractFingerprint</c>).</summary>
    public required string Fingerprint { get; init; }
}
