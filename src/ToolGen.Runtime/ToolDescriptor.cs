using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Serialization;

namespace ToolGen;

/// <summary>
/// One tool: its name, description, parameter schemas and hints, and the invoker that runs it on JSON arguments.
/// Generated code creates descriptors for <see cref="ToolAttribute">[Tool]</see> methods; you can also create one by hand.
/// </summary>
public sealed class ToolDescriptor
{
    private readonly ToolInvoker _invoker;

    /// <summary>Creates a tool descriptor.</summary>
    /// <param name="name">The tool name; must match <c>^[a-zA-Z0-9_-]{1,64}$</c>.</param>
    /// <param name="description">What the tool does, when to use it and what it returns.</param>
    /// <param name="parametersSchema">The JSON Schema of the arguments object, as UTF-8 JSON.</param>
    /// <param name="invoker">Parses the arguments and runs the tool.</param>
    public ToolDescriptor(string name, string description, ReadOnlyMemory<byte> parametersSchema, ToolInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(invoker);
        if (!ToolGen.Shared.ToolNameRules.IsValidToolName(name))
            throw new ArgumentException($"The tool name \"{name}\" is invalid: use 1 to 64 letters, digits, '_' or '-'.", nameof(name));
        if (parametersSchema.IsEmpty)
            throw new ArgumentException("The parameters schema cannot be empty.", nameof(parametersSchema));
        Name = name;
        Description = description;
        ParametersSchema = parametersSchema;
        _invoker = invoker;
    }

    /// <summary>The tool name the model calls.</summary>
    public string Name { get; }

    /// <summary>The tool description shown to the model.</summary>
    public string Description { get; }

    /// <summary>The JSON Schema (2020-12) of the arguments object, as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> ParametersSchema { get; }

    /// <summary>
    /// The OpenAI strict-mode variant of <see cref="ParametersSchema"/>: every property required (optional ones nullable,
    /// <c>null</c> meaning "use the default"), <c>additionalProperties: false</c> everywhere. Empty when strict mode
    /// cannot express the parameters.
    /// </summary>
    public ReadOnlyMemory<byte> StrictParametersSchema { get; init; }

    /// <summary><see langword="true"/> when <see cref="StrictParametersSchema"/> is available.</summary>
    public bool SupportsStrictSchema => !StrictParametersSchema.IsEmpty;

    /// <summary>
    /// Why there is no <see cref="StrictParametersSchema"/> (for example "$.filters is a dictionary, which strict mode
    /// cannot express"), or <see langword="null"/> when there is one.
    /// </summary>
    public string? StrictSchemaUnavailableReason { get; init; }

    /// <summary>The tool asked for OpenAI strict mode (<see cref="ToolAttribute.Strict"/>); it then has a <see cref="StrictParametersSchema"/>.</summary>
    public bool Strict { get; init; }

    /// <summary>The <see cref="ToolSchemaDialect.AnthropicStrict"/> form of the parameters schema; empty when that mode cannot express them.</summary>
    public ReadOnlyMemory<byte> AnthropicStrictParametersSchema { get; init; }

    /// <summary>Why there is no <see cref="AnthropicStrictParametersSchema"/>, or <see langword="null"/>.</summary>
    public string? AnthropicStrictSchemaUnavailableReason { get; init; }

    /// <summary>The <see cref="ToolSchemaDialect.Portable"/> form; empty means the standard schema already has no type arrays.</summary>
    public ReadOnlyMemory<byte> PortableParametersSchema { get; init; }

    /// <summary>The <see cref="ToolSchemaDialect.Gemini"/> form; empty means the standard schema is already in Gemini's subset.</summary>
    public ReadOnlyMemory<byte> GeminiParametersSchema { get; init; }

    /// <summary>
    /// The JSON Schema of the tool's JSON result, exactly as the generated writer writes it (no bounds or defaults; a
    /// member the writer may leave out is not required). Empty when the tool returns text (<c>string</c>) or nothing.
    /// </summary>
    public ReadOnlyMemory<byte> OutputSchema { get; init; }

    /// <summary>
    /// The result schema for consumers that require an object (MCP's <c>outputSchema</c>): <see cref="OutputSchema"/> when
    /// the result is a JSON object, otherwise <c>{"type":"object","properties":{"result":…},"required":["result"]}</c>
    /// (see <see cref="OutputIsWrapped"/>). Empty when there is no <see cref="OutputSchema"/>.
    /// </summary>
    public ReadOnlyMemory<byte> ObjectOutputSchema { get; init; }

    /// <summary>
    /// Whether <see cref="ObjectOutputSchema"/> wraps the result: a consumer that requires an object then receives the
    /// result JSON as <c>{"result": …}</c> (see <see cref="ToObjectOutput(ToolResult)"/>).
    /// </summary>
    public bool OutputIsWrapped { get; init; }

