using System;

namespace ToolGen;

/// <summary>
/// Marks a method as a tool a language model can call. The ToolGen source generator emits the tool's JSON Schema
/// and a reflection-free dispatcher for it; the containing type must be <c>partial</c>.
/// </summary>
/// <remarks>
/// The tool's name defaults to the method name in snake_case with a trailing <c>Async</c> removed
/// (<c>CancelOrderAsync</c> becomes <c>cancel_order</c>). Its description comes from <see cref="Description"/>,
/// else <c>[Description]</c>, else the method's XML documentation (<c>&lt;summary&gt;</c>, <c>&lt;remarks&gt;</c>,
/// <c>&lt;returns&gt;</c>); parameter descriptions come from <c>&lt;param&gt;</c> or <c>[Description]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToolAttribute : Attribute
{
    /// <summary>The tool name shown to the model; must match <c>^[a-zA-Z0-9_-]{1,64}$</c>. Defaults to the method name in snake_case.</summary>
    public string? Name { get; set; }

    /// <summary>The tool description shown to the model. Overrides <c>[Description]</c> and the XML documentation.</summary>
    public string? Description { get; set; }

    /// <summary>The tool only reads state, so calls to it may run concurrently with other read-only calls.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The tool may destroy or irreversibly change data.</summary>
    public bool Destructive { get; set; }

    /// <summary>Calling the tool again with the same arguments has no further effect.</summary>
    public bool Idempotent { get; set; }

    /// <summary>The tool runs only after the application approves the call.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>
    /// The tool reaches beyond the application (the web, another company's API, e-mail): what it touches is open-ended.
    /// Not set, a tool is taken to work on a closed set of the application's own data. MCP clients see it as
    /// <c>openWorldHint</c>.
    /// </summary>
    public bool OpenWorld { get; set; }

    /// <summary>
    /// A short name for people (MCP's <c>title</c>: "Cancel order"), where the tool name is for the model. Not set, an MCP
    /// server shows the description's first sentence.
    /// </summary>
    public string? Title { get; set; }

    /// <summary>
    /// How long one call may take, in seconds, before the runner cancels it with a <see cref="ToolResultKind.TimedOut"/>
    /// result; overrides the run's <c>ToolTimeout</c>. 0 (the default) uses the run's.
    /// </summary>
    public double TimeoutSeconds { get; set; }

    /// <summary>
    /// How many times in one run the tool may ask the model to correct a call (<see cref="ToolRetryException"/>,
    /// <see cref="ToolResult.Retry"/>); a request past it is reported as <see cref="ToolResultKind.Failed"/>.
    /// -1 (the default) uses the run's <c>MaxRetries</c>.
    /// </summary>
    public int MaxRetries { get; set; } = -1;

    /// <summary>
    /// Send the tool with OpenAI strict mode (the model's arguments then always match the schema). A compile-time error
    /// (TG0014) when strict mode cannot express the parameters, for example a dictionary or free-form JSON.
    /// </summary>
    public bool Strict { get; set; }
}
