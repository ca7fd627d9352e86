using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace ToolGen.Serialization;

/// <summary>Turns the task a tool method returns into a <see cref="ToolResult"/>, without an allocation when it already completed.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolInvocation
{
    /// <summary>The result of a tool returning <see cref="Task"/>.</summary>
    public static ValueTask<ToolResult> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? new ValueTask<ToolResult>(ToolResult.Done) : AwaitAsync(task);

    /// <summary>The result of a tool returning <see cref="Task{TResult}"/>.</summary>
    public static ValueTask<ToolResult> FromTask<T>(Task<T> task, Func<T, ToolResult> convert) =>
        task.IsCompletedSuccessfully ? new ValueTask<ToolResult>(convert(task.Result)) : AwaitAsync(task, convert);

    /// <summary>The result of a tool returning <see cref="ValueTask"/>.</summary>
    public static ValueTask<ToolResult> FromValueTask(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully) return AwaitAsync(task);
        task.GetAwaiter().GetResult();
        return new ValueTask<ToolResult>(ToolResult.Done);
    }

    /// <summary>The result of a tool returning <see cref="ValueTask{TResult}"/>.</summary>
    public static ValueTask<ToolResult> FromValueTask<T>(ValueTask<T> task, Func<T, ToolResult> convert) =>
        task.IsCompletedSuccessfully ? new ValueTask<ToolResult>(convert(task.Result)) : AwaitAsync(task, convert);

    private static async ValueTask<ToolResult> AwaitAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return ToolResult.Done;
    }

    private static async ValueTask<ToolResult> AwaitAsync<T>(Task<T> task, Func<T, ToolResult> convert) =>
        convert(await task.ConfigureAwait(false));

    private static async ValueTask<ToolResult> AwaitAsync(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return ToolResult.Done;
    }

    private static async ValueTask<ToolResult> AwaitAsync<T>(ValueTask<T> task, Func<T, ToolResult> convert) =>
        convert(await task.ConfigureAwait(false));
}
