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
}
