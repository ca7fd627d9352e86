using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ToolGen.Transcripts;

/// <summary>
/// The source-generated serializer of the transcript types: camelCase names, absent members not written, strict
/// numbers, no comments or trailing commas, parts through <see cref="TranscriptPartConverter"/>. No reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = TranscriptPreflight.MaxDepth,
    Converters = [typeof(TranscriptPartConverter)])]
[JsonSerializable(typeof(TranscriptDocument))]
internal sealed partial class TranscriptJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context transcripts are read and written with: the options above, and strings escaped only where JSON needs it
    /// (quotes, backslashes, control characters) and for characters outside the Basic Multilingual Plane or unassigned,
    /// so that text stays readable and small. Not escaped for HTML (neither is embedded provider JSON): a transcript
    /// embedded in a page must be escaped there.
    /// </summary>
    public static TranscriptJsonContext Instance => Escaping.Context;

    // Created on first use, after the generated Default (the static initializers of a partial class run in no set order).
    private static class Escaping
    {
        public static readonly TranscriptJsonContext Context = new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
