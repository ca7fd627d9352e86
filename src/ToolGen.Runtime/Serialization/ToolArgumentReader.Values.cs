using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ToolGen.Serialization;

// Readers for values JSON carries as strings (characters, dates and times, GUIDs, URIs) and for free-form JSON.
public static partial class ToolArgumentReader
{
    private static readonly string[] s_timeFormats = ["HH:mm:ss.FFFFFFF", "HH:mm:ss", "HH:mm"];

    /// <summary>Reads a string of exactly one character.</summary>
    public static bool ReadChar(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out char value)
    {
        value = default;
        if (!ReadText(ref reader, ref errors, path, member, index, "a string of one character", out string text)) return false;
        if (text.Length == 1)
        {
            value = text[0];
            return true;
        }
        errors.Add(path, member, index, "expected a string of one character, got " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters");
        return false;
    }

    /// <summary>
    /// Reads an RFC 3339 date and time (<c>2026-11-24T09:30:00Z</c>, the schema's <c>date-time</c>). The offset may be
    /// left out, giving a <see cref="DateTimeKind.Unspecified"/> value; a date alone or a time without seconds is refused.
    /// </summary>
    public static bool ReadDateTime(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out DateTime value)
    {
        if (reader.TokenType == JsonTokenType.String && IsDateTimeText(ref reader, requireOffset: false) && reader.TryGetDateTime(out value)) return true;
        Mismatch(ref reader, ref errors, path, member, index, "a date and time such as \"2026-11-24T09:30:00Z\"");
        value = default;
        return false;
    }

    /// <summary>
    /// Reads an RFC 3339 date and time with its offset (<c>2026-11-24T09:30:00+01:00</c>). Without an offset the value
    /// would silently take the server's, so it is refused.
    /// </summary>
    public static bool ReadDateTimeOffset(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out DateTimeOffset value)
    {
        if (reader.TokenType == JsonTokenType.String && IsDateTimeText(ref reader, requireOffset: true) && reader.TryGetDateTimeOffset(out value)) return true;
        Mismatch(ref reader, ref errors, path, member, index, "a date and time with an offset such as \"2026-11-24T09:30:00+01:00\"");
        value = default;
        return false;
    }

    /// <summary>Reads a date written <c>yyyy-MM-dd</c>.</summary>
    public static bool ReadDateOnly(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out DateOnly value)
    {
        const string expected = "a date such as \"2026-11-24\"";
        if (PeekText(ref reader) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)) return true;
        Mismatch(ref reader, ref errors, path, member, index, expected);
        value = default;
        return false;
    }

    /// <summary>Reads a time of day written <c>HH:mm[:ss[.fffffff]]</c>; an RFC 3339 offset or <c>Z</c> after it is accepted and ignored.</summary>
    public static bool ReadTimeOnly(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out TimeOnly value)
    {
        if (PeekText(ref reader) is { } text && TimeOnly.TryParseExact(WithoutOffset(text), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)) return true;
        Mismatch(ref reader, ref errors, path, member, index, "a time of day such as \"14:30:00\"");
        value = default;
        return false;
    }

