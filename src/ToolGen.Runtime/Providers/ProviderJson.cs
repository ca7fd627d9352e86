using System;
using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ToolGen.Providers;

/// <summary>JSON settings every adapter writes its requests with.</summary>
internal static class ProviderJson
{
    /// <summary>
    /// Relaxed escaping: request bodies go to an API, not into HTML, so non-ASCII text and quotes stay readable and
    /// small (as the vendors' SDKs send them).
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// A writer over <paramref name="output"/> with <see cref="WriterOptions"/>, reused from the last request written on
    /// this thread: <c>using (ProviderJson.Write(buffer, out Utf8JsonWriter w)) { … }</c> flushes it at the end and keeps it
    /// for the next one. Requests are written synchronously, so one writer per thread is enough.
    /// </summary>
    public static WriterLease Write(IBufferWriter<byte> output, out Utf8JsonWriter writer)
    {
        writer = t_writer ?? new Utf8JsonWriter(output, WriterOptions);
        t_writer = null;   // A nested write (none today) gets a writer of its own.
        writer.Reset(output);
        return new WriterLease(writer);
    }

    /// <summary>Flushes the leased writer and keeps it for the thread's next request.</summary>
    public readonly struct WriterLease(Utf8JsonWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer.Flush();
            writer.Reset(Stream.Null);   // Holds on to no request's buffer.
            t_writer = writer;
        }
    }

    /// <summary>A number property of <paramref name="element"/> (a token count), or 0 when it is missing or not a number.</summary>
    public static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
