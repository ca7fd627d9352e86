using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ToolGen.Chat;
using ToolGen.Providers;

namespace ToolGen.Hosting;

/// <summary>The registered model, with each call logged when it ends: its finish reason, duration and tokens.</summary>
internal sealed class LoggingChatModel(IChatModel inner, ILogger logger) : IChatModel
{
    private readonly string _provider = inner is HttpChatModel http ? http.ProviderName : "custom";

    public IChatModel Inner => inner;

    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await inner.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Failed(started, exception))
        {
            throw;   // Not reached: Failed logs and returns false.
        }
        if (response is not null) Finished(started, response.FinishReason, response.ModelId, response.Usage);
        return response!;
    }

    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        ChatFinishReason? reason = null;
        ChatUsage? usage = null;
        string? modelId = null;
        bool calls = false;
        await using IAsyncEnumerator<ChatStreamUpdate> updates = inner.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false)) break;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Failed(started, exception))
            {
                throw;   // Not reached.
            }
            ChatStreamUpdate update = updates.Current;
            reason = update.FinishReason ?? reason;
            usage = update.Usage ?? usage;
            modelId ??= update.ModelId;
            calls |= update.ToolCallIndex is not null;
            yield return update;
        }
        Finished(started, reason ?? (calls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop), modelId, usage);
    }

    private void Finished(long started, ChatFinishReason reason, string? modelId, ChatUsage? usage)
    {
        double duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (usage is null) ToolGenLog.ModelCallFinishedWithoutUsage(logger, _provider, modelId ?? "(model not reported)", reason, duration);
        else ToolGenLog.ModelCallFinished(logger, _provider, modelId ?? "(model not reported)", reason, duration, usage.InputTokens, usage.OutputTokens);
    }

    private bool Failed(long started, Exception exception)
    {
        ToolGenLog.ModelCallFailed(logger, _provider, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception);
        return false;
    }
}
