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

    /// <summary>A number property of <paramref name="element"/> (a token count), or 0 when it is missing or not a number.</summary>
    public static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
