using System;
using System.Text;
using ToolGen;

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
        return 0;
    }

    private static async System.Threading.Tasks.Task Call(ToolSet tools, string name, string arguments)
    {
        ToolResult result = await tools.InvokeAsync(name, arguments);
        Console.WriteLine($"{name}({arguments})");
        Console.WriteLine($"  -> {(result.IsError ? result.Kind + ": " : "")}{result.Content}");
    }
}
