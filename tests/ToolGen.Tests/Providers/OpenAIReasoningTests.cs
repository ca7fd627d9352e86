using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;
using ToolGen.Tests.Tools;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Providers;

/// <summary>
/// Reasoning across tool rounds (Responses items, Chat Completions <c>reasoning_content</c>), the per-request options and
/// the wire details of issue 15, against a loopback server replaying documented payloads.
/// </summary>
public sealed class OpenAIReasoningTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private JsonNode Body(int index) => JsonNode.Parse(_server.Requests[index].Body)!;

    private OpenAIResponsesModel Responses(Func<OpenAIResponsesModelOptions, OpenAIResponsesModelOptions>? configure = null)
    {
        var options = new OpenAIResponsesModelOptions { Model = "o-test", ApiKey = "sk-test", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        return new OpenAIResponsesModel(configure is null ? options : configure(options));
    }

    private OpenAIChatModel Chat(Func<OpenAIChatModelOptions, OpenAIChatModelOptions>? configure = null)
    {
        var options = new OpenAIChatModelOptions { Model = "r-test", ApiKey = "sk-test", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        return new OpenAIChatModel(configure is null ? options : configure(options));
    }

    // The documented output items of a reasoning model (Addendum 2): a reasoning item before each function call.
    private const string Reasoning1 = """{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Find the order first."},{"type":"summary_text","text":"Then ship it."}],"encrypted_content":"gAAAAB_one=="}""";
    private const string Call1 = """{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_order_id","arguments":"{\"customer\":\"ada\"}","status":"completed"}""";
    private const string Reasoning2 = """{"type":"reasoning","id":"rs_2","summary":[],"encrypted_content":"gAAAAB_two=="}""";
    private const string Call2 = """{"type":"function_call","id":"fc_2","call_id":"call_2","name":"ship_order","arguments":"{\"orderId\":42}","status":"completed"}""";
    private const string Message3 = """{"type":"message","id":"msg_3","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Order 42 shipped.","annotations":[]}]}""";
    private const string Usage = """{"input_tokens":50,"input_tokens_details":{"cached_tokens":30},"output_tokens":20,"output_tokens_details":{"reasoning_tokens":12},"total_tokens":70}""";

    private static string Response(string id, params string[] items) =>
        "{\"id\":\"" + (id) + "\",\"object\":\"response\",\"created_at\":1,\"model\":\"o-test-2026\",\"status\":\"completed\",\"output\":[" + (string.Join(",", items)) + "],\"usage\":" + (Usage) + "}";

    private static IEnumerable<string> Stream(string id, params string[] items)
    {
        yield return "data: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"" + (id) + "\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}";
        for (int i = 0; i < items.Length; i++)
        {
            JsonNode item = JsonNode.Parse(items[i])!;
            switch (item["type"]!.GetValue<string>())
            {
                case "reasoning":
                    yield return "data: {\"type\":\"response.output_item.added\",\"output_index\":" + (i) + ",\"item\":{\"type\":\"reasoning\",\"id\":\"" + (item["id"]) + "\",\"summary\":[]}}";
                    yield return "data: {\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"" + (item["id"]) + "\",\"output_index\":" + (i) + ",\"summary_index\":0,\"delta\":\"Find\"}";
                    break;
                case "function_call":
                    yield return "data: {\"type\":\"response.output_item.added\",\"output_index\":" + (i) + ",\"item\":{\"type\":\"function_call\",\"id\":\"" + (item["id"]) + "\",\"call_id\":\"" + (item["call_id"]) + "\",\"name\":\"" + (item["name"]) + "\",\"arguments\":\"\",\"status\":\"in_progress\"}}";
                    yield return "data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"" + (item["id"]) + "\",\"output_index\":" + (i) + ",\"delta\":" + (item["arguments"]!.ToJsonString()) + "}";
                    break;
                case "message":
                    yield return "data: {\"type\":\"response.output_text.delta\",\"item_id\":\"" + (item["id"]) + "\",\"output_index\":" + (i) + ",\"content_index\":0,\"delta\":\"Order 42 shipped.\"}";
                    break;
            }
            yield return "data: {\"type\":\"response.output_item.done\",\"output_index\":" + (i) + ",\"item\":" + (items[i]) + "}";
        }
        yield return "data: {\"type\":\"response.completed\",\"response\":" + (Response(id, items)) + "}";
    }

    private static void AssertSameJson(JsonNode? actual, string expected, string because) =>
        Assert.That(JsonNode.DeepEquals(actual, JsonNode.Parse(expected)), Is.True, because + "\nexpected: " + expected + "\nactual:   " + actual?.ToJsonString());

    // The reasoning items go back verbatim, in order, before their calls; the calls with their id and status.
    private void AssertReasoningRoundTrip(int offset)
    {
        JsonArray second = Body(offset + 1)["input"]!.AsArray();
        Assert.That(second, Has.Count.EqualTo(4));
        AssertSameJson(second[0], """{"role":"user","content":"Ship ada's order."}""", "the user message");
        AssertSameJson(second[1], Reasoning1, "the first reasoning item, unchanged");
        AssertSameJson(second[2], Call1, "the first call with its id and status");
        Assert.That(second[3]!["type"]!.GetValue<string>(), Is.EqualTo("function_call_output"));
        Assert.That(second[3]!["call_id"]!.GetValue<string>(), Is.EqualTo("call_1"));

        JsonArray third = Body(offset + 2)["input"]!.AsArray();
        Assert.That(third, Has.Count.EqualTo(7));
        for (int i = 0; i < 4; i++) AssertSameJson(third[i], second[i]!.ToJsonString(), "the first round again");
        AssertSameJson(third[4], Reasoning2, "the second reasoning item, unchanged");
        AssertSameJson(third[5], Call2, "the second call with its id and status");
        Assert.That(third[6]!["call_id"]!.GetValue<string>(), Is.EqualTo("call_2"));
    }

    [Test]
    public async Task ResponsesReasoningGoesBackWithItsCallsAcrossTwoToolRounds()
    {
        _server.Respond(200, Response("resp_1", Reasoning1, Call1)).Respond(200, Response("resp_2", Reasoning2, Call2)).Respond(200, Response("resp_3", Message3));
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Responses(), tools.Tools).RunAsync([ChatMessage.User("Ship ada's order.")]);

        Assert.That(result.Text, Is.EqualTo("Order 42 shipped."));
        AssertReasoningRoundTrip(0);
        ChatMessage first = result.Messages[1];
        Assert.That(first.Parts[0], Is.EqualTo(new ReasoningPart("openai", Reasoning1) { Id = "rs_1", Summary = "Find the order first.\n\nThen ship it." }));
        Assert.That(first.Parts[1], Is.EqualTo(new ToolCall("call_1", "get_order_id", """{"customer":"ada"}""") { ProviderData = """{"id":"fc_1","status":"completed"}""" }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(150, 60) { CachedInputTokens = 90, ReasoningTokens = 36 }));
    }

    [Test]
    public async Task StreamedResponsesReasoningGoesBackTheSameWay()
    {
        _server.Respond(200, Response("resp_1", Reasoning1, Call1)).Respond(200, Response("resp_2", Reasoning2, Call2)).Respond(200, Response("resp_3", Message3));
        _server.RespondStream(Stream("resp_1", Reasoning1, Call1)).RespondStream(Stream("resp_2", Reasoning2, Call2)).RespondStream(Stream("resp_3", Message3));
        ToolRunResult complete = await new ToolRunner(Responses(), new RunnerTools().Tools).RunAsync([ChatMessage.User("Ship ada's order.")]);
        ToolRunResult? streamed = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Responses(), new RunnerTools().Tools).RunStreamingAsync([ChatMessage.User("Ship ada's order.")]))
            streamed = update.Result ?? streamed;

        AssertReasoningRoundTrip(3);
        Assert.That(streamed!.Messages, Is.EqualTo(complete.Messages), "streamed and complete answers give the same parts");
        for (int i = 0; i < 3; i++)
        {
            JsonObject body = Body(3 + i).AsObject();
            Assert.That(body["stream"]!.GetValue<bool>(), Is.True);
            body.Remove("stream");
            AssertSameJson(body, _server.Requests[i].Body, "the streamed run's request " + i + " matches the complete run's");
        }
    }

    [Test]
    public async Task AStoredTranscriptResumedMidConversationKeepsTheReasoning()
    {
        _server.Respond(200, Response("resp_1", Reasoning1, Call1)).Respond(200, Response("resp_2", Reasoning2, Call2)).Respond(200, Response("resp_3", Message3))
            .Respond(200, Response("resp_2", Reasoning2, Call2));
        var tools = new RunnerTools();
        ToolRunResult run = await new ToolRunner(Responses(), tools.Tools).RunAsync([ChatMessage.User("Ship ada's order.")]);

        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(run));
        Assert.That(loaded.Messages, Is.EqualTo(run.Messages));
        // Resumed after the first tool result: the second request again, byte for byte.
        int firstResult = loaded.Messages.ToList().FindIndex(m => m.Role == ChatRole.Tool);
        await Responses().CompleteAsync(new ChatRequest { Messages = [.. loaded.Messages.Take(firstResult + 1)], Tools = [.. tools.Tools] });
        Assert.That(_server.Requests[3].Body, Is.EqualTo(_server.Requests[1].Body));
    }

    [Test]
    public async Task ACallGoesBackWithoutItsIdWhenItsReasoningDoesNot()
    {
        _server.Respond(200, Response("resp_x", Message3));
        var call = new ToolCall("call_1", "get_order_id", """{"customer":"ada"}""") { ProviderData = """{"id":"fc_1","status":"completed"}""" };
        var legacy = new ToolCall("call_2", "get_order_id", """{"customer":"bob"}""") { ProviderData = "fc_2" };
        await Responses().CompleteAsync(new ChatRequest
        {
            Messages =
            [
                ChatMessage.User("x"),
                // The reasoning was dropped (say by a history reducer), or came from another provider.
                ChatMessage.Assistant([new ReasoningPart("anthropic", "{}"), call]), ChatMessage.ToolResult(call, ToolResult.FromText("42")),
                // An older transcript kept the id as plain text; with its reasoning it goes back.
                ChatMessage.Assistant([new ReasoningPart("openai", Reasoning2), legacy]), ChatMessage.ToolResult(legacy, ToolResult.FromText("43")),
            ],
        });
        JsonArray input = Body(0)["input"]!.AsArray();
        AssertSameJson(input[1], """{"type":"function_call","call_id":"call_1","name":"get_order_id","arguments":"{\"customer\":\"ada\"}","status":"completed"}""", "no id without the reasoning");
        AssertSameJson(input[3], Reasoning2, "the reasoning");
        AssertSameJson(input[4], """{"type":"function_call","id":"fc_2","call_id":"call_2","name":"get_order_id","arguments":"{\"customer\":\"bob\"}"}""", "a plain-text id");
    }

    [Test]
    public async Task ResponsesOptionsAreSentAsDocumented()
    {
        _server.Respond(200, Response("resp_1", Message3));
        await Responses(o => o with
        {
            ReasoningSummary = OpenAIReasoningSummary.Auto, Store = false, MaxOutputTokens = 999, Strict = false,
            DefaultRequestOptions = new ChatRequestOptions { ReasoningEffort = ReasoningEffort.High, TopP = 0.5 },
        }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("x")],
            Tools = [ShopTools.Tools["schedule"]],
            Options = new ChatRequestOptions
            {
                ReasoningEffort = ReasoningEffort.Low, MaxOutputTokens = 100, Temperature = 0.25, Instructions = "Answer in French.", Stop = ["never sent"], Seed = 7,
                ExtraBody = """{"service_tier":"flex","metadata":{"k":"v"}}""",
            },
        });
        JsonObject body = Body(0).AsObject();
        Assert.That(body["instructions"]!.GetValue<string>(), Is.EqualTo("Be brief.\n\nAnswer in French."));
        AssertSameJson(body["reasoning"], """{"effort":"low","summary":"auto"}""", "the request's effort wins; the summary");
        Assert.That(body["store"]!.GetValue<bool>(), Is.False);
        AssertSameJson(body["include"], """["reasoning.encrypted_content"]""", "stateless reasoning needs its encrypted content");
        Assert.That(body["max_output_tokens"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(body["temperature"]!.GetValue<double>(), Is.EqualTo(0.25));
        Assert.That(body["top_p"]!.GetValue<double>(), Is.EqualTo(0.5));
        Assert.That(body["service_tier"]!.GetValue<string>(), Is.EqualTo("flex"));
        Assert.That(body["tools"]![0]!["strict"]!.GetValue<bool>(), Is.False);
        Assert.That(body.ContainsKey("tool_choice") || body.ContainsKey("parallel_tool_calls") || body.ContainsKey("stop") || body.ContainsKey("seed"), Is.False,
            "unset choice and parallel flag are omitted; Responses has no stop or seed");
        Assert.That(body.Select(p => p.Key).Last(), Is.EqualTo("metadata"), "the extra body comes last");
    }

    [Test]
    public void PreviousResponseIdNeedsStoredResponses() =>
        Assert.That(() => Responses(o => o with { UsePreviousResponseId = true, Store = false }), Throws.ArgumentException);

    [TestCase(false)]
    [TestCase(true)]
    public async Task PreviousResponseIdSendsOnlyWhatFollowsTheLastResponse(bool stream)
    {
        if (stream)
            _server.RespondStream(Stream("resp_1", Reasoning1, Call1)).RespondStream(Stream("resp_2", Message3));
        else
            _server.Respond(200, Response("resp_1", Reasoning1, Call1)).Respond(200, Response("resp_2", Message3));
        var tools = new RunnerTools();
        var runner = new ToolRunner(Responses(o => o with { UsePreviousResponseId = true }), tools.Tools);
        ToolRunResult result;
        if (stream)
        {
            ToolRunResult? last = null;
            await foreach (ToolRunUpdate update in runner.RunStreamingAsync([ChatMessage.System("Be brief."), ChatMessage.User("Ship ada's order.")])) last = update.Result ?? last;
            result = last!;
        }
        else
        {
            result = await runner.RunAsync([ChatMessage.System("Be brief."), ChatMessage.User("Ship ada's order.")]);
        }

        Assert.That(Body(0).AsObject().ContainsKey("previous_response_id"), Is.False);
        JsonNode second = Body(1);
        Assert.That(second["previous_response_id"]!.GetValue<string>(), Is.EqualTo("resp_1"));
        Assert.That(second["instructions"]!.GetValue<string>(), Is.EqualTo("Be brief."), "instructions do not carry over");
        JsonArray input = second["input"]!.AsArray();
        Assert.That(input.Select(i => i!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "function_call_output" }));
        Assert.That(result.Messages[2].Parts.OfType<ProviderItemPart>().Single(), Is.EqualTo(new ProviderItemPart(OpenAIResponsesModel.ResponseIdProvider, """{"id":"resp_1"}""")));
        // The id survives a stored transcript.
        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(result));
        Assert.That(loaded.Messages, Is.EqualTo(result.Messages));
    }

    [TestCase(null, "true,false,false")]
    [TestCase(true, "true,true,false")]
    [TestCase(false, "false,false,false")]
    public async Task ResponsesStrictHasThreeStates(bool? strict, string expected)
    {
        _server.Respond(200, Response("resp_1", Message3));
        await Responses(o => o with { Strict = strict }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = StrictTools() });
        Assert.That(string.Join(",", Body(0)["tools"]!.AsArray().Select(t => t!["strict"]!.ToJsonString())), Is.EqualTo(expected));
    }

    [TestCase(null, "true,-,-")]
    [TestCase(true, "true,true,-")]
    [TestCase(false, "false,false,false")]
    public async Task ChatStrictHasThreeStates(bool? strict, string expected)
    {
        _server.Respond(200, ChatText("ok"));
        await Chat(o => o with { Strict = strict }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = StrictTools() });
        Assert.That(string.Join(",", Body(0)["tools"]!.AsArray().Select(t => t!["function"]!["strict"]?.ToJsonString() ?? "-")), Is.EqualTo(expected));
    }

    // A tool marked strict, one that could be strict, and one whose schema cannot be (a dictionary).
    private static ToolDescriptor[] StrictTools()
    {
        ToolSet tools = new StrictModeTools().Tools;
        Assert.That(tools["marked"].Strict && !tools["could"].Strict && !ShopTools.Tools["place_order"].SupportsStrictSchema, Is.True);
        return [tools["marked"], tools["could"], ShopTools.Tools["place_order"]];
    }

    private static string ChatText(string text, string reasoning = "") =>
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"r-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + (text) + "\"" + (reasoning) + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":30,\"total_tokens\":70,\"prompt_tokens_details\":{\"cached_tokens\":32},\"completion_tokens_details\":{\"reasoning_tokens\":25}}}";

    private const string ChatCall = """
        {"id":"c1","object":"chat.completion","created":1,"model":"r-test","choices":[{"index":0,"message":{"role":"assistant","content":null,"reasoning_content":"The user wants ada's order.",
         "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order_id","arguments":"{\"customer\":\"ada\"}"}}]},"finish_reason":"tool_calls"}]}
        """;

    [Test]
    public async Task ChatReadsReasoningContentAndUsageDetails()
    {
        _server.Respond(200, ChatCall).Respond(200, ChatText("Order 42.", reasoning: ",\"reasoning_content\":\"Done.\""));
        ToolRunResult result = await new ToolRunner(Chat(), new RunnerTools().Tools).RunAsync("Which order?");

        Assert.That(result.Messages[1].Parts, Is.EqualTo(new ChatPart[]
        {
            new ReasoningPart(OpenAIChatModel.ReasoningProvider, "The user wants ada's order.") { Summary = "The user wants ada's order." },
            new ToolCall("call_1", "get_order_id", """{"customer":"ada"}"""),
        }));
        Assert.That(result.Messages[^1].Parts[0], Is.InstanceOf<ReasoningPart>());
        Assert.That(result.Text, Is.EqualTo("Order 42."));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(40, 30) { CachedInputTokens = 32, ReasoningTokens = 25 }));
        Assert.That(Body(1)["messages"]![1]!.AsObject().ContainsKey("reasoning_content"), Is.False, "not echoed unless asked");
    }

    [Test]
    public async Task ChatStreamsReasoningContentAsOnePartBeforeTheAnswer()
    {
        _server.RespondStream(
        [
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning_content":"The user "},"finish_reason":null}]}""",
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[{"index":0,"delta":{"reasoning_content":"wants ada's order."},"finish_reason":null}]}""",
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_order_id","arguments":""}}]},"finish_reason":null}]}""",
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"customer\":\"ada\"}"}}]},"finish_reason":null}]}""",
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            """data: {"id":"c","object":"chat.completion.chunk","model":"r-test","choices":[],"usage":{"prompt_tokens":40,"completion_tokens":30,"total_tokens":70,"completion_tokens_details":{"reasoning_tokens":25}}}""",
            "data: [DONE]",
        ]);
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in Chat().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) assembler.Add(update);
        ChatResponse response = assembler.ToResponse();
        Assert.That(response.Message.Parts, Is.EqualTo(new ChatPart[]
        {
            new ReasoningPart(OpenAIChatModel.ReasoningProvider, "The user wants ada's order.") { Summary = "The user wants ada's order." },
            new ToolCall("call_1", "get_order_id", """{"customer":"ada"}"""),
        }));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(40, 30) { ReasoningTokens = 25 }));
    }

    [Test]
    public async Task ChatEchoesReasoningContentInTheCurrentTurnOnlyWhenAsked()
    {
        _server.Respond(200, ChatText("ok"));
        var earlier = new ToolCall("call_0", "get_order_id", """{"customer":"bob"}""");
        var call = new ToolCall("call_1", "get_order_id", """{"customer":"ada"}""");
        await Chat(o => o with { EchoReasoningContent = true }).CompleteAsync(new ChatRequest
        {
            Messages =
            [
                ChatMessage.User("Bob?"),
                ChatMessage.Assistant([new ReasoningPart(OpenAIChatModel.ReasoningProvider, "Old thought."), earlier]), ChatMessage.ToolResult(earlier, ToolResult.FromText("41")),
                ChatMessage.Assistant("41."),
                ChatMessage.User("Ada?"),
                ChatMessage.Assistant([new ReasoningPart(OpenAIChatModel.ReasoningProvider, "New thought."), new ReasoningPart("openai", Reasoning1), call]),
                ChatMessage.ToolResult(call, ToolResult.FromText("42")),
            ],
        });
        JsonArray messages = Body(0)["messages"]!.AsArray();
        Assert.That(messages[1]!.AsObject().ContainsKey("reasoning_content"), Is.False, "an earlier turn's reasoning stays out");
        AssertSameJson(messages[5], """{"role":"assistant","content":null,"reasoning_content":"New thought.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order_id","arguments":"{\"customer\":\"ada\"}"}}]}""",
            "the current turn's reasoning_content; never a Responses item");
    }

    [Test]
    public async Task ChatRequestOptionsAreSentAsDocumented()
    {
        _server.Respond(200, ChatText("ok"));
        await Chat(o => o with { MaxOutputTokens = 999, DefaultRequestOptions = new ChatRequestOptions { Seed = 1, TopP = 0.5 } }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("x")],
            Tools = [.. new RunnerTools().Tools],
            Options = new ChatRequestOptions
            {
                MaxOutputTokens = 100, Temperature = 0.25, Stop = ["END", "STOP"], Seed = 7, Instructions = "Answer in French.", ReasoningEffort = ReasoningEffort.Minimal,
                ExtraBody = """{"service_tier":"flex"}""",
            },
        });
        JsonObject body = Body(0).AsObject();
        AssertSameJson(body["messages"], """[{"role":"system","content":"Be brief."},{"role":"system","content":"Answer in French."},{"role":"user","content":"x"}]""", "instructions follow the system messages");
        Assert.That(body["reasoning_effort"]!.GetValue<string>(), Is.EqualTo("minimal"));
        Assert.That(body["max_completion_tokens"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(body["temperature"]!.GetValue<double>(), Is.EqualTo(0.25));
        Assert.That(body["top_p"]!.GetValue<double>(), Is.EqualTo(0.5));
        AssertSameJson(body["stop"], """["END","STOP"]""", "stop");
        Assert.That(body["seed"]!.GetValue<long>(), Is.EqualTo(7));
        Assert.That(body["service_tier"]!.GetValue<string>(), Is.EqualTo("flex"));
        Assert.That(body.ContainsKey("tool_choice") || body.ContainsKey("parallel_tool_calls"), Is.False, "unset means omitted");
    }

    [Test]
    public void AnExtraBodyThatRepeatsAWrittenPropertyIsRefused()
    {
        var request = new ChatRequest { Messages = [ChatMessage.User("x")], Options = new ChatRequestOptions { ExtraBody = """{"reasoning":{}}""", ReasoningEffort = ReasoningEffort.Low } };
        Assert.That(() => Responses().CompleteAsync(request), Throws.ArgumentException);
        Assert.That(_server.Requests, Is.Empty);
    }
}

/// <summary>Tools for the three strict states.</summary>
public sealed partial class StrictModeTools
{
    /// <summary>Echoes the given lookup key back unchanged; a tool declared strict, for the strict-mode tests.</summary>
    /// <param name="key">The lookup key to echo, for example "a-1".</param>
    [Tool(Name = "marked", Strict = true)]
    public string Marked(string key) => key;

    /// <summary>Echoes the given lookup key back unchanged; a tool that could be strict but is not declared so.</summary>
    /// <param name="key">The lookup key to echo, for example "a-1".</param>
    [Tool(Name = "could")]
    public string Could(string key) => key;
}
