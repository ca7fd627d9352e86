using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Tests.Providers;

/// <summary>
/// How each provider writes a message's parts, in order, against the loopback server: user images by URL, by bytes and
/// as a data: URL; JSON and text tool results; its own reasoning and provider items echoed verbatim where they stand;
/// another provider's items and unknown parts skipped. The expected fragments are the exact bytes of the request body.
/// </summary>
public sealed class ProviderPartsTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private static readonly ToolCall s_lookup = new("call_1", "lookup", """{"q":"x"}""");
    private static readonly ToolCall s_count = new("call_2", "count", "{}");

    // Each provider's own items, with spacing no writer would produce, so that "verbatim" is visible in the body.
    private const string OpenAIReasoning = """{"type":"reasoning", "id":"rs_1","summary":[],"encrypted_content":"gAAAAB=="}""";
    private const string OpenAIItem = """{"type":"web_search_call","id":"ws_1","status":"completed", "action":{"type":"search","query":"x"}}""";
    private const string AnthropicThinking = """{"type":"thinking","thinking":"Look it up.", "signature":"EqQB=="}""";
    private const string AnthropicItem = """{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search", "input":{"query":"x"}}""";
    private const string GeminiThought = """{"text":"Look it up.","thought":true, "thoughtSignature":"c2ln"}""";
    private const string GeminiItem = """{"executableCode":{"language":"PYTHON", "code":"print(1)"}}""";

    private static readonly byte[] s_png = [1, 2, 3];   // Base64 "AQID".

    // One conversation with every kind of part; the reasoning and items of all three APIs are in the assistant turn.
    private static ChatRequest Conversation() => new()
    {
        Messages =
        [
            ChatMessage.System("Be brief."),
            ChatMessage.User(
                new TextPart("Compare "), new UnknownPart("""{"type":"audio","id":"a1"}"""), new TextPart("these:"),
                ImagePart.FromUrl(new Uri("https://img.example/a.png")),
                ImagePart.FromBytes(s_png, "image/png"),
                ImagePart.FromUrl(new Uri("data:image/gif;base64,R0lG"), "image/gif")),
            ChatMessage.Assistant(
            [
                new ReasoningPart("openai", OpenAIReasoning) { Id = "rs_1", Summary = "Look it up." },
                new ReasoningPart("anthropic", AnthropicThinking),
                new ReasoningPart("gemini", GeminiThought),
                new TextPart("Checking."),
                new ProviderItemPart("openai", OpenAIItem),
                new ProviderItemPart("anthropic", AnthropicItem),
                new ProviderItemPart("gemini", GeminiItem),
                new UnknownPart("""{"type":"citation"}"""),
                new ProviderItemPart("mistral", """{"type":"whatever"}"""),
                s_lookup,
                s_count,
            ]),
            ChatMessage.ToolResult(s_lookup, ToolResult.FromJson("""{"id":42,"tags":["a"]}"""u8.ToArray())),
            ChatMessage.ToolResult(s_count, ToolResult.FromText("42")),
        ],
    };

    private string Body() => _server.Requests.Single().Body;

    private const string OkChat = """{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";
    private const string OkResponses = """{"status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok"}]}]}""";
    private const string OkAnthropic = """{"type":"message","role":"assistant","stop_reason":"end_turn","content":[{"type":"text","text":"ok"}]}""";
    private const string OkGemini = """{"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}]}""";

    [Test]
    public async Task ChatCompletionsSendsImagePartsAndNoItems()
    {
        _server.Respond(200, OkChat);
        await new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        Assert.That(Body(), Does.Contain(
            """{"role":"user","content":[{"type":"text","text":"Compare these:"},"""
            + """{"type":"image_url","image_url":{"url":"https://img.example/a.png"}},"""
            + """{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}},"""
            + """{"type":"image_url","image_url":{"url":"data:image/gif;base64,R0lG"}}]},"""));
        // Chat Completions has no input for reasoning or provider items (an "openai" one is a Responses item): none is sent.
        Assert.That(Body(), Does.Contain(
            """{"role":"assistant","content":"Checking.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"x\"}"}},"""
            + """{"id":"call_2","type":"function","function":{"name":"count","arguments":"{}"}}]},"""
            + """{"role":"tool","tool_call_id":"call_1","content":"{\"id\":42,\"tags\":[\"a\"]}"},{"role":"tool","tool_call_id":"call_2","content":"42"}]"""));
        Assert.That(Body(), Does.Not.Contain("rs_1").And.Not.Contain("thinking").And.Not.Contain("audio").And.Not.Contain("whatever"));
    }

    [Test]
    public async Task ChatCompletionsKeepsPlainStringContentForTextOnlyUsers()
    {
        _server.Respond(200, OkChat);
        await new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.User(new TextPart("a"), new UnknownPart("""{"type":"x"}"""), new TextPart("b"))],
        });
        Assert.That(Body(), Does.Contain("""[{"role":"user","content":"ab"}]"""));
    }

    [Test]
    public async Task ResponsesSendsImagePartsAndEchoesItsOwnItemsInOrder()
    {
        _server.Respond(200, OkResponses);
        await new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        Assert.That(Body(), Does.Contain(
            "\"input\":[" + """{"role":"user","content":[{"type":"input_text","text":"Compare these:"},"""
            + """{"type":"input_image","image_url":"https://img.example/a.png","detail":"auto"},"""
            + """{"type":"input_image","image_url":"data:image/png;base64,AQID","detail":"auto"},"""
            + """{"type":"input_image","image_url":"data:image/gif;base64,R0lG","detail":"auto"}]},"""
            + OpenAIReasoning + ","
            + """{"role":"assistant","content":"Checking."},"""
            + OpenAIItem + ","
            + """{"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{\"q\":\"x\"}"},"""
            + """{"type":"function_call","call_id":"call_2","name":"count","arguments":"{}"},"""
            + """{"type":"function_call_output","call_id":"call_1","output":"{\"id\":42,\"tags\":[\"a\"]}"},"""
            + """{"type":"function_call_output","call_id":"call_2","output":"42"}]"""));
        Assert.That(Body(), Does.Not.Contain("thinking").And.Not.Contain("executableCode").And.Not.Contain("audio").And.Not.Contain("citation").And.Not.Contain("whatever"));
    }

    [Test]
    public async Task AnthropicSendsImageBlocksAndEchoesItsOwnBlocksInOrder()
    {
        _server.Respond(200, OkAnthropic);
        await new AnthropicModel(new AnthropicModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        Assert.That(Body(), Does.Contain(
            "\"messages\":[" + """{"role":"user","content":[{"type":"text","text":"Compare these:"},"""
            + """{"type":"image","source":{"type":"url","url":"https://img.example/a.png"}},"""
            + """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},"""
            + """{"type":"image","source":{"type":"base64","media_type":"image/gif","data":"R0lG"}}]},"""
            + """{"role":"assistant","content":[""" + AnthropicThinking + ","
            + """{"type":"text","text":"Checking."},"""
            + AnthropicItem + ","
            + """{"type":"tool_use","id":"call_1","name":"lookup","input":{"q":"x"}},"""
            + """{"type":"tool_use","id":"call_2","name":"count","input":{}}]},"""
            + """{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"{\"id\":42,\"tags\":[\"a\"]}"},"""
            + """{"type":"tool_result","tool_use_id":"call_2","content":"42"}]}]"""));
        Assert.That(Body(), Does.Not.Contain("rs_1").And.Not.Contain("executableCode").And.Not.Contain("audio").And.Not.Contain("citation").And.Not.Contain("whatever"));
    }

    [Test]
    public async Task GeminiSendsInlineAndFileDataAndEchoesItsOwnPartsInOrder()
    {
        _server.Respond(200, OkGemini);
        await new GeminiModel(new GeminiModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        Assert.That(Body(), Does.Contain(
            "\"contents\":[" + """{"role":"user","parts":[{"text":"Compare these:"},"""
            + """{"fileData":{"mimeType":"image/png","fileUri":"https://img.example/a.png"}},"""
            + """{"inlineData":{"mimeType":"image/png","data":"AQID"}},"""
            + """{"inlineData":{"mimeType":"image/gif","data":"R0lG"}}]},"""
            + """{"role":"model","parts":[""" + GeminiThought + ","
            + """{"text":"Checking."},"""
            + GeminiItem + ","
            + """{"functionCall":{"name":"lookup","args":{"q":"x"},"id":"call_1"}},"""
            + """{"functionCall":{"name":"count","args":{},"id":"call_2"}}]},"""
            // A JSON result goes as its value; a text result stays text even when it reads as JSON.
            + """{"role":"user","parts":[{"functionResponse":{"name":"lookup","id":"call_1","response":{"output":{"id":42,"tags":["a"]}}}},"""
            + """{"functionResponse":{"name":"count","id":"call_2","response":{"output":"42"}}}]}]"""));
        Assert.That(Body(), Does.Not.Contain("rs_1").And.Not.Contain("signature\"").And.Not.Contain("audio").And.Not.Contain("citation").And.Not.Contain("whatever"));
    }

    [TestCase("responses")]
    [TestCase("anthropic")]
    [TestCase("gemini")]
    public void AnItemThatIsNotOneJsonValueIsRefusedBeforeSending(string provider)
    {
        IChatModel model = provider switch
        {
            "responses" => new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
            "anthropic" => new AnthropicModel(new AnthropicModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
            _ => new GeminiModel(new GeminiModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
        };
        string name = provider == "responses" ? "openai" : provider;
        var request = new ChatRequest { Messages = [ChatMessage.User("x"), ChatMessage.Assistant([new ReasoningPart(name, "{\"type\":"), new TextPart("y")])] };
        var exception = Assert.ThrowsAsync<ArgumentException>(() => model.CompleteAsync(request));
        Assert.That(exception!.Message, Does.Contain($"reasoning payload of \"{name}\""));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public async Task ADataUrlWithoutBase64IsEncodedForAnthropicAndGemini()
    {
        var request = new ChatRequest { Messages = [ChatMessage.User(ImagePart.FromUrl(new Uri("data:image/svg+xml,%3Csvg%2F%3E"), "image/svg+xml"))] };
        string expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg/>"));
        _server.Respond(200, OkAnthropic).Respond(200, OkGemini);
        await new AnthropicModel(new AnthropicModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(request);
        await new GeminiModel(new GeminiModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(request);
        Assert.That(_server.Requests[0].Body, Does.Contain($$$"""{"type":"base64","media_type":"image/svg+xml","data":"{{{expected}}}"}"""));
        Assert.That(_server.Requests[1].Body, Does.Contain($$$"""{"inlineData":{"mimeType":"image/svg+xml","data":"{{{expected}}}"}}"""));
    }

    [Test]
    public async Task TheBodiesStayValidJson()
    {
        _server.Respond(200, OkResponses).Respond(200, OkAnthropic).Respond(200, OkGemini);
        await new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        await new AnthropicModel(new AnthropicModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        await new GeminiModel(new GeminiModelOptions { Model = "m", BaseUrl = _server.BaseUrl }).CompleteAsync(Conversation());
        foreach (RecordedRequest request in _server.Requests) Assert.That(() => JsonNode.Parse(request.Body), Throws.Nothing);
    }
}
