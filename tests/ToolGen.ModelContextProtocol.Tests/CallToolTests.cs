using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using global::ModelContextProtocol;
using global::ModelContextProtocol.Client;
using global::ModelContextProtocol.Protocol;
using ToolGen;

namespace ToolGen.ModelContextProtocol.Tests;

[TestFixture(Transport.Http)]
[TestFixture(Transport.Stdio)]
public sealed class CallToolTests(Transport transport)
{
    private McpTestHost _host = null!;

    private McpClient Client => _host.Client;

    [SetUp]
    public async Task StartAsync()
    {
        Observed.Reset();
        _host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools).WithToolGenTools<ScopedTools>().WithToolGenTools<CounterTools>(),
            services => services.AddScoped<Counter>());
    }

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private static string Text(CallToolResult result) => ((TextContentBlock)result.Content.Single()).Text;

    private static void AssertMatchesOutputSchema(string tool, JsonElement structured)
    {
        JsonSchema schema = JsonSchema.FromText(System.Text.Encoding.UTF8.GetString(TestTools.Tools[tool].ObjectOutputSchema.Span));
        EvaluationResults results = schema.Evaluate(JsonNode.Parse(structured.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(results.IsValid, Is.True, $"{tool}: structuredContent does not match its outputSchema: {structured.GetRawText()}");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AnObjectResultIsTextAndStructuredContent()
    {
        CallToolResult result = await Client.CallToolAsync("get_forecast", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 });
        Assert.That(result.IsError, Is.Not.True);
        Assert.That(Text(result), Is.EqualTo("""{"city":"Paris","celsius":7,"sky":"clear"}"""));
        Assert.That(result.StructuredContent?.GetProperty("city").GetString(), Is.EqualTo("Paris"), "an object result is its own structured content");
        AssertMatchesOutputSchema("get_forecast", result.StructuredContent!.Value);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AResultThatIsNotAnObjectIsWrappedAsTheSchemaSays()
    {
        CallToolResult result = await Client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 40 });
        Assert.That(result.IsError, Is.Not.True);
        Assert.That(Text(result), Is.EqualTo("42"));
        Assert.That(result.StructuredContent?.GetRawText(), Is.EqualTo("""{"result":42}"""));
        AssertMatchesOutputSchema("add", result.StructuredContent!.Value);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ATextResultHasNoStructuredContent()
    {
        CallToolResult result = await Client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "héllo \"world\"" });
        Assert.That(result.IsError, Is.Not.True);
        Assert.That(Text(result), Is.EqualTo("héllo \"world\""));
        Assert.That(result.StructuredContent, Is.Null);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task InvalidArgumentsAreAnErrorResultWithToolGensMessage()
    {
        CallToolResult unknownProperty = await Client.CallToolAsync("get_forecast", new Dictionary<string, object?> { ["town"] = "Paris" });
        Assert.That(unknownProperty.IsError, Is.True);
        Assert.That(Text(unknownProperty), Does.StartWith("Invalid arguments for get_forecast:"));
        Assert.That(Text(unknownProperty), Does.Contain("town"));
        Assert.That(unknownProperty.StructuredContent, Is.Null);

        CallToolResult outOfRange = await Client.CallToolAsync("get_forecast", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 9 });
        Assert.That(outOfRange.IsError, Is.True);
        Assert.That(Text(outOfRange), Does.StartWith("Invalid arguments for get_forecast:").And.Contain("days"));

        CallToolResult missing = await Client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 1 });
        Assert.That(missing.IsError, Is.True);
        Assert.That(Text(missing), Does.StartWith("Invalid arguments for add:").And.Contain("b"));

        CallToolResult none = await Client.CallToolAsync(new CallToolRequestParams { Name = "add" });
        Assert.That(none.IsError, Is.True, "no arguments at all");
        Assert.That(Text(none), Does.StartWith("Invalid arguments for add:"));
    }

    [Test]
    [CancelAfter(60_000)]
    public void AnUnknownToolIsTheJsonRpcErrorInvalidParams()
    {
        McpProtocolException? error = Assert.ThrowsAsync<McpProtocolException>(async () =>
            await Client.CallToolAsync("get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }));
        Assert.That(error!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
        Assert.That((int)error.ErrorCode, Is.EqualTo(-32602));
        Assert.That(error.Message, Does.Contain("get_weather"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AFailingToolIsAnErrorResultThatHidesTheException()
    {
        CallToolResult result = await Client.CallToolAsync("explode", new Dictionary<string, object?>());
        Assert.That(result.IsError, Is.True);
        Assert.That(Text(result), Does.StartWith("Tool explode failed with an internal error"));
        Assert.That(Text(result), Does.Not.Contain("secret"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AToolsTimeoutStopsItWithAnErrorResult()
    {
        CallToolResult result = await Client.CallToolAsync("slow", new Dictionary<string, object?>());
        Assert.That(result.IsError, Is.True);
        Assert.That(Text(result), Does.StartWith("The call to slow did not finish within 0.2 seconds"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task CancelingTheRequestCancelsTheTool()
    {
        using var cancel = new CancellationTokenSource();
        Task<CallToolResult> call = Client.CallToolAsync("wait_for_cancellation", new Dictionary<string, object?>(), cancellationToken: cancel.Token).AsTask();
        await Observed.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        await Observed.Canceled.Task.WaitAsync(TimeSpan.FromSeconds(20));   // The tool's token fired.

        // The server is still fine.
        CallToolResult after = await Client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "still here" });
        Assert.That(Text(after), Is.EqualTo("still here"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ProgressReachesTheClientAsNotifications()
    {
        // A handler for the whole session: the SDK's client handles each incoming message on a task of its own, so it may
        // handle a notification after the answer that followed it on the wire, when the per-call IProgress has stopped
        // listening; for the same reason the order they are handled in is not the order they were sent in.
        var received = new ConcurrentQueue<ProgressNotificationParams>();
        await using IAsyncDisposable handler = Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            received.Enqueue(JsonSerializer.Deserialize(notification.Params, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ProgressNotificationParams)))
                as ProgressNotificationParams ?? throw new InvalidOperationException("no params"));
            return ValueTask.CompletedTask;
        });
        var token = new ProgressToken("count-" + Guid.NewGuid().ToString("N"));
        CallToolResult result = await Client.CallToolAsync("count_to", new Dictionary<string, object?> { ["count"] = 5 },
            options: new RequestOptions { ProgressToken = token });
        Assert.That(Text(result), Is.EqualTo("5"));
        for (int i = 0; i < 100 && received.Count < 5; i++) await Task.Delay(50);
        Assert.That(received.Select(p => p.ProgressToken), Is.All.EqualTo(token));
        Assert.That(received.Select(p => p.Progress.Progress).Order(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5 }), "every report");
        Assert.That(received.Select(p => p.Progress.Total), Is.All.EqualTo(5f));
        Assert.That(received.Single(p => p.Progress.Progress == 5).Progress.Message, Is.EqualTo("step 5 of 5"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WithoutAProgressTokenNothingIsReported()
    {
        CallToolResult result = await Client.CallToolAsync("count_to", new Dictionary<string, object?> { ["count"] = 3 });
        Assert.That(Text(result), Is.EqualTo("3"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task EachCallRunsInItsOwnScope()
    {
        int before = Counter.All.Count;
        CallToolResult first = await Client.CallToolAsync("scoped_counter", new Dictionary<string, object?>());
        CallToolResult second = await Client.CallToolAsync("scoped_counter", new Dictionary<string, object?>());
        Assert.That(first.IsError, Is.Not.True, Text(first));
        int firstId = first.StructuredContent!.Value.GetProperty("id").GetInt32();
        int secondId = second.StructuredContent!.Value.GetProperty("id").GetInt32();
        Assert.That(secondId, Is.Not.EqualTo(firstId), "a scoped service is a new instance per call");
        Assert.That(first.StructuredContent!.Value.GetProperty("same").GetBoolean(), Is.True, "and the same instance within one call");
        Counter[] used = Counter.All.Where(c => c.Id == firstId || c.Id == secondId).ToArray();
        Assert.That(used, Has.Length.EqualTo(2));
        Assert.That(used.All(c => c.Disposed), Is.True, "each call's scope is disposed when it returns");
        Assert.That(Counter.All.Count - before, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AGeneratedToolTypeIsCreatedPerCallFromTheCallsScope()
    {
        CallToolResult first = await Client.CallToolAsync("which_counter", new Dictionary<string, object?>());
        CallToolResult second = await Client.CallToolAsync("which_counter", new Dictionary<string, object?>());
        Assert.That(first.IsError, Is.Not.True, Text(first));
        Assert.That(first.StructuredContent!.Value.GetProperty("same").GetBoolean(), Is.True, "constructor and parameter share the call's scope");
        Assert.That(second.StructuredContent!.Value.GetProperty("id").GetInt32(), Is.Not.EqualTo(first.StructuredContent!.Value.GetProperty("id").GetInt32()),
            "a new instance per call, with that call's scoped services");
        Assert.That(Text(first), Does.Not.Contain("fromParameter"));
        Tool listed = (await Client.ListToolsAsync()).Single(t => t.Name == "which_counter").ProtocolTool;
        Assert.That(listed.InputSchema.GetRawText(), Does.Not.Contain("fromParameter"), "a service parameter is not shown to the client");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheOptionsReachEachCall()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools, o =>
        {
            o.IncludeExceptionDetails = true;
            o.Limits = new ToolLimits { MaxArgumentBytes = 64 };
        }));
        CallToolResult failed = await host.Client.CallToolAsync("explode", new Dictionary<string, object?>());
        Assert.That(Text(failed), Is.EqualTo("Tool explode failed: InvalidOperationException: the secret connection string"));

        CallToolResult tooLarge = await host.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = new string('x', 100) });
        Assert.That(tooLarge.IsError, Is.True);
        Assert.That(Text(tooLarge), Does.StartWith("Invalid arguments for echo:").And.Contain("limit of 64 bytes"));
    }
}
