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
}
