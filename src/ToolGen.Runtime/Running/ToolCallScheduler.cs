using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Running;

/// <summary>
/// Runs the calls of a <see cref="RunToolsStep"/>: batch after batch, the calls of a concurrent batch at the same time
/// (at most <see cref="ToolRunnerOptions.MaxConcurrency"/>), every other call alone. Each outcome is stored as soon as
/// it is known, so an interrupted step keeps what finished.
/// </summary>
internal static class ToolCallScheduler
{
    public static async Task RunAsync(ToolLoop loop, RunToolsStep step, ToolCallOutcome[] outcomes, CancellationToken cancellationToken)
    {
        SemaphoreSlim? gate = null;   // Only a step with a concurrent batch needs one.
        try
        {
            int index = 0;
            foreach (ToolCallBatch batch in step.Batches)
            {
                if (!batch.Concurrent || batch.Calls.Count == 1)
                {
                    foreach (PlannedToolCall call in batch.Calls)
                        await loop.ExecuteAsync(call, step.Round, outcomes[index++], cancellationToken).ConfigureAwait(false);
                    continue;
                }
                gate ??= new SemaphoreSlim(loop.Options.MaxConcurrency);
                var running = new Task[batch.Calls.Count];
                for (int k = 0; k < running.Length; k++)
                    running[k] = RunGatedAsync(loop, batch.Calls[k], step.Round, outcomes[index++], gate, cancellationToken);
                await Task.WhenAll(running).ConfigureAwait(false);   // Waits for every call, even when one fails.
            }
        }
        finally
        {
            gate?.Dispose();
        }
    }

    private static Task RunGatedAsync(ToolLoop loop, PlannedToolCall call, int round, ToolCallOutcome outcome, SemaphoreSlim gate, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await loop.ExecuteAsync(call, round, outcome, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }, cancellationToken);
}
