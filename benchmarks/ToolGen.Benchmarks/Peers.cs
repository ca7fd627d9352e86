using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ToolGen.Benchmarks;

/// <summary>
/// Each peer's dispatch path from arguments text to result text, as its chat integration runs it, so the benchmarks
/// time the same work for everyone.
/// </summary>
public static class Peers
{
    private static readonly JsonSerializerOptions s_meaiOptions = AIJsonUtilities.DefaultOptions;

    /// <summary>
    /// Microsoft.Extensions.AI: the chat client parses the arguments into a dictionary of <see cref="JsonElement"/>s
    /// (as its OpenAI client does for <c>FunctionCallContent</c>), <c>FunctionInvokingChatClient</c> wraps them in
    /// <see cref="AIFunctionArguments"/> and calls <see cref="AIFunction.InvokeAsync"/>, and the result is serialized
    /// for the tool message.
    /// </summary>
    public static async ValueTask<string> InvokeAsync(AIFunction function, string arguments)
    {
        var parsed = (IDictionary<string, object?>?)JsonSerializer.Deserialize(arguments, s_meaiOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        object? result = await function.InvokeAsync(new AIFunctionArguments(parsed));
        return result as string ?? JsonSerializer.Serialize(result, s_meaiOptions.GetTypeInfo(typeof(object)));
    }

    /// <summary>
    /// Semantic Kernel: its connectors turn each argument into text (<see cref="JsonElement.ToString"/>) in
    /// <see cref="KernelArguments"/>, invoke the <see cref="KernelFunction"/> (which converts the text back to the
    /// parameter types), and serialize a non-text result for the tool message.
    /// </summary>
    public static async ValueTask<string> InvokeAsync(Kernel kernel, KernelFunction function, string arguments)
    {
        var kernelArguments = new KernelArguments();
        using (JsonDocument document = JsonDocument.Parse(arguments))
        {
            foreach (JsonProperty property in document.RootElement.EnumerateObject()) kernelArguments[property.Name] = property.Value.ToString();
        }
        FunctionResult result = await function.InvokeAsync(kernel, kernelArguments);
        object? value = result.GetValue<object>();
        return value as string ?? JsonSerializer.Serialize(value, s_meaiOptions.GetTypeInfo(typeof(object)));
    }

    public static AIFunction CreateAIFunction(object target, string methodName, JsonSerializerOptions? options = null) =>
        AIFunctionFactory.Create(Method(target, methodName), target, new AIFunctionFactoryOptions { SerializerOptions = options ?? s_meaiOptions });

    public static KernelFunction CreateKernelFunction(object target, string methodName) =>
        KernelFunctionFactory.CreateFromMethod(Method(target, methodName), target);

    private static MethodInfo Method(object target, string name) =>
        target.GetType().GetMethod(name) ?? throw new InvalidOperationException($"No method {name}.");
}
