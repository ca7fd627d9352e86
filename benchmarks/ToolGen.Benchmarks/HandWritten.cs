using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ToolGen.Benchmarks.Tools;

namespace ToolGen.Benchmarks;

/// <summary>
/// The baseline: what a careful developer writes by hand for one tool with <see cref="Utf8JsonReader"/> and
/// <see cref="Utf8JsonWriter"/>: UTF-8 arguments from a pooled buffer, property switch, required-argument and enum
/// checks, unknown properties rejected, the result written into a reused buffer and returned as text.
/// </summary>
public static class HandWritten
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static string GetWeather(WeatherTools tools, string arguments)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(arguments.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(arguments, rented)));
            string? city = null;
            TemperatureUnit unit = TemperatureUnit.Celsius;
            int days = 1;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "error: expected an object";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("city"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) return "error: $.city: expected a string";
                    city = reader.GetString();
                }
                else if (reader.ValueTextEquals("unit"u8))
                {
                    reader.Read();
                    if (reader.ValueTextEquals("Celsius"u8)) unit = TemperatureUnit.Celsius;
                    else if (reader.ValueTextEquals("Fahrenheit"u8)) unit = TemperatureUnit.Fahrenheit;
                    else return "error: $.unit: expected Celsius or Fahrenheit";
                }
                else if (reader.ValueTextEquals("days"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out days)) return "error: $.days: expected an integer";
                }
                else
                {
                    return "error: unknown property";
                }
            }
            if (city is null) return "error: $.city: missing";

            Forecast forecast = tools.GetWeather(city, unit, days);
            Utf8JsonWriter writer = Writer(out ArrayBufferWriter<byte> buffer);
            writer.WriteStartObject();
            writer.WriteString("city"u8, forecast.City);
            writer.WriteNumber("temperature"u8, forecast.Temperature);
            writer.WriteString("unit"u8, forecast.Unit == TemperatureUnit.Celsius ? "Celsius"u8 : "Fahrenheit"u8);
            writer.WriteNumber("days"u8, forecast.Days);
            writer.WriteEndObject();
            return Complete(writer, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string PlaceOrder(OrderTools tools, string arguments)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(arguments.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(arguments, rented)));
            Order? order = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "error: expected an object";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("order"u8)) return "error: unknown property";
                reader.Read();
                order = ReadOrder(ref reader);
                if (order is null) return "error: $.order: invalid";
            }
            if (order is null) return "error: $.order: missing";

            OrderConfirmation confirmation = tools.PlaceOrder(order);
            Utf8JsonWriter writer = Writer(out ArrayBufferWriter<byte> buffer);
            writer.WriteStartObject();
            writer.WriteString("orderId"u8, confirmation.OrderId);
            writer.WriteNumber("items"u8, confirmation.Items);
            writer.WriteNumber("total"u8, confirmation.Total);
            writer.WriteEndObject();
            return Complete(writer, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Order? ReadOrder(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? customerId = null, note = null;
        Address? shipTo = null;
        List<OrderLine>? lines = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("customerId"u8)) { reader.Read(); customerId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; if (customerId is null) return null; }
            else if (reader.ValueTextEquals("note"u8)) { reader.Read(); note = reader.TokenType == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("note"); }
            else if (reader.ValueTextEquals("shipTo"u8)) { reader.Read(); shipTo = ReadAddress(ref reader); if (shipTo is null) return null; }
            else if (reader.ValueTextEquals("lines"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return null;
                lines = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    OrderLine? line = ReadLine(ref reader);
                    if (line is null) return null;
                    lines.Add(line);
                }
            }
            else return null;
        }
        return customerId is null || shipTo is null || lines is null ? null : new Order(customerId, shipTo, lines, note);
    }

    private static Address? ReadAddress(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? street = null, city = null, country = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("street"u8)) { reader.Read(); street = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
            else if (reader.ValueTextEquals("city"u8)) { reader.Read(); city = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
            else if (reader.ValueTextEquals("country"u8)) { reader.Read(); country = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
            else return null;
        }
        return street is null || city is null || country is null ? null : new Address(street, city, country);
    }

    private static OrderLine? ReadLine(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? sku = null;
        int quantity = 0;
        bool hasQuantity = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sku"u8)) { reader.Read(); sku = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
            else if (reader.ValueTextEquals("quantity"u8)) { reader.Read(); hasQuantity = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out quantity); }
            else return null;
        }
        return sku is null || !hasQuantity ? null : new OrderLine(sku, quantity);
    }

    private static Utf8JsonWriter Writer(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        if (t_writer is null) t_writer = new Utf8JsonWriter(buffer);
        else t_writer.Reset(buffer);
        return t_writer;
    }

    private static string Complete(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
