using System.Collections.Generic;
using System.Linq;
using ToolGen.Chat;

namespace ToolGen.Tests.Running;

/// <summary>A conversation as one line per message, to compare transcripts exactly in test failures that read well.</summary>
internal static class ConversationText
{
    public static string Render(IEnumerable<ChatMessage> messages) => string.Join("\n", messages.Select(m => m.Role switch
    {
        ChatRole.Tool => $"tool {m.ToolCallId} {m.ToolName} {m.ResultKind}{(m.IsJson ? " json" : "")}: {m.Text}",
        ChatRole.Assistant => "assistant " + string.Join(" | ", m.Parts.Select(p => p switch
        {
            ToolCall call => $"call {call.Id} {call.Name} {call.Arguments}",
            TextPart text => "text " + text.Text,
            _ => p.ToString(),
        })),
        _ => $"{m.Role.ToString().ToLowerInvariant()}: {m.Text}",
    }));
}
