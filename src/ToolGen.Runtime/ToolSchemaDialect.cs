namespace ToolGen;

/// <summary>
/// The forms of a tool's parameters schema that ToolGen generates at compile time (see docs/schemas.md). Providers take
/// theirs from <see cref="ToolDescriptor.GetParametersSchema(ToolSchemaDialect)"/>; nothing is rewritten at run time.
/// </summary>
public enum ToolSchemaDialect
{
    /// <summary>JSON Schema 2020-12 with every constraint, default and format; nullable values as <c>"type":["string","null"]</c>.</summary>
    Standard,

    /// <summary>
    /// The standard schema without type arrays: a nullable value is <c>anyOf</c> of its schema and <c>{"type":"null"}</c>.
    /// For MCP clients and OpenAPI-style mappers that reject type arrays.
    /// </summary>
    Portable,

    /// <summary>What Gemini's <c>parametersJsonSchema</c> accepts: <c>enum</c> holds strings only, formats are moved into the description.</summary>
    Gemini,

    /// <summary>
    /// OpenAI strict mode: every property required (an optional one nullable, <c>null</c> meaning "use the default"),
    /// <c>additionalProperties: false</c> everywhere, no constraint keywords. Absent when strict mode cannot express the parameters.
    /// </summary>
    OpenAIStrict,

    /// <summary>
    /// Anthropic strict tool use: optional properties stay optional, numeric and length bounds and patterns move into the
    /// description (the reader still enforces them), nullable values use <c>anyOf</c>. Absent for recursive types,
    /// dictionaries and free-form JSON.
    /// </summary>
    AnthropicStrict,
}
