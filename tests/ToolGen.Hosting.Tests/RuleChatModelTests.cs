using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

public sealed class RuleChatModelTests
{
    private static ChatRequest Request(params ChatMessage[] messages) => new() { Messages = messages };

    [Test]
    public async Task The_first_matching_rule_answers_and_the_fallback_takes_the_rest()
    {
        var model = new RuleChatModel()
            .WhenUserSays("weather", "get_weather", """{"city":"Oslo"}""")
            .WhenUserSays("hello", "Hi there!");

        ChatResponse call = await model.CompleteAsync(Request(ChatMessage.User("What's the WEATHER like?")));
        ChatResponse greeting = await model.CompleteAsync(Request(ChatMessage.User("hello")));
        ChatResponse other = await model.CompleteAsync(Request(ChatMessage.User("something else")));

        Assert.That(call.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(call.Message.ToolCalls.Single().Name, Is.EqualTo("get_weather"));
        Assert.That(call.Message.ToolCalls.Single().Arguments, Is.EqualTo("""{"city":"Oslo"}"""));
        Assert.That(greeting.Message.Text, Is.EqualTo("Hi there!"));
        Assert.That(other.Message.Text, Is.EqualTo("No rule matched the conversation."));
        Assert.That(model.RequestCount, Is.EqualTo(3));
        Assert.That(other.ModelId, Is.EqualTo("rules"));
    }

    [Test]
    public async Task It_never_runs_out_and_serves_a_tool_loop_again_and_again()
    {
        var model = new RuleChatModel()
            .WhenUserSays("weather", "get_weather", """{"city":"Oslo"}""")
            .WhenToolResult(result => "Report: " + result)
            .Otherwise("I can only tell the weather.");
        var runner = new ToolRunner(model, WeatherTools.Tools);

        for (int i = 0; i < 3; i++)
        {
            ToolRunResult run = await runner.RunAsync("weather please");
            Assert.That(run.Text, Is.EqualTo("Report: Sunny, 21 °C in Oslo."));
        }
        Assert.That((await runner.RunAsync("who are you?")).Text, Is.EqualTo("I can only tell the weather."));
        Assert.That(model.RequestCount, Is.EqualTo(7));
    }

    [Test]
    public async Task A_delegate_model_answers_every_request()
    {
        var model = new RuleChatModel(request => new ChatResponse { Message = ChatMessage.Assistant($"{request.Messages.Count} message(s)") });

        Assert.That((await model.CompleteAsync(Request(ChatMessage.User("a"), ChatMessage.Assistant("b"), ChatMessage.User("c")))).Message.Text, Is.EqualTo("3 message(s)"));
    }

    [Test]
    public async Task Tool_result_rules_can_name_the_tool()
    {
        var model = new RuleChatModel();
        model.WhenToolResult("count", _ => model.Text("counted"))
            .WhenToolResult(_ => "something else");
        var call = new ToolCall("c1", "count", "{}");

        ChatResponse counted = await model.CompleteAsync(Request(ChatMessage.User("x"), ChatMessage.Assistant(null, [call]), ChatMessage.ToolResult(call, ToolResult.FromText("1"))));
        var other = new ToolCall("c2", "get_weather", "{}");
        ChatResponse weather = await model.CompleteAsync(Request(ChatMessage.User("x"), ChatMessage.Assistant(null, [other]), ChatMessage.ToolResult(other, ToolResult.FromText("sunny"))));

        Assert.That(counted.Message.Text, Is.EqualTo("counted"));
        Assert.That(weather.Message.Text, Is.EqualTo("something else"));
    }

    [Test]
    public async Task Concurrent_requests_get_unique_call_ids_while_rules_are_added()
    {
        var model = new RuleChatModel();
        model.When(_ => true, _ => model.CallTools(("a", "{}"), ("b", "{}")));

        Task<ChatResponse>[] pending = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            if (i % 50 == 0) model.WhenUserSays("never", "unused");
            return model.CompleteAsync(Request(ChatMessage.User("go")));
        })).ToArray();
        ChatResponse[] responses = await Task.WhenAll(pending);

        Assert.That(responses.SelectMany(r => r.Message.ToolCalls).Select(c => c.Id).Distinct().Count(), Is.EqualTo(400));
        Assert.That(model.RequestCount, Is.EqualTo(200));
    }

    [Test]
    public async Task Streaming_replays_the_answer()
    {
        var model = new RuleChatModel().WhenUserSays("weather", "get_weather", """{"city":"Oslo"}""");
        var updates = new List<ChatStreamUpdate>();
        await foreach (ChatStreamUpdate update in model.StreamAsync(Request(ChatMessage.User("weather"))))
            updates.Add(update);

        var assembler = new ChatStreamAssembler();
        updates.ForEach(assembler.Add);
        ChatResponse response = assembler.ToResponse();

        Assert.That(response.Message.ToolCalls.Single().Name, Is.EqualTo("get_weather"));
        Assert.That(response.Message.ToolCalls.Single().Arguments, Is.EqualTo("""{"city":"Oslo"}"""));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.ModelId, Is.EqualTo("rules"));
    }
}
