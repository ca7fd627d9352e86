using System;
using System.Runtime.InteropServices;
using System.Text;

namespace ToolGen;

/// <summary>
/// The result of a tool call: a JSON value or text on success, or an error whose message is written for the model,
/// so that it can correct its call.
/// </summary>
public sealed class ToolResult
{
    private static readonly ToolResult s_done = new(ToolResultKind.Success, "Done.", default, null);

    // A JSON result holds its UTF-8 bytes or its text; the other is computed on first use. Both caches are single
    // references, so threads reading at once see null or a complete value.
    private readonly ReadOnlyMemory<byte> _utf8Json;
    private byte[]? _encoded;
    private string? _content;
    private readonly bool _isJson;

    private ToolResult(ToolResultKind kind, string? content, ReadOnlyMemory<byte> utf8Json, Exception? exception, bool isJson = false)
    {
        Kind = kind;
        _content = content;
        _utf8Json = utf8Json;
        Exception = exception;
        _isJson = isJson || !utf8Json.IsEmpty;
    }

    /// <summary>What happened.</summary>
    public ToolResultKind Kind { get; }

    /// <summary><see langword="true"/> unless <see cref="Kind"/> is <see cref="ToolResultKind.Success"/>.</summary>
    public bool IsError => Kind != ToolResultKind.Success;

    /// <summary><see langword="true"/> when the result is a JSON value (see <see cref="Utf8Json"/>).</summary>
    public bool IsJson => _isJson;

    /// <summary>The result as UTF-8 JSON; empty for text results and errors.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _isJson && _utf8Json.IsEmpty ? _encoded ??= Encoding.UTF8.GetBytes(_content!) : _utf8Json;

    /// <summary>The text sent back to the model: the JSON text, the tool's text, or the error message.</summary>
    public string Content => _content ??= Encoding.UTF8.GetString(_utf8Json.Span);

    /// <summary>The exception a failed tool threw. It stays with the application; only <see cref="Content"/> goes to the model.</summary>
    public Exception? Exception { get; }

    /// <summary>The result of a tool that returns nothing: the text <c>Done.</c></summary>
    public static ToolResult Done => s_done;

    /// <summary>A successful result holding a UTF-8 JSON value. The bytes are not copied and must not change afterwards.</summary>
    public static ToolResult FromJson(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty) throw new ArgumentException("A JSON result cannot be empty.", nameof(utf8Json));
        return new ToolResult(ToolResultKind.Success, null, utf8Json, null);
    }

    /// <summary>
    /// A JSON result from text the caller guarantees is one valid JSON value (generated code's writer); the text is what
    /// the model is sent, so keeping it avoids a UTF-8 copy.
    /// </summary>
    internal static ToolResult FromJsonText(string json) => new(ToolResultKind.Success, json, default, null, isJson: true);

    /// <summary>This result, or a copy whose JSON does not point into <paramref name="buffer"/> (about to be reused).</summary>
    internal ToolResult DetachedFrom(byte[] buffer) =>
        _content is null && MemoryMarshal.TryGetArray(_utf8Json, out ArraySegment<byte> segment) && segment.Array == buffer
            ? new ToolResult(Kind, null, _utf8Json.ToArray(), Exception)
            : this;

    /// <summary>A successful result holding text, passed to the model as is.</summary>
    public static ToolResult FromText(string? text) => new(ToolResultKind.Success, text ?? string.Empty, default, null);

    /// <summary>An error result. <paramref name="message"/> is what the model reads: say what went wrong and what to do.</summary>
    public static ToolResult Error(ToolResultKind kind, string message, Exception? exception = null)
    {
        if (kind == ToolResultKind.Success) throw new ArgumentException("An error result needs an error kind.", nameof(kind));
        ArgumentNullException.ThrowIfNull(message);
        return new ToolResult(kind, message, default, exception);
    }

    /// <summary>
    /// A result that asks the model to correct its call: <paramref name="message"/> says what was wrong ("the date must be
    /// in the future"). Unlike <see cref="ToolResultKind.Failed"/>, it invites another call; a runner allows each tool a
    /// limited number of them (<see cref="ToolDescriptor.MaxRetries"/>).
    /// </summary>
    public static ToolResult Retry(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new ToolResult(ToolResultKind.Retry, message, default, null);
    }

    /// <inheritdoc/>
    public override string ToString() => IsError ? $"{Kind}: {Content}" : Content;
}
