using System;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace ToolGen.Serialization;

/// <summary>
/// <see cref="Utf8JsonReader"/> helpers that generated argument readers call. Each <c>Read…</c> method expects the reader
/// on a value token, leaves it on the value's last token, and either produces the value or records a precise problem in
/// <see cref="ToolArgumentErrors"/> (and skips the value). Malformed JSON surfaces as <see cref="JsonException"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ToolArgumentReader
{
    /// <summary>The deepest nesting accepted in arguments.</summary>
    public const int MaxDepth = 64;

    private const int MaxQuotedLength = 40;

    private static readonly JsonReaderOptions s_options = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>A reader over the whole arguments text; empty or blank text reads as <c>{}</c>.</summary>
    public static Utf8JsonReader Create(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || (json[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' && json.IndexOfAnyExcept(" \t\r\n"u8) < 0)) json = "{}"u8;
        return new Utf8JsonReader(json, s_options);
    }

    /// <summary>
    /// Reads the first token. Returns <see langword="true"/> on <c>{</c>; on <c>null</c> returns <see langword="false"/> (no
    /// arguments); on anything else records a problem and returns <see langword="false"/>.
    /// </summary>
    public static bool BeginArguments(ref Utf8JsonReader reader, ref ToolArgumentErrors errors)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return true;
            case JsonTokenType.Null:
                reader.Read();
                return false;
            default:
                errors.Add(ToolJsonPath.Root, "", -1, "expected a JSON object holding the arguments, got " + Describe(ref reader));
                return false;
        }
    }

    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Checks that nothing but white space follows the arguments object.</summary>
    public static void EndArguments(ref Utf8JsonReader reader) => reader.Read();

    /// <summary>
    /// Moves from a property name to its value. Returns <see langword="false"/> (after recording a problem and skipping the
    /// value) when the property was already given.
    /// </summary>
    public static bool BeginValue(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, ref bool seen)
    {
        reader.Read();
        if (seen)
        {
            errors.Add(path, member, -1, "given more than once; give each property once");
            reader.Skip();
            return false;
        }
        seen = true;
        return true;
    }

    /// <summary>Records an unknown property (the reader is on its name) and skips its value.</summary>
    public static void UnknownProperty(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string parentPath, string acceptedNames)
    {
        string name = Truncate(SafeGetString(ref reader) ?? "?");
        reader.Read();
        reader.Skip();
        errors.Add(parentPath, ToolJsonPath.Member(name), -1, acceptedNames.Length == 0
            ? "unknown property; this takes no properties"
            : "unknown property; the accepted properties are " + acceptedNames);
    }

    /// <summary>The current property name (a dictionary key); <c>?</c> when it is not valid UTF-8.</summary>
    public static string PropertyName(ref Utf8JsonReader reader) => SafeGetString(ref reader) ?? "?";

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while parsing arguments, means the arguments are malformed: not valid
    /// JSON (<see cref="JsonException"/>), or holding text that is not valid Unicode, such as a lone <c>\uD800</c>
    /// escape, which <see cref="Utf8JsonReader"/> reports with <see cref="InvalidOperationException"/> when decoding.
    /// </summary>
    public static bool IsMalformed(Exception exception) => exception is JsonException or InvalidOperationException;

    /// <summary>The message for the model about a malformed-arguments exception.</summary>
    public static string DescribeMalformed(Exception exception) => exception is JsonException
        ? "the arguments are not valid JSON: " + exception.Message
        : "the arguments hold text that is not valid Unicode (for example a lone surrogate escape such as \\uD800): " + exception.Message;

    /// <summary>
    /// Finds the current property name (or string value) in <paramref name="names"/> ignoring case, for JSON that did not
    /// match exactly. Returns the index, or -1.
    /// </summary>
    public static int MatchIgnoreCase(ref Utf8JsonReader reader, string[] names)
    {
        if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String)) return -1;
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length > 256) return -1;
        string? text = SafeGetString(ref reader);
        if (text is null) return -1;
        for (int i = 0; i < names.Length; i++)
        {
            if (string.Equals(text, names[i], StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>Finds the current string value in <paramref name="utf8Names"/> exactly, then in <paramref name="names"/> ignoring case. Returns the index, or -1.</summary>
    public static int MatchName(ref Utf8JsonReader reader, byte[][] utf8Names, string[] names)
    {
        if (reader.TokenType != JsonTokenType.String) return -1;
        for (int i = 0; i < utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(utf8Names[i])) return i;
        }
        return MatchIgnoreCase(ref reader, names);
    }

    /// <summary>Records that the value is not one of <paramref name="allowed"/> and skips it.</summary>
    public static void NotOneOf(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string allowed) =>
        Mismatch(ref reader, ref errors, path, member, index, "one of " + allowed);

    /// <summary>Records that the value is not <paramref name="expected"/> (for example "a string") and skips it.</summary>
    public static void Mismatch(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string expected)
    {
        errors.Add(path, member, index, "expected " + expected + ", got " + Describe(ref reader));
        reader.Skip();
    }

    /// <summary>Returns <see langword="true"/> on <c>{</c>; otherwise records a mismatch against <paramref name="expected"/>.</summary>
    public static bool BeginObject(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string expected)
    {
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        Mismatch(ref reader, ref errors, path, member, index, expected);
        return false;
    }

    /// <summary>Returns <see langword="true"/> on <c>[</c>; otherwise records a mismatch against <paramref name="expected"/>.</summary>
    public static bool BeginArray(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string expected)
    {
        if (reader.TokenType == JsonTokenType.StartArray) return true;
        Mismatch(ref reader, ref errors, path, member, index, expected);
        return false;
    }

    /// <summary>Moves to the next array item; <see langword="false"/> at the end of the array.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool NextItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Reads a JSON string.</summary>
    public static bool ReadString(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string? text = SafeGetString(ref reader);
            if (text is not null)
            {
                value = text;
                return true;
            }
            errors.Add(path, member, index, "the string is not valid UTF-8");
            value = string.Empty;
            return false;
        }
        Mismatch(ref reader, ref errors, path, member, index, "a string");
        value = string.Empty;
        return false;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            default:
                Mismatch(ref reader, ref errors, path, member, index, "true or false");
                value = false;
                return false;
        }
    }

    /// <summary>Reads an integer from -128 to 127.</summary>
    public static bool ReadSByte(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out sbyte value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads an integer from 0 to 255.</summary>
    public static bool ReadByte(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out byte value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 16-bit signed integer.</summary>
    public static bool ReadInt16(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out short value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 16-bit unsigned integer.</summary>
    public static bool ReadUInt16(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out ushort value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 32-bit signed integer.</summary>
    public static bool ReadInt32(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out int value) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value) || ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 32-bit unsigned integer.</summary>
    public static bool ReadUInt32(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out uint value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 64-bit signed integer.</summary>
    public static bool ReadInt64(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out long value) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) || ReadInteger(ref reader, ref errors, path, member, index, out value);

    /// <summary>Reads a 64-bit unsigned integer.</summary>
    public static bool ReadUInt64(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out ulong value) =>
        ReadInteger(ref reader, ref errors, path, member, index, out value);

    // Any integer type: a plain 64-bit JSON number is read directly; anything else (fractions, exponents, strings, huge
    // values) goes through ReadIntegralNumber; the range of T is checked either way.
    private static bool ReadInteger<T>(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out T value)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        Int128 min = Int128.CreateChecked(T.MinValue), max = Int128.CreateChecked(T.MaxValue);
        bool ok = ReadInteger(ref reader, ref errors, path, member, index, min, max, out Int128 number);
        value = ok ? T.CreateChecked(number) : T.Zero;
        return ok;
    }

    /// <summary>Reads a finite number as a <see cref="double"/>.</summary>
    public static bool ReadDouble(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out double value)
    {
        if (ReadNumberText(ref reader, ref errors, path, member, index, "a number", out decimal _, out value)) return true;
        value = default;
        return false;
    }

    /// <summary>Reads a finite number in the range of a <see cref="float"/>.</summary>
    public static bool ReadSingle(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out float value)
    {
        if (ReadNumberText(ref reader, ref errors, path, member, index, "a number", out decimal _, out double number))
        {
            value = (float)number;
            if (float.IsFinite(value)) return true;
            errors.Add(path, member, index, "expected a number from -3.4E+38 to 3.4E+38, got " + number.ToString("R", CultureInfo.InvariantCulture));
        }
        value = default;
        return false;
    }

    /// <summary>Reads a number in the range of a <see cref="decimal"/>.</summary>
    public static bool ReadDecimal(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value)) return true;
        if (ReadNumberText(ref reader, ref errors, path, member, index, "a number", out value, out double number))
        {
            if (IsDecimal(number)) return true;
            errors.Add(path, member, index, "expected a number from -7.9E+28 to 7.9E+28, got " + number.ToString("R", CultureInfo.InvariantCulture));
        }
        value = default;
        return false;
    }

    /// <summary>Describes the current token for an error message: <c>the string "abc"</c>, <c>the number 4.5</c>, <c>an array</c>…</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => SafeGetString(ref reader) is { } text ? "the string \"" + Truncate(text) + "\"" : "a string that is not valid UTF-8",
        JsonTokenType.Number => "the number " + Truncate(Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    private static bool ReadInteger(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, Int128 min, Int128 max, out Int128 value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long signed)) value = signed;
            else if (reader.TryGetUInt64(out ulong unsigned)) value = unsigned;
            else if (!ReadIntegralNumber(ref reader, ref errors, path, member, index, min, max, out value)) return false;
        }
        else if (!ReadIntegralNumber(ref reader, ref errors, path, member, index, min, max, out value))
        {
            return false;
        }

        if (value >= min && value <= max) return true;
        errors.Add(path, member, index, "expected " + IntegerRange(min, max) + ", got " + value.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    // A number with a fraction part, an exponent, or more digits than 64 bits hold, or a number written as a string.
    private static bool ReadIntegralNumber(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, Int128 min, Int128 max, out Int128 value)
    {
        value = default;
        if (!ReadNumberText(ref reader, ref errors, path, member, index, IntegerRange(min, max), out decimal exact, out double approximate)) return false;
        if (IsDecimal(approximate))
        {
            if (exact != decimal.Truncate(exact))
            {
                errors.Add(path, member, index, "expected " + IntegerRange(min, max) + ", got " + exact.ToString(CultureInfo.InvariantCulture) + ", which is not a whole number");
                return false;
            }
            value = (Int128)exact;
            return true;
        }
        errors.Add(path, member, index, "expected " + IntegerRange(min, max) + ", got " + approximate.ToString("R", CultureInfo.InvariantCulture) +
            (Math.Floor(approximate) == approximate ? "" : ", which is not a whole number"));
        return false;
    }

    // Reads a JSON number, or a string holding one (as System.Text.Json's web defaults allow), as an exact decimal when it
    // fits and as a finite double in every case.
    private static bool ReadNumberText(ref Utf8JsonReader reader, ref ToolArgumentErrors errors, string path, string member, int index, string expected, out decimal exact, out double approximate)
    {
        exact = default;
        approximate = default;
        string? text = null;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out approximate) || !double.IsFinite(approximate))
            {
                errors.Add(path, member, index, "expected " + expected + ", got the number " + Truncate(Encoding.UTF8.GetString(reader.ValueSpan)) + ", which is out of range");
                return false;
            }
            if (!reader.TryGetDecimal(out exact)) exact = IsDecimal(approximate) ? (decimal)approximate : default;
            return true;
        }
        if (reader.TokenType == JsonTokenType.String) text = SafeGetString(ref reader);
        if (text is not null
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out approximate)
            && double.IsFinite(approximate))
        {
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out exact))
                exact = IsDecimal(approximate) ? (decimal)approximate : default;
            return true;
        }
        Mismatch(ref reader, ref errors, path, member, index, expected);
        return false;
    }

    // Strictly inside: the double nearest decimal.MaxValue is 2^96, one more than it holds.
    private static bool IsDecimal(double number) => number > -7.9228162514264337593543950335e28 && number < 7.9228162514264337593543950335e28;

    private static string IntegerRange(Int128 min, Int128 max) =>
        "an integer from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);

    private static string? SafeGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
}
