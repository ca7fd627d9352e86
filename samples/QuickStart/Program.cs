using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using ToolGen;
using ToolGen.Testing;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Running;

namespace QuickStart;

public static class Program
{
    public static async System.Threading.Tasks.Task<int> Main()
    {
        ToolSet tools = WeatherTools.Tools;

        foreach (ToolDescriptor tool in tools)
        {
            Console.WriteLine($"# {tool.Name}");
            Console.WriteLine(tool.Description);
            Console.WriteLine(Encoding.UTF8.GetString(tool.ParametersSchema.Span));
            Console.WriteLine();
        }

        // What a model sends: a tool name and its arguments as JSON.
        await Call(tools, "get_weather", """{"city":"Paris","unit":"fahrenheit"}""");
        await Call(tools, "list_cities", """{"prefix":"p"}""");
        // And what happens when it gets them wrong.
        await Call(tools, "get_weather", """{"town":"Paris","unit":"kelvin"}""");
        await Call(tools, "get_forecast", "{}");

        // A whole conversation: the model lists cities, checks the weather of the first one, then answers.
        // With OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or OPENAI_BASE_URL set, a real model plays its part
        // (docs/providers.md); otherwise a scripted model does, offline, answering from the real tool results.
        Console.WriteLine();
        IChatModel model = ChatModelEnvironment.Create() ?? Scripted();
        Console.WriteLine($"# A conversation ({(model is ScriptedChatModel ? "scripted model, offline" : model.GetType().Name)})");

        ToolRunResult run = await new ToolRunner(model, tools).RunAsync("What's the weather like in the first city starting with S?");
        foreach (ChatMessage message in run.Messages)
        {
            string content = message.ToolCalls.Count > 0
                ? string.Join(", ", message.ToolCalls.Select(c => $"{c.Name}({c.Arguments})"))
                : message.Text ?? "";
            Console.WriteLine($"{message.Role,-9} {content}");
        }
        Console.WriteLine($"({run.ModelCalls} model calls, {run.ToolCalls.Count} tool calls, stopped: {run.StopReason})");
        return 0;
    }

    private static ScriptedChatModel Scripted() =>
        new ScriptedChatModel()
            .CallTool("list_cities", """{"prefix":"S","limit":1}""")
            .Then(request => ScriptedChatModel.Respond(request, call: ("get_weather", $$"""{"city":{{FirstCity(request)}},"unit":"celsius"}""")))
            .Then(request => ScriptedChatModel.Respond(request, text: "It is sunny in " + JsonDocument.Parse(ScriptedChatModel.LastToolResult(request)!).RootElement.GetProperty("city").GetString() + "."));

    private static string FirstCity(ChatRequest request) =>
        JsonDocument.Parse(ScriptedChatModel.LastToolResult(request)!).RootElement[0].GetRawText();

    private static async System.Threading.Tasks.Task Call(ToolSet tools, string name, string arguments)
    {
        ToolResult result = await tools.InvokeAsync(name, arguments);
        Console.WriteLine($"{name}({arguments})");
        Console.WriteLine($"  -> {(result.IsError ? result.Kind + ": " : "")}{result.Content}");
    }
}
