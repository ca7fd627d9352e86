using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Chat;

/// <summary>A language model that takes a conversation and tools and answers with text or tool calls.</summary>
public interface IChatModel
{
    /// <summary>Sends <paramref name="request"/> and returns the whole answer.</summary>
    Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="request"/> and returns the answer as it arrives: text deltas, tool-call deltas, then the end.</summary>
    IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default);
}
