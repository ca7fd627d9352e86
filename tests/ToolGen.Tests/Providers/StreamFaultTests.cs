using System;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Providers;

/// <summary>Streams cut short or carrying garbage end with a typed error, never with a silently partial answer.</summary>
public sealed class StreamFaultTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private IChatModel Model(string provider) => provider switch
    {
        "openai" => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
        "responses" => new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
        "anthropic" => new AnthropicModel(new AnthropicModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
        _ => new GeminiModel(new GeminiModelOptions { Model = "m", BaseUrl = _server.BaseUrl }),
    };

    private async Task Drain(string provider)
    {
        await foreach (ChatStreamUpdate _ in Model(provider).StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) { }
    }

    [TestCase("openai", """data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}""")]
    [TestCase("responses", """data: {"type":"response.output_text.delta","output_index":0,"delta":"Hel"}""")]
    [TestCase("anthropic", "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}")]
    [TestCase("gemini", """data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]}""")]
    public void AStreamCutBeforeItsFinalEventIsAnError(string provider, string onlyEvent)
    {
        _server.RespondStream([onlyEvent]);
        Assert.That(() => Drain(provider), Throws.InstanceOf<ChatModelException>().With.Message.Contains("stream ended before the response was complete"));
    }

    [TestCase("openai")]
    [TestCase("responses")]
    [TestCase("anthropic")]
    [TestCase("gemini")]
    public void AMalformedEventIsAnError(string provider)
    {
        _server.RespondStream(["data: {\"choices\":[{\"delta\":{\"content\":\"x\"}"]);
        Assert.That(() => Drain(provider), Throws.InstanceOf<ChatModelException>().With.Message.Contains("stream sent an event that could not be read"));
    }

    [Test]
    public async Task TheRunnerSurfacesACutStreamAsAnError()
    {
        _server.RespondStream(["""data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"get_order_id","arguments":"{\"cust"}}]}}]}"""]);
        var runner = new ToolRunner(Model("openai"), new Tools.RunnerTools().Tools);
        var error = Assert.ThrowsAsync<ToolRunException>(async () => { await foreach (ToolRunUpdate _ in runner.RunStreamingAsync("x")) { } })!;
        Assert.That(error.InnerException, Is.TypeOf<ChatModelException>().With.Property(nameof(ChatModelException.Provider)).EqualTo("openai"));
        // The half-streamed turn is not part of the transcript: resuming asks the model again from the user's message.
        Assert.That(error.PartialResult.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User }));
        Assert.That(error.PartialResult.StopReason, Is.EqualTo(ToolRunStopReason.Failed));
        await Task.CompletedTask;
    }
}