    /// <summary>Reads a duration: ISO 8601 (<c>PT1H30M</c>, <c>P2DT3H</c>) or .NET's constant format (<c>1.02:03:04</c>) that System.Text.Json writes.</summary>
    public static bool ReadTimeSpan(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out TimeSpan value)
    {
        if (PeekText(ref reader) is { } text && (IsoDuration.TryParse(text, out value) || TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value))) return true;
        Mismatch(ref reader, ref errors, path, member, index, "an ISO 8601 duration such as \"PT1H30M\"");
        value = default;
        return false;
    }

    /// <summary>Reads a UUID written as the schema's <c>uuid</c> format has it: <c>3f2504e0-4f89-11d3-9a0c-0305e82c3301</c>, no braces or spaces.</summary>
    public static bool ReadGuid(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out Guid value)
    {
        if (PeekText(ref reader) is { } text && !ToolArgumentConstraints.HasSpaceOrControl(text) && Guid.TryParseExact(text, "D", out value)) return true;
        Mismatch(ref reader, ref errors, path, member, index, "a UUID such as \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"");
        value = default;
        return false;
    }

    /// <summary>Reads an absolute URI without whitespace or control characters, as the schema's <c>uri</c> format requires.</summary>
    public static bool ReadUri(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out Uri value)
    {
        if (PeekText(ref reader) is { } text && ToolArgumentConstraints.IsAbsoluteUri(text) && Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            value = uri;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, "an absolute URI such as \"https://example.com/page\"");
        value = null!;
        return false;
    }

    /// <summary>Reads any JSON value, including <c>null</c>, as a <see cref="JsonElement"/>.</summary>
    public static bool ReadJsonElement(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out JsonElement value)
    {
        if (!IsValidText(ref reader, ref errors, path, member, index))
        {
            value = default;
            return false;
        }
        value = JsonElement.ParseValue(ref reader);
        return true;
    }

    // Free-form JSON is kept as it is, so its strings are checked here: a lone surrogate escape (\uD800) or invalid UTF-8
    // would otherwise reach the tool and fail wherever the text is finally read. Skips the value when it is invalid.
    private static bool IsValidText(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index)
    {
        Utf8JsonReader scan = reader;   // A copy: the caller's reader stays at the start of the value.
        int depth = scan.CurrentDepth;
        while (true)
        {
            if (scan.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsValidString(ref scan))
            {
                errors.Add(path, member, index, "the value holds text that is not valid Unicode (for example a lone surrogate escape such as \\uD800)");
                reader.Skip();
                return false;
            }
            if (scan.CurrentDepth == depth && scan.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
            if (!scan.Read()) return true;
            if (scan.CurrentDepth == depth && scan.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return true;
        }
    }

    private static bool IsValidString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads any JSON value but <c>null</c> as a <see cref="JsonNode"/>.</summary>
    public static bool ReadJsonNode(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out JsonNode value)
    {
        if (reader.TokenType != JsonTokenType.Null)
        {
            if (!IsValidText(ref reader, ref errors, path, member, index))
            {
                value = null!;
                return false;
            }
            value = JsonNode.Parse(ref reader)!;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, "a JSON value");
        value = null!;
        return false;
    }

    /// <summary>Reads a JSON object as a <see cref="JsonObject"/>.</summary>
    public static bool ReadJsonObject(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out JsonObject value)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            if (!IsValidText(ref reader, ref errors, path, member, index))
            {
                value = null!;
                return false;
            }
            value = (JsonObject)JsonNode.Parse(ref reader)!;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, "an object");
        value = null!;
        return false;
    }

    /// <summary>Reads a JSON array as a <see cref="JsonArray"/>.</summary>
    public static bool ReadJsonArray(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out JsonArray value)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            if (!IsValidText(ref reader, ref errors, path, member, index))
            {
                value = null!;
                return false;
            }
            value = (JsonArray)JsonNode.Parse(ref reader)!;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, "an array");
        value = null!;
        return false;
    }

    private static bool ReadText(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string expected, out string text)
    {
        if (PeekText(ref reader) is { } value)
        {
            text = value;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, expected);
        text = string.Empty;
        return false;
    }

    // RFC 3339 date-time: yyyy-MM-ddTHH:mm:ss, optional fraction, then Z or ±hh:mm (optional for DateTime). The
    // semantic parse is System.Text.Json's; this only refuses the shorter ISO 8601 forms it also accepts.
    private static bool IsDateTimeText(ref Utf8JsonReader reader, bool requireOffset)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > 64) return PeekText(ref reader) is { } text && IsDateTimeText(text.AsSpan(), requireOffset);
        Span<char> chars = stackalloc char[64];
        int length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        return IsDateTimeText(chars.Slice(0, length), requireOffset);
    }

    internal static bool IsDateTimeText(ReadOnlySpan<char> text, bool requireOffset)
    {
        static bool Digits(ReadOnlySpan<char> span)
        {
            foreach (char c in span)
            {
                if (c is < '0' or > '9') return false;
            }
            return true;
        }
        if (text.Length < 19 || !Digits(text.Slice(0, 4)) || text[4] != '-' || !Digits(text.Slice(5, 2)) || text[7] != '-' || !Digits(text.Slice(8, 2))
            || text[10] != 'T' || !Digits(text.Slice(11, 2)) || text[13] != ':' || !Digits(text.Slice(14, 2)) || text[16] != ':' || !Digits(text.Slice(17, 2)))
            return false;
        int at = 19;
        if (at < text.Length && text[at] == '.')
        {
            int start = ++at;
            while (at < text.Length && text[at] is >= '0' and <= '9') at++;
            if (at == start) return false;
        }
        ReadOnlySpan<char> offset = text.Slice(at);
        if (offset.Length == 0) return !requireOffset;
        return offset is "Z" || (offset.Length == 6 && offset[0] is '+' or '-' && Digits(offset.Slice(1, 2)) && offset[3] == ':' && Digits(offset.Slice(4, 2)));
    }

    // The current string value, or null when the token is not a (valid UTF-8) string.
    private static string? PeekText(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? SafeGetString(ref reader) : null;

    private static string WithoutOffset(string time)
    {
        if (time.EndsWith('Z') || time.EndsWith('z')) return time[..^1];
        int sign = time.LastIndexOfAny(['+', '-']);
        return sign > 0 ? time[..sign] : time;
    }
}
