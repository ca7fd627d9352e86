using System;
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ToolGen.Serialization;

/// <summary>
/// A reusable <see cref="Utf8JsonWriter"/> that generated code writes a tool's return value with. <see cref="Rent"/> one,
/// write one JSON value to <see cref="Json"/>, then call <see cref="Complete"/>: the writer goes back to a per-thread cache.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolResultWriter
{
    private const int MaxCachedCapacity = 64 * 1024;

    // Non-ASCII text stays readable (and cheaper in tokens) for the model; results are not embedded in HTML.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    [ThreadStatic]
    private static ToolResultWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    private ToolResultWriter() => Json = new Utf8JsonWriter(_buffer, s_options);

    /// <summary>The writer to write exactly one JSON value to.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Takes this thread's cached writer, or a new one.</summary>
    public static ToolResultWriter Rent()
    {
        ToolResultWriter? writer = t_cached;
        if (writer is null) return new ToolResultWriter();
        t_cached = null;
        return writer;
    }

    /// <summary>Returns the written value as a successful <see cref="ToolResult"/> and gives the writer back.</summary>
    public ToolResult Complete()
    {
        Json.Flush();
        // The model is sent text, so the result keeps the text; its UTF-8 form is made again only if asked for.
        string json = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        if (_buffer.Capacity <= MaxCachedCapacity)
        {
            _buffer.ResetWrittenCount();
            Json.Reset(_buffer);
            t_cached = this;
        }
        return ToolResult.FromJsonText(json);
    }

    /// <summary>Writes a <see cref="double"/>; NaN and infinities, which JSON numbers cannot hold, are written as strings.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>Writes property <paramref name="name"/> with a <see cref="double"/>; NaN and infinities are written as strings.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>Writes property <paramref name="name"/> with a <see cref="float"/>; NaN and infinities are written as strings.</summary>
    public static void WriteSingle(Utf8JsonWriter writer, ReadOnlySpan<byte> name, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteString(name, float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>Writes a <see cref="float"/>; NaN and infinities are written as strings.</summary>
    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>Writes a date as <c>yyyy-MM-dd</c>, as System.Text.Json does.</summary>
    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Writes a time of day as <c>HH:mm:ss[.FFFFFFF]</c>, as System.Text.Json does.</summary>
    public static void WriteTimeOnly(Utf8JsonWriter writer, TimeOnly value) =>
        writer.WriteStringValue(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>Writes a duration in .NET's constant format (<c>1.02:03:04</c>), as System.Text.Json does.</summary>
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));

    /// <summary>Writes a character as a one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter writer, char value) => writer.WriteStringValue([value]);

    /// <summary>Writes a URI as its original string, or null.</summary>
    public static void WriteUri(Utf8JsonWriter writer, Uri? value)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.OriginalString);
    }
}
