using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>OpenAI Chat Completions against a loopback server replaying the documented payloads.</summary>
public sealed class OpenAIChatModelTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private OpenAIChatModel Model(Func<OpenAIChatModelOptions, OpenAIChatModelOptions>? configure = null)
    {
        var options = new OpenAIChatModelOptions { Model = "gpt-test", ApiKey = "sk-secret-key", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        return new OpenAIChatModel(configure?.Invoke(options) ?? options);
    }

    private JsonNode LastBody() => JsonNode.Parse(_server.Requests.Last().Body)!;

    // The response example of the OpenAI spec (trimmed), with usage.
    private const string ToolCallResponse = """
        {"id":"chatcmpl-abc123","object":"chat.completion","model":"gpt-test-2026","choices":[{"index":0,"message":{"role":"assistant","content":null,
         "tool_calls":[{"id":"call_abc123","type":"function","function":{"name":"get_order_id","arguments":"{\n\"customer\": \"ada\"\n}"}}]},
         "logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
        """;

    private static string TextResponse(string text) =>
        "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + System.Text.Json.JsonSerializer.Serialize(text, StjOracle.Options)
        + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}";

    [Test]
    public async Task TheRequestCarriesMessagesToolsChoiceAndParallelSwitch()
    {
        _server.Respond(200, ToolCallResponse);
        var call = new ToolCall("call_1", "get_order_id", """{"customer":"bo"}""");
        var request = new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("Ship it"), ChatMessage.Assistant(null, [call]), ChatMessage.ToolResult(call, ToolResult.FromText("42"))],
            Tools = [.. new RunnerTools().Tools.Where(t => t.Name is "get_order_id" or "ship_order")],
            ToolChoice = ToolChoice.Tool("ship_order"),
            AllowParallelToolCalls = false,
        };
        ChatResponse response = await Model().CompleteAsync(request);

        RecordedRequest sent = _server.Requests.Single();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(sent.Headers["Authorization"], Is.EqualTo("Bearer sk-secret-key"));
        JsonNode body = LastBody();
        Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo("gpt-test"));
        Assert.That(body["messages"]!.ToJsonString(StjOracle.Options), Is.EqualTo(
            """[{"role":"system","content":"Be brief."},{"role":"user","content":"Ship it"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order_id","arguments":"{\"customer\":\"bo\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"42"}]"""));
        Assert.That(body["tools"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("function"));
        Assert.That(body["tools"]![0]!["function"]!["name"]!.GetValue<string>(), Is.EqualTo("get_order_id"));
        Assert.That(body["tools"]![0]!["function"]!["parameters"]!.ToJsonString(StjOracle.Options), Is.EqualTo(System.Text.Encoding.UTF8.GetString(request.Tools[0].ParametersSchema.Span)));
        Assert.That(body["tools"]![0]!["function"]!["strict"], Is.Null);
        Assert.That(body["tool_choice"]!.ToJsonString(), Is.EqualTo("""{"type":"function","function":{"name":"ship_order"}}"""));
        Assert.That(body["parallel_tool_calls"]!.GetValue<bool>(), Is.False);

        Assert.That(response.Message.ToolCalls.Single(), Is.EqualTo(new ToolCall("call_abc123", "get_order_id", "{\n\"customer\": \"ada\"\n}")));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(82, 17)));
        Assert.That(response.ModelId, Is.EqualTo("gpt-test-2026"));
    }

    [TestCase("auto", "\"auto\"")]
    [TestCase("required", "\"required\"")]
    [TestCase("none", "\"none\"")]
    [TestCase("allowed", """{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"ship_order"}}]}}""")]
    public async Task ToolChoiceShapes(string kind, string expected)
    {
        _server.Respond(200, TextResponse("ok"));
        ToolChoice choice = kind switch
        {
            "required" => ToolChoice.Required,
            "none" => ToolChoice.None,
            "allowed" => ToolChoice.Allowed(["ship_order"], required: true),
            _ => ToolChoice.Auto,
        };
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools], ToolChoice = choice });
        Assert.That(LastBody()["tool_choice"]!.ToJsonString(), Is.EqualTo(expected));
        Assert.That(LastBody().AsObject().ContainsKey("parallel_tool_calls"), Is.False, "the request leaves the parallel flag unset");
    }

    [Test]
    public async Task ServersWithoutAllowedToolsGetOnlyTheAllowedTools()
    {
        _server.Respond(200, TextResponse("ok"));
        await Model(o => o with { SupportsAllowedTools = false }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.User("x")],
            Tools = [.. new RunnerTools().Tools],
            ToolChoice = ToolChoice.Allowed(["ship_order"]),
        });
        Assert.That(LastBody()["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "ship_order" }));
        Assert.That(LastBody()["tool_choice"]!.GetValue<string>(), Is.EqualTo("auto"));
    }

    [Test]
    public async Task NoToolsMeansNoToolFields()
    {
        _server.Respond(200, TextResponse("hi"));
        ChatResponse response = await Model(o => o with { Temperature = 0.2, MaxOutputTokens = 100 }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("hi")] });
        JsonObject body = LastBody().AsObject();
        Assert.That(body.ContainsKey("tools") || body.ContainsKey("tool_choice") || body.ContainsKey("parallel_tool_calls"), Is.False);
        Assert.That(body["temperature"]!.GetValue<double>(), Is.EqualTo(0.2));
        Assert.That(body["max_completion_tokens"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(response.Message.Text, Is.EqualTo("hi"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public async Task StrictSchemasAreSentWhenAskedAndAvailable()
    {
        _server.Respond(200, TextResponse("ok"));
        await Model(o => o with { Strict = true }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [ShopTools.Tools["schedule"], ShopTools.Tools["place_order"]] });
        JsonNode schedule = LastBody()["tools"]![0]!["function"]!;
        JsonNode order = LastBody()["tools"]![1]!["function"]!;
        Assert.That(schedule["strict"]!.GetValue<bool>(), Is.True);
        Assert.That(schedule["parameters"]!.ToJsonString(StjOracle.Options), Is.EqualTo(System.Text.Encoding.UTF8.GetString(ShopTools.Tools["schedule"].StrictParametersSchema.Span)));
        Assert.That(order["strict"], Is.Null, "place_order has no strict schema (a dictionary), so it is sent without strict");
    }

    [Test]
    public async Task StreamingAssemblesPerIndexArgumentChunks()
    {
        // The documented delta sequence for one call, then a second parallel call, usage, and [DONE].
        string[] chunks =
        [
            """data: {"id":"c","model":"gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","function":{"arguments":"","name":"get_weather"},"type":"function"}]},"finish_reason":null}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":null,"function":{"arguments":"{\"","name":null},"type":null}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"location"}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Paris"}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":", France"}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","function":{"arguments":"","name":"get_time"}}]}}]}""",
            """data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            """data: {"id":"c","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}}""",
            ": keep-alive comment",
            "data: [DONE]",
        ];
        _server.RespondStream(chunks);
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) assembler.Add(update);
        ChatResponse response = assembler.ToResponse();

        Assert.That(response.Message.ToolCalls, Is.EqualTo(new[]
        {
            new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", """{"location":"Paris, France"}"""),
            new ToolCall("call_2", "get_time", "{}"),
        }), "an empty argument stream counts as {}");
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(20, 9)));
        Assert.That(LastBody()["stream"]!.GetValue<bool>(), Is.True);
        Assert.That(LastBody()["stream_options"]!["include_usage"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task AToolRunnerConversationRunsThroughTheAdapter()
    {
        _server.Respond(200, ToolCallResponse).Respond(200, TextResponse("Order 42 is ready."));
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Model(), tools.Tools).RunAsync("Which order?");

        Assert.That(result.Text, Is.EqualTo("Order 42 is ready."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(87, 20)));
        JsonNode second = JsonNode.Parse(_server.Requests[1].Body)!;
        Assert.That(second["messages"]![2]!.ToJsonString(), Is.EqualTo("""{"role":"tool","tool_call_id":"call_abc123","content":"42"}"""));
    }

    [Test]
    public async Task AStreamingConversationRunsThroughTheAdapter()
    {
        _server.RespondStream(
        [
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"get_order_id","arguments":"{\"customer\":"}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ada\"}"}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            "data: [DONE]",
        ]).RespondStream(
        [
            """data: {"choices":[{"index":0,"delta":{"content":"Order "}}]}""",
            """data: {"choices":[{"index":0,"delta":{"content":"42."}}]}""",
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            "data: [DONE]",
        ]);
        var tools = new RunnerTools();
        var text = new List<string>();
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Model(), tools.Tools).RunStreamingAsync("Which order?"))
        {
            if (update.TextDelta is { } delta) text.Add(delta);
            result = update.Result ?? result;
        }
        Assert.That(text, Is.EqualTo(new[] { "Order ", "42." }));
        Assert.That(result!.Text, Is.EqualTo("Order 42."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
    }

    [Test]
    public async Task ThrottlingIsRetriedHonoringRetryAfter()
    {
        _server.Respond(429, """{"error":{"message":"Rate limit reached","type":"requests"}}""", new Dictionary<string, string> { ["Retry-After"] = "0" })
            .Respond(503, "")
            .Respond(200, TextResponse("finally"));
        ChatResponse response = await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] });
        Assert.That(response.Message.Text, Is.EqualTo("finally"));
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void PersistentServerErrorsEndWithATypedError()
    {
        for (int i = 0; i < 3; i++) _server.Respond(500, """{"error":{"message":"The server had an error"}}""");
        var error = Assert.ThrowsAsync<ChatModelException>(() => Model(o => o with { MaxRetries = 2 }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.StatusCode, Is.EqualTo(500));
        Assert.That(error.IsTransient, Is.True);
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void ClientErrorsAreNotRetriedAndNeverLeakTheKey()
    {
        _server.Respond(400, """{"error":{"message":"Invalid schema for function 'x': sk-secret-key is not allowed","type":"invalid_request_error"}}""",
            new Dictionary<string, string> { ["x-request-id"] = "req_123" });
        var error = Assert.ThrowsAsync<ChatModelException>(() => Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.RequestId, Is.EqualTo("req_123"));
        Assert.That(error.ProviderMessage, Does.StartWith("Invalid schema for function 'x'"));
        Assert.That(error.Message, Does.StartWith("The openai request failed with HTTP 400 (Bad Request): Invalid schema").And.EndWith("(request id req_123)."));
        Assert.That(error.IsTransient, Is.False);
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
        Assert.That(error.ToString(), Does.Not.Contain("Bearer"));
    }

    [Test]
    public void ASlowResponseTimesOut()
    {
        _server.Respond(200, TextResponse("late"), delay: TimeSpan.FromSeconds(3));
        var error = Assert.ThrowsAsync<ChatModelException>(() => Model(o => o with { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 })
            .CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.Message, Is.EqualTo("The openai request timed out after 0.2 seconds."));
        Assert.That(error.StatusCode, Is.Null);
    }

    [Test]
    public void AConnectionFailureIsRetriedThenReported()
    {
        var model = new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "x",
            BaseUrl = new Uri("http://127.0.0.1:9/v1/"),   // The discard port: nothing listens.
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });
        var error = Assert.ThrowsAsync<ChatModelException>(() => model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.StatusCode, Is.Null);
        Assert.That(error.Message, Does.StartWith("The openai request failed:"));
    }

    [Test]
    public void AMalformedBodyIsATypedError()
    {
        _server.Respond(200, "<html>Bad gateway page from a proxy</html>");
        var error = Assert.ThrowsAsync<ChatModelException>(() => Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.Message, Does.StartWith("The OpenAI response could not be read:"));
        Assert.That(error.StatusCode, Is.EqualTo(200));
    }
}
