using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ToolGen.Tests.Providers;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;

namespace ToolGen.Tests.Hardening;

/// <summary>
/// API keys never show up in exceptions or telemetry, even when a provider quotes them back, and travel only in headers.
/// Exception details stay out of what the model reads unless enabled, and stack traces always do.
/// </summary>
public sealed class SecretTests
{
    private const string Key = "sk-live-SECRET-0123456789abcdef";
    private const string HeaderSecret = "org-secret-98765";

    private LoopbackServer _server = null!;
    private ActivityListener _listener = null!;
    private readonly ConcurrentQueue<string> _telemetry = new();

    [SetUp]
    public void Start()
    {
        _server = new LoopbackServer();
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,   // ToolGen's source and HttpClient's own.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _telemetry.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [TearDown]
    public async Task Stop()
    {
        _listener.Dispose();
        await _server.DisposeAsync();
    }

    private IChatModel Model(string provider)
    {
        var headers = new System.Collections.Generic.Dictionary<string, string> { ["OpenAI-Organization"] = HeaderSecret };
        return provider switch
        {
            "openai" => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", ApiKey = Key, Headers = headers, BaseUrl = _server.BaseUrl, MaxRetries = 0 }),
            "responses" => new OpenAIResponsesModel(new OpenAIChatModelOptions { Model = "m", ApiKey = Key, Headers = headers, BaseUrl = _server.BaseUrl, MaxRetries = 0 }),
            "anthropic" => new AnthropicModel(new AnthropicModelOptions { Model = "m", ApiKey = Key, Headers = headers, BaseUrl = _server.BaseUrl, MaxRetries = 0 }),
            _ => new GeminiModel(new GeminiModelOptions { Model = "m", ApiKey = Key, Headers = headers, BaseUrl = _server.BaseUrl, MaxRetries = 0 }),
        };
    }

    private static readonly string[] s_providers = ["openai", "responses", "anthropic", "gemini"];

    [TestCaseSource(nameof(s_providers))]
    public void AnEchoedKeyIsRedactedFromTheErrorAndNeverInTheUrlOrTelemetry(string provider)
    {
        _server.Respond(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}} (organization {{{HeaderSecret}}})."}}""");

        var error = Assert.ThrowsAsync<ToolRunException>(() => new ToolRunner(Model(provider), new RunnerTools().Tools).RunAsync("hi"))!;

        string everything = error + "\n" + string.Join("\n", _telemetry);
        Assert.That(everything, Does.Not.Contain(Key).And.Not.Contain(HeaderSecret));
        Assert.That(((ChatModelException)error.InnerException!).ProviderMessage, Is.EqualTo("Incorrect API key provided: [redacted] (organization [redacted])."));
        RecordedRequest request = _server.Requests.Single();
        Assert.That(request.Path + request.Query, Does.Not.Contain(Key), "the key is never in the URL");
        Assert.That(request.Headers.Values, Has.Some.Contains(Key), "the key travels in a header");
        Assert.That(_telemetry, Is.Not.Empty, "the listener saw the run");
    }

    [Test]
    public void AKeyAtTheCutOfALongPlainErrorBodyLeavesNoPrefix()
    {
        _server.Respond(401, new string('x', 290) + " key " + Key + " rejected");   // Not JSON: quoted up to 300 characters.

        var error = Assert.ThrowsAsync<ToolRunException>(() => new ToolRunner(Model("openai"), new RunnerTools().Tools).RunAsync("hi"))!;

        Assert.That(error.ToString(), Does.Not.Contain(Key[..8]));
    }

    [Test]
    public void AKeyQuotedInAStreamErrorEventIsRedacted()
    {
        _server.RespondStream([$$$"""event: error{{{"\n"}}}data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded for key {{{Key}}}"}}"""]);

        var error = Assert.ThrowsAsync<ToolRunException>(async () =>
        {
            await foreach (ToolRunUpdate _ in new ToolRunner(Model("anthropic"), new RunnerTools().Tools).RunStreamingAsync("hi")) { }
        })!;

        Assert.That(error.ToString(), Does.Not.Contain(Key));
        Assert.That(error.InnerException!.Message, Does.Contain("Overloaded for key [redacted]"));
    }

    [Test]
    public async Task ExceptionDetailsReachTheModelOnlyWhenEnabledAndStackTracesNever()
    {
        var hidden = await new ToolRunner(new ToolGen.Testing.ScriptedChatModel().CallTool("fail").Reply("ok"), new RunnerTools().Tools).RunAsync("x");
        var shown = await new ToolRunner(new ToolGen.Testing.ScriptedChatModel().CallTool("fail").Reply("ok"), new RunnerTools().Tools,
            new ToolRunnerOptions { IncludeExceptionDetails = true }).RunAsync("x");

        string hiddenText = hidden.Messages.Single(m => m.Role == ChatRole.Tool).Text!;
        string shownText = shown.Messages.Single(m => m.Role == ChatRole.Tool).Text!;
        Assert.That(hiddenText, Does.Not.Contain("hunter2").And.Not.Contain("InvalidOperationException"));
        Assert.That(shownText, Does.Contain("hunter2"));
        Assert.That(hiddenText + shownText, Does.Not.Contain(" at ").And.Not.Contain(".cs:line"), "no stack trace");
        Assert.That(hidden.ToolCalls.Single().Result.Exception, Is.TypeOf<InvalidOperationException>(), "the application keeps the exception");
    }

    [Test]
    public async Task ACallOutsideNoneOrAnAllowedSetIsRefusedEvenIfTheModelMakesIt()
    {
        var tools = new RunnerTools();
        var none = await new ToolRunner(new ToolGen.Testing.ScriptedChatModel().CallTool("ship_order", """{"orderId":1}""").Reply("ok"), tools.Tools,
            new ToolRunnerOptions { ToolChoice = ToolChoice.None }).RunAsync("x");
        var allowed = await new ToolRunner(new ToolGen.Testing.ScriptedChatModel().CallTool("delete_account", """{"user":"ada"}""").Reply("ok"), tools.Tools,
            new ToolRunnerOptions { ToolChoice = ToolChoice.Allowed(["get_order_id"]), ApproveAsync = (_, _) => ValueTask.FromResult(true) }).RunAsync("x");

        Assert.That(none.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.Denied));
        Assert.That(allowed.ToolCalls.Single().Result.Content, Does.StartWith("Tool delete_account is not allowed in this request (allowed: get_order_id)."));
        Assert.That(tools.Log, Is.Empty, "neither tool ran, even with an approver that says yes");
    }

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder().Append(activity.Source.Name).Append(' ').Append(activity.DisplayName).Append(' ').Append(activity.StatusDescription);
        foreach (var tag in activity.TagObjects) text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        foreach (ActivityEvent e in activity.Events)
        {
            text.Append(' ').Append(e.Name);
            foreach (var tag in e.Tags) text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }
        return text.ToString();
    }
}
