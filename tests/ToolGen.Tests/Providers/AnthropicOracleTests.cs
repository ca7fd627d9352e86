using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.Anthropic;
using ToolGen.Tests.Tools;
using Sdk = Anthropic.Models.Messages;

namespace ToolGen.Tests.Providers;

/// <summary>
/// The same settings and conversation sent through ToolGen's <see cref="AnthropicModel"/> and through Anthropic's
/// official C# SDK (13.14, test-only) against the loopback server: the request bodies must be structurally identical
/// (same properties and values, in any order), and the version and auth headers the same.
/// </summary>
public sealed class AnthropicOracleTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
    private const string RedactedData = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";
    private const string ThinkingText = "Ada's order first: I need its id.";

    private const string OkMessage = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}""";

    private static readonly string[] s_okStream =
    [
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}",
    ];

    private static readonly ToolCall s_call1 = new("toolu_1", "get_order_id", """{"customer":"ada"}""");
    private static readonly ToolCall s_call2 = new("toolu_2", "ship_order", """{"orderId":42}""");

    // Round 2 of a tool conversation with thinking: the assistant turn starts with its thinking blocks.
    private static IReadOnlyList<ChatMessage> Conversation() =>
    [
        ChatMessage.System("Be brief."),
        ChatMessage.User("Ship Ada's order."),
        ChatMessage.Assistant(
        [
            new ReasoningPart("anthropic", $$"""{"type":"thinking","thinking":"{{ThinkingText}}","signature":"{{Signature}}"}""") { Summary = ThinkingText },
            new ReasoningPart("anthropic", $$"""{"type":"redacted_thinking","data":"{{RedactedData}}"}"""),
            new TextPart("Checking."),
            s_call1, s_call2,
        ]),
        ChatMessage.ToolResult(s_call1, ToolResult.FromText("42")),
        ChatMessage.ToolResult(s_call2, ToolResult.Error(ToolResultKind.Failed, "warehouse closed")),
    ];

    private static List<Sdk.MessageParam> SdkConversation() =>
    [
        new Sdk.UserMessageParam(new List<Sdk.ContentBlockParam> { new Sdk.TextBlockParam { Text = "Ship Ada's order." } }),
        new Sdk.AssistantMessageParam(new List<Sdk.ContentBlockParam>
        {
            new Sdk.ThinkingBlockParam { Thinking = ThinkingText, Signature = Signature },
            new Sdk.RedactedThinkingBlockParam { Data = RedactedData },
            new Sdk.TextBlockParam { Text = "Checking." },
            new Sdk.ToolUseBlockParam { ID = "toolu_1", Name = "get_order_id", Input = Object("""{"customer":"ada"}""") },
            new Sdk.ToolUseBlockParam { ID = "toolu_2", Name = "ship_order", Input = Object("""{"orderId":42}""") },
        }),
        new Sdk.UserMessageParam(new List<Sdk.ContentBlockParam>
        {
            new Sdk.ToolResultBlockParam { ToolUseID = "toolu_1", Content = "42" },
            new Sdk.ToolResultBlockParam { ToolUseID = "toolu_2", Content = "warehouse closed", IsError = true },
        }),
    ];

    private static Dictionary<string, JsonElement> Object(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    // The SDK tool for a ToolGen tool, with the same schema (the SDK passes input_schema's properties through).
    private static Sdk.ToolUnion SdkTool(ToolDescriptor tool, bool strict = false) => new Sdk.Tool
    {
        Name = tool.Name,
        Description = tool.Description,
        InputSchema = Sdk.InputSchema.FromRawUnchecked(Object(System.Text.Encoding.UTF8.GetString((strict ? tool.AnthropicStrictParametersSchema : tool.ParametersSchema).Span))),
        Strict = strict ? true : null,
    };

    private static ToolDescriptor[] Tools() => [.. new RunnerTools().Tools.Where(t => t.Name is "get_order_id" or "ship_order")];

    private Anthropic.AnthropicClient Client() => new()
    {
        // The SDK appends /v1/messages to its base URL; ToolGen appends messages to one that ends in /v1/.
        BaseUrl = _server.BaseUrl.GetLeftPart(UriPartial.Authority),
        ApiKey = "sk-ant-secret",
        MaxRetries = 0,
    };

    // ToolGen set up the way SDK 13.x talks: Authorization: Bearer and anthropic-version 2026-10-21.
    private AnthropicModel Model(Func<AnthropicModelOptions, AnthropicModelOptions> change) => new(change(new AnthropicModelOptions
    {
        Model = "claude-test", ApiKey = "sk-ant-secret", BaseUrl = _server.BaseUrl, MaxRetries = 0,
        AuthScheme = AnthropicAuthScheme.Bearer, Version = "2026-10-21",
    }));

    // Objects with their properties sorted, so that property order (which JSON does not define) does not count.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    private void AssertSameRequests()
    {
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
        RecordedRequest toolGen = _server.Requests[0], sdk = _server.Requests[1];
        Assert.That(toolGen.Path, Is.EqualTo(sdk.Path));
        Assert.That(Canonical(JsonNode.Parse(toolGen.Body))!.ToJsonString(), Is.EqualTo(Canonical(JsonNode.Parse(sdk.Body))!.ToJsonString()));
        foreach (string header in new[] { "anthropic-version", "Authorization", "Content-Type" })
            Assert.That(toolGen.Headers.GetValueOrDefault(header), Is.EqualTo(sdk.Headers.GetValueOrDefault(header)), header);
        Assert.That(toolGen.Headers.ContainsKey("x-api-key"), Is.EqualTo(sdk.Headers.ContainsKey("x-api-key")));
        // Not compared: User-Agent, and the SDK's own x-stainless-* telemetry and retry headers, which name the client.
    }

    [Test]
    public async Task ASecondToolRoundWithThinkingIsSentAsTheSdkSendsIt()
    {
        _server.Respond(200, OkMessage).Respond(200, OkMessage);
        await Model(o => o with { Thinking = AnthropicThinking.Enabled(2048), MaxOutputTokens = 4096 })
            .CompleteAsync(new ChatRequest { Messages = Conversation(), Tools = Tools(), Options = new() { Stop = ["END"] } });
        await Client().Messages.Create(new Sdk.MessageCreateParams
        {
            Model = "claude-test",
            MaxTokens = 4096,
            System = "Be brief.",
            Messages = SdkConversation(),
            Tools = [.. Tools().Select(t => SdkTool(t))],
            Thinking = new Sdk.ThinkingConfigEnabled { BudgetTokens = 2048 },
            StopSequences = ["END"],
        });
        AssertSameRequests();
        JsonNode body = JsonNode.Parse(_server.Requests[0].Body)!;
        Assert.That(body.AsObject().ContainsKey("tool_choice"), Is.False, "neither sends a tool choice nobody set");
    }

    [Test]
    public async Task AStreamedRequestWithChoiceEffortAndAStrictToolIsSentAsTheSdkSendsIt()
    {
        _server.RespondStream(s_okStream).RespondStream(s_okStream);
        ToolDescriptor strict = AnthropicStrictTools.Tools.Single();
        await foreach (ChatStreamUpdate _ in Model(o => o with { Thinking = AnthropicThinking.Adaptive, MaxOutputTokens = 1024 }).StreamAsync(new ChatRequest
        {
            Messages = Conversation(),
            Tools = [.. Tools(), strict],
            ToolChoice = ToolChoice.Auto,
            AllowParallelToolCalls = false,
            Options = new() { ReasoningEffort = ReasoningEffort.High },
        }))
        {
        }
        await foreach (Sdk.RawMessageStreamEvent _ in Client().Messages.CreateStreaming(new Sdk.MessageCreateParams
        {
            Model = "claude-test",
            MaxTokens = 1024,
            System = "Be brief.",
            Messages = SdkConversation(),
            Tools = [.. Tools().Select(t => SdkTool(t)), SdkTool(strict, strict: true)],
            ToolChoice = new Sdk.ToolChoiceAuto { DisableParallelToolUse = true },
            Thinking = new Sdk.ThinkingConfigAdaptive(),
            OutputConfig = new Sdk.OutputConfig { Effort = Sdk.Effort.High },
        }))
        {
        }
        AssertSameRequests();
        JsonNode body = JsonNode.Parse(_server.Requests[0].Body)!;
        Assert.That(body["stream"]!.GetValue<bool>(), Is.True);
        Assert.That(body["tools"]![2]!["strict"]!.GetValue<bool>(), Is.True);
    }
}
