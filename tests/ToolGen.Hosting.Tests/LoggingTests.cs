using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

public sealed class LoggingTests
{
    private static async Task<(TestLoggerProvider Logs, ToolRunResult Run)> RunAsync(string prompt, Action<ToolGenOptions>? configure = null, bool registerCounter = true, bool streaming = false)
    {
        var logs = new TestLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (registerCounter) services.AddScoped<RequestCounter>();
        var model = new RuleChatModel();
        model.When(request => Said(request, "weather"), _ => model.CallTool("get_weather", """{"city":"Secret City"}""") with { Usage = new ChatUsage(100, 10) })
            .When(request => Said(request, "count"), _ => model.CallTool("count") with { Usage = new ChatUsage(100, 10) })
            .When(request => RuleChatModel.LastMessage(request) is { Role: ChatRole.Tool }, _ => model.Text("Done.", new ChatUsage(120, 30)));
        ToolGenBuilder toolgen = services.AddToolGen().AddTools(WeatherTools.Tools).AddTools<CounterTools>().AddChatModel(model);
        if (configure is not null) toolgen.Configure(configure);
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();
        ToolRunner runner = scope.ServiceProvider.GetRequiredService<ToolRunner>();
        ToolRunResult? run = null;
        if (streaming)
        {
            await foreach (ToolRunUpdate update in runner.RunStreamingAsync(prompt))
            {
                if (update.Kind == ToolRunUpdateKind.Completed) run = update.Result;
            }
        }
        else
        {
            run = await runner.RunAsync(prompt);
        }
        return (logs, run!);
    }

    private static bool Said(ChatRequest request, string text) =>
        RuleChatModel.LastMessage(request) is { Role: ChatRole.User, Text: { } said } && said.Contains(text, StringComparison.OrdinalIgnoreCase);

    [Test]
    public async Task Tool_and_model_calls_are_logged_without_argument_values()
    {
        (TestLoggerProvider logs, ToolRunResult run) = await RunAsync("What is the weather?");

        Assert.That(run.Text, Is.EqualTo("Done."));
        LogEntry started = logs.Named("ToolCallStarted").Single();
        Assert.That(started.Level, Is.EqualTo(LogLevel.Debug));
        Assert.That(started.Category, Is.EqualTo("ToolGen.Running.ToolRunner"));
        Assert.That(started.Message, Does.Match(@"^Tool call get_weather \(rule_call_\d+\) started in round 1\.$"));

        LogEntry finished = logs.Named("ToolCallFinished").Single();
        Assert.That(finished.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(finished["ToolName"], Is.EqualTo("get_weather"));
        Assert.That(finished["ResultKind"], Is.EqualTo(ToolResultKind.Success));
        Assert.That(finished["DurationMs"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0.0));
        Assert.That(finished.Message, Does.Match(@"^Tool call get_weather \(rule_call_\d+\) finished: Success in [\d.]+ ms\.$"));

        LogEntry[] modelCalls = logs.Named("ModelCallFinished").ToArray();
        Assert.That(modelCalls, Has.Length.EqualTo(2));
        Assert.That(modelCalls[0].Message, Does.Match(@"^Model call to custom rules finished: ToolCalls in [\d.]+ ms, 100 input and 10 output tokens\.$"));
        Assert.That(modelCalls[1]["InputTokens"], Is.EqualTo(120L));
        Assert.That(modelCalls[1]["OutputTokens"], Is.EqualTo(30L));
        Assert.That(modelCalls[1]["FinishReason"], Is.EqualTo(ChatFinishReason.Stop));

        Assert.That(logs.Entries.Where(e => e.Message.Contains("Secret City", StringComparison.Ordinal)), Is.Empty, "no argument values by default");
        Assert.That(logs.Entries.Where(e => e.Message.Contains("Sunny", StringComparison.Ordinal)), Is.Empty, "no result content by default");
    }

    [Test]
    public async Task Arguments_and_results_are_logged_when_enabled()
    {
        (TestLoggerProvider logs, _) = await RunAsync("What is the weather?", options => { options.LogArguments = true; options.LogResults = true; });

        LogEntry started = logs.Named("ToolCallStartedWithArguments").Single();
        Assert.That(started["Arguments"], Is.EqualTo("""{"city":"Secret City"}"""));
        Assert.That(started.Message, Does.EndWith("""started in round 1 with arguments {"city":"Secret City"}."""));
        LogEntry finished = logs.Named("ToolCallFinishedWithResult").Single();
        Assert.That(finished["Result"], Is.EqualTo("Sunny, 21 °C in Secret City."));
        Assert.That(logs.Named("ToolCallStarted"), Is.Empty);
        Assert.That(logs.Named("ToolCallFinished"), Is.Empty);
    }

    [Test]
    public async Task A_missing_required_service_is_a_failed_result_logged_as_a_warning_with_its_message()
    {
        (TestLoggerProvider logs, ToolRunResult run) = await RunAsync("Please count.", registerCounter: false);

        Assert.That(run.ToolCalls.Single().Result.Kind, Is.EqualTo(ToolResultKind.Failed));
        LogEntry failed = logs.Named("ToolCallFailed").Single();
        Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(failed["Message"], Is.EqualTo("Tool count cannot run: the service ToolGen.Hosting.Tests.RequestCounter is not registered."));
        Assert.That(failed.Message, Does.Match(@"^Tool call count \(rule_call_\d+\) failed: Failed in [\d.]+ ms: Tool count cannot run: the service ToolGen\.Hosting\.Tests\.RequestCounter is not registered\.$"));
    }

    [Test]
    public async Task Streaming_runs_log_model_calls_too()
    {
        (TestLoggerProvider logs, ToolRunResult run) = await RunAsync("What is the weather?", streaming: true);

        Assert.That(run.Text, Is.EqualTo("Done."));
        Assert.That(logs.Named("ModelCallFinished").Select(e => e["InputTokens"]), Is.EqualTo(new object[] { 100L, 120L }));
        Assert.That(logs.Named("ToolCallFinished").Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_model_is_logged_as_a_warning()
    {
        var logs = new TestLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddToolGen().AddChatModel(new RuleChatModel(_ => throw new TimeoutException("The provider did not answer.")));
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        Assert.ThrowsAsync<ToolRunException>(() => scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync("hi"));

        LogEntry failed = logs.Named("ModelCallFailed").Single();
        Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(failed.Exception, Is.TypeOf<TimeoutException>());
        Assert.That(failed.Message, Does.Match(@"^Model call to custom failed after [\d.]+ ms\.$"));
    }

    [Test]
    public async Task A_model_call_without_usage_says_so()
    {
        var logs = new TestLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddToolGen().AddChatModel(new RuleChatModel().Otherwise("Hello."));
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync("hi");

        LogEntry finished = logs.Named("ModelCallFinishedWithoutUsage").Single();
        Assert.That(finished.EventId.Id, Is.EqualTo(8));
        Assert.That(finished.Message, Does.Match(@"^Model call to custom rules finished: Stop in [\d.]+ ms; no token counts were reported\.$"));
    }
}
