using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ToolGen.Tests.Providers;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Hardening;

/// <summary>
/// Providers that throttle, fail, stall, reset connections or cut streams, through the real OpenAI adapter and a
/// loopback server: the run ends with a <see cref="ToolRunException"/> whose transcript loses nothing and resumes.
/// </summary>
public sealed class ProviderFaultTests
{
    private LoopbackServer _server = null!;
    private RunnerTools _tools = null!;

    [SetUp]
    public void Start()
    {
        _server = new LoopbackServer();
        _tools = new RunnerTools();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private ToolRunner Runner(int maxRetries = 2, double timeoutSeconds = 5) => new(
        new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "gpt-test",
            ApiKey = "sk-test",
            BaseUrl = _server.BaseUrl,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        }),
        _tools.Tools);

    private static string ToolCallBody(string name, string arguments, string id = "call_1") => $$$"""
        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":null,
        "tool_calls":[{"id":"{{{id}}}","type":"function","function":{"name":"{{{name}}}","arguments":{{{JsonSerializer.Serialize(arguments)}}}}}]},
        "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
        """;

    private static string TextBody(string text) => $$$"""
        {"id":"c2","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":{{{JsonSerializer.Serialize(text)}}}},
        "finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}
        """;

    private const string RateLimited = """{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}""";

    [Test]
    public void A429StormEndsWithTheTranscriptSoFar()
    {
        for (int i = 0; i < 3; i++) _server.Respond(429, RateLimited, new Dictionary<string, string> { ["Retry-After"] = "0" });

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner().RunAsync("Ship ada's order"))!;

        var inner = (ChatModelException)error.InnerException!;
        Assert.That(inner.StatusCode, Is.EqualTo(429));
        Assert.That(inner.ProviderMessage, Is.EqualTo("Rate limit reached for requests"));
        Assert.That(_server.Requests, Has.Count.EqualTo(3), "the first attempt and two retries");
        Assert.That(error.PartialResult.StopReason, Is.EqualTo(ToolRunStopReason.Failed));
        Assert.That(error.PartialResult.Messages.Single().Text, Is.EqualTo("Ship ada's order"));
        Assert.That(error.Message, Does.StartWith("The run stopped after 0 model call(s) and 0 tool call(s): The openai request failed with HTTP 429"));
    }

    [Test]
    public async Task ServerErrorsAreRetriedUntilOneSucceeds()
    {
        _server.Respond(500, """{"error":{"message":"boom"}}""").Respond(503, "overloaded").Respond(200, TextBody("All good."));

        ToolRunResult result = await Runner().RunAsync("hi");

        Assert.That(result.Text, Is.EqualTo("All good."));
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void A5xxStormAfterAToolRoundKeepsTheToolResultAndResumesWithoutRunningItAgain()
    {
        _server.Respond(200, ToolCallBody("get_order_id", """{"customer":"ada"}"""));
        for (int i = 0; i < 3; i++) _server.Respond(502, """{"error":{"message":"bad gateway"}}""");

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner().RunAsync("Find ada's order"))!;
        ToolRunResult partial = error.PartialResult;
        Assert.That(partial.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool }));
        Assert.That(partial.Messages[2].Text, Is.EqualTo("42"));
        Assert.That(partial.ToolCalls, Has.Count.EqualTo(1));
        Assert.That(partial.ModelCalls, Is.EqualTo(1));
        Assert.That(partial.Usage.TotalTokens, Is.EqualTo(15));

        _server.Respond(200, TextBody("Order 42."));
        ToolRunResult resumed = Runner().RunAsync(partial.Messages).GetAwaiter().GetResult();

        Assert.That(resumed.Text, Is.EqualTo("Order 42."));
        Assert.That(_tools.Log.Count(l => l.StartsWith("get_order_id", StringComparison.Ordinal)), Is.EqualTo(1), "the tool ran once in all");
        using JsonDocument resumedRequest = JsonDocument.Parse(_server.Requests[^1].Body);
        JsonElement last = resumedRequest.RootElement.GetProperty("messages").EnumerateArray().Last();
        Assert.That(last.GetProperty("role").GetString(), Is.EqualTo("tool"));
        Assert.That(last.GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
        Assert.That(last.GetProperty("content").GetString(), Is.EqualTo("42"));
    }

    [Test]
    public void AResponseSlowerThanTheTimeoutFailsEachAttempt()
    {
        _server.Respond(200, TextBody("late"), delay: TimeSpan.FromSeconds(3)).Respond(200, TextBody("late"), delay: TimeSpan.FromSeconds(3));

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner(maxRetries: 1, timeoutSeconds: 0.3).RunAsync("hi"))!;

        Assert.That(error.InnerException, Is.TypeOf<ChatModelException>().With.Message.EqualTo("The openai request timed out after 0.3 seconds."));
        Assert.That(((ChatModelException)error.InnerException!).IsTransient, Is.True);
    }

    [Test]
    public void ABodyThatStallsAfterTheHeadersTimesOutToo()
    {
        _server.RespondWith(async (response, cancellationToken) =>
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.SendChunked = true;
            await response.OutputStream.WriteAsync("{\"id\":"u8.ToArray(), cancellationToken);
            await response.OutputStream.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        });

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner(maxRetries: 0, timeoutSeconds: 0.5).RunAsync("hi"))!;

        Assert.That(error.InnerException!.Message, Is.EqualTo("The openai response body did not arrive within 0.5 seconds."));
    }

    [Test]
    public async Task ConnectionResetsAreRetriedThenReported()
    {
        // A listener that accepts each connection and resets it (RST) without answering.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int accepted = 0;
        Task resetting = Task.Run(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                using Socket socket = await listener.AcceptSocketAsync();
                accepted++;
                await socket.ReceiveAsync(new byte[4096], SocketFlags.None);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        });
        var model = new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "gpt-test",
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1/"),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var error = Assert.ThrowsAsync<ToolRunException>(() => new ToolRunner(model, _tools.Tools).RunAsync("hi"))!;
        await resetting;

        Assert.That(error.InnerException, Is.TypeOf<ChatModelException>());
        Assert.That(error.InnerException!.Message, Does.StartWith("The openai request failed: "));
        Assert.That(((ChatModelException)error.InnerException).StatusCode, Is.Null);
        Assert.That(((ChatModelException)error.InnerException).IsTransient, Is.True);
        Assert.That(accepted, Is.EqualTo(3), "the first attempt and two retries");
    }

    [Test]
    public void AnEmptySuccessfulResponseIsAnError()
    {
        _server.RespondReset();   // HttpListener answers an aborted response with an empty 200.

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner(maxRetries: 0).RunAsync("hi"))!;

        Assert.That(error.InnerException!.Message, Does.StartWith("The OpenAI response could not be read"));
    }

    [Test]
    public async Task ACutStreamAfterAToolRoundResumesFromTheTranscript()
    {
        _server.RespondStream([
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_7","function":{"name":"get_order_id","arguments":"{\"customer\":"}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ada\"}"}}]},"finish_reason":"tool_calls"}]}""",
            "data: [DONE]",
        ]);
        _server.RespondStream(["""data: {"choices":[{"index":0,"delta":{"content":"Order"}}]}"""]);   // Cut: no finish.
        ToolRunner runner = Runner(maxRetries: 0);

        var updates = new List<ToolRunUpdate>();
        var error = Assert.ThrowsAsync<ToolRunException>(async () => { await foreach (ToolRunUpdate update in runner.RunStreamingAsync("Find ada's order")) updates.Add(update); })!;

        Assert.That(error.InnerException!.Message, Does.Contain("ended before the response was complete"));
        Assert.That(updates.Select(u => u.Kind), Does.Contain(ToolRunUpdateKind.ToolCallCompleted));
        Assert.That(error.PartialResult.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool }));

        _server.RespondStream([
            """data: {"choices":[{"index":0,"delta":{"content":"Order 42."},"finish_reason":"stop"}]}""",
            "data: [DONE]",
        ]);
        var resumed = new StringBuilder();
        await foreach (ToolRunUpdate update in runner.RunStreamingAsync(error.PartialResult.Messages))
        {
            if (update.Kind == ToolRunUpdateKind.TextDelta) resumed.Append(update.TextDelta);
        }
        Assert.That(resumed.ToString(), Is.EqualTo("Order 42."));
        Assert.That(_tools.Log.Count(l => l.StartsWith("get_order_id", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void AMalformedStreamEventIsAnError()
    {
        _server.RespondStream(["data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]", "data: [DONE]"]);

        var error = Assert.ThrowsAsync<ToolRunException>(async () => { await foreach (ToolRunUpdate _ in Runner(maxRetries: 0).RunStreamingAsync("x")) { } })!;

        Assert.That(error.InnerException!.Message, Does.StartWith("The openai stream sent an event that could not be read"));
    }

    [Test]
    public void AStreamThatFallsSilentTimesOut()
    {
        _server.RespondWith(async (response, cancellationToken) =>
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"), cancellationToken);
            await response.OutputStream.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        });

        var error = Assert.ThrowsAsync<ToolRunException>(async () => { await foreach (ToolRunUpdate _ in Runner(maxRetries: 0, timeoutSeconds: 0.5).RunStreamingAsync("x")) { } })!;

        Assert.That(error.InnerException!.Message, Is.EqualTo("The openai stream sent nothing for 0.5 seconds."));
    }

    [Test]
    public async Task InvalidToolCallJsonFromTheModelIsAnErrorItCanFix()
    {
        _server.Respond(200, ToolCallBody("ship_order", """{"orderId": 4"""))
            .Respond(200, ToolCallBody("ship_order", """{"orderId":"forty-two"}""", "call_2"))
            .Respond(200, ToolCallBody("ship_order", """{"orderId":42}""", "call_3"))
            .Respond(200, TextBody("Shipped."));

        ToolRunResult result = await Runner().RunAsync("Ship order 42");

        Assert.That(result.Text, Is.EqualTo("Shipped."));
        Assert.That(result.ToolCalls.Select(c => c.Result.Kind), Is.EqualTo(new[] { ToolResultKind.InvalidArguments, ToolResultKind.InvalidArguments, ToolResultKind.Success }));
        Assert.That(result.ToolCalls[0].Result.Content, Does.StartWith("Invalid arguments for ship_order: $: the arguments are not valid JSON"));
        Assert.That(result.ToolCalls[1].Result.Content, Does.Contain("$.orderId: expected an integer"));
        Assert.That(_tools.Log, Is.EqualTo(new[] { "ship_order 42" }), "only the valid call ran");
        Assert.That(_server.Requests[1].Body, Does.Contain("the arguments are not valid JSON"), "the model was shown its error");
    }

    [Test]
    public async Task ASlowConsumerIsNotMistakenForASilentStream()
    {
        _server.RespondStream([
            """data: {"choices":[{"index":0,"delta":{"content":"One, "}}]}""",
            """data: {"choices":[{"index":0,"delta":{"content":"two."},"finish_reason":"stop"}]}""",
            "data: [DONE]",
        ]);
        var text = new StringBuilder();

        await foreach (ToolRunUpdate update in Runner(maxRetries: 0, timeoutSeconds: 0.3).RunStreamingAsync("count"))
        {
            if (update.Kind != ToolRunUpdateKind.TextDelta) continue;
            text.Append(update.TextDelta);
            await Task.Delay(600);   // Longer than the timeout, spent by the consumer, not the server.
        }

        Assert.That(text.ToString(), Is.EqualTo("One, two."));
    }

    [Test]
    public void AnErrorBodyThatStallsStillEndsInTime()
    {
        _server.RespondWith(async (response, cancellationToken) =>
        {
            response.StatusCode = 503;
            response.SendChunked = true;
            await response.OutputStream.WriteAsync("{\"error\":"u8.ToArray(), cancellationToken);
            await response.OutputStream.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<ToolRunException>(() => Runner(maxRetries: 0, timeoutSeconds: 0.5).RunAsync("hi"))!;

        Assert.That(((ChatModelException)error.InnerException!).StatusCode, Is.EqualTo(503));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
    }
}
