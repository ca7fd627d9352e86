using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ToolGen.Extensions.AI;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;
using MEAI = Microsoft.Extensions.AI;

namespace ToolGen.Tests.Interop;

/// <summary>ToolGen tools inside Microsoft.Extensions.AI, and an IChatClient driven by ToolGen's runner.</summary>
public sealed class ExtensionsAITests
{
    /// <summary>A scripted IChatClient that records what it is sent.</summary>
    private sealed class FakeChatClient : IChatClient
    {
        private readonly Queue<Func<IReadOnlyList<MEAI.ChatMessage>, ChatOptions?, MEAI.ChatResponse>> _script = new();

        public List<(IReadOnlyList<MEAI.ChatMessage> Messages, ChatOptions? Options)> Received { get; } = [];

        public FakeChatClient Then(Func<IReadOnlyList<MEAI.ChatMessage>, ChatOptions?, MEAI.ChatResponse> respond)
        {
            _script.Enqueue(respond);
            return this;
        }

        public FakeChatClient Calls(params FunctionCallContent[] calls) =>
            Then((_, _) => new MEAI.ChatResponse(new MEAI.ChatMessage(MEAI.ChatRole.Assistant, [.. calls])));

        public FakeChatClient Says(string text) => Then((_, _) => new MEAI.ChatResponse(new MEAI.ChatMessage(MEAI.ChatRole.Assistant, text)));

        public Task<MEAI.ChatResponse> GetResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            MEAI.ChatMessage[] snapshot = [.. messages];
            lock (Received) Received.Add((snapshot, options));
            return Task.FromResult(_script.Dequeue()(snapshot, options));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (ChatResponseUpdate update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates()) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }

    private static Dictionary<string, object?> Args(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    private static FunctionResultContent ResultOf(FakeChatClient client, int request, string callId) =>
        client.Received[request].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single(r => r.CallId == callId);

    [Test]
    public void ToolsBecomeAIFunctionsWithTheGeneratedSchema()
    {
        var tools = new RunnerTools();
        AIFunction function = tools.Tools["get_order_id"].AsAIFunction();
        Assert.That(function.Name, Is.EqualTo("get_order_id"));
        Assert.That(function.Description, Is.EqualTo(tools.Tools["get_order_id"].Description));
        Assert.That(function.JsonSchema.GetRawText(), Is.EqualTo(System.Text.Encoding.UTF8.GetString(tools.Tools["get_order_id"].ParametersSchema.Span)));
        Assert.That(tools.Tools.AsAITools(), Has.Count.EqualTo(tools.Tools.Count));
    }

    [Test]
    public void TheResultSchemaIsTheFunctionsReturnSchema()
    {
        AIFunction function = ShopTools.Tools["place_order"].AsAIFunction();
        Assert.That(function.ReturnJsonSchema?.GetRawText(), Is.EqualTo(System.Text.Encoding.UTF8.GetString(ShopTools.Tools["place_order"].OutputSchema.Span)));
        Assert.That(BookingTools.Tools["book_flight"].AsAIFunction().ReturnJsonSchema, Is.Null, "a text result has no schema");
    }

    [Test]
    public async Task FunctionInvokingChatClientCallsToolGenTools()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient()
            .Calls(new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"ada"}""")))
            .Says("Order 42.");
        using var client = new FunctionInvokingChatClient(fake);
        MEAI.ChatResponse response = await client.GetResponseAsync("Which order?", new ChatOptions { Tools = tools.Tools.AsAITools() });

        Assert.That(response.Text, Is.EqualTo("Order 42."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(ResultOf(fake, 1, "c1").Result?.ToString(), Is.EqualTo("42"));
    }

    [Test]
    public async Task InvalidArgumentsReachTheModelAsToolGensMessage()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient().Calls(new FunctionCallContent("c1", "ship_order", Args("""{"orderId":"forty-two"}"""))).Says("Sorry.");
        using var client = new FunctionInvokingChatClient(fake);
        await client.GetResponseAsync("Ship", new ChatOptions { Tools = tools.Tools.AsAITools() });
        Assert.That(tools.Log, Is.Empty);
        Assert.That(ResultOf(fake, 1, "c1").Result?.ToString(), Does.StartWith("Invalid arguments for ship_order: $.orderId: expected an integer"));
    }

    [Test]
    public async Task ConcurrentInvocationRunsToolGenToolsTogether()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient()
            .Calls(new FunctionCallContent("c1", "slow_read", Args("""{"key":"a","delayMilliseconds":200}""")), new FunctionCallContent("c2", "slow_read", Args("""{"key":"b","delayMilliseconds":200}""")))
            .Says("done");
        using var client = new FunctionInvokingChatClient(fake) { AllowConcurrentInvocation = true };
        await client.GetResponseAsync("Read", new ChatOptions { Tools = tools.Tools.AsAITools() });
        Assert.That(tools.Log.Take(2), Is.EquivalentTo(new[] { "start a", "start b" }));
        Assert.That(ResultOf(fake, 1, "c2").Result?.ToString(), Is.EqualTo("B"));
    }

    [Test]
    public async Task ToolRunnerDrivesAnIChatClient()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient()
            .Calls(new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"ada"}""")))
            .Says("Order 42.");
        ToolRunResult result = await new ToolRunner(fake.AsChatModel(), tools.Tools, new ToolRunnerOptions { ToolChoice = ToolChoice.Required }).RunAsync("Which order?");

        Assert.That(result.Text, Is.EqualTo("Order 42."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(fake.Received[0].Options!.ToolMode, Is.EqualTo(ChatToolMode.RequireAny));
        Assert.That(fake.Received[0].Options!.Tools!.Select(t => t.Name), Does.Contain("get_order_id"));
        Assert.That(fake.Received[0].Options!.Tools!.OfType<AIFunction>(), Is.Empty, "only declarations: the runner invokes the tools");
        Assert.That(ResultOf(fake, 1, "c1").Result?.ToString(), Is.EqualTo("42"));
    }

    [Test]
    public async Task ToolRunnerStreamsThroughAnIChatClient()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient().Calls(new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"bo"}"""))).Says("Order 42.");
        var text = new List<string>();
        await foreach (ToolRunUpdate update in new ToolRunner(fake.AsChatModel(), tools.Tools).RunStreamingAsync("Which order?"))
        {
            if (update.TextDelta is { } delta) text.Add(delta);
        }
        Assert.That(string.Concat(text), Is.EqualTo("Order 42."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id bo" }));
    }

    [Test]
    public void ToolsThatRequireApprovalAreApprovalRequiredFunctions()
    {
        var tools = new RunnerTools();
        IList<AITool> functions = tools.Tools.AsAITools();
        AITool delete = functions.Single(f => f.Name == "delete_account");
        Assert.That(delete, Is.InstanceOf<ApprovalRequiredAIFunction>());
        Assert.That(delete.GetService(typeof(ToolGenAIFunction)), Is.InstanceOf<ToolGenAIFunction>(), "it wraps the ToolGen function");
        Assert.That(tools.Tools["delete_account"].AsAIFunction(), Is.InstanceOf<ApprovalRequiredAIFunction>());
        Assert.That(functions.Where(f => f.Name != "delete_account"), Is.All.InstanceOf<ToolGenAIFunction>());
        Assert.That(((AIFunction)delete).JsonSchema.GetRawText(), Is.EqualTo(System.Text.Encoding.UTF8.GetString(tools.Tools["delete_account"].ParametersSchema.Span)));
    }

    [Test]
    public async Task FunctionInvokingChatClientAsksBeforeRunningAToolThatRequiresApproval()
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient()
            .Calls(new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"ada"}""")))
            .Calls(new FunctionCallContent("c2", "delete_account", Args("""{"user":"ada"}""")))
            .Says("Deleted.");
        using var client = new FunctionInvokingChatClient(fake);
        var options = new ChatOptions { Tools = tools.Tools.AsAITools() };
        List<MEAI.ChatMessage> history = [new(MEAI.ChatRole.User, "Delete Ada's account")];
        MEAI.ChatResponse response = await client.GetResponseAsync(history, options);

        // The ordinary tool ran at once; the one that requires approval did not: the answer is a request for approval.
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada" }));
        Assert.That(fake.Received, Has.Count.EqualTo(2));
        ToolApprovalRequestContent request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Single();
        Assert.That(((FunctionCallContent)request.ToolCall).Name, Is.EqualTo("delete_account"));
        Assert.That(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId), Does.Not.Contain("c2"));

        // Approved, it runs, and the model gets its result.
        history.AddRange(response.Messages);
        history.Add(new MEAI.ChatMessage(MEAI.ChatRole.User, [request.CreateResponse(approved: true)]));
        response = await client.GetResponseAsync(history, options);
        Assert.That(response.Text, Is.EqualTo("Deleted."));
        Assert.That(tools.Log, Is.EqualTo(new[] { "get_order_id ada", "delete_account ada" }));
        Assert.That(ResultOf(fake, 2, "c2").Result?.ToString(), Is.EqualTo("deleted ada"));
    }

    [Test]
    public async Task ChatClientModelSendsPartsInOrder()
    {
        var fake = new FakeChatClient().Says("ok");
        var call = new ToolCall("c1", "get_order_id", """{"customer":"ada"}""");
        await fake.AsChatModel().CompleteAsync(new ChatRequest
        {
            Messages =
            [
                ToolGen.Chat.ChatMessage.User(
                    new TextPart("Compare"), new UnknownPart("""{"type":"audio"}"""),
                    ImagePart.FromUrl(new Uri("https://img.example/a.png"), "image/png"),
                    ImagePart.FromBytes(new byte[] { 1, 2, 3 }, "image/jpeg"),
                    ImagePart.FromUrl(new Uri("data:image/gif;base64,R0lG"))),
                ToolGen.Chat.ChatMessage.Assistant([new ReasoningPart("openai", """{"type":"reasoning","id":"rs_1","summary":[]}"""), new TextPart("Checking."), new ProviderItemPart("anthropic", """{"type":"x"}"""), call]),
                ToolGen.Chat.ChatMessage.ToolResult(call, ToolResult.FromJson("""{"id":42}"""u8.ToArray())),
            ],
        });
        IReadOnlyList<MEAI.ChatMessage> sent = fake.Received[0].Messages;
        IList<AIContent> user = sent[0].Contents;
        Assert.That(user.Select(c => c.GetType().Name), Is.EqualTo(new[] { "TextContent", "UriContent", "DataContent", "DataContent" }));
        Assert.That(((TextContent)user[0]).Text, Is.EqualTo("Compare"));
        Assert.That(((UriContent)user[1]).Uri, Is.EqualTo(new Uri("https://img.example/a.png")));
        Assert.That(((UriContent)user[1]).MediaType, Is.EqualTo("image/png"));
        Assert.That(((DataContent)user[2]).Data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(((DataContent)user[2]).MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(((DataContent)user[3]).MediaType, Is.EqualTo("image/gif"), "a data: URL's own media type");
        Assert.That(((DataContent)user[3]).Base64Data.ToString(), Is.EqualTo("R0lG"));
        Assert.That(sent[1].Contents.Select(c => c.GetType().Name), Is.EqualTo(new[] { "TextContent", "FunctionCallContent" }), "reasoning and provider items stay with their provider");
        Assert.That(((FunctionResultContent)sent[2].Contents.Single()).Result, Is.EqualTo("""{"id":42}"""), "a JSON result goes as its text, as before");
    }

    [Test]
    public async Task ChatClientModelReadsTextAndCallsInOrder()
    {
        var fake = new FakeChatClient().Then((_, _) => new MEAI.ChatResponse(new MEAI.ChatMessage(MEAI.ChatRole.Assistant,
        [
            new TextContent("Let me check."), new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"ada"}""")),
            new DataContent(new byte[] { 1 }, "image/png"), new TextContent(" Then ship."), new FunctionCallContent("c2", "ship_order", Args("""{"orderId":42}""")),
        ])));
        ToolGen.Chat.ChatResponse response = await fake.AsChatModel().CompleteAsync(new ChatRequest { Messages = [ToolGen.Chat.ChatMessage.User("x")] });
        Assert.That(response.Message.Parts.Select(p => p switch { TextPart t => t.Text, ToolCall c => c.Id, _ => p.GetType().Name }),
            Is.EqualTo(new[] { "Let me check.", "c1", " Then ship.", "c2" }), "an image has no place in an assistant message");
        Assert.That(response.Message.Text, Is.EqualTo("Let me check. Then ship."));
        Assert.That(response.FinishReason, Is.EqualTo(ToolGen.Chat.ChatFinishReason.ToolCalls));
    }

    [Test]
    public async Task ReasoningFromAnIChatClientGoesBackToItWithItsProtectedData([Values] bool streaming)
    {
        var tools = new RunnerTools();
        var fake = new FakeChatClient()
            .Then((_, _) => new MEAI.ChatResponse(new MEAI.ChatMessage(MEAI.ChatRole.Assistant,
                [new TextReasoningContent("The user wants the order id.") { ProtectedData = "enc-123" }, new FunctionCallContent("c1", "get_order_id", Args("""{"customer":"ada"}"""))]))
            {
                Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 40, CachedInputTokenCount = 64, ReasoningTokenCount = 30 },
            })
            .Says("It is 42.");
        var runner = new ToolRunner(fake.AsChatModel(), tools.Tools);
        ToolRunResult result;
        if (streaming)
        {
            ToolRunResult? last = null;
            await foreach (ToolRunUpdate update in runner.RunStreamingAsync("Which order?")) last = update.Result ?? last;
            result = last!;
        }
        else
        {
            result = await runner.RunAsync("Which order?");
        }

        ReasoningPart reasoning = result.Messages[1].Parts.OfType<ReasoningPart>().Single();
        Assert.That(reasoning.Provider, Is.EqualTo(ChatClientModel.ReasoningProvider));
        Assert.That(reasoning.Summary, Is.EqualTo("The user wants the order id."));
        Assert.That(result.Messages[1].Parts[0], Is.InstanceOf<ReasoningPart>(), "reasoning first, as it came");

        // The second request carries it back as TextReasoningContent, before the call, with the protected data.
        AIContent[] sent = [.. fake.Received[1].Messages[1].Contents];
        Assert.That(sent[0], Is.InstanceOf<TextReasoningContent>());
        Assert.That(((TextReasoningContent)sent[0]).Text, Is.EqualTo("The user wants the order id."));
        Assert.That(((TextReasoningContent)sent[0]).ProtectedData, Is.EqualTo("enc-123"));
        Assert.That(sent[1], Is.InstanceOf<FunctionCallContent>());

        // Stored and loaded, the reasoning still goes back.
        ToolRunResult loaded = ToolGen.Transcripts.Transcript.DeserializeRun(ToolGen.Transcripts.Transcript.Serialize(result));
        Assert.That(loaded.Messages[1], Is.EqualTo(result.Messages[1]));
        if (!streaming)
        {
            Assert.That((result.Usage.CachedInputTokens, result.Usage.ReasoningTokens), Is.EqualTo((64L, 30L)));
        }
    }
}
