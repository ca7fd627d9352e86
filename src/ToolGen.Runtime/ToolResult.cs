using System;
using System.Text;

namespace ToolGen;

/// <summary>
/// The result of a tool call: a JSON value or text on success, or an error whose message is written for the model,
/// so that it can correct its call.
/// </summary>
public sealed class ToolResult
{
    private static readonly ToolResult s_done = new(ToolResultKind.Success, "Done.", default, null);

    private readonly ReadOnlyMemory<byte> _utf8Json;
    private string? _content;

    private ToolResult(ToolResultKind kind, string? content, ReadOnlyMemory<byte> utf8Json, Exception? exception)
    {
        Kind = kind;
        _content = content;
        _utf8Json = utf8Json;
        Exception = exception;
    }

    /// <summary>What happened.</summary>
    public ToolResultKind Kind { get; }

    /// <summary><see langword="true"/> unless <see cref="Kind"/> is <see cref="ToolResultKind.Success"/>.</summary>
    public bool IsError => Kind != ToolResultKind.Success;

    /// <summary><see langword="true"/> when the result is a JSON value (see <see cref="Utf8Json"/>).</summary>
    public bool IsJson => !_utf8Json.IsEmpty;

    /// <summary>The result as UTF-8 JSON; empty for text results and errors.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

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

    /// <summary>A successful result holding text, passed to the model as is.</summary>
    public static ToolResult FromText(string? text) => new(ToolResultKind.Success, text ?? string.Empty, default, null);

    /// <summary>An error result. <paramref name="message"/> is what the model reads: say what went wrong and what to do.</summary>
    public static ToolResult Error(ToolResultKind kind, string message, Exception? exception = null)
    {
        if (kind == ToolResultKind.Success) throw new ArgumentException("An error result needs an error kind.", nameof(kind));
        ArgumentNullException.ThrowIfNull(message);
        return new ToolResult(kind, message, default, exception);
    }

    /// <inheritdoc/>
    public override string ToString() => IsError ? $"{Kind}: {Content}" : Content;
}
