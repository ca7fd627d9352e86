using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>How ToolGen tools are served over MCP (see <c>WithToolGenTools</c>).</summary>
public sealed class ToolGenMcpOptions
{
    /// <summary>
    /// The form of the parameters schema sent as each tool's <c>inputSchema</c>. <see cref="ToolSchemaDialect.Portable"/>
    /// by default: JSON Schema 2020-12 with every constraint, but a nullable value is written as <c>anyOf</c> instead of
    /// <c>"type": [..., "null"]</c>, which several MCP clients and the model providers behind them reject.
    /// <see cref="ToolSchemaDialect.Standard"/> sends the schema with type arrays. A dialect a tool cannot be expressed in
    /// (a strict one) falls back to <see cref="ToolSchemaDialect.Standard"/> for that tool.
    /// </summary>
    public ToolSchemaDialect SchemaDialect { get; set; } = ToolSchemaDialect.Portable;

    /// <summary>
    /// When <see langword="true"/> (the default), a tool marked <see cref="ToolHints.RequiresApproval"/> runs only after the
    /// user accepts an elicitation request, and is refused when the client cannot be asked. When <see langword="false"/>
    /// it runs like any other tool: use this only when every client confirms tool calls with the user itself.
    /// </summary>
    public bool AskForApproval { get; set; } = true;

    /// <summary>
    /// When <see langword="true"/>, the message of a failed call includes the exception's type and message (see
    /// <see cref="ToolContext.IncludeExceptionDetails"/>). Off by default: the client, and the model behind it, would see them.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>Bounds on each call's arguments; <see cref="ToolLimits.Default"/> when <see langword="null"/>.</summary>
    public ToolLimits? Limits { get; set; }

    internal ToolGenMcpOptions Clone() => new()
    {
        SchemaDialect = SchemaDialect,
        AskForApproval = AskForApproval,
        IncludeExceptionDetails = IncludeExceptionDetails,
        Limits = Limits,
    };
}
