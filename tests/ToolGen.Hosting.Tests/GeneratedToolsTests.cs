using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

/// <summary>AddTools&lt;T&gt;() over the generator's own IServiceToolProvider emission.</summary>
public sealed class GeneratedToolsTests
{
    [Test]
    public async Task Generated_instance_tools_are_created_per_call_from_the_runs_scope()
    {
        var logs = new TestLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton<NoteStore>();
        services.AddScoped<RequestCounter>();
        var model = new RuleChatModel();
        model.WhenUserSays("note", "add_note", """{"text":"hello"}""").WhenToolResult(result => result);
        services.AddToolGen().AddTools<NoteTools>().AddChatModel(model);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        string[] answers = new string[3];
        Guid[] scopes = new Guid[3];
        for (int i = 0; i < 3; i++)
        {
            await using AsyncServiceScope scope = provider.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ToolRunner>();
            answers[i] = (await runner.RunAsync("Take a note")).Text!;
            scopes[i] = scope.ServiceProvider.GetRequiredService<RequestCounter>().Id;
        }

        Assert.That(provider.GetRequiredService<ToolSet>().Select(t => t.Name), Is.EquivalentTo(new[] { "add_note", "count_notes" }));
        for (int i = 0; i < 3; i++) Assert.That(answers[i], Is.EqualTo($"Stored note 1 of scope {scopes[i]}."));
        Assert.That(provider.GetRequiredService<NoteStore>().Notes, Is.EqualTo(new[] { "hello", "hello", "hello" }));
        Assert.That(logs.Named("ToolCallFinished").Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task A_missing_constructor_service_is_a_failed_result_logged_as_a_warning()
    {
        var logs = new TestLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddScoped<RequestCounter>();   // NoteStore is not registered.
        var model = new RuleChatModel();
        model.WhenUserSays("note", "add_note", """{"text":"hello"}""").WhenToolResult(result => result);
        services.AddToolGen().AddTools<NoteTools>().AddChatModel(model);
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        ToolRunResult run = await scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync("Take a note");

        ToolResult result = run.ToolCalls.Single().Result;
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(result.Content, Does.Contain("ToolGen.Hosting.Tests.NoteStore"));
        LogEntry failed = logs.Named("ToolCallFailed").Single();
        Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(failed["Message"], Is.EqualTo(result.Content));
        Console.WriteLine(failed.Message);
    }
}
