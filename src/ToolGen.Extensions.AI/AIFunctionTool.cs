using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ToolGen.Extensions.AI;

/// <summary>
/// A Microsoft.Extensions.AI <see cref="AIFunction"/> as a ToolGen tool: the function's name, description and JSON schema,
/// invoked through <see cref="AIFunction.InvokeAsync"/> with the model's arguments as JSON elements (the function binds
/// them itself, as it does under FunctionInvokingChatClient). ToolGen adds no reflection of its own.
/// </summary>
internal static class AIFunctionTool
{
    public static ToolDescriptor Create(AIFunction function)
    {
        byte[] schema = Write(function.JsonSchema);
        bool approval = function.GetService(typeof(ApprovalRequiredAIFunction)) is not null;
        string name = function.Name;
        return new ToolDescriptor(name, function.Description ?? "", schema, (arguments, context, cancellationToken) => InvokeAsync(function, name, arguments, context, cancellationToken))
        {
            Hints = approval ? ToolHints.RequiresApproval : default,
            MethodName = "AIFunction " + name,
        };
    }

    private static async ValueTask<ToolResult> InvokeAsync(AIFunction function, string name, ReadOnlyMemory<byte> json, ToolContext? context, CancellationToken cancellationToken)
    {
        if (!TryRead(json, out AIFunctionArguments? arguments, out string? problem))
        {
            return ToolResult.Error(ToolResultKind.InvalidArguments,
                $"Invalid arguments for {name}: {problem} Send the arguments as one JSON object and call again.");
        }
        arguments.Services = context?.Services;
        object? value = await function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return ToResult(value, function.JsonSerializerOptions ?? AIJsonUtilities.DefaultOptions);
    }

    // The arguments object's properties as JSON elements (copied: the buffer is reused once the call completes).
    private static bool TryRead(ReadOnlyMemory<byte> json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AIFunctionArguments? arguments, out string? problem)
    {
        arguments = new AIFunctionArguments();
        problem = null;
        if (json.IsEmpty) return true;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"$: expected a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
                arguments = null;
                return false;
            }
            foreach (JsonProperty property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            problem = "the arguments are not valid JSON (" + exception.Message + ").";
            arguments = null;
            return false;
        }
    }

    // What the model reads, as Microsoft.Extensions.AI would send it: text as text, anything else as JSON written with the
    // function's serializer options (a JSON string becomes its text, as ToolGen's own string results are).
    internal static ToolResult ToResult(object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                return ToolResult.Done;
            case string text:
                return ToolResult.FromText(text);
            case JsonElement { ValueKind: JsonValueKind.Undefined }:
                return ToolResult.Done;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return ToolResult.FromText(element.GetString());
            case JsonElement element:
                return ToolResult.FromJson(Write(element));
            case JsonNode node:
            {
                var buffer = new ArrayBufferWriter<byte>(256);
                using (var writer = new Utf8JsonWriter(buffer)) node.WriteTo(writer);
                return ToolResult.FromJson(buffer.WrittenMemory.ToArray());
            }
            default:
                // The options' resolver (source-generated contexts, or reflection where the app allows it) writes the value.
                return ToolResult.FromJson(JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(value.GetType())));
        }
    }

    private static byte[] Write(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) element.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