    /// <summary>
    /// A hash of what a stored call of this tool depends on: its name, its parameters schema and its result schema,
    /// without descriptions (<c>tg1-</c> and 24 hex digits). Identical across builds, machines and cultures; it changes
    /// when a parameter or result changes name, type, requiredness, default, enum values or bounds. <see langword="null"/>
    /// for a hand-written descriptor that sets none.
    /// </summary>
    public string? ContractFingerprint { get; init; }

    /// <summary>The parameters schema in <paramref name="dialect"/>, as UTF-8 JSON; empty when a strict dialect cannot express the parameters.</summary>
    /// <remarks>
    /// <see cref="ToolSchemaDialect.Portable"/> and <see cref="ToolSchemaDialect.Gemini"/> fall back to
    /// <see cref="ParametersSchema"/> when they are not set (generated descriptors leave them unset only when the
    /// standard schema already fits).
    /// </remarks>
    public ReadOnlyMemory<byte> GetParametersSchema(ToolSchemaDialect dialect) => dialect switch
    {
        ToolSchemaDialect.Standard => ParametersSchema,
        ToolSchemaDialect.Portable => PortableParametersSchema.IsEmpty ? ParametersSchema : PortableParametersSchema,
        ToolSchemaDialect.Gemini => GeminiParametersSchema.IsEmpty ? ParametersSchema : GeminiParametersSchema,
        ToolSchemaDialect.OpenAIStrict => StrictParametersSchema,
        ToolSchemaDialect.AnthropicStrict => AnthropicStrictParametersSchema,
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
    };

    /// <summary>Why <paramref name="dialect"/> has no schema for this tool, or <see langword="null"/> when it has one.</summary>
    public string? GetSchemaUnavailableReason(ToolSchemaDialect dialect) => dialect switch
    {
        ToolSchemaDialect.OpenAIStrict when StrictParametersSchema.IsEmpty => StrictSchemaUnavailableReason ?? "the tool has no strict schema",
        ToolSchemaDialect.AnthropicStrict when AnthropicStrictParametersSchema.IsEmpty => AnthropicStrictSchemaUnavailableReason ?? "the tool has no Anthropic strict schema",
        _ => null,
    };

