using System.Diagnostics;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// The <see cref="ActivitySource"/> (named <c>ToolGen</c>) of the tool loop: a <c>chat</c> span per model call and an
/// <c>execute_tool {name}</c> span per tool call, with the OpenTelemetry GenAI attributes.
/// </summary>
public static class ToolTelemetry
{
    /// <summary>The source name to listen to.</summary>
    public const string SourceName = "ToolGen";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName, ThisAssembly.Version);

    internal static Activity? StartChat()
    {
        Activity? activity = Source.StartActivity("chat", ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "chat");
        return activity;
    }

    internal static void EndChat(Activity? activity, ChatResponse response)
    {
        if (activity is null) return;
        if (response.ModelId is not null)
        {
            activity.SetTag("gen_ai.response.model", response.ModelId);
            activity.DisplayName = "chat " + response.ModelId;
        }
        activity.SetTag("gen_ai.response.finish_reasons", new[] { FinishReason(response.FinishReason) });
        if (response.Usage is { } usage)
        {
            activity.SetTag("gen_ai.usage.input_tokens", usage.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
        }
    }

    private static string FinishReason(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        _ => "other",
    };

    internal static Activity? StartTool(ToolCall call)
    {
        Activity? activity = Source.StartActivity("execute_tool " + call.Name, ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", call.Name);
        activity?.SetTag("gen_ai.tool.call.id", call.Id);
        activity?.SetTag("gen_ai.tool.type", "function");
        return activity;
    }

    internal static void EndTool(Activity? activity, ToolResult result)
    {
        if (activity is null || !result.IsError) return;
        activity.SetTag("error.type", result.Kind.ToString());
        activity.SetStatus(ActivityStatusCode.Error, result.Kind.ToString());
    }
}
