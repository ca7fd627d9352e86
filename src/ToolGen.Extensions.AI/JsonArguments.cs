using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ToolGen.Extensions.AI;

/// <summary>
/// Writes Microsoft.Extensions.AI argument values (usually <see cref="JsonElement"/>s parsed from the model's JSON, or
/// plain CLR values) as UTF-8 JSON without reflection, and parses JSON arguments back into such a dictionary.
/// </summary>
internal static class JsonArguments
{
    public static byte[] Write(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> argument in arguments ?? [])
            {
                writer.WritePropertyName(argument.Key);
                WriteValue(writer, argument.Value);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Dictionary<string, object?> Read(string json)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return arguments;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return arguments;
            foreach (JsonProperty property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
        }
        catch (JsonException)
        {
        }
        return arguments;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement element: element.WriteTo(writer); break;
            case JsonNode node: node.WriteTo(writer); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int or long or short or sbyte or byte or ushort or uint: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong big: writer.WriteNumberValue(big); break;
            case float or double: writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case decimal money: writer.WriteNumberValue(money); break;
            case DateTime time: writer.WriteStringValue(time); break;
            case DateTimeOffset offset: writer.WriteStringValue(offset); break;
            case Guid id: writer.WriteStringValue(id); break;
            case Enum enumValue: writer.WriteStringValue(enumValue.ToString()); break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                // A value ToolGen cannot write without reflection: its text, which the tool's reader then checks.
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
