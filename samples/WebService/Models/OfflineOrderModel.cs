using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ToolGen;
using ToolGen.Chat;

namespace WebService.Models;

/// <summary>
/// The model the service uses when no provider is configured: a few rules, no network. A user message asking for
/// "status of order N" calls <c>order_status</c>, "cancel order N" calls <c>cancel_order</c> (several in one message
/// give several calls in one turn); after tool results it answers with their text. For trying the service out:
/// "(slow)" in a message makes each answer of that turn take two seconds (send two requests at once);
/// "(model outage)" makes it fail like an unreachable provider, and "(outage after tools)" makes it fail once the
/// turn's tools have run (to see that nothing stored is lost). It keeps no state: one instance serves every request.
/// </summary>
public sealed partial class OfflineOrderModel : IChatModel
{
    /// <summary>How long "(slow)" takes.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(2);

    [GeneratedRegex(@"\b(?:(?<cancel>cancel)\s+order|status\s+of\s+order)\s*#?(?<id>\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Request();

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<ChatMessage> messages = request.Messages;
        ChatMessage? last = messages.Count > 0 ? messages[^1] : null;
        string text = LastUserText(messages);
        if (text.Contains("(slow)", StringComparison.OrdinalIgnoreCase))
            await Task.Delay(SlowDelay, cancellationToken);   // Every model call of a turn asked to be slow is slow.

        if (last is { Role: ChatRole.Tool })
        {
            if (text.Contains("(outage after tools)", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("The offline model is playing an outage after the tools ran: the provider could not be reached.");
            // Answer with the results of the last turn, in order.
            var answer = new StringBuilder();
            int first = messages.Count - 1;
            while (first > 0 && messages[first - 1].Role == ChatRole.Tool) first--;
            for (int i = first; i < messages.Count; i++)
            {
                ChatMessage result = messages[i];
                if (answer.Length > 0) answer.Append(' ');
                answer.Append(result.ResultKind switch
                {
                    ToolResultKind.Success => result.Text,
                    ToolResultKind.Denied => $"I did not run {result.ToolName}: {result.Text}",
                    _ => $"{result.ToolName} did not work: {result.Text}",
                });
            }
            return Answer(answer.ToString());
        }

        if (text.Contains("(model outage)", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("The offline model is playing an outage: the provider could not be reached.");

        if (last is { Role: ChatRole.User })
        {
            var calls = new List<ToolCall>();
            foreach (Match match in Request().Matches(text))
            {
                string name = match.Groups["cancel"].Success ? "cancel_order" : "order_status";
                if (!HasTool(request, name)) continue;
                string id = "call_" + messages.Count.ToString(CultureInfo.InvariantCulture) + "_" + calls.Count.ToString(CultureInfo.InvariantCulture);
                calls.Add(new ToolCall(id, name, "{\"orderId\":" + int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "}"));
            }
            if (calls.Count > 0)
                return new ChatResponse { Message = ChatMessage.Assistant(null, calls), FinishReason = ChatFinishReason.ToolCalls, ModelId = "offline-rules" };
        }
        return Answer("I can look up an order (\"status of order 7\") or cancel one (\"cancel order 7\").");
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await CompleteAsync(request, cancellationToken);
        int index = 0;
        foreach (ChatPart part in response.Message.Parts)
        {
            if (part is TextPart { Text: var text }) yield return new ChatStreamUpdate { TextDelta = text, ModelId = response.ModelId };
            else if (part is ToolCall call) yield return new ChatStreamUpdate { ToolCallIndex = index++, ToolCallId = call.Id, ToolName = call.Name, ArgumentsDelta = call.Arguments };
        }
        yield return new ChatStreamUpdate { FinishReason = response.FinishReason, ModelId = response.ModelId };
    }

    private static ChatResponse Answer(string text) =>
        new() { Message = ChatMessage.Assistant(text), FinishReason = ChatFinishReason.Stop, ModelId = "offline-rules" };

    private static bool HasTool(ChatRequest request, string name)
    {
        foreach (ToolDescriptor tool in request.Tools)
        {
            if (tool.Name == name) return true;
        }
        return false;
    }

    private static string LastUserText(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User) return messages[i].Text ?? "";
        }
        return "";
    }
}
