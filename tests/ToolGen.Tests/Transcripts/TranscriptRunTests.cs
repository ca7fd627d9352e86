using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;
using ToolGen.Testing;
using ToolGen.Tests.Providers;
using ToolGen.Tests.Tools;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Transcripts;

/// <summary>Real runs saved and loaded: the conversation continues from a loaded transcript, and no secret is ever saved.</summary>
public sealed class TranscriptRunTests
{
    [Test]
    public async Task ALoadedRunContinuesInANewRunner()
    {
        var tools = new RunnerTools();
        var model = new ScriptedChatModel();
        model.CallTools(("get_order_id", """{"customer":"ada"}""", null), ("nope", "{}", null), ("get_order_id", """{"customer":5}""", null))
            .CallTool("fail")
            .CallTool("ship_order", """{"orderId":42}""")
            .Reply("Order 42 shipped; one tool did not exist and one failed.", new ChatUsage(40, 12));
        ToolRunResult run = await new ToolRunner(model, tools.Tools).RunAsync([ChatMessage.System("Be brief."), ChatMessage.User("Ship Ada's order.")]);
        Assert.That(run.ToolCalls.Select(r => r.Result.Kind), Is.EqualTo(new[]
        {
            ToolResultKind.Success, ToolResultKind.UnknownTool, ToolResultKind.InvalidArguments, ToolResultKind.Failed, ToolResultKind.Success,
        }));
        Assert.That(run.ToolCalls[0].Result.IsJson, Is.True);
        Assert.That(run.ToolCalls[3].Result.Exception, Is.Not.Null, "the exception stays in memory");

        string json = Transcript.Serialize(run);
        ToolRunResult loaded = Transcript.DeserializeRun(json);

        TranscriptAssert.RunsEqual(loaded, run);
        Assert.That(Transcript.Serialize(loaded), Is.EqualTo(json));
        Assert.That(loaded.ToolCalls[3].Result.Exception, Is.Null, "exceptions are never saved");
        Assert.That(json, Does.Not.Contain("hunter2"), "the failing tool's exception message was not shown to the model, so it is not saved");

        // A new runner, a new model: the saved conversation plus a new question.
        var next = new ScriptedChatModel();
        next.CallTool("ship_order", """{"orderId":43}""").Reply("Order 43 shipped too.");
        ToolRunResult continued = await new ToolRunner(next, new RunnerTools().Tools).RunAsync([.. loaded.Messages, ChatMessage.User("Ship order 43 as well.")]);

        Assert.That(continued.Text, Is.EqualTo("Order 43 shipped too."));
        ChatRequest firstRequest = next.Requests[0];
        TranscriptAssert.MessagesEqual(firstRequest.Messages.Take(run.Messages.Count).ToList(), run.Messages);
        Assert.That(firstRequest.Messages[^1].Text, Is.EqualTo("Ship order 43 as well."));
        Assert.That(continued.Messages, Has.Count.EqualTo(run.Messages.Count + 4));
        Assert.That(continued.ToolCalls.Single().Result.Content, Is.EqualTo("shipped 43"));

        // And the longer conversation saves and loads again.
        ToolRunResult reloaded = Transcript.DeserializeRun(Transcript.SerializeToUtf8Bytes(continued));
        TranscriptAssert.RunsEqual(reloaded, continued);
    }

    [Test]
    public async Task AStopToolRunRoundTrips()
    {
        var model = new ScriptedChatModel();
        model.CallTools(("get_order_id", """{"customer":"ada"}""", null), ("finish", """{"summary":"Order 42 found"}""", null));
        ToolRunResult run = await new ToolRunner(model, new RunnerTools().Tools, new ToolRunnerOptions { StopAfterTools = ["finish"] }).RunAsync("x");
        Assert.That(run.StopReason, Is.EqualTo(ToolRunStopReason.StopTool));

        string json = Transcript.Serialize(run);
        ToolRunResult loaded = Transcript.DeserializeRun(json);
        Assert.That(json, Does.Contain("\"stopToolCallId\":\"call_2\""));
        Assert.That(loaded.StopToolResult!.Content, Is.EqualTo("Order 42 found"));
        Assert.That(loaded.StopToolResult, Is.SameAs(loaded.ToolCalls[1].Result));
        Assert.That(Transcript.Serialize(loaded), Is.EqualTo(json));
    }

    [Test]
    public async Task AStreamedRunWithAMaxRoundsStopRoundTrips()
    {
        var model = new ScriptedChatModel();
        model.CallTool("get_order_id", """{"customer":"a"}""").CallTool("get_order_id", """{"customer":"b"}""");
        ToolRunResult? run = null;
        await foreach (ToolRunUpdate update in new ToolRunner(model, new RunnerTools().Tools, new ToolRunnerOptions { MaxRounds = 1 }).RunStreamingAsync("loop"))
            run = update.Result ?? run;
        Assert.That(run!.StopReason, Is.EqualTo(ToolRunStopReason.MaxRounds));

        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(run));
        TranscriptAssert.RunsEqual(loaded, run);
        Assert.That(loaded.Messages[^1].ResultKind, Is.EqualTo(ToolResultKind.Denied), "the refused last call keeps its result");
        Assert.That(loaded.ToolCalls.Select(r => r.Result.Kind), Is.EqualTo(new[] { ToolResultKind.Success, ToolResultKind.Denied }), "and its record");
    }

    [Test]
    public async Task NoSecretIsEverSaved()
    {
        const string Key = "sk-secret-transcript-0123456789";
        const string Organization = "org-secret-transcript-42";
        await using var server = new LoopbackServer();
        server.Respond(200, """
            {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":null,
             "tool_calls":[{"id":"call_abc","type":"function","function":{"name":"get_order_id","arguments":"{\"customer\":\"ada\"}"}}]},"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":20,"completion_tokens":5}}
            """);
        server.Respond(200, """
            {"id":"chatcmpl-2","object":"chat.completion","model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":"Order 42."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":30,"completion_tokens":3}}
            """);
        var model = new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "gpt-test",
            ApiKey = Key,
            Headers = new Dictionary<string, string> { ["OpenAI-Organization"] = Organization },
            BaseUrl = server.BaseUrl,
            MaxRetries = 0,
        });

        ToolRunResult run = await new ToolRunner(model, new RunnerTools().Tools).RunAsync("Which order is Ada's?");
        Assert.That(server.Requests.Select(r => r.Headers["Authorization"]), Is.All.EqualTo("Bearer " + Key), "the key was used");

        string json = Transcript.Serialize(run);
        string messagesOnly = Transcript.Serialize(run.Messages);
        foreach (string saved in new[] { json, messagesOnly })
        {
            Assert.That(saved, Does.Not.Contain(Key));
            Assert.That(saved, Does.Not.Contain("sk-"));
            Assert.That(saved, Does.Not.Contain(Organization));
            Assert.That(saved, Does.Not.Contain("Authorization").IgnoreCase);
            Assert.That(saved, Does.Not.Contain("Bearer").IgnoreCase);
            Assert.That(saved, Does.Not.Contain(server.BaseUrl.Authority), "nor the endpoint");
        }
        Assert.That(json, Does.Contain("call_abc").And.Contain("Order 42."));
        Assert.That(Transcript.DeserializeRun(json).Usage, Is.EqualTo(new ChatUsage(50, 8)));
    }
}
