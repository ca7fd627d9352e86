using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace ToolGen.Tests.Hardening;

/// <summary>
/// Makes argument payloads the way a confused, truncated or hostile model would: schema-valid instances of a tool's
/// parameters, then structural mutations (type swaps, huge and odd numbers, deep nesting, long strings, lone surrogate
/// escapes, duplicate, missing, unknown and case-changed keys) and byte-level damage (flips, truncation, invalid UTF-8,
/// inserted junk). Deterministic for a seed, so a failure can be replayed.
/// </summary>
public sealed class PayloadFuzzer
{
    private static readonly string[] s_rawValues =
    [
        "1e400", "-1e400", "1e308", "-0", "0.0000001", "123456789012345678901234567890", "9223372036854775808",
        "-9223372036854775809", "1.5", "256", "-1", "2147483648", "79228162514264337593543950336", "NaN", "Infinity",
        "true", "false", "null", "[]", "{}", "\"\"", "\"\\uD800\"", "\"\\uDC00x\"", "\"a\\u0000b\"", "\"\\ud83d\\ude00\"",
        "\"2024-02-30T25:61:00Z\"", "\"not-a-guid\"", "\"12:34:56.789\"", "\"P1DT2H\"", "\"http://exa mple\"", "\"é\"",
        "0x10", "01", "+1", ".5", "1.", "tru", "nul", "'single'", "\"\\x41\"",
    ];

