using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

public sealed class RegistrationTests
{
    internal static RuleChatModel WeatherModel()
    {
        var model = new RuleChatModel();
        return model
            .WhenUserSays("weather", "get_weather", """{"city":"Paris"}""")
            .WhenUserSays("count twice", "count", "{}")
            .WhenToolResult("count", request => request.Messages.Count(m => m.Role == ChatRole.Tool) < 2
                ? model.CallTool("count")
                : model.Text("Counted twice."))
            .WhenToolResult(result => "Here you go: " + result);
    }

    private static ServiceProvider Build(Action<ToolGenBuilder> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddScoped<RequestCounter>();
        configure(services.AddToolGen());
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Test]
    public async Task A_conversation_runs_through_the_injected_runner()
    {
        await using ServiceProvider provider = Build(toolgen => toolgen.AddTools(WeatherTools.Tools).AddChatModel(WeatherModel()));
        await using AsyncServiceScope scope = provider.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ToolRunner>();

        ToolRunResult run = await runner.RunAsync("What is the weather in Paris?");

        Assert.That(run.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
        Assert.That(run.Text, Is.EqualTo("Here you go: Sunny, 21 °C in Paris."));
        Assert.That(run.ToolCalls.Select(c => c.Call.Name), Is.EqualTo(new[] { "get_weather" }));
    }

    [Test]
    public async Task Tools_get_their_services_from_the_runs_scope()
    {
        await using ServiceProvider provider = Build(toolgen => toolgen.AddTools<CounterTools>().AddChatModel(WeatherModel()));

        (string Scope, int Count)[] first = await CountTwiceAsync(provider);
        (string Scope, int Count)[] second = await CountTwiceAsync(provider);

        Assert.That(first.Select(c => c.Count), Is.EqualTo(new[] { 1, 2 }), "one RequestCounter for the whole run");
        Assert.That(first[1].Scope, Is.EqualTo(first[0].Scope));
        Assert.That(second.Select(c => c.Count), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(second[0].Scope, Is.Not.EqualTo(first[0].Scope), "another scope, another RequestCounter");
    }

    private static async Task<(string Scope, int Count)[]> CountTwiceAsync(IServiceProvider provider)
    {
        await using AsyncServiceScope scope = provider.CreateAsyncScope();
        ToolRunResult run = await scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync("Please count twice.");
        Assert.That(run.Text, Is.EqualTo("Counted twice."));
        Assert.That(scope.ServiceProvider.GetRequiredService<RequestCounter>().Id.ToString(),
            Is.EqualTo(JsonDocument.Parse(run.ToolCalls[0].Result.Content).RootElement.GetProperty("scope").GetString()));
        return run.ToolCalls.Select(c =>
        {
            JsonElement json = JsonDocument.Parse(c.Result.Content).RootElement;
            return (json.GetProperty("scope").GetString()!, json.GetProperty("count").GetInt32());
        }).ToArray();
    }

    [Test]
    public async Task The_runner_is_scoped_and_the_tool_set_a_singleton_holding_every_registration()
    {
        await using ServiceProvider provider = Build(toolgen => toolgen.AddTools(WeatherTools.Tools).AddTools<CounterTools>().AddChatModel(WeatherModel()));
        await using AsyncServiceScope a = provider.CreateAsyncScope();
        await using AsyncServiceScope b = provider.CreateAsyncScope();

        var runnerA = a.ServiceProvider.GetRequiredService<ToolRunner>();
        Assert.That(a.ServiceProvider.GetRequiredService<ToolRunner>(), Is.SameAs(runnerA));
        Assert.That(b.ServiceProvider.GetRequiredService<ToolRunner>(), Is.Not.SameAs(runnerA));
        Assert.That(runnerA.Loop.Options.Services, Is.SameAs(a.ServiceProvider));
        Assert.That(a.ServiceProvider.GetRequiredService<ToolSet>(), Is.SameAs(b.ServiceProvider.GetRequiredService<ToolSet>()));
        Assert.That(runnerA.Tools.Select(t => t.Name), Is.EqualTo(new[] { "get_weather", "count" }));
    }

    [Test]
    public void A_tool_name_registered_twice_fails_at_registration_naming_both()
    {
        ToolGenBuilder toolgen = new ServiceCollection().AddToolGen().AddTools(WeatherTools.Tools);

        var error = Assert.Throws<InvalidOperationException>(() => toolgen.AddTools(OtherWeatherTools.Tools));

        Assert.That(error!.Message, Is.EqualTo(
            "The tool name \"get_weather\" is registered twice: by AddTools(ToolSet(1: get_weather)) (ToolGen.Hosting.Tests.WeatherTools.GetWeather) " +
            "and by AddTools(ToolSet(1: get_weather)) (ToolGen.Hosting.Tests.OtherWeatherTools.Lookup). Tool names must be unique among the tools given " +
            "to AddToolGen(): rename one with [Tool(Name = \"...\")] or register only one of them."));
    }

    [Test]
    public void The_same_registration_twice_is_ignored_and_AddToolGen_twice_shares_the_registrations()
    {
        var services = new ServiceCollection();
        services.AddToolGen().AddTools(WeatherTools.Tools).AddTools<CounterTools>();
        services.AddToolGen().AddTools(WeatherTools.Tools).AddTools<CounterTools>().AddChatModel(WeatherModel());
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ToolSet>().Select(t => t.Name), Is.EqualTo(new[] { "get_weather", "count" }));
        Assert.That(services.Count(d => d.ServiceType == typeof(ToolRunner)), Is.EqualTo(1));
    }

    [Test]
    public void Without_a_model_resolving_the_runner_says_how_to_register_one()
    {
        using ServiceProvider provider = Build(toolgen => toolgen.AddTools(WeatherTools.Tools));
        using IServiceScope scope = provider.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ToolRunner>());

        Assert.That(error!.Message, Does.StartWith("No IChatModel is registered. Call AddChatModelFromConfiguration(), AddChatModel(model) or AddChatModel(factory)"));
    }

