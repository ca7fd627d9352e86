using System;

namespace ToolGen;

/// <summary>
/// Thrown by a tool to ask the model to correct its call: the message is shown to the model as is ("the date must be in
/// the future"), as a <see cref="ToolResultKind.Retry"/> result, so write it for the model and keep secrets out of it.
/// </summary>
public sealed class ToolRetryException : Exception
{
    /// <summary>Creates the exception with the message the model reads.</summary>
    public ToolRetryException(string message) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
    }

    /// <summary>Creates the exception with the message the model reads and the exception that caused it (kept by the application).</summary>
    public ToolRetryException(string message, Exception? innerException) : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
    }
}