    private static readonly byte[][] s_invalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
    ];

    private readonly JsonNode _schema;
    private readonly Random _random;
    private readonly SchemaInstances _instances;
    private readonly List<(string Placeholder, string Raw)> _raw = [];

    public PayloadFuzzer(JsonNode schema, int seed)
    {
        _schema = schema;
        _random = new Random(seed);
        _instances = new SchemaInstances(schema, _random);
    }

    /// <summary>The next payload and a short description of what was done to it.</summary>
    public (byte[] Payload, string Mutation) Next()
    {
        int roll = _random.Next(1000);
        if (roll < 20) return (Junk(), "junk");
        if (roll < 100) return (Encoding.UTF8.GetBytes(_instances.Valid(_schema)!.ToJsonString()), "valid");

        _raw.Clear();
        JsonNode root = _instances.Valid(_schema)!;
        var done = new List<string>();
        int mutations = 1 + _random.Next(3);
        for (int i = 0; i < mutations; i++) done.Add(MutateNode(ref root));
        string text = root.ToJsonString();
        foreach ((string placeholder, string raw) in _raw) text = text.Replace("\"" + placeholder + "\"", raw, StringComparison.Ordinal);

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (_random.Next(100) < 35)
        {
            (bytes, string damage) = Damage(bytes);
            done.Add(damage);
        }
        return (bytes, string.Join("+", done));
    }

    private string MutateNode(ref JsonNode root)
    {
        List<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)> places = [(null, null, -1, root)];
        Collect(root, places);
        (JsonNode? parent, string? key, int index, JsonNode? node) = places[_random.Next(places.Count)];
        int kind = _random.Next(14);
        JsonNode? replacement;
        string what;
        switch (kind)
        {
            case 0 or 1:
                replacement = Raw(s_rawValues[_random.Next(s_rawValues.Length)]);
                what = "odd-value";
                break;
            case 2:
                replacement = Raw(Nest(_random.Next(2) == 0 ? 8 + _random.Next(40) : 60 + _random.Next(200)));
                what = "deep";
                break;
            case 3:
                replacement = JsonValue.Create(LongString());
                what = "long-string";
                break;
            case 4:
                replacement = SwapType(node);
                what = "type-swap";
                break;
            case 5:
                replacement = new JsonArray(node?.DeepClone());
                what = "wrap-array";
                break;
            case 6:
                replacement = null;
                what = "null";
                break;
            case 7 when node is JsonObject obj && obj.Count > 0:
                obj.Remove(obj.ElementAt(_random.Next(obj.Count)).Key);
                return "drop-key";
            case 8 when node is JsonObject obj:
                obj["unexpected" + _random.Next(3)] = JsonValue.Create(_random.Next(100));
                return "unknown-key";
            case 9 when node is JsonObject obj && obj.Count > 0:
            {
                // A second copy of an existing key, with another value.
                string existing = obj.ElementAt(_random.Next(obj.Count)).Key;
                string placeholder = Placeholder(JsonSerializerEscape(existing));
                obj[placeholder] = Raw(s_rawValues[_random.Next(s_rawValues.Length)]);
                return "duplicate-key";
            }
            case 10 when node is JsonObject obj && obj.Count > 0:
            {
                var entry = obj.ElementAt(_random.Next(obj.Count));
                JsonNode? value = entry.Value?.DeepClone();
                obj.Remove(entry.Key);
                obj[_random.Next(2) == 0 ? entry.Key.ToUpperInvariant() : entry.Key + "_"] = value;
                return "renamed-key";
            }
            case 11 when node is JsonArray array:
                for (int i = 0, n = _random.Next(2) == 0 ? 5 : 200 + _random.Next(300); i < n; i++) array.Add(array.Count > 0 ? array[0]?.DeepClone() : JsonValue.Create(i));
                return "long-array";
            case 12:
                replacement = JsonValue.Create(_random.Next(2) == 0 ? double.MaxValue : (double)long.MinValue);
                what = "extreme-number";
                break;
            default:
                replacement = JsonValue.Create(_random.Next(2) == 0 ? "" : Words());
                what = "string";
                break;
        }
        if (parent is JsonObject o) o[key!] = replacement;
        else if (parent is JsonArray a) a[index] = replacement;
        else root = replacement ?? Raw("null");
        return what;
    }

    private static void Collect(JsonNode? node, List<(JsonNode?, string?, int, JsonNode?)> places)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                places.Add((obj, key, -1, value));
                Collect(value, places);
            }
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                places.Add((array, null, i, array[i]));
                Collect(array[i], places);
            }
        }
    }

    private JsonNode SwapType(JsonNode? node) => node switch
    {
        JsonObject => new JsonArray(JsonValue.Create(1)),
        JsonArray array => JsonValue.Create(array.Count.ToString(CultureInfo.InvariantCulture)),
        JsonValue value when value.TryGetValue(out string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? JsonValue.Create(d) : JsonValue.Create(s.Length),
        JsonValue value when value.TryGetValue(out bool b) => JsonValue.Create(b ? "true" : "false"),
        JsonValue value => JsonValue.Create(value.ToJsonString()),   // A number (or anything else) as a string.
        null => new JsonObject(),
        _ => new JsonObject(),
    };

    private (byte[], string) Damage(byte[] bytes)
    {
        if (bytes.Length == 0) return (bytes, "empty");
        int at = _random.Next(bytes.Length);
        switch (_random.Next(6))
        {
            case 0:
                bytes[at] = (byte)_random.Next(256);
                return (bytes, "byte-flip");
            case 1:
                return (bytes[..at], "truncated");
            case 2:
            {
                byte[] bad = s_invalidUtf8[_random.Next(s_invalidUtf8.Length)];
                int quote = Array.IndexOf(bytes, (byte)'"', at);   // Inside a string when there is one ahead.
                int position = quote < 0 ? at : quote + 1;
                return ([.. bytes[..position], .. bad, .. bytes[position..]], "invalid-utf8");
            }
            case 3:
                return ([.. bytes[..at], .. bytes[at..][.._random.Next(bytes.Length - at + 1)], .. bytes[at..]], "duplicated-slice");
            case 4:
                return ([.. bytes[..at], .. Encoding.UTF8.GetBytes(new[] { ",", "]", "}", "\"", ":", "\\", "{", "[", " ", "\n" }[_random.Next(10)]), .. bytes[at..]], "inserted-char");
            default:
                return ([.. bytes, .. Encoding.UTF8.GetBytes(new[] { " ", "}", "x", "{}", ",", "\u0000" }[_random.Next(6)])], "trailing");
        }
    }

    private byte[] Junk() => _random.Next(8) switch
    {
        0 => [],
        1 => "   \n\t"u8.ToArray(),
        2 => Encoding.UTF8.GetBytes(s_rawValues[_random.Next(s_rawValues.Length)]),
        3 => Encoding.UTF8.GetBytes(Nest(65 + _random.Next(100))),
        4 => "{\"a\":1}{\"b\":2}"u8.ToArray(),
        5 => "/* comment */ {}"u8.ToArray(),
        6 => "{\"x\":1,}"u8.ToArray(),
        _ => [.. Enumerable.Range(0, _random.Next(64)).Select(_ => (byte)_random.Next(256))],
    };

    private string Nest(int depth)
    {
        bool objects = _random.Next(2) == 0;
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++) text.Append(objects ? "{\"a\":" : "[");
        text.Append('1');
        for (int i = 0; i < depth; i++) text.Append(objects ? '}' : ']');
        return text.ToString();
    }

    private string LongString()
    {
        // Mostly moderate; rarely past the 256 Ki-character default limit.
        int length = _random.Next(50) == 0 ? 262_144 + 1 + _random.Next(50_000) : _random.Next(5_000);
        char fill = "aé日😀"[_random.Next(3)];
        return new string(fill, length);
    }

    private string Words() => string.Join(" ", Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => new string((char)('a' + _random.Next(26)), 1 + _random.Next(8))));

    private JsonNode Raw(string raw) => JsonValue.Create(Placeholder(raw));

    private string Placeholder(string raw)
    {
        string placeholder = "@@raw" + _raw.Count.ToString(CultureInfo.InvariantCulture) + "@@";
        _raw.Add((placeholder, raw));
        return placeholder;
    }

    private static string JsonSerializerEscape(string key) => JsonValue.Create(key).ToJsonString();
}
