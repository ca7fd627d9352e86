namespace ToolGen;

/// <summary>
/// How far a running tool has got, reported through <see cref="ToolContext.Progress"/> (for example, an MCP server sends it
/// to the client as a progress notification).
/// </summary>
/// <param name="Progress">The work done so far; it should grow with each report, even when <paramref name="Total"/> is unknown.</param>
/// <param name="Total">The total amount of work, in the same unit as <paramref name="Progress"/>, when known.</param>
/// <param name="Message">A short description of the current step, for people.</param>
public sealed record ToolProgress(double Progress, double? Total = null, string? Message = null);
