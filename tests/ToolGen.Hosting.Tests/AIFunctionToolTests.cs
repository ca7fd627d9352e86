using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ToolGen.Chat;
using ToolGen.Extensions.AI;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

public sealed class AIFunctionToolTests
{
    public sealed record Forecast(string City, int Days, double[] Highs);

    private static AIFunction ForecastFunction() => AIFunctionFactory.Create(
        ([System.ComponentModel.Description("The city")] string city, [System.ComponentModel.Description("How many days")] int days) => new Forecast(city, days, Enumerable.Repeat(20.5, days).ToArray()),
        "get_forecast", "Gets the forecast for a city.");

    [Test]
    public void Name_description_and_schema_come_from_the_function()
    {
        AIFunction function = ForecastFunction();

        ToolDescriptor tool = function.AsToolDescriptor();

        Assert.That(tool.Name, Is.EqualTo("get_forecast"));
        Assert.That(tool.Description, Is.EqualTo("Gets the forecast for a city."));
        Assert.That(Encoding.UTF8.GetString(tool.ParametersSchema.Span), Is.EqualTo(function.JsonSchema.GetRawText()));
        Assert.That(tool.RequiresApproval, Is.False);
    }

    [Test]
    public async Task A_call_parses_the_json_and_serializes_the_result_as_MEAI_does()
    {
        AIFunction function = ForecastFunction();
        ToolDescriptor tool = function.AsToolDescriptor();

        ToolResult result = await tool.InvokeAsync("""{"city":"Oslo","days":2}""");

        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success));
        Assert.That(result.IsJson, Is.True);
        object? direct = await function.InvokeAsync(new AIFunctionArguments { ["city"] = "Oslo", ["days"] = 2 });
        string expected = JsonSerializer.Serialize(direct, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(result.Content), System.Text.Json.Nodes.JsonNode.Parse(expected)), Is.True,
            "the JSON Microsoft.Extensions.AI would send, written compactly");
        Assert.That(result.Content, Is.EqualTo("""{"city":"Oslo","days":2,"highs":[20.5,20.5]}"""));
    }

    [Test]
    public async Task Text_results_stay_text_and_void_is_done()
    {
        ToolDescriptor greet = AIFunctionFactory.Create((string name) => "Hello, " + name + "!", "greet").AsToolDescriptor();
        ToolDescriptor nothing = AIFunctionFactory.Create(() => { }, "nothing").AsToolDescriptor();

        ToolResult text = await greet.InvokeAsync("""{"name":"Ada"}""");
        ToolResult done = await nothing.InvokeAsync("");

        Assert.That((text.IsJson, text.Content), Is.EqualTo((false, "Hello, Ada!")));
        Assert.That(done.Content, Is.EqualTo(ToolResult.Done.Content));
    }

    [Test]
    public async Task Arguments_that_are_not_an_object_are_invalid_and_a_throwing_function_fails()
    {
        ToolDescriptor tool = ForecastFunction().AsToolDescriptor();
        ToolDescriptor throwing = AIFunctionFactory.Create(string (string city) => throw new InvalidOperationException("boom " + city), "explode").AsToolDescriptor();

        ToolResult notObject = await tool.InvokeAsync("[1,2]");
        ToolResult notJson = await tool.InvokeAsync("{city:");
        ToolResult failed = await throwing.InvokeAsync("""{"city":"Oslo"}""", new ToolContext { IncludeExceptionDetails = true });

        Assert.That(notObject.Kind, Is.EqualTo(ToolResultKind.InvalidArguments));
        Assert.That(notObject.Content, Is.EqualTo("Invalid arguments for get_forecast: $: expected a JSON object, got array. Send the arguments as one JSON object and call again."));
        Assert.That(notJson.Kind, Is.EqualTo(ToolResultKind.InvalidArguments));
        Assert.That(notJson.Content, Does.StartWith("Invalid arguments for get_forecast: the arguments are not valid JSON ("));
        Assert.That(failed.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(failed.Content, Is.EqualTo("Tool explode failed: InvalidOperationException: boom Oslo"));
    }

    [Test]
    public void Approval_required_functions_require_approval()
    {
        ToolDescriptor tool = new ApprovalRequiredAIFunction(ForecastFunction()).AsToolDescriptor();

        Assert.That(tool.RequiresApproval, Is.True);
        Assert.That(tool.Name, Is.EqualTo("get_forecast"));
    }

    [Test]
    public void A_ToolGen_function_gives_back_its_descriptor()
    {
        ToolDescriptor original = WeatherTools.Tools["get_weather"];
        var approval = new ToolDescriptor("delete_all", "Deletes everything.", original.ParametersSchema, (_, _, _) => new ValueTask<ToolResult>(ToolResult.Done)) { Hints = ToolHints.RequiresApproval };

        Assert.That(original.AsAIFunction().AsToolDescriptor(), Is.SameAs(original));
        Assert.That(approval.AsAIFunction(), Is.TypeOf<ApprovalRequiredAIFunction>());
        Assert.That(approval.AsAIFunction().AsToolDescriptor(), Is.SameAs(approval));
    }

    [Test]
    public async Task AIFunctions_join_a_tool_set_and_run_in_the_tool_loop()
    {
        ToolSet tools = WeatherTools.Tools + new[] { ForecastFunction() }.AsToolSet();
        var model = new ScriptedChatModel()
            .CallTools(("get_forecast", """{"city":"Oslo","days":1}""", "c1"), ("get_weather", """{"city":"Oslo"}""", "c2"))
            .Then(request => ScriptedChatModel.Respond(request, text: string.Join(" | ", request.Messages.Where(m => m.Role == ToolGen.Chat.ChatRole.Tool).Select(m => m.Text))));

        ToolRunResult run = await new ToolRunner(model, tools).RunAsync("Forecast and weather for Oslo?");

        Assert.That(run.Text, Is.EqualTo("""{"city":"Oslo","days":1,"highs":[20.5]} | Sunny, 21 °C in Oslo."""));
        Assert.That(model.Requests[0].Tools.Select(t => t.Name), Is.EqualTo(new[] { "get_weather", "get_forecast" }));
        model.AssertAllConsumed();
    }

    [Test]
    public async Task An_approval_required_function_waits_for_approval_in_the_loop()
    {
        var model = new ScriptedChatModel().CallTool("get_forecast", """{"city":"Oslo","days":1}""", "c1").Reply("Done.");
        var runner = new ToolRunner(model, ToolSet.Create(new ApprovalRequiredAIFunction(ForecastFunction()).AsToolDescriptor()));

        ToolRunResult stopped = await runner.RunAsync("Forecast?");
        Assert.That(stopped.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));
        ToolRunResult resumed = await runner.ResumeAsync(stopped, [stopped.PendingApprovals[0].Approve()]);

        Assert.That(resumed.Text, Is.EqualTo("Done."));
        Assert.That(resumed.ToolCalls.Single().Result.Content, Does.Contain("\"highs\""));
    }

    [Test]
    public async Task The_calls_services_reach_the_function()
    {
        var services = new ServiceCollection();
        services.AddScoped<RequestCounter>();
        AIFunction function = AIFunctionFactory.Create((IServiceProvider provider) => provider.GetRequiredService<RequestCounter>().Id.ToString(), "scope_id");
        services.AddToolGen().AddTools(ToolSet.Create(function.AsToolDescriptor()))
            .AddChatModel(new RuleChatModel().WhenUserSays("id", "scope_id", "{}").WhenToolResult(result => result));
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        ToolRunResult run = await scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync("Which id?");

        Assert.That(run.Text, Is.EqualTo(scope.ServiceProvider.GetRequiredService<RequestCounter>().Id.ToString()));
    }
}
