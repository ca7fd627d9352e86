namespace ToolGen;

/// <summary>The outcome of a tool call.</summary>
public enum ToolResultKind
{
    /// <summary>The tool ran and returned a value (JSON or text).</summary>
    Success = 0,
    /// <summary>The model asked for a tool that does not exist.</summary>
    UnknownTool,
    /// <summary>The arguments were malformed or violated the tool's schema; the tool did not run.</summary>
    InvalidArguments,
    /// <summary>The tool threw an exception.</summary>
    Failed,
    /// <summary>The application refused to run the tool.</summary>
    Denied,
    /// <summary>The tool did not finish in the time allowed.</summary>
    TimedOut,
    /// <summary>The call was canceled.</summary>
    Canceled,
    /// <summary>
    /// The tool asked the model to correct its call (<see cref="ToolRetryException"/> or <see cref="ToolResult.Retry"/>):
    /// the message says what to change, and the model may call again, within the tool's retry budget.
    /// </summary>
    Retry,
}
