using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Chat;

/// <summary>A language model that takes a conversation and tools and answers with text or tool calls.</summary>
public interface IChatModel
{
    /// <summary>Sends <paramref name="request"/> and returns the whole answer.</summary>
    Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="request"/> and returns the answer as it arrives: text deltas, tool-call deltas, then the end.</summary>
    /// <remarks>
    /// A model that only completes need not implement it: by default the whole answer of
    /// <see cref="CompleteAsync"/> is replayed as updates, one per part in the message's order (each text part as one
    /// <see cref="ChatStreamUpdate.TextDelta"/>, each tool call as one fragment with its id, name and all its arguments,
    /// reasoning and provider items whole), then an update with the finish reason, usage and model id.
    /// <see cref="ChatStreamAssembler"/> reassembles them into the same message, so
    /// <c>ToolRunner.RunStreamingAsync</c> works over any model.
    /// </remarks>
    IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        CompletionStream.StreamAsync(this, request, cancellationToken);
}

/// <summary>The default streaming of a model that only completes: its whole answer, replayed as updates.</summary>
internal static class CompletionStream
{
    public static async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(IChatModel model, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        ChatResponse response = await model.CompleteAsync(request, cancellationToken).ConfigureAwait(false)
            ?? throw new System.InvalidOperationException("The model returned no response.");
        foreach (ChatStreamUpdate update in ToUpdates(response)) yield return update;
    }

    /// <summary><paramref name="response"/> as the updates that <see cref="ChatStreamAssembler"/> reassembles into it.</summary>
    public static IEnumerable<ChatStreamUpdate> ToUpdates(ChatResponse response)
    {
        int index = 0;
        foreach (ChatPart part in response.Message.Parts)
        {
            switch (part)
            {
                case TextPart text:
                    if (text.Text.Length > 0) yield return new ChatStreamUpdate { TextDelta = text.Text };
                    break;
                case ToolCall call:
                    yield return new ChatStreamUpdate
                    {
                        ToolCallIndex = index++,
                        ToolCallId = call.Id,
                        ToolName = call.Name,
                        ArgumentsDelta = call.Arguments,
                        ProviderData = call.ProviderData,
                    };
                    break;
                default:
                    yield return new ChatStreamUpdate { Part = part };   // Reasoning, provider items: whole.
                    break;
            }
        }
        yield return new ChatStreamUpdate { FinishReason = response.FinishReason, Usage = response.Usage, ModelId = response.ModelId };
    }
}