    /// <summary>
    /// The successful <paramref name="result"/>'s JSON in the form <see cref="ObjectOutputSchema"/> describes:
    /// as it is, or as <c>{"result": …}</c> when <see cref="OutputIsWrapped"/>. <see langword="null"/> for a text,
    /// empty or failed result.
    /// </summary>
    public string? ToObjectOutput(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind != ToolResultKind.Success || !result.IsJson || ObjectOutputSchema.IsEmpty) return null;
        return OutputIsWrapped ? "{\"result\":" + result.Content + "}" : result.Content;
    }

    /// <summary>What the tool returns, from the method's <c>&lt;returns&gt;</c> documentation; already part of <see cref="Description"/>.</summary>
    public string? ReturnDescription { get; init; }

    /// <summary>The declaring method, for error messages and diagnostics (for example <c>MyApp.WeatherTools.GetWeather</c>).</summary>
    public string? MethodName { get; init; }

    /// <summary>
    /// How long one call may take before a runner cancels it with a <see cref="ToolResultKind.TimedOut"/> result;
    /// overrides the run's timeout. <see langword="null"/> uses the run's (<see cref="ToolAttribute.TimeoutSeconds"/>).
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How many times in one run the tool may ask the model to correct a call (<see cref="ToolResultKind.Retry"/>)
    /// before a further request is reported as <see cref="ToolResultKind.Failed"/>. <see langword="null"/> uses the
    /// run's budget (<see cref="ToolAttribute.MaxRetries"/>).
    /// </summary>
    public int? MaxRetries { get; init; }

    /// <summary>The tool's behavioral hints.</summary>
    public ToolHints Hints { get; init; }

    /// <summary>The <c>[Tool(Title)]</c>: a short name for people; null when not set.</summary>
    public string? Title { get; init; }

    /// <summary>See <see cref="ToolAttribute.ReadOnly"/>.</summary>
    public bool IsReadOnly => (Hints & ToolHints.ReadOnly) != 0;

    /// <summary>See <see cref="ToolAttribute.Destructive"/>.</summary>
    public bool IsDestructive => (Hints & ToolHints.Destructive) != 0;

    /// <summary>See <see cref="ToolAttribute.Idempotent"/>.</summary>
    public bool IsIdempotent => (Hints & ToolHints.Idempotent) != 0;

    /// <summary>See <see cref="ToolAttribute.RequiresApproval"/>.</summary>
    public bool RequiresApproval => (Hints & ToolHints.RequiresApproval) != 0;

    /// <summary>
    /// Parses <paramref name="arguments"/> and runs the tool. Never throws for bad arguments or a failing tool: those
    /// become <see cref="ToolResultKind.InvalidArguments"/> and <see cref="ToolResultKind.Failed"/> results.
    /// </summary>
    /// <remarks>
    /// This runs the tool directly: it does not ask for approval (<see cref="RequiresApproval"/>), apply a timeout or
    /// count retries. Runners (<c>ToolRunner</c>, <c>ToolLoop</c>) and the Microsoft.Extensions.AI bridge do.
    /// </remarks>
    /// <param name="arguments">The arguments object as UTF-8 JSON; empty means no arguments.</param>
    /// <param name="context">Per-call information, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call; a canceled call returns a <see cref="ToolResultKind.Canceled"/> result.</param>
    public ValueTask<ToolResult> InvokeAsync(ReadOnlyMemory<byte> arguments, ToolContext? context = null, CancellationToken cancellationToken = default) =>
        Invoke(arguments.Span, arguments, context, cancellationToken);

    // The limit check reads the span the caller already has: ReadOnlyMemory<byte>.Span is not free on the hot path.
    private ValueTask<ToolResult> Invoke(ReadOnlySpan<byte> span, ReadOnlyMemory<byte> arguments, ToolContext? context, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return new ValueTask<ToolResult>(CanceledResult());
        if (ToolArgumentLimits.Check(span, context?.Limits ?? ToolLimits.Default) is { } problem)
            return new ValueTask<ToolResult>(OverLimit(problem));

        ValueTask<ToolResult> pending;
        try
        {
            pending = _invoker(arguments, context, cancellationToken);
        }
        catch (Exception exception)
        {
            return new ValueTask<ToolResult>(FromException(exception, context, cancellationToken));
        }

        return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending, context, cancellationToken);
    }

    /// <summary>Parses <paramref name="arguments"/> (JSON text) and runs the tool. See <see cref="InvokeAsync(ReadOnlyMemory{byte}, ToolContext?, CancellationToken)"/>.</summary>
    public ValueTask<ToolResult> InvokeAsync(string arguments, ToolContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        int limit = (context?.Limits ?? ToolLimits.Default).MaxArgumentBytes;
        if (arguments.Length > limit)   // Never fewer UTF-8 bytes than UTF-16 characters: too large before any copy.
        {
            return new ValueTask<ToolResult>(OverLimit(string.Create(CultureInfo.InvariantCulture,
                $"$: the arguments are {Encoding.UTF8.GetByteCount(arguments):N0} bytes, more than the limit of {limit:N0} bytes. Send less data in one call.")));
        }
        // The UTF-8 copy comes from the shared pool and goes back once the call has completed (not merely returned),
        // so an invoker may read its arguments after an await.
        // Small arguments skip the counting pass; large ones are counted so that the buffer is not three times too big.
        int size = arguments.Length <= 16 * 1024 ? Encoding.UTF8.GetMaxByteCount(arguments.Length) : Encoding.UTF8.GetByteCount(arguments);
        byte[] rented = ArrayPool<byte>.Shared.Rent(size);
        int length = Encoding.UTF8.GetBytes(arguments, rented);
        ValueTask<ToolResult> pending = Invoke(rented.AsSpan(0, length), rented.AsMemory(0, length), context, cancellationToken);
        if (!pending.IsCompleted) return ReturnWhenDoneAsync(pending, rented);
        ToolResult result = pending.Result;   // Completed, and InvokeAsync never faults.
        ArrayPool<byte>.Shared.Return(rented);
        return new ValueTask<ToolResult>(result.DetachedFrom(rented));
    }

    private ToolResult OverLimit(string problem) => ToolResult.Error(ToolResultKind.InvalidArguments, $"Invalid arguments for {Name}: {problem}");

    // A hand-written invoker may return its arguments as its result (ToolResult.FromJson does not copy): such a result
    // is copied before the buffer goes back to the pool.
    private static async ValueTask<ToolResult> ReturnWhenDoneAsync(ValueTask<ToolResult> pending, byte[] rented)
    {
        ToolResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return result.DetachedFrom(rented);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private async ValueTask<ToolResult> AwaitAsync(ValueTask<ToolResult> pending, ToolContext? context, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return FromException(exception, context, cancellationToken);
        }
    }

    private ToolResult FromException(Exception exception, ToolContext? context, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            return CanceledResult();
        if (exception is ToolRetryException retry)
            return ToolResult.Error(ToolResultKind.Retry, $"{Name} asks you to correct the call: {retry.Message}", retry);

        string message = context?.IncludeExceptionDetails == true
            ? $"Tool {Name} failed: {exception.GetType().Name}: {exception.Message}"
            : $"Tool {Name} failed with an internal error (details are not shown). Do not repeat the same call; try other arguments or tell the user it failed.";
        return ToolResult.Error(ToolResultKind.Failed, message, exception);
    }

    private ToolResult CanceledResult() => ToolResult.Error(ToolResultKind.Canceled, $"The call to {Name} was canceled.");
}
