using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>OpenAI Responses against a loopback server replaying the documented payloads.</summary>
public sealed class OpenAIResponsesModelTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private OpenAIResponsesModel Model(bool strict = false) => new(new OpenAIChatModelOptions
    {
        Model = "gpt-test", ApiKey = "sk-secret", BaseUrl = _server.BaseUrl, Strict = strict, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    private JsonNode LastBody() => JsonNode.Parse(_server.Requests.Last().Body)!;

    private const string CallResponse = """
        {"id":"resp_1","object":"response","model":"gpt-test-2026","status":"completed","output":[
           {"type":"function_call","id":"fc_12345xyz","call_id":"call_12345xyz","name":"get_order_id","arguments":"{\"customer\":\"ada\"}","status":"completed"}],
         "usage":{"input_tokens":50,"output_tokens":10}}
        """;

    private const string TextResponse = """
        {"id":"resp_2","object":"response","model":"gpt-test-2026","status":"completed","output":[
           {"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Order 42 is ready."}]}],
         "usage":{"input_tokens":70,"output_tokens":6}}
        """;

    [Test]
    public async Task AConversationUsesFunctionCallItemsAndOutputs()
    {
        _server.Respond(200, CallResponse).Respond(200, TextResponse);
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Model(), tools.Tools).RunAsync([ChatMessage.System("Be brief."), ChatMessage.User("Which order?")]);

        Assert.That(result.Text, Is.EqualTo("Order 42 is ready."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(120, 16)));
        Assert.That(_server.Requests[0].Path, Is.EqualTo("/v1/responses"));
        JsonNode second = LastBody();
        Assert.That(second["instructions"]!.GetValue<string>(), Is.EqualTo("Be brief."));
        Assert.That(second["input"]!.ToJsonString(StjOracle.Options), Is.EqualTo(
            """[{"role":"user","content":"Which order?"},{"type":"function_call","call_id":"call_12345xyz","name":"get_order_id","arguments":"{\"customer\":\"ada\"}","status":"completed"},{"type":"function_call_output","call_id":"call_12345xyz","output":"42"}]"""));
    }

    [Test]
    public async Task ToolsAreFlatAndAlwaysSayWhetherTheyAreStrict()
    {
        _server.Respond(200, TextResponse);
        await Model(strict: true).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.User("x")],
            Tools = [ShopTools.Tools["schedule"], ShopTools.Tools["place_order"]],
            ToolChoice = ToolChoice.Tool("schedule"),
        });
        JsonNode body = LastBody();
        Assert.That(body["tools"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("function"));
        Assert.That(body["tools"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("schedule"));
        Assert.That(body["tools"]![0]!["strict"]!.GetValue<bool>(), Is.True);
        Assert.That(body["tools"]![1]!["strict"]!.GetValue<bool>(), Is.False, "sent explicitly: the Responses API assumes strict otherwise");
        Assert.That(body["tool_choice"]!.ToJsonString(), Is.EqualTo("""{"type":"function","name":"schedule"}"""));
    }

    [Test]
    public async Task AllowedToolsHaveTheResponsesShape()
    {
        _server.Respond(200, TextResponse);
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools], ToolChoice = ToolChoice.Allowed(["ship_order"]) });
        Assert.That(LastBody()["tool_choice"]!.ToJsonString(), Is.EqualTo("""{"type":"allowed_tools","mode":"auto","tools":[{"type":"function","name":"ship_order"}]}"""));
    }

    [Test]
    public async Task StreamingEventsAreAssembled()
    {
        _server.RespondStream(
        [
            """event: response.output_item.added""" + "\n" + """data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1234xyz","call_id":"call_1234xyz","name":"get_weather","arguments":""}}""",
            """data: {"type":"response.function_call_arguments.delta","item_id":"fc_1234xyz","output_index":0,"delta":"{\"location\":"}""",
            """data: {"type":"response.function_call_arguments.delta","item_id":"fc_1234xyz","output_index":0,"delta":"\"Paris, France\"}"}""",
            """data: {"type":"response.function_call_arguments.done","item_id":"fc_1234xyz","output_index":0,"arguments":"{\"location\":\"Paris, France\"}"}""",
            """data: {"type":"response.output_item.done","output_index":0,"item":{"type":"function_call","id":"fc_1234xyz","call_id":"call_1234xyz","name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}}""",
            """data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"delta":"Checking"}""",
            """data: {"type":"response.completed","response":{"id":"r","model":"gpt-test-2026","status":"completed","output":[{"type":"function_call","call_id":"call_1234xyz","name":"get_weather","arguments":"{}"}],"usage":{"input_tokens":12,"output_tokens":7}}}""",
        ]);
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) assembler.Add(update);
        ChatResponse response = assembler.ToResponse();
        Assert.That(response.Message.ToolCalls.Single(), Is.EqualTo(new ToolCall("call_1234xyz", "get_weather", """{"location":"Paris, France"}""") { ProviderData = """{"id":"fc_1234xyz"}""" }));
        Assert.That(response.Message.Text, Is.EqualTo("Checking"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(12, 7)));
    }

    [Test]
    public void AFailedStreamIsATypedError()
    {
        _server.RespondStream(["""data: {"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"The model failed"}}}"""]);
        Assert.That(async () => { await foreach (ChatStreamUpdate _ in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) { } },
            Throws.InstanceOf<ChatModelException>().With.Message.EqualTo("The OpenAI stream reported an error: The model failed"));
    }
}
