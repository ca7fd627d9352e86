using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ToolGen.Serialization;

/// <summary>
/// Checks arguments against <see cref="ToolLimits"/> before they are parsed. The size check is one comparison; the
/// scan for long strings, long arrays and deep nesting only runs for payloads large enough to break one of those limits
/// (a payload of n bytes holds no string longer than n characters and no array of more than n/2 items), so ordinary
/// calls never pay for it.
/// </summary>
internal static class ToolArgumentLimits
{
    /// <summary>The error message for the model, or null when <paramref name="arguments"/> is within <paramref name="limits"/>.</summary>
    public static string? Check(ReadOnlySpan<byte> arguments, ToolLimits limits)
    {
        if (arguments.Length > limits.MaxArgumentBytes)
            return $"$: the arguments are {Count(arguments.Length)} bytes, more than the limit of {Count(limits.MaxArgumentBytes)} bytes. Send less data in one call.";

        bool mayBreakStrings = arguments.Length > limits.MaxStringLength;
        bool mayBreakArrays = arguments.Length / 2 > limits.MaxArrayLength;
        bool mayBreakDepth = limits.MaxDepth < ToolArgumentReader.MaxDepth && arguments.Length > 2 * limits.MaxDepth;
        return mayBreakStrings || mayBreakArrays || mayBreakDepth ? Scan(arguments, limits) : null;
    }

    private static string? Scan(ReadOnlySpan<byte> arguments, ToolLimits limits)
    {
        // Items seen so far in each open array, by depth (-1 for an object); depth never exceeds the parser's bound.
        Span<int> items = stackalloc int[ToolArgumentReader.MaxDepth + 2];
        Span<long> starts = stackalloc long[ToolArgumentReader.MaxDepth + 2];   // Where each open array begins.
        var reader = new Utf8JsonReader(arguments, new JsonReaderOptions { MaxDepth = ToolArgumentReader.MaxDepth });
        try
        {
            while (reader.Read())
            {
                int depth = reader.CurrentDepth;
                JsonTokenType token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName or JsonTokenType.Comment)
                {
                    if (token == JsonTokenType.PropertyName && TooLong(ref reader, limits, out string? nameError)) return nameError;
                    continue;
                }

                // A value: count it as an item of the array it is in.
                if (depth > 0 && items[depth - 1] >= 0 && ++items[depth - 1] > limits.MaxArrayLength)
                    return $"$: an array at byte {Count(starts[depth - 1])} has more than {Count(limits.MaxArrayLength)} items, the limit. Send fewer items per call.";
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (depth + 1 > limits.MaxDepth)
                        return $"$: the arguments nest deeper than {limits.MaxDepth} levels at byte {Count(reader.TokenStartIndex)}, the limit. Send flatter data.";
                    items[depth] = token == JsonTokenType.StartArray ? 0 : -1;
                    starts[depth] = reader.TokenStartIndex;
                }
                else if (token == JsonTokenType.String && TooLong(ref reader, limits, out string? stringError))
                {
                    return stringError;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text: the parser that runs next reports it with its position.
        }
        return null;
    }

    private static bool TooLong(ref Utf8JsonReader reader, ToolLimits limits, out string? error)
    {
        error = null;
        if (reader.ValueSpan.Length <= limits.MaxStringLength) return false;   // UTF-16 length never exceeds the UTF-8 (or escaped) length.
        string what = reader.TokenType == JsonTokenType.PropertyName ? "a property name" : "a string";
        int length;
        try
        {
            length = reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
        }
        catch (InvalidOperationException)
        {
            // Too long to pass unread, and not valid text either: refused here rather than ending the scan.
            error = $"$: {what} at byte {Count(reader.TokenStartIndex)} is longer than the limit of {Count(limits.MaxStringLength)} characters and is not valid Unicode. Send shorter, valid text.";
            return true;
        }
        if (length <= limits.MaxStringLength) return false;
        error = $"$: {what} at byte {Count(reader.TokenStartIndex)} is {Count(length)} characters long, more than the limit of {Count(limits.MaxStringLength)}. Send shorter text.";
        return true;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
