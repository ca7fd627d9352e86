using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Tests.Tools;

/// <summary>How urgent a request is.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>Static tools covering the parameter and return types of the foundation.</summary>
public static partial class CatalogTools
{
    /// <summary>
    /// Searches the product catalog by free text. Use it when the user asks for a product by name or description;
    /// follow up with <see cref="GetStockAsync"/> for availability.
    /// </summary>
    /// <param name="query">Words to look for in product names, for example <c>red shoes</c>.</param>
    /// <param name="limit">The most results to return.</param>
    /// <param name="priority">How urgent the search is; <see cref="Priority.High"/> skips the cache.</param>
    /// <param name="tags">Only products with all of these tags.</param>
    /// <returns>The names of matching products, best match first.</returns>
    [Tool(ReadOnly = true)]
    public static List<string> SearchProducts(string query, int limit = 10, Priority priority = Priority.Normal, string[]? tags = null, CancellationToken cancellationToken = default)
    {
        CallLog.Record($"search({query}, {limit}, {priority}, {(tags is null ? "null" : "[" + string.Join(",", tags) + "]")})");
        return [.. Enumerable.Range(1, Math.Clamp(limit, 0, 3)).Select(i => $"{query} #{i}")];
    }

    /// <summary>Gets how many units of a product are in stock.</summary>
    /// <param name="productId">The product's catalog number.</param>
    [Tool(ReadOnly = true, Idempotent = true)]
    public static async Task<int> GetStockAsync(long productId)
    {
        await Task.Yield();
        CallLog.Record($"stock({productId})");
        return (int)(productId % 100);
    }

    /// <summary>Echoes one value of every numeric type, to test ranges and formats.</summary>
    [Tool(Name = "echo-numbers")]
    public static string EchoNumbers(sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64, float f32, double f64, decimal money)
    {
        string text = string.Join(" ", new object[] { i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, money }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        CallLog.Record($"numbers({text})");
        return text;
    }

    /// <summary>Echoes nullable values, to test how null and missing values arrive.</summary>
    [Tool]
    public static string EchoNullables(int? count, bool? flag, Priority? priority, string? note, double? ratio = 0.5)
    {
        string text = $"{Show(count)} {Show(flag)} {Show(priority)} {note ?? "null"} {Show(ratio)}";
        CallLog.Record($"nullables({text})");
        return text;
    }

    /// <summary>Sums lists of numbers, to test arrays, lists and nesting.</summary>
    [Tool]
    public static decimal SumLists(List<int> ids, IReadOnlyList<decimal> amounts, double[][]? matrix = null, IEnumerable<Priority?>? priorities = null)
    {
        CallLog.Record($"sum([{string.Join(",", ids)}], [{string.Join(",", amounts)}], {(matrix is null ? "null" : matrix.Length + " rows")}, {(priorities is null ? "null" : string.Join(",", priorities.Select(Show)))})");
        return ids.Sum() + amounts.Sum() + (decimal)(matrix?.Sum(r => r.Sum()) ?? 0);
    }

    /// <summary>Returns a fixed priority, to test enum results.</summary>
    [Tool]
    public static ValueTask<Priority> CurrentPriorityAsync() => new(Priority.High);

    /// <summary>Returns a list of priorities and a missing one, to test collection results.</summary>
    [Tool]
    public static Priority?[] AllPriorities() => [Priority.Low, null, Priority.High];

    /// <summary>Returns special floating-point values, which JSON numbers cannot hold.</summary>
    [Tool]
    public static double[] SpecialNumbers() => [1.5, double.NaN, double.PositiveInfinity];

    /// <summary>Clears the cache, to test tools that return nothing.</summary>
    [Tool(Destructive = true, RequiresApproval = true)]
    public static void ClearCache() => CallLog.Record("clear()");

    /// <summary>Clears the cache asynchronously, to test tools that return a Task.</summary>
    [Tool]
    public static async Task ClearCacheLaterAsync(int delayMilliseconds = 1)
    {
        await Task.Delay(Math.Clamp(delayMilliseconds, 0, 10));
        CallLog.Record("clear-later()");
    }

    /// <summary>Does nothing asynchronously, to test tools that return a ValueTask.</summary>
    [Tool]
    public static ValueTask NothingAsync() => default;

    /// <summary>Always fails, to test how exceptions reach the model.</summary>
    [Tool]
    public static string Explode(string message) => throw new InvalidOperationException(message);

    /// <summary>Waits until canceled, to test cancellation.</summary>
    [Tool]
    public static async Task<string> WaitForeverAsync(ToolContext context, CancellationToken cancellationToken)
    {
        CallLog.Record($"wait({context.CallId})");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    /// <summary>Returns the call id the runtime passed, to test ToolContext binding.</summary>
    [Tool]
    public static string WhoCalls(ToolContext context) => context.CallId ?? "no id";

    private static string Show<T>(T? value) where T : struct => value is null ? "null" : Convert.ToString(value.Value, CultureInfo.InvariantCulture)!;
}
