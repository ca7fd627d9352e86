using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>Anthropic Messages against a loopback server replaying the documented payloads.</summary>
public sealed class AnthropicModelTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private AnthropicModel Model() => new(new AnthropicModelOptions
    {
        Model = "claude-test", ApiKey = "sk-ant-secret", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    private JsonNode LastBody() => JsonNode.Parse(_server.Requests.Last().Body)!;

    // The documented tool_use response.
    private const string ToolUseResponse = """
        {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-test-1","stop_reason":"tool_use",
         "content":[{"type":"text","text":"I'll check the order for you."},
                    {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_order_id","input":{"customer":"ada"}}],
         "usage":{"input_tokens":120,"output_tokens":40}}
        """;

    private const string TextResponse = """
        {"id":"msg_2","type":"message","role":"assistant","model":"claude-test-1","stop_reason":"end_turn",
         "content":[{"type":"text","text":"Order 42 is ready."}],"usage":{"input_tokens":150,"output_tokens":12}}
        """;

    [Test]
    public async Task ResultsAreToolResultBlocksFirstInOneUserMessage()
    {
        _server.Respond(200, TextResponse);
        var first = new ToolCall("toolu_1", "get_order_id", """{"customer":"ada"}""");
        var second = new ToolCall("toolu_2", "ship_order", """{"orderId":42}""");
        await Model().CompleteAsync(new ChatRequest
        {
            Messages =
            [
                ChatMessage.System("Be brief."), ChatMessage.User("Ship Ada's order"), ChatMessage.Assistant("Checking.", [first, second]),
                ChatMessage.ToolResult(first, ToolResult.FromText("42")), ChatMessage.ToolResult(second, ToolResult.Error(ToolResultKind.Failed, "warehouse closed")),
                ChatMessage.User("What now?"),
            ],
            Tools = [.. new RunnerTools().Tools.Where(t => t.Name is "get_order_id" or "ship_order")],
            AllowParallelToolCalls = false,
        });

        RecordedRequest sent = _server.Requests.Single();
        Assert.That(sent.Path, Is.EqualTo("/v1/messages"));
        Assert.That(sent.Headers["x-api-key"], Is.EqualTo("sk-ant-secret"));
        Assert.That(sent.Headers["anthropic-version"], Is.EqualTo("2023-06-01"));
        JsonNode body = LastBody();
        Assert.That(body["system"]!.GetValue<string>(), Is.EqualTo("Be brief."));
        Assert.That(body["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
        Assert.That(body["messages"]!.ToJsonString(StjOracle.Options), Is.EqualTo(
            """[{"role":"user","content":[{"type":"text","text":"Ship Ada's order"}]},"""
            + """{"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_order_id","input":{"customer":"ada"}},{"type":"tool_use","id":"toolu_2","name":"ship_order","input":{"orderId":42}}]},"""
            + """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"},{"type":"tool_result","tool_use_id":"toolu_2","content":"warehouse closed","is_error":true},{"type":"text","text":"What now?"}]}]"""));
        Assert.That(body["tools"]![0]!["input_schema"]!["type"]!.GetValue<string>(), Is.EqualTo("object"));
        Assert.That(body["tool_choice"]!.ToJsonString(), Is.EqualTo("""{"type":"auto","disable_parallel_tool_use":true}"""));
    }

    [TestCase("required", """{"type":"any"}""")]
    [TestCase("none", """{"type":"none"}""")]
    [TestCase("tool", """{"type":"tool","name":"ship_order"}""")]
    public async Task ToolChoiceIsAlwaysAnObject(string kind, string expected)
    {
        _server.Respond(200, TextResponse);
        ToolChoice choice = kind switch { "required" => ToolChoice.Required, "none" => ToolChoice.None, _ => ToolChoice.Tool("ship_order") };
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools], ToolChoice = choice });
        Assert.That(LastBody()["tool_choice"]!.ToJsonString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task TheToolUseResponseIsRead()
    {
        _server.Respond(200, ToolUseResponse);
        ChatResponse response = await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] });
        Assert.That(response.Message.Text, Is.EqualTo("I'll check the order for you."));
        Assert.That(response.Message.ToolCalls.Single(), Is.EqualTo(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_order_id", """{"customer":"ada"}""")));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(120, 40)));
    }

    [Test]
    public async Task StreamingAssemblesInputJsonDeltas()
    {
        _server.RespondStream(
        [
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-test-1\",\"content\":[],\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking\"}}",
            "event: ping\ndata: {\"type\":\"ping\"}",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{}}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\": \\\"San Fra\"}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ncisco\\\"}\"}}",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_02B\",\"name\":\"get_time\",\"input\":{}}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":2}",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}",
        ]);
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) assembler.Add(update);
        ChatResponse response = assembler.ToResponse();
        Assert.That(response.Message.Text, Is.EqualTo("Checking"));
        Assert.That(response.Message.ToolCalls, Is.EqualTo(new[]
        {
            new ToolCall("toolu_01A", "get_weather", """{"location": "San Francisco"}"""),
            new ToolCall("toolu_02B", "get_time", "{}"),
        }), "only empty fragments read as {}");
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(25, 89)));
        Assert.That(LastBody()["stream"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void AStreamErrorEventIsATypedError()
    {
        _server.RespondStream(["event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"]);
        Assert.That(async () => { await foreach (ChatStreamUpdate _ in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) { } },
            Throws.InstanceOf<ChatModelException>().With.Message.EqualTo("The Anthropic stream reported an error: Overloaded"));
    }

    [Test]
    public async Task OverloadedIsRetriedAndAConversationRuns()
    {
        _server.Respond(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")
            .Respond(200, ToolUseResponse)
            .Respond(200, TextResponse);
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Model(), tools.Tools).RunAsync("Which order?");
        Assert.That(JsonNode.Parse(_server.Requests[1].Body)!.AsObject().ContainsKey("tool_choice"), Is.False, "no choice set, none sent");
        Assert.That(result.Text, Is.EqualTo("Order 42 is ready."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        JsonNode last = LastBody();
        Assert.That(last["messages"]![2]!.ToJsonString(), Is.EqualTo("""{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A09q90qw90lq917835lq9","content":"42"}]}"""));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(270, 52)));
    }

    [Test]
    public void ErrorsCarryTheProviderMessageAndRequestId()
    {
        _server.Respond(400, """{"type":"error","error":{"type":"invalid_request_error","message":"tool_use ids were found without tool_result blocks immediately after"}}""",
            new Dictionary<string, string> { ["request-id"] = "req_abc" });
        var error = Assert.ThrowsAsync<ChatModelException>(() => Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.ProviderMessage, Does.StartWith("tool_use ids were found"));
        Assert.That(error.RequestId, Is.EqualTo("req_abc"));
        Assert.That(error.ToString(), Does.Not.Contain("sk-ant-secret"));
    }
}
