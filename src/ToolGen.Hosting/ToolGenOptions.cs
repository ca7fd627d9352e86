using ToolGen.Running;

namespace ToolGen.Hosting;

/// <summary>
/// How the <see cref="ToolRunner"/>s a host injects run and log. Configure it with
/// <see cref="ToolGenBuilder.Configure"/>, <see cref="ToolGenBuilder.ConfigureRunner"/> or
/// <c>services.Configure&lt;ToolGenOptions&gt;(…)</c>; it is validated at startup.
/// </summary>
public sealed class ToolGenOptions
{
    /// <summary>
    /// The options of every injected runner. Its <see cref="ToolRunnerOptions.Services"/> is replaced by the scope's
    /// provider, and its <see cref="ToolRunnerOptions.OnToolCalling"/> / <see cref="ToolRunnerOptions.OnToolCalled"/>
    /// hooks run after the logging ones.
    /// </summary>
    public ToolRunnerOptions Runner { get; set; } = new();

    /// <summary>
    /// Whether tool call arguments are logged (with the "tool call started" message, at <c>Debug</c>). Off by default:
    /// arguments can hold personal data.
    /// </summary>
    public bool LogArguments { get; set; }

    /// <summary>
    /// Whether tool results are logged (with the "tool call finished" message): the content of successful results and
    /// the message of errors the model can correct (invalid arguments, unknown tool…), which may quote arguments. Off by
    /// default. The message of a failed or timed-out call is always logged.
    /// </summary>
    public bool LogResults { get; set; }
}
