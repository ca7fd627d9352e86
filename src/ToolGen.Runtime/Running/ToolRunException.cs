using System;
using System.Threading;

namespace ToolGen.Running;

/// <summary>
/// A run ended early because the model could not be reached or answered unusably (after the transport's retries), or
/// a hook threw. <see cref="PartialResult"/> holds everything up to that point: the transcript, with a result for every
/// tool call the model made (calls that were interrupted say so), the tool-call records and the tokens used. Pass
/// <c>PartialResult.Messages</c> to <see cref="ToolRunner.RunAsync(System.Collections.Generic.IEnumerable{ToolGen.Chat.ChatMessage}, CancellationToken)"/>
/// to resume: tools that already ran are not run again.
/// </summary>
public sealed class ToolRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolRunException(string message, ToolRunResult partialResult, Exception innerException) : base(message, innerException) =>
        PartialResult = partialResult ?? throw new ArgumentNullException(nameof(partialResult));

    /// <summary>The run up to the failure; <see cref="ToolRunResult.StopReason"/> is <see cref="ToolRunStopReason.Failed"/>.</summary>
    public ToolRunResult PartialResult { get; }
}

/// <summary>
/// A run was canceled through its token. It is an <see cref="OperationCanceledException"/>, so existing cancellation
/// handling still applies; <see cref="PartialResult"/> holds the run up to the cancellation, ready to resume like
/// <see cref="ToolRunException.PartialResult"/>.
/// </summary>
public sealed class ToolRunCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public ToolRunCanceledException(ToolRunResult partialResult, Exception? innerException, CancellationToken cancellationToken)
        : base("The run was canceled.", innerException, cancellationToken) =>
        PartialResult = partialResult ?? throw new ArgumentNullException(nameof(partialResult));

    /// <summary>The run up to the cancellation; <see cref="ToolRunResult.StopReason"/> is <see cref="ToolRunStopReason.Canceled"/>.</summary>
    public ToolRunResult PartialResult { get; }
}
