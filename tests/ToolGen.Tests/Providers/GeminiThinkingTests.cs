using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.Gemini;
using ToolGen.Running;
using ToolGen.Tests.Tools;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Providers;

/// <summary>
/// Gemini thinking against the loopback server: thought parts and signatures read as reasoning parts and sent back
/// verbatim and in order across tool rounds (streamed or not, and through a stored transcript), request options in
/// generationConfig, usage with cached and thought tokens.
/// </summary>
public sealed class GeminiThinkingTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private GeminiModel Model(string model = "gemini-3-flash", GeminiThinking? thinking = null) => new(new GeminiModelOptions
    {
        Model = model, ApiKey = "AIza-secret", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Thinking = thinking ?? new GeminiThinking { IncludeThoughts = true },
    });

    private JsonNode Body(int index) => JsonNode.Parse(_server.Requests[index].Body)!;

    // The exact bytes of one content of a request as sent (JsonNode would re-write them).
    private string Contents(int request, int index)
    {
        using var document = System.Text.Json.JsonDocument.Parse(_server.Requests[request].Body);
        return document.RootElement.GetProperty("contents")[index].GetRawText();
    }

    // The parts as Gemini sends them (with the spacing a server may use, so that "verbatim" shows in the next request).
    private const string Thought1 = """{"text": "**Finding the order**\nThe user wants ada's order id.", "thought": true}""";
    private const string Call1 = """{"functionCall":{"name":"get_order_id","args":{"customer":"ada"}},"thoughtSignature":"c2lnLTE="}""";
    private const string Thought2 = """{"text":"**Shipping it**","thought":true,"thoughtSignature":"dGhvdWdodC0y"}""";
    private const string Call2 = """{"functionCall":{"name":"ship_order","args":{"orderId":42}},"thoughtSignature":"c2lnLTI="}""";
    private const string Answer = """{"text":"Order 42 has shipped.","thoughtSignature":"c2lnLTM="}""";

    private static string Response(string parts, string usage) =>
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]},\"finishReason\":\"STOP\"}],\"usageMetadata\":" + usage + ",\"modelVersion\":\"gemini-3-flash-001\"}";

    private static readonly string s_round1 = Response(Thought1 + ",{\"text\":\"Let me look that up.\"}," + Call1,
        """{"promptTokenCount":50,"candidatesTokenCount":12,"thoughtsTokenCount":30,"totalTokenCount":92}""");
    private static readonly string s_round2 = Response(Thought2 + "," + Call2,
        """{"promptTokenCount":80,"candidatesTokenCount":10,"thoughtsTokenCount":20,"totalTokenCount":110}""");
    private static readonly string s_round3 = Response(Answer,
        """{"promptTokenCount":100,"cachedContentTokenCount":64,"candidatesTokenCount":7,"thoughtsTokenCount":5,"totalTokenCount":112}""");

    private const string Model1 = "{\"role\":\"model\",\"parts\":[" + Thought1 + ",{\"text\":\"Let me look that up.\"}," + Call1 + "]}";
    private const string Model2 = "{\"role\":\"model\",\"parts\":[" + Thought2 + "," + Call2 + "]}";
    private const string Result1 = """{"role":"user","parts":[{"functionResponse":{"name":"get_order_id","response":{"output":42}}}]}""";
    private const string Result2 = """{"role":"user","parts":[{"functionResponse":{"name":"ship_order","response":{"output":"shipped 42"}}}]}""";

    private void AssertTwoRoundsEchoed()
    {
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
        JsonNode second = Body(1), third = Body(2);
        Assert.That(Contents(1, 1), Is.EqualTo(Model1), "round 1's thought, text and signed call, verbatim and in order");
        Assert.That(Contents(1, 2), Is.EqualTo(Result1));
        Assert.That(second["contents"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(Contents(2, 1), Is.EqualTo(Model1));
        Assert.That(Contents(2, 3), Is.EqualTo(Model2), "round 2's signed thought and signed call");
        Assert.That(Contents(2, 4), Is.EqualTo(Result2));
        Assert.That(third["generationConfig"]!.ToJsonString(), Is.EqualTo("""{"thinkingConfig":{"includeThoughts":true}}"""));
        Assert.That(third["toolConfig"], Is.Null, "no tool choice set, none sent");
    }

    private static void AssertRun(ToolRunResult result)
    {
        Assert.That(result.Text, Is.EqualTo("Order 42 has shipped."));
        ChatMessage first = result.Messages[1];
        Assert.That(first.Parts[0], Is.EqualTo(new ReasoningPart("gemini", Thought1) { Summary = "**Finding the order**\nThe user wants ada's order id." }));
        Assert.That(first.Parts[1], Is.EqualTo(new TextPart("Let me look that up.")));
        Assert.That(first.ToolCalls.Single().ProviderData, Is.EqualTo("c2lnLTE="));
        ChatMessage last = result.Messages[^1];
        Assert.That(last.Text, Is.EqualTo("Order 42 has shipped."));
        Assert.That(last.Parts, Is.EqualTo(new ChatPart[] { new TextPart("Order 42 has shipped."), new ReasoningPart("gemini", Answer) }), "a signed text part is kept whole");
    }

    [Test]
    public async Task ThoughtsAndSignaturesGoBackVerbatimAcrossTwoToolRounds()
    {
        _server.Respond(200, s_round1).Respond(200, s_round2).Respond(200, s_round3);
        var tools = new RunnerTools();
        ToolRunResult result = await new ToolRunner(Model(), tools.Tools).RunAsync("Ship ada's order.");

        AssertRun(result);
        AssertTwoRoundsEchoed();
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada", "ship_order 42" }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(230, 84) { CachedInputTokens = 64, ReasoningTokens = 55 }),
            "thoughts are not in candidatesTokenCount: the output is both");
    }

    // Each streamed chunk's parts: the first thought arrives in two pieces, each its own part.
    private static string Data(string parts, string? usage = null) =>
        "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}" + (usage is null ? "" : ",\"finishReason\":\"STOP\"") + "}]"
        + (usage is null ? "" : ",\"usageMetadata\":" + usage) + "}";

    private const string StreamThoughtA = """{"text":"**Finding the order**","thought":true}""";
    private const string StreamThoughtB = """{"text":"\nThe user wants ada's order id.","thought":true}""";

    [Test]
    public async Task StreamedThoughtsAndSignaturesGoBackVerbatimAcrossTwoToolRounds()
    {
        _server.RespondStream(
            [
                Data(StreamThoughtA), Data(StreamThoughtB), Data("""{"text":"Let me "}"""), Data("""{"text":"look that up."}"""),
                Data(Call1, """{"promptTokenCount":50,"candidatesTokenCount":12,"thoughtsTokenCount":30}"""),
            ])
            .RespondStream([Data(Thought2), Data(Call2, """{"promptTokenCount":80,"candidatesTokenCount":10,"thoughtsTokenCount":20}""")])
            .RespondStream(
            [
                Data("""{"text":"Order 42 "}"""), Data("""{"text":"has shipped."}"""),
                Data("""{"text":"","thoughtSignature":"c2lnLTM="}""", """{"promptTokenCount":100,"cachedContentTokenCount":64,"candidatesTokenCount":7,"thoughtsTokenCount":5}"""),
            ]);
        var tools = new RunnerTools();
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Model(), tools.Tools).RunStreamingAsync("Ship ada's order."))
        {
            if (update.Result is { } done) result = done;
        }

        Assert.That(result!.Text, Is.EqualTo("Order 42 has shipped."));
        Assert.That(_server.Requests.Select(r => r.Path), Is.All.EqualTo("/v1/models/gemini-3-flash:streamGenerateContent"));
        Assert.That(result.Messages[1].Parts.OfType<ReasoningPart>().Select(p => p.Summary),
            Is.EqualTo(new[] { "**Finding the order**", "\nThe user wants ada's order id." }));
        string model1 = "{\"role\":\"model\",\"parts\":[" + StreamThoughtA + "," + StreamThoughtB + ",{\"text\":\"Let me look that up.\"}," + Call1 + "]}";
        Assert.That(Contents(1, 1), Is.EqualTo(model1), "each streamed thought part goes back as it came, in order");
        Assert.That(Contents(2, 1), Is.EqualTo(model1));
        Assert.That(Contents(2, 3), Is.EqualTo(Model2));
        Assert.That(Contents(2, 4), Is.EqualTo(Result2));
        Assert.That(result.Messages[^1].Parts, Is.EqualTo(new ChatPart[] { new TextPart("Order 42 has shipped."), new ReasoningPart("gemini", """{"text":"","thoughtSignature":"c2lnLTM="}""") }));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(230, 84) { CachedInputTokens = 64, ReasoningTokens = 55 }));
    }

    [Test]
    public async Task AStoredTranscriptResumedMidConversationKeepsThoughtsAndSignatures()
    {
        _server.Respond(200, s_round1).Respond(200, s_round2).Respond(200, s_round3);
        var tools = new RunnerTools();
        ToolRunResult stopped = await new ToolRunner(Model(), tools.Tools, new ToolRunnerOptions { StopAfterTools = ["get_order_id"] }).RunAsync("Ship ada's order.");
        Assert.That(stopped.StopReason, Is.EqualTo(ToolRunStopReason.StopTool));

        string stored = Transcript.Serialize(stopped);
        ToolRunResult loaded = Transcript.DeserializeRun(stored);
        Assert.That(loaded.Messages, Is.EqualTo(stopped.Messages), "the transcript keeps every part");

        ToolRunResult result = await new ToolRunner(Model(), new RunnerTools().Tools).RunAsync(loaded.Messages);
        AssertRun(result);
        AssertTwoRoundsEchoed();

        // And the finished run stored and loaded again still echoes the signed answer as it came.
        _server.Respond(200, Response("""{"text":"You're welcome."}""", """{"promptTokenCount":1,"candidatesTokenCount":1}"""));
        ToolRunResult again = Transcript.DeserializeRun(Transcript.Serialize(result));
        await Model().CompleteAsync(new ChatRequest { Messages = [.. again.Messages, ChatMessage.User("Thanks!")] });
        Assert.That(Contents(3, 5), Is.EqualTo("{\"role\":\"model\",\"parts\":[" + Answer + "]}"));
    }

    [Test]
    public async Task ASignedTextPartCarriesItsOwnTextAndTheRestGoesAroundIt()
    {
        _server.Respond(200, Response("""{"text":"Hello ","thoughtSignature":"QQ=="},{"text":"world."}""", """{"promptTokenCount":1,"candidatesTokenCount":2}"""));
        ChatResponse response = await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("Hi")] });
        Assert.That(response.Message.Text, Is.EqualTo("Hello world."));

        _server.Respond(200, Response("""{"text":"ok"}""", "{}"));
        ChatMessage edited = ChatMessage.Assistant([new TextPart("Hi there."), new ReasoningPart("gemini", """{"text":"Hello ","thoughtSignature":"QQ=="}""")]);
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("Hi"), response.Message, ChatMessage.User("Again"), edited, ChatMessage.User("?")] });
        Assert.That(Contents(1, 1), Is.EqualTo("""{"role":"model","parts":[{"text":"Hello ","thoughtSignature":"QQ=="},{"text":"world."}]}"""), "the signature stays on its text");
        Assert.That(Contents(1, 3), Is.EqualTo("""{"role":"model","parts":[{"text":"Hi there."}]}"""), "a signature whose text was edited away is dropped");
    }

    [Test]
    public async Task RequestOptionsGoIntoGenerationConfigAndSystemInstruction()
    {
        _server.Respond(200, Response("""{"text":"ok"}""", "{}"));
        await new GeminiModel(new GeminiModelOptions
        {
            Model = "gemini-3-pro", BaseUrl = _server.BaseUrl, MaxOutputTokens = 99, Temperature = 0.9,
            Thinking = new GeminiThinking { Level = GeminiThinkingLevel.High, IncludeThoughts = true },
            DefaultRequestOptions = new ChatRequestOptions { TopP = 0.5, ExtraBody = """{"safetySettings":[]}""" },
        }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("x")],
            Options = new ChatRequestOptions
            {
                MaxOutputTokens = 256, Temperature = 0.2, Stop = ["END", "STOP"], Seed = 7, Instructions = "Answer in French.",
                ReasoningEffort = ReasoningEffort.Low, ExtraBody = """{"cachedContent":"cachedContents/abc"}""",
            },
        });
        JsonNode body = Body(0);
        Assert.That(body["generationConfig"]!.ToJsonString(), Is.EqualTo(
            """{"temperature":0.2,"maxOutputTokens":256,"topP":0.5,"stopSequences":["END","STOP"],"seed":7,"thinkingConfig":{"includeThoughts":true,"thinkingLevel":"LOW"}}"""));
        Assert.That(body["systemInstruction"]!.ToJsonString(), Is.EqualTo("""{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]}"""));
        Assert.That(body["cachedContent"]!.GetValue<string>(), Is.EqualTo("cachedContents/abc"));
        Assert.That(body["safetySettings"]!.ToJsonString(), Is.EqualTo("[]"));
        Assert.That(_server.Requests[0].Body, Does.EndWith("""},"cachedContent":"cachedContents/abc","safetySettings":[]}"""), "extra properties come last");
    }

    [TestCase("gemini-2.5-flash", null, ReasoningEffort.None, """{"thinkingBudget":0}""")]
    [TestCase("models/gemini-2.5-pro", null, ReasoningEffort.Medium, """{"thinkingBudget":8192}""")]
    [TestCase("gemini-2.5-flash", null, ReasoningEffort.High, """{"thinkingBudget":24576}""")]
    [TestCase("gemini-3-flash", null, ReasoningEffort.Minimal, """{"thinkingLevel":"MINIMAL"}""")]
    [TestCase("gemini-3-flash", null, ReasoningEffort.None, """{"thinkingLevel":"MINIMAL"}""")]
    [TestCase("gemini-3-pro", null, ReasoningEffort.High, """{"thinkingLevel":"HIGH"}""")]
    [TestCase("my-tuned-model", 2048, ReasoningEffort.Low, """{"thinkingBudget":1024}""")]
    [TestCase("gemini-2.5-flash", 2048, null, """{"thinkingBudget":2048}""")]
    [TestCase("gemini-2.5-flash", -1, null, """{"thinkingBudget":-1}""")]
    public async Task ReasoningEffortMapsToABudgetOrALevel(string model, int? budget, ReasoningEffort? effort, string expected)
    {
        _server.Respond(200, Response("""{"text":"ok"}""", "{}"));
        await new GeminiModel(new GeminiModelOptions { Model = model, BaseUrl = _server.BaseUrl, Thinking = budget is null ? null : new GeminiThinking { Budget = budget } })
            .CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Options = new ChatRequestOptions { ReasoningEffort = effort } });
        Assert.That(Body(0)["generationConfig"]!["thinkingConfig"]!.ToJsonString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task NothingSetSendsNoGenerationConfigAndNoToolConfig()
    {
        _server.Respond(200, Response("""{"text":"ok"}""", "{}")).Respond(200, Response("""{"text":"ok"}""", "{}"));
        var model = new GeminiModel(new GeminiModelOptions { Model = "gemini-3-flash", BaseUrl = _server.BaseUrl });
        await model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools] });
        await model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools], ToolChoice = ToolChoice.Auto });
        Assert.That(Body(0)["generationConfig"], Is.Null);
        Assert.That(Body(0)["toolConfig"], Is.Null);
        Assert.That(Body(1)["toolConfig"]!.ToJsonString(), Is.EqualTo("""{"functionCallingConfig":{"mode":"AUTO"}}"""), "a choice the caller set is sent");
    }

    [Test]
    public void ABudgetAndALevelTogetherAreRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new GeminiModel(new GeminiModelOptions
        {
            Model = "m", Thinking = new GeminiThinking { Budget = 1024, Level = GeminiThinkingLevel.Low },
        }));
        Assert.That(exception!.Message, Does.Contain("not both"));
    }

    [Test]
    public async Task UsageCountsToolUsePromptsAsInputAndThoughtsAsOutput()
    {
        _server.Respond(200, Response("""{"text":"ok"}""",
            """{"promptTokenCount":1000,"cachedContentTokenCount":800,"toolUsePromptTokenCount":50,"candidatesTokenCount":40,"thoughtsTokenCount":200,"totalTokenCount":1290}"""));
        ChatResponse response = await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] });
        Assert.That(response.Usage, Is.EqualTo(new ChatUsage(1050, 240) { CachedInputTokens = 800, ReasoningTokens = 200 }));
        Assert.That(response.Usage!.TotalTokens, Is.EqualTo(1290), "the same total as Gemini's");
    }
}
