using System;
using System.Text;
using System.Text.Json;

namespace ToolGen.Transcripts;

/// <summary>How values read in the messages of <see cref="TranscriptFormatException"/>s: short, whatever the input holds.</summary>
internal static class TranscriptErrorText
{
    private const int MaxLength = 40;

    /// <summary>How the current token reads: <c>an array</c>, <c>a string</c>, <c>null</c>, <c>1e400</c>…</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.Number => Number(reader.ValueSpan),
        _ => "a value",
    };

    /// <summary>How <paramref name="value"/> reads.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => Shorten(value.GetRawText()),
        _ => "nothing",
    };

    /// <summary>A number's text (ASCII), at most 40 characters of it.</summary>
    public static string Number(ReadOnlySpan<byte> number) =>
        number.Length <= MaxLength ? Encoding.UTF8.GetString(number) : Encoding.UTF8.GetString(number[..MaxLength]) + "…";

    /// <summary><paramref name="value"/> in quotes, at most 40 characters of it.</summary>
    public static string Quote(string value) => "\"" + Shorten(value) + "\"";

    private static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