    [Test]
    public async Task A_model_factory_and_the_apps_runner_options_are_used()
    {
        var model = WeatherModel();
        int called = 0;
        await using ServiceProvider provider = Build(toolgen => toolgen
            .AddTools(WeatherTools.Tools)
            .AddChatModel(_ => model)
            .ConfigureRunner(options => options with
            {
                MaxRounds = 3,
                OnToolCalled = (_, _, _) => { called++; return ValueTask.CompletedTask; },
            }));
        await using AsyncServiceScope scope = provider.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ToolRunner>();

        ToolRunResult run = await runner.RunAsync("weather?");

        Assert.That(runner.Loop.Options.MaxRounds, Is.EqualTo(3));
        Assert.That(called, Is.EqualTo(1), "the app's hook runs after the logging one");
        Assert.That(model.RequestCount, Is.EqualTo(2));
        Assert.That(run.Text, Does.StartWith("Here you go"));
    }

    [Test]
    public async Task Invalid_runner_limits_fail_when_the_host_starts()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddToolGen().AddChatModel(WeatherModel()).ConfigureRunner(options => options with { MaxConcurrency = 0 });
        using IHost host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures, Is.EqualTo(new[] { "ToolGenOptions.Runner: MaxConcurrency must be at least 1." }));
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_singleton_rule_model_serves_concurrent_conversations()
    {
        await using ServiceProvider provider = Build(toolgen => toolgen.AddTools(WeatherTools.Tools).AddTools<CounterTools>().AddChatModel(WeatherModel()));

        ToolRunResult[] runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using AsyncServiceScope scope = provider.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ToolRunner>().RunAsync(i % 2 == 0 ? "weather?" : "count twice");
        }));

        Assert.That(runs.Select(r => r.Text), Is.All.EqualTo("Here you go: Sunny, 21 °C in Paris.").Or.EqualTo("Counted twice."));
        Assert.That(runs.SelectMany(r => r.ToolCalls).Select(c => c.Call.Id).Distinct().Count(), Is.EqualTo(30), "unique call ids");
    }
}
