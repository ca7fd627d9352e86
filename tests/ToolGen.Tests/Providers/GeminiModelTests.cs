using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers.Gemini;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>Gemini generateContent against a loopback server replaying the documented payloads.</summary>
public sealed class GeminiModelTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private GeminiModel Model() => new(new GeminiModelOptions
    {
        Model = "gemini-test", ApiKey = "AIza-secret", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    private JsonNode LastBody() => JsonNode.Parse(_server.Requests.Last().Body)!;

    private const string CallResponse = """
        {"candidates":[{"content":{"role":"model","parts":[
           {"functionCall":{"name":"get_order_id","args":{"customer":"ada"},"id":"abc"},"thoughtSignature":"c2lnbmF0dXJl"}]},
           "finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":8},"modelVersion":"gemini-test-001"}
        """;

    private const string TextResponse = """
        {"candidates":[{"content":{"role":"model","parts":[{"text":"Order 42 is ready."}]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":6}}
        """;

    [Test]
    public async Task CallsAreDetectedByTheirPartsAndSignaturesAreEchoed()
    {
        _server.Respond(200, CallResponse).Respond(200, TextResponse);
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Model(), tools.Tools).RunAsync("Which order?");

        Assert.That(result.Text, Is.EqualTo("Order 42 is ready."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(70, 14)));
        Assert.That(_server.Requests[0].Path, Is.EqualTo("/v1/models/gemini-test:generateContent"));
        Assert.That(_server.Requests[0].Headers["x-goog-api-key"], Is.EqualTo("AIza-secret"));
        JsonNode second = LastBody();
        Assert.That(second["toolConfig"], Is.Null, "no tool choice set: Gemini's default, not an explicit AUTO");
        Assert.That(second["generationConfig"], Is.Null);
        Assert.That(second["contents"]![1]!.ToJsonString(), Is.EqualTo(
            """{"role":"model","parts":[{"functionCall":{"name":"get_order_id","args":{"customer":"ada"},"id":"abc"},"thoughtSignature":"c2lnbmF0dXJl"}]}"""));
        Assert.That(second["contents"]![2]!.ToJsonString(), Is.EqualTo(
            """{"role":"user","parts":[{"functionResponse":{"name":"get_order_id","id":"abc","response":{"output":42}}}]}"""));
    }

    [Test]
    public async Task TheRequestHasSystemInstructionToolsAndFunctionCallingConfig()
    {
        _server.Respond(200, TextResponse);
        var call = new ToolCall("gemini-call-xyz", "ship_order", """{"orderId":42}""");
        await Model().CompleteAsync(new ChatRequest
        {
            Messages =
            [
                ChatMessage.System("Be brief."), ChatMessage.User("Ship it"), ChatMessage.Assistant(null, [call]),
                ChatMessage.ToolResult(call, ToolResult.Error(ToolResultKind.Failed, "warehouse closed")), ChatMessage.User("Now?"),
            ],
            Tools = [.. new RunnerTools().Tools.Where(t => t.Name is "ship_order"), ShopTools.Tools["resize"]],
            ToolChoice = ToolChoice.Tool("ship_order"),
        });
        JsonNode body = LastBody();
        Assert.That(body["systemInstruction"]!.ToJsonString(), Is.EqualTo("""{"parts":[{"text":"Be brief."}]}"""));
        Assert.That(body["contents"]!.AsArray().Select(c => c!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "model", "user", "user" }),
            "function responses get a content of their own");
        Assert.That(body["contents"]![1]!["parts"]![0]!["functionCall"]!["id"], Is.Null, "an id ToolGen made up is not sent");
        Assert.That(body["contents"]![2]!["parts"]![0]!["functionResponse"]!["response"]!.ToJsonString(), Is.EqualTo("""{"error":"warehouse closed"}"""));
        Assert.That(body["toolConfig"]!.ToJsonString(), Is.EqualTo("""{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["ship_order"]}}"""));
        Assert.That(body["tools"]![0]!["functionDeclarations"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("ship_order"));
    }

    [Test]
    public async Task SchemasAreTransformedIntoTheSubsetGeminiAccepts()
    {
        _server.Respond(200, TextResponse);
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [CatalogTools.Tools["echo_nullables"], ShopTools.Tools["schedule"]] });
        string declarations = LastBody()["tools"]![0]!["functionDeclarations"]!.ToJsonString();
        Assert.That(declarations, Does.Contain("\"enum\":[\"Low\",\"Normal\",\"High\"]"), "no null in a string enum");
        Assert.That(declarations, Does.Not.Contain("\"format\""));
        Assert.That(declarations, Does.Contain("When it starts. Format: date-time."));
    }

    [Test]
    public async Task StreamingChunksCarryWholeCalls()
    {
        _server.RespondStream(
        [
            """data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me "}]}}]}""",
            """data: {"candidates":[{"content":{"role":"model","parts":[{"text":"check."},{"functionCall":{"name":"get_time","args":{}}}]}}]}""",
            """data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4}}""",
        ]);
        var assembler = new ChatStreamAssembler();
        await foreach (ChatStreamUpdate update in Model().StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) assembler.Add(update);
        ChatResponse response = assembler.ToResponse();
        Assert.That(_server.Requests.Single().Path, Is.EqualTo("/v1/models/gemini-test:streamGenerateContent"));
        Assert.That(response.Message.Text, Is.EqualTo("Let me check."));
        Assert.That(response.Message.ToolCalls.Select(c => (c.Name, c.Arguments)), Is.EqualTo(new[] { ("get_time", "{}"), ("get_weather", """{"city":"Paris"}""") }));
        Assert.That(response.Message.ToolCalls.Select(c => c.Id).Distinct().Count(), Is.EqualTo(2), "calls without ids get distinct ones");
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls), "Gemini says STOP; the parts say tool calls");
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(9, 4)));
    }

    [Test]
    public async Task NamesGeminiRejectsAreMappedBothWays()
    {
        var tool = new ToolDescriptor("3d-render", "Renders a 3D scene and returns the image URL.", """{"type":"object"}"""u8.ToArray(),
            (_, _, _) => new ValueTask<ToolResult>(ToolResult.FromText("https://img.example/1.png")));
        _server.Respond(200, """{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"_3d-render","args":{},"id":"r1"}}]},"finishReason":"STOP"}]}""")
            .Respond(200, TextResponse);
        ToolRunResult result = await new ToolRunner(Model(), ToolSet.Create(tool)).RunAsync("Render");
        Assert.That(result.ToolCalls.Single().Call.Name, Is.EqualTo("3d-render"));
        Assert.That(result.ToolCalls.Single().Result.IsError, Is.False);
        Assert.That(JsonNode.Parse(_server.Requests[0].Body)!["tools"]![0]!["functionDeclarations"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("_3d-render"));
        Assert.That(LastBody()["contents"]![2]!["parts"]![0]!["functionResponse"]!["name"]!.GetValue<string>(), Is.EqualTo("_3d-render"));
    }
}
