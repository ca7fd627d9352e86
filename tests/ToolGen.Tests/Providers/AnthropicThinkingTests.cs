using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.Anthropic;
using ToolGen.Running;
using ToolGen.Tests.Tools;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Providers;

/// <summary>A tool that asks for strict mode, to check that Anthropic receives it strict.</summary>
public static partial class AnthropicStrictTools
{
    /// <summary>Books seats on a flight.</summary>
    /// <param name="seats">Seats to book.</param>
    /// <param name="note">A note for the crew.</param>
    [Tool(Strict = true)]
    public static string BookSeats([System.ComponentModel.DataAnnotations.Range(1, 20)] int seats, string? note = null) => $"booked {seats} {note}";
}

/// <summary>
/// Anthropic thinking across tool rounds (non-streaming and streaming), the options and request options and what they
/// send, against a loopback server replaying the documented payloads.
/// </summary>
public sealed class AnthropicThinkingTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private AnthropicModel Model(Func<AnthropicModelOptions, AnthropicModelOptions>? change = null) => new((change ?? (o => o))(new AnthropicModelOptions
    {
        Model = "claude-test", ApiKey = "sk-ant-secret", BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Thinking = AnthropicThinking.Enabled(2048), MaxOutputTokens = 4096,
    }));

    private JsonNode Body(int index) => JsonNode.Parse(_server.Requests[index].Body)!;

    // The blocks exactly as the API returns them (compact, so the echo can be compared byte for byte).
    internal const string Thinking1 = """{"type":"thinking","thinking":"Ada's order first: I need its id.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}""";
    internal const string Redacted1 = """{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"}""";
    internal const string Thinking2 = """{"type":"thinking","thinking":"Order 42: ship it.","signature":"ErUBCkYIBRgCIkB2"}""";
    private const string ToolUse1 = """{"type":"tool_use","id":"toolu_1","name":"get_order_id","input":{"customer":"ada"}}""";
    private const string ToolUse2 = """{"type":"tool_use","id":"toolu_2","name":"ship_order","input":{"orderId":42}}""";

    private static string Message(string stop, string usage, params string[] blocks) =>
        $$"""{"id":"msg_x","type":"message","role":"assistant","model":"claude-test-1","stop_reason":"{{stop}}","content":[{{string.Join(",", blocks)}}],"usage":{{usage}}}""";

    private void ScriptTwoToolRounds()
    {
        _server.Respond(200, Message("tool_use", """{"input_tokens":100,"cache_creation_input_tokens":10,"cache_read_input_tokens":50,"output_tokens":40}""", Thinking1, Redacted1, ToolUse1))
            .Respond(200, Message("tool_use", """{"input_tokens":200,"output_tokens":30}""", Thinking2, """{"type":"text","text":"Shipping."}""", ToolUse2))
            .Respond(200, Message("end_turn", """{"input_tokens":300,"output_tokens":10}""", """{"type":"text","text":"Order 42 shipped."}"""));
    }

    private void AssertThinkingEchoed()
    {
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
        JsonNode first = Body(0);
        Assert.That(first["thinking"]!.ToJsonString(), Is.EqualTo("""{"type":"enabled","budget_tokens":2048}"""));
        Assert.That(first["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
        Assert.That(first["tool_choice"], Is.Null, "nothing set, nothing sent");

        // Round 2: the assistant turn starts with the thinking blocks, unmodified and in order, then the tool_use.
        string assistant1 = """{"role":"assistant","content":[""" + Thinking1 + "," + Redacted1 + "," + ToolUse1 + "]}";
        Assert.That(_server.Requests[1].Body, Does.Contain(assistant1));
        // Round 3: both earlier turns again, the second with its thinking, text and tool_use in order.
        string assistant2 = """{"role":"assistant","content":[""" + Thinking2 + """,{"type":"text","text":"Shipping."},""" + ToolUse2 + "]}";
        JsonArray messages = Body(2)["messages"]!.AsArray();
        Assert.That(messages.Select(m => m!.ToJsonString(StjOracle.Options)).ToArray(), Is.EqualTo(new[]
        {
            """{"role":"user","content":[{"type":"text","text":"Ship Ada's order."}]}""",
            assistant1,
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"}]}""",
            assistant2,
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"shipped 42"}]}""",
        }));
        Assert.That(_server.Requests[2].Body, Does.Contain(assistant1 + ",").And.Contain(assistant2 + ","), "the blocks are echoed byte for byte");
    }

    [Test]
    public async Task ThinkingBlocksAreReadAndEchoedAcrossTwoToolRounds()
    {
        ScriptTwoToolRounds();
        var tools = new RunnerTools();
        ToolRunResult run = await new ToolRunner(Model(), tools.Tools).RunAsync("Ship Ada's order.");
        Assert.That(run.Text, Is.EqualTo("Order 42 shipped."));
        AssertThinkingEchoed();

        ChatMessage first = run.Messages[1];
        Assert.That(first.Parts, Is.EqualTo(new ChatPart[]
        {
            new ReasoningPart("anthropic", Thinking1) { Summary = "Ada's order first: I need its id." },
            new ReasoningPart("anthropic", Redacted1),
            new ToolCall("toolu_1", "get_order_id", """{"customer":"ada"}"""),
        }));
        Assert.That(run.Usage, Is.EqualTo(new ChatUsage(660, 80) { CachedInputTokens = 50 }), "input counts cache reads and writes; cached counts the reads");
    }

    [Test]
    public async Task StreamedThinkingIsAssembledAndEchoedAcrossTwoToolRounds()
    {
        static string E(string name, string data) => $"event: {name}\ndata: {data}";
        static IEnumerable<string> Start(string usage) => [E("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test-1","content":[],"usage":""" + usage + "}}")];
        static IEnumerable<string> Thinking(int index, string[] pieces, string signature) =>
        [
            E("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"thinking","thinking":""}}"""),
            .. pieces.Select(p => E("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"thinking_delta","thinking":{{{JsonValue.Create(p).ToJsonString()}}}}}""")),
            E("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"signature_delta","signature":"{{{signature}}}"}}"""),
            E("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}"""),
        ];
        static IEnumerable<string> Tool(int index, string id, string name, string json) =>
        [
            E("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"tool_use","id":"{{{id}}}","name":"{{{name}}}","input":""" + "{}}}"),
            E("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"input_json_delta","partial_json":""}}"""),
            E("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"input_json_delta","partial_json":{{{JsonValue.Create(json).ToJsonString()}}}}}"""),
            E("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}"""),
        ];
        static IEnumerable<string> Text(int index, string text) =>
        [
            E("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"text","text":""}}"""),
            E("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"text_delta","text":"{{{text}}}"}}"""),
            E("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}"""),
        ];
        static IEnumerable<string> End(string stop, string usage) =>
            [E("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stop}}}","stop_sequence":null},"usage":{{{usage}}}}"""), E("message_stop", """{"type":"message_stop"}""")];

        _server.RespondStream(
            [
                .. Start("""{"input_tokens":100,"cache_creation_input_tokens":10,"cache_read_input_tokens":50,"output_tokens":1}"""),
                .. Thinking(0, ["Ada's order first: ", "I need its id."], "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                E("ping", """{"type":"ping"}"""),
                E("content_block_start", """{"type":"content_block_start","index":1,"content_block":""" + Redacted1 + "}"),
                E("content_block_stop", """{"type":"content_block_stop","index":1}"""),
                .. Tool(2, "toolu_1", "get_order_id", """{"customer":"ada"}"""),
                .. End("tool_use", """{"output_tokens":40}"""),
            ])
            .RespondStream(
            [
                .. Start("""{"input_tokens":200,"output_tokens":1}"""),
                .. Thinking(0, ["Order 42: ", "ship it."], "ErUBCkYIBRgCIkB2"),
                .. Text(1, "Shipping."),
                .. Tool(2, "toolu_2", "ship_order", """{"orderId":42}"""),
                .. End("tool_use", """{"output_tokens":30}"""),
            ])
            .RespondStream([.. Start("""{"input_tokens":300,"output_tokens":1}"""), .. Text(0, "Order 42 shipped."), .. End("end_turn", """{"output_tokens":10}""")]);

        ToolRunResult? run = null;
        await foreach (ToolRunUpdate update in new ToolRunner(Model(), new RunnerTools().Tools).RunStreamingAsync("Ship Ada's order.")) run = update.Result ?? run;
        Assert.That(run!.Text, Is.EqualTo("Order 42 shipped."));
        AssertThinkingEchoed();
        Assert.That(run.Messages[1].Parts.OfType<ReasoningPart>().Select(p => p.Summary), Is.EqualTo(new[] { "Ada's order first: I need its id.", null }));
        Assert.That(run.Usage, Is.EqualTo(new ChatUsage(660, 80) { CachedInputTokens = 50 }));
    }

    [Test]
    public async Task AStoredTranscriptKeepsTheThinkingBlocks()
    {
        ScriptTwoToolRounds();
        ToolRunResult run = await new ToolRunner(Model(), new RunnerTools().Tools).RunAsync("Ship Ada's order.");
        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(run));

        // A new runner resumes the stored conversation with a new question: the earlier turns go out exactly as before.
        _server.Respond(200, Message("end_turn", """{"input_tokens":1,"output_tokens":1}""", """{"type":"text","text":"Done."}"""));
        await new ToolRunner(Model(), new RunnerTools().Tools).RunAsync([.. loaded.Messages, ChatMessage.User("Anything else?")]);
        JsonArray before = Body(2)["messages"]!.AsArray();
        JsonArray after = Body(3)["messages"]!.AsArray();
        Assert.That(after.Count, Is.EqualTo(before.Count + 2));
        for (int i = 0; i < before.Count; i++) Assert.That(after[i]!.ToJsonString(), Is.EqualTo(before[i]!.ToJsonString()), $"message {i}");
        Assert.That(after[before.Count]!.ToJsonString(), Does.StartWith("""{"role":"assistant","content":[{"type":"text","text":"Order 42 shipped."}]}"""));
        Assert.That(_server.Requests[3].Body, Does.Contain(Thinking1 + "," + Redacted1 + ",").And.Contain(Thinking2 + ","));
    }

    [Test]
    public void MaxTokensMustExceedTheThinkingBudgetBeforeAnythingIsSent()
    {
        AnthropicModel model = Model(o => o with { Thinking = AnthropicThinking.Enabled(4096) });
        var error = Assert.ThrowsAsync<ArgumentException>(() => model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] }))!;
        Assert.That(error.Message, Does.Contain("max_tokens (4096) must be greater than the thinking budget_tokens (4096)"));
        Assert.That(async () => { await foreach (ChatStreamUpdate _ in model.StreamAsync(new ChatRequest { Messages = [ChatMessage.User("x")] })) { } },
            Throws.ArgumentException);
        Assert.That(async () => await model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Options = new() { MaxOutputTokens = 2000 } }),
            Throws.ArgumentException, "a request's lower max_tokens is checked too");
        Assert.That(_server.Requests, Is.Empty);
        Assert.That(() => AnthropicThinking.Enabled(1000), Throws.InstanceOf<ArgumentOutOfRangeException>(), "the documented minimum budget is 1024");
    }

    [Test]
    public async Task ARequestsMaxTokensAboveTheBudgetIsSent()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        await Model(o => o with { Thinking = AnthropicThinking.Enabled(4096) })
            .CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Options = new() { MaxOutputTokens = 8192 } });
        Assert.That(Body(0)["max_tokens"]!.GetValue<int>(), Is.EqualTo(8192));
        Assert.That(Body(0)["thinking"]!["budget_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
    }

    [Test]
    public async Task RequestOptionsAreSentAndExtraBodyIsMerged()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        await Model(o => o with { Thinking = AnthropicThinking.Adaptive with { Display = "summarized" }, Temperature = 0.5 }).CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("x")],
            Options = new()
            {
                MaxOutputTokens = 100, TopP = 0.9, Stop = ["END", "STOP"], Seed = 7, Instructions = "Answer in French.",
                ReasoningEffort = ReasoningEffort.High, ExtraBody = """{"metadata":{"user_id":"u1"}}""",
            },
        });
        JsonNode body = Body(0);
        Assert.That(body["max_tokens"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(body["temperature"]!.GetValue<double>(), Is.EqualTo(0.5));
        Assert.That(body["top_p"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(body["stop_sequences"]!.ToJsonString(), Is.EqualTo("""["END","STOP"]"""));
        Assert.That(body["system"]!.GetValue<string>(), Is.EqualTo("Be brief.\n\nAnswer in French."));
        Assert.That(body["thinking"]!.ToJsonString(), Is.EqualTo("""{"type":"adaptive","display":"summarized"}"""));
        Assert.That(body["output_config"]!.ToJsonString(), Is.EqualTo("""{"effort":"high"}"""));
        Assert.That(body["metadata"]!.ToJsonString(), Is.EqualTo("""{"user_id":"u1"}"""));
        Assert.That(body.AsObject().ContainsKey("seed"), Is.False, "the Messages API has no seed");
        Assert.That(body.AsObject().ContainsKey("tools"), Is.False);
    }

    [Test]
    public async Task ReasoningEffortNoneTurnsThinkingOffAndNothingElseIsSentUnset()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}""")).Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Options = new() { ReasoningEffort = ReasoningEffort.None } });
        Assert.That(Body(0)["thinking"]!.ToJsonString(), Is.EqualTo("""{"type":"disabled"}"""));
        Assert.That(Body(0).AsObject().ContainsKey("output_config"), Is.False);

        await Model(o => o with { Thinking = null }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [.. new RunnerTools().Tools] });
        Assert.That(Body(1).AsObject().Select(p => p.Key).Order(), Is.EqualTo(new[] { "max_tokens", "messages", "model", "tools" }));
    }

    [Test]
    public void ExtraBodyCannotOverrideAWrittenField()
    {
        Assert.That(async () => await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Options = new() { ExtraBody = """{"thinking":{"type":"disabled"}}""" } }),
            Throws.ArgumentException.With.Message.Contains("\"thinking\""));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public async Task TheVersionAndAuthSchemeAreOptions()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        await Model(o => o with { AuthScheme = AnthropicAuthScheme.Bearer, Version = "2026-10-21" }).CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")] });
        IReadOnlyDictionary<string, string> headers = _server.Requests[0].Headers;
        Assert.That(headers["Authorization"], Is.EqualTo("Bearer sk-ant-secret"));
        Assert.That(headers.ContainsKey("x-api-key"), Is.False);
        Assert.That(headers["anthropic-version"], Is.EqualTo("2026-10-21"));
    }

    [Test]
    public async Task AStrictToolIsSentStrictAndOthersAreNot()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        ToolDescriptor strict = AnthropicStrictTools.Tools.Single();
        Assert.That(strict.Strict, Is.True);
        await Model().CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("x")], Tools = [strict, .. new RunnerTools().Tools.Where(t => t.Name == "ship_order")] });
        JsonArray tools = Body(0)["tools"]!.AsArray();
        Assert.That(tools[0]!["strict"]!.GetValue<bool>(), Is.True);
        Assert.That(tools[0]!["input_schema"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(strict.AnthropicStrictParametersSchema.ToArray())!.ToJsonString()));
        Assert.That(tools[0]!["input_schema"]!["additionalProperties"]!.GetValue<bool>(), Is.False);
        Assert.That(tools[1]!.AsObject().ContainsKey("strict"), Is.False, "strict appears only when set");
    }

    [Test]
    public async Task IsErrorIsSentOnlyWhenTrue()
    {
        _server.Respond(200, Message("end_turn", "{}", """{"type":"text","text":"ok"}"""));
        var ok = new ToolCall("toolu_1", "get_order_id", "{}");
        var bad = new ToolCall("toolu_2", "get_order_id", "{}");
        await Model().CompleteAsync(new ChatRequest
        {
            Messages = [ChatMessage.User("x"), ChatMessage.Assistant(null, [ok, bad]), ChatMessage.ToolResult(ok, ToolResult.FromText("1")), ChatMessage.ToolResult(bad, ToolResult.Error(ToolResultKind.Failed, "no"))],
        });
        Assert.That(Body(0)["messages"]![2]!.ToJsonString(), Is.EqualTo(
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"1"},{"type":"tool_result","tool_use_id":"toolu_2","content":"no","is_error":true}]}"""));
    }
}
