using System;
using System.Linq;
using System.Threading.Tasks;
using ToolGen;
using ToolGen.Testing;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace AotService;

/// <summary>
/// Runs ToolGen in a NativeAOT binary and checks every answer: dispatch with valid and invalid JSON, a scripted
/// multi-round conversation, and a run stopped for approval, stored and resumed in a second process. Exits with 0 when all checks pass, 1 otherwise.
/// </summary>
public static class Program
{
    private static int s_failures;

    public static async Task<int> Main(string[] args)
    {
        if (args is [ApprovalChecks.ResumeCommand, string stored, string expected])
        {
            await ApprovalChecks.ResumeAsync(stored, expected, Check);
            return s_failures == 0 ? 0 : 1;
        }

        var inventory = new InventoryTools();
        ToolSet tools = inventory.Tools;
        Check("tools listed", string.Join(",", tools.Select(t => t.Name)), "find_item,reserve,write_off");

        Check("valid call", (await tools.InvokeAsync("find_item", """{"sku":"sku-1"}""")).Content, """{"sku":"SKU-1","name":"Red shoes","quantity":4}""");
        ToolResult invalid = await tools.InvokeAsync("reserve", """{"sku":"SKU-1","quantity":"two"}""");
        Check("invalid call", invalid.Kind.ToString(), "InvalidArguments");
        Check("invalid call names the path", invalid.Content.Contains("$.quantity: expected an integer", StringComparison.Ordinal).ToString(), "True");
        Check("malformed JSON", (await tools.InvokeAsync("reserve", """{"sku":"SKU-1",""")).Kind.ToString(), "InvalidArguments");
        Check("failing call", (await tools.InvokeAsync("reserve", """{"sku":"SKU-2","quantity":1}""")).Kind.ToString(), "Failed");
        Check("unknown tool", (await tools.InvokeAsync("delete_all", "{}")).Kind.ToString(), "UnknownTool");

        var model = new ScriptedChatModel()
            .CallTool("find_item", """{"sku":"SKU-1"}""")
            .CallTool("reserve", """{"sku":"SKU-1","quantity":3}""")
            .Then(request => ScriptedChatModel.Respond(request, text: $"Reserved 3; {ScriptedChatModel.LastToolResult(request)} left."));
        ToolRunResult run = await new ToolRunner(model, tools).RunAsync("Reserve three red shoes");
        Check("conversation", run.Text ?? "", "Reserved 3; 1 left.");
        Check("rounds", run.ToolCalls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "2");

        // The same conversation through the OpenAI adapter and real HTTP, against a loopback endpoint playing the model.
        var inventory2 = new InventoryTools();
        using (var server = new FakeOpenAIServer())
        {
            var openAI = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-test", ApiKey = "sk-test", BaseUrl = server.BaseUrl });
            ToolRunResult viaHttp = await new ToolRunner(openAI, inventory2.Tools).RunAsync("Reserve three red shoes");
            Check("openai conversation", viaHttp.Text ?? "", "Reserved 3; 1 left.");
            Check("openai requests", server.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "3");
            Check("openai usage (3 responses)", viaHttp.Usage.TotalTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), "198");
            Check("openai server problems", server.Problems, "");
        }

        // A run stopped for approval, stored, and resumed in a second process.
        await ApprovalChecks.RunAsync(Check);

        Console.WriteLine(s_failures == 0 ? "AotService: all checks passed." : $"AotService: {s_failures} check(s) failed.");
        return s_failures == 0 ? 0 : 1;
    }

    private static void Check(string what, string actual, string expected)
    {
        bool ok = actual == expected;
        if (!ok) s_failures++;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}");
    }
}
