using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>
/// The same conversations through every provider against the loopback server: a single call, parallel calls, chained
/// calls, an error result, tool-choice variants and streaming. Each provider's payloads are written in its own format.
/// </summary>
[TestFixture("openai")]
[TestFixture("responses")]
[TestFixture("anthropic")]
[TestFixture("gemini")]
public sealed class ProviderConversationTests(string provider)
{
    private LoopbackServer _server = null!;
    private RunnerTools _tools = null!;

    [SetUp]
    public void Start()
    {
        _server = new LoopbackServer();
        _tools = new RunnerTools();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private IChatModel Model() => provider switch
    {
        "openai" => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", ApiKey = "k", BaseUrl = _server.BaseUrl }),
        "responses" => new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", ApiKey = "k", BaseUrl = _server.BaseUrl }),
        "anthropic" => new AnthropicModel(new AnthropicModelOptions { Model = "m", ApiKey = "k", BaseUrl = _server.BaseUrl }),
        _ => new GeminiModel(new GeminiModelOptions { Model = "m", ApiKey = "k", BaseUrl = _server.BaseUrl }),
    };

    private static JsonNode Obj(string json) => JsonNode.Parse(json)!;

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    private static string Data(JsonNode node) => "data: " + node.ToJsonString();

    // A response asking for these calls, in the provider's format.
    private string Calls(params (string Id, string Name, string Arguments)[] calls) => (provider switch
    {
        "openai" => new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant", ["content"] = null,
                    ["tool_calls"] = Array(calls.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments } })),
                },
                ["finish_reason"] = "tool_calls",
            }),
        },
        "responses" => new JsonObject
        {
            ["status"] = "completed",
            ["output"] = Array(calls.Select(c => (JsonNode)new JsonObject { ["type"] = "function_call", ["id"] = "fc_" + c.Id, ["call_id"] = c.Id, ["name"] = c.Name, ["arguments"] = c.Arguments })),
        },
        "anthropic" => new JsonObject
        {
            ["type"] = "message", ["role"] = "assistant", ["stop_reason"] = "tool_use",
            ["content"] = Array(calls.Select(c => (JsonNode)new JsonObject { ["type"] = "tool_use", ["id"] = c.Id, ["name"] = c.Name, ["input"] = Obj(c.Arguments) })),
        },
        _ => Gemini(calls, "STOP"),
    }).ToJsonString();

    private static JsonObject Gemini((string Id, string Name, string Arguments)[] calls, string? finish)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["role"] = "model",
                ["parts"] = Array(calls.Select(c => (JsonNode)new JsonObject { ["functionCall"] = new JsonObject { ["name"] = c.Name, ["args"] = Obj(c.Arguments), ["id"] = c.Id } })),
            },
        };
        if (finish is not null) candidate["finishReason"] = finish;
        return new JsonObject { ["candidates"] = new JsonArray(candidate) };
    }

    private static JsonObject GeminiText(string text, string? finish)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) } };
        if (finish is not null) candidate["finishReason"] = finish;
        return new JsonObject { ["candidates"] = new JsonArray(candidate) };
    }

    private string Text(string text) => (provider switch
    {
        "openai" => new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text }, ["finish_reason"] = "stop" }) },
        "responses" => new JsonObject
        {
            ["status"] = "completed",
            ["output"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text }) }),
        },
        "anthropic" => new JsonObject { ["type"] = "message", ["role"] = "assistant", ["stop_reason"] = "end_turn", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) },
        _ => GeminiText(text, "STOP"),
    }).ToJsonString();

    // The same turns as server-sent events.
    private string[] StreamCalls(params (string Id, string Name, string Arguments)[] calls) => provider switch
    {
        "openai" =>
        [
            .. calls.Select((c, i) => Data(Obj("""{"choices":[{"index":0,"delta":{"tool_calls":[]}}]}""").Also(n => n["choices"]![0]!["delta"]!["tool_calls"]!.AsArray()
                .Add(new JsonObject { ["index"] = i, ["id"] = c.Id, ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments } })))),
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            "data: [DONE]",
        ],
        "responses" =>
        [
            .. calls.SelectMany((c, i) => new[]
            {
                Data(new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = i, ["item"] = new JsonObject { ["type"] = "function_call", ["id"] = "fc_" + c.Id, ["call_id"] = c.Id, ["name"] = c.Name, ["arguments"] = "" } }),
                Data(new JsonObject { ["type"] = "response.function_call_arguments.delta", ["output_index"] = i, ["delta"] = c.Arguments }),
            }),
            """data: {"type":"response.completed","response":{"status":"completed","output":[{"type":"function_call","call_id":"x","name":"x","arguments":"{}"}]}}""",
        ],
        "anthropic" =>
        [
            """data: {"type":"message_start","message":{"usage":{"input_tokens":3}}}""",
            .. calls.SelectMany((c, i) => new[]
            {
                Data(new JsonObject { ["type"] = "content_block_start", ["index"] = i, ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = c.Id, ["name"] = c.Name, ["input"] = new JsonObject() } }),
                Data(new JsonObject { ["type"] = "content_block_delta", ["index"] = i, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = c.Arguments } }),
            }),
            """data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":5}}""",
            """data: {"type":"message_stop"}""",
        ],
        _ => [Data(Gemini(calls, "STOP"))],
    };

    private string[] StreamText(string text) => provider switch
    {
        "openai" =>
        [
            Data(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text[..3] } }) }),
            Data(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text[3..] }, ["finish_reason"] = "stop" }) }),
            "data: [DONE]",
        ],
        "responses" =>
        [
            Data(new JsonObject { ["type"] = "response.output_text.delta", ["output_index"] = 0, ["delta"] = text[..3] }),
            Data(new JsonObject { ["type"] = "response.output_text.delta", ["output_index"] = 0, ["delta"] = text[3..] }),
            """data: {"type":"response.completed","response":{"status":"completed","output":[]}}""",
        ],
        "anthropic" =>
        [
            """data: {"type":"message_start","message":{"usage":{"input_tokens":3}}}""",
            Data(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text[..3] } }),
            Data(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text[3..] } }),
            """data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}""",
        ],
        _ => [Data(GeminiText(text[..3], null)), Data(GeminiText(text[3..], "STOP"))],
    };

    // The tool results the second request carried, by call id, with their error flag — read back from the provider's format.
    private List<(string Id, string Content, bool IsError)> SentResults(int request)
    {
        JsonNode body = JsonNode.Parse(_server.Requests[request].Body)!;
        return provider switch
        {
            "openai" => [.. body["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => (m!["tool_call_id"]!.GetValue<string>(), m["content"]!.GetValue<string>(), false))],
            "responses" => [.. body["input"]!.AsArray().Where(i => i!["type"]?.GetValue<string>() == "function_call_output").Select(i => (i!["call_id"]!.GetValue<string>(), i["output"]!.GetValue<string>(), false))],
            "anthropic" => [.. body["messages"]!.AsArray().SelectMany(m => m!["content"] is JsonArray blocks ? blocks : []).Where(b => b!["type"]!.GetValue<string>() == "tool_result")
                .Select(b => (b!["tool_use_id"]!.GetValue<string>(), b["content"]!.GetValue<string>(), b["is_error"]?.GetValue<bool>() == true))],
            _ => [.. body["contents"]!.AsArray().SelectMany(c => c!["parts"]!.AsArray()).Where(p => p!["functionResponse"] is not null)
                .Select(p => (p!["functionResponse"]!["id"]!.GetValue<string>(), (p["functionResponse"]!["response"]!["output"] ?? p["functionResponse"]!["response"]!["error"])!.ToJsonString().Trim('"'),
                    p["functionResponse"]!["response"]!["error"] is not null))],
        };
    }

    [Test]
    public async Task SingleCall()
    {
        _server.Respond(200, Calls(("c1", "get_order_id", """{"customer":"ada"}"""))).Respond(200, Text("Order 42."));
        ToolRunResult result = await new ToolRunner(Model(), _tools.Tools).RunAsync("Which order?");
        Assert.That(result.Text, Is.EqualTo("Order 42."));
        Assert.That(SentResults(1), Is.EqualTo(new[] { ("c1", "42", false) }));
    }

    [Test]
    public async Task ParallelCallsRunAndReturnInOrder()
    {
        _server.Respond(200, Calls(("c1", "slow_read", """{"key":"a","delayMilliseconds":300}"""), ("c2", "slow_read", """{"key":"b","delayMilliseconds":50}"""))).Respond(200, Text("A and B."));
        ToolRunResult result = await new ToolRunner(Model(), _tools.Tools).RunAsync("Read both");
        Assert.That(result.Text, Is.EqualTo("A and B."));
        List<string> log = [.. _tools.Log];
        Assert.That(log.IndexOf("start b"), Is.LessThan(log.IndexOf("end a")), "b started while a was running");
        Assert.That(SentResults(1), Is.EqualTo(new[] { ("c1", "A", false), ("c2", "B", false) }));
    }

    [Test]
    public async Task ChainedCallsAcrossRounds()
    {
        _server.Respond(200, Calls(("c1", "get_order_id", """{"customer":"ada"}""")))
            .Respond(200, Calls(("c2", "ship_order", """{"orderId":42}""")))
            .Respond(200, Text("Shipped."));
        ToolRunResult result = await new ToolRunner(Model(), _tools.Tools).RunAsync("Ship Ada's order");
        Assert.That(result.Text, Is.EqualTo("Shipped."));
        Assert.That(_tools.Log, Is.EqualTo(new[] { "get_order_id ada", "ship_order 42" }));
        Assert.That(SentResults(2), Is.EqualTo(new[] { ("c1", "42", false), ("c2", "shipped 42", false) }));
    }

    [Test]
    public async Task AnErrorResultReachesTheModelAsAnError()
    {
        _server.Respond(200, Calls(("c1", "ship_order", """{"orderId":"x"}"""))).Respond(200, Text("Sorry."));
        await new ToolRunner(Model(), _tools.Tools).RunAsync("Ship");
        (string id, string content, bool isError) = SentResults(1).Single();
        Assert.That(id, Is.EqualTo("c1"));
        Assert.That(content, Does.StartWith("Invalid arguments for ship_order: $.orderId"));
        if (provider is "anthropic" or "gemini") Assert.That(isError, Is.True, "the provider's own error flag is set");
    }

    [Test]
    public async Task ToolChoiceVariantsAreSent()
    {
        foreach (ToolChoice choice in new[] { ToolChoice.Required, ToolChoice.Tool("get_order_id"), ToolChoice.None })
        {
            _server.Respond(200, Text("ok"));
            await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. _tools.Tools], ToolChoice = choice });
        }
        string[] sent = [.. _server.Requests.Select(r => JsonNode.Parse(r.Body)!)
            .Select(b => (b["tool_choice"] ?? b["toolConfig"]!["functionCallingConfig"])!.ToJsonString())];
        string[] expected = provider switch
        {
            "openai" => ["\"required\"", """{"type":"function","function":{"name":"get_order_id"}}""", "\"none\""],
            "responses" => ["\"required\"", """{"type":"function","name":"get_order_id"}""", "\"none\""],
            "anthropic" => ["""{"type":"any"}""", """{"type":"tool","name":"get_order_id"}""", """{"type":"none"}"""],
            _ => ["""{"mode":"ANY"}""", """{"mode":"ANY","allowedFunctionNames":["get_order_id"]}""", """{"mode":"NONE"}"""],
        };
        Assert.That(sent, Is.EqualTo(expected));
    }

    [Test]
    public async Task AStreamingConversation()
    {
        _server.RespondStream(StreamCalls(("c1", "get_order_id", """{"customer":"ada"}"""), ("c2", "get_order_id", """{"customer":"bo"}""")))
            .RespondStream(StreamText("Orders 42 and 42."));
        var text = new List<string>();
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Model(), _tools.Tools).RunStreamingAsync("Orders?"))
        {
            if (update.TextDelta is { } delta) text.Add(delta);
            result = update.Result ?? result;
        }
        Assert.That(string.Concat(text), Is.EqualTo("Orders 42 and 42."));
        Assert.That(_tools.Log, Is.EquivalentTo(new[] { "get_order_id ada", "get_order_id bo" }));
        Assert.That(result!.ToolCalls.Select(c => c.Call.Id), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(SentResults(1).Select(r => r.Id), Is.EqualTo(new[] { "c1", "c2" }));
    }
}

internal static class JsonNodeExtensions
{
    public static JsonNode Also(this JsonNode node, Action<JsonNode> change)
    {
        change(node);
        return node;
    }
}
