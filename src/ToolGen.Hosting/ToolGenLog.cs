using System;
using Microsoft.Extensions.Logging;

namespace ToolGen.Hosting;

/// <summary>ToolGen's log messages, source-generated (no boxing, no parsing of the template at run time).</summary>
internal static partial class ToolGenLog
{
    [LoggerMessage(EventId = 1, EventName = "ToolCallStarted", Level = LogLevel.Debug,
        Message = "Tool call {ToolName} ({CallId}) started in round {Round}.")]
    public static partial void ToolCallStarted(ILogger logger, string toolName, string callId, int round);

    [LoggerMessage(EventId = 2, EventName = "ToolCallStartedWithArguments", Level = LogLevel.Debug,
        Message = "Tool call {ToolName} ({CallId}) started in round {Round} with arguments {Arguments}.")]
    public static partial void ToolCallStartedWithArguments(ILogger logger, string toolName, string callId, int round, string arguments);

    [LoggerMessage(EventId = 3, EventName = "ToolCallFinished", Level = LogLevel.Information,
        Message = "Tool call {ToolName} ({CallId}) finished: {ResultKind} in {DurationMs:0.###} ms.")]
    public static partial void ToolCallFinished(ILogger logger, string toolName, string callId, ToolResultKind resultKind, double durationMs);

    [LoggerMessage(EventId = 4, EventName = "ToolCallFinishedWithResult", Level = LogLevel.Information,
        Message = "Tool call {ToolName} ({CallId}) finished: {ResultKind} in {DurationMs:0.###} ms with result {Result}.")]
    public static partial void ToolCallFinishedWithResult(ILogger logger, string toolName, string callId, ToolResultKind resultKind, double durationMs, string result);

    [LoggerMessage(EventId = 5, EventName = "ToolCallFailed", Level = LogLevel.Warning,
        Message = "Tool call {ToolName} ({CallId}) failed: {ResultKind} in {DurationMs:0.###} ms: {Message}")]
    public static partial void ToolCallFailed(ILogger logger, string toolName, string callId, ToolResultKind resultKind, double durationMs, string message, Exception? exception);

    [LoggerMessage(EventId = 6, EventName = "ModelCallFinished", Level = LogLevel.Information,
        Message = "Model call to {Provider} {ModelId} finished: {FinishReason} in {DurationMs:0.###} ms, {InputTokens} input and {OutputTokens} output tokens.")]
    public static partial void ModelCallFinished(ILogger logger, string provider, string modelId, Chat.ChatFinishReason finishReason, double durationMs, long inputTokens, long outputTokens);

    [LoggerMessage(EventId = 8, EventName = "ModelCallFinishedWithoutUsage", Level = LogLevel.Information,
        Message = "Model call to {Provider} {ModelId} finished: {FinishReason} in {DurationMs:0.###} ms; no token counts were reported.")]
    public static partial void ModelCallFinishedWithoutUsage(ILogger logger, string provider, string modelId, Chat.ChatFinishReason finishReason, double durationMs);

    [LoggerMessage(EventId = 7, EventName = "ModelCallFailed", Level = LogLevel.Warning,
        Message = "Model call to {Provider} failed after {DurationMs:0.###} ms.")]
    public static partial void ModelCallFailed(ILogger logger, string provider, double durationMs, Exception exception);
}
