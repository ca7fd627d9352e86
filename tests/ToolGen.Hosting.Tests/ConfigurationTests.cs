using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Hosting.Tests;

public sealed class ConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach ((string key, string? value) in values) pairs.Add(new(key, value));
        return new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
    }

    private static (IChatModel Model, ChatModelOptions Options) Resolve(IConfiguration configuration, string section = "ToolGen")
    {
        var services = new ServiceCollection();
        services.AddToolGen().AddChatModelFromConfiguration(configuration, section);
        using ServiceProvider provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IChatModel>(), provider.GetRequiredService<IOptions<ToolGenModelOptions>>().Value.ToChatModelOptions());
    }

    [Test]
    public void Openai_with_every_setting()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(
            ("ToolGen:Provider", "OpenAI"), ("ToolGen:Model", "gpt-4.1-mini"), ("ToolGen:ApiKey", "sk-test"),
            ("ToolGen:BaseUrl", "https://example.test/v1/"), ("ToolGen:Timeout", "30"), ("ToolGen:MaxRetries", "5"),
            ("ToolGen:MaxOutputTokens", "1000"), ("ToolGen:Temperature", "0.2"), ("ToolGen:Strict", "true"), ("ToolGen:UserAgentSuffix", "tests/1.0")));

        Assert.That(model, Is.TypeOf<OpenAIChatModel>());
        var openai = (OpenAIChatModelOptions)options;
        Assert.Multiple(() =>
        {
            Assert.That(openai.Model, Is.EqualTo("gpt-4.1-mini"));
            Assert.That(openai.ApiKey, Is.EqualTo("sk-test"));
            Assert.That(openai.BaseUrl, Is.EqualTo(new Uri("https://example.test/v1/")));
            Assert.That(openai.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(openai.MaxRetries, Is.EqualTo(5));
            Assert.That(openai.MaxOutputTokens, Is.EqualTo(1000));
            Assert.That(openai.Temperature, Is.EqualTo(0.2));
            Assert.That(openai.Strict, Is.True);
            Assert.That(openai.UserAgentSuffix, Is.EqualTo("tests/1.0"));
            Assert.That(openai.SupportsAllowedTools, Is.True);
        });
    }

    [Test]
    public void Openai_defaults_stay_the_providers()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(("ToolGen:Provider", "openai"), ("ToolGen:Model", "gpt-4.1"), ("ToolGen:ApiKey", "sk-test")));

        var defaults = new OpenAIChatModelOptions { Model = "gpt-4.1", ApiKey = "sk-test" };
        Assert.That(model, Is.TypeOf<OpenAIChatModel>());
        Assert.That(options, Is.EqualTo(defaults));
    }

    [Test]
    public void Openai_responses()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(
            ("ToolGen:Provider", "openai-responses"), ("ToolGen:Model", "gpt-5"), ("ToolGen:ApiKey", "sk-test"), ("ToolGen:Timeout", "00:02:00")));

        Assert.That(model, Is.TypeOf<OpenAIResponsesModel>());
        Assert.That(options, Is.EqualTo(new OpenAIResponsesModelOptions { Model = "gpt-5", ApiKey = "sk-test", Timeout = TimeSpan.FromMinutes(2) }));
    }

    [Test]
    public void Anthropic_with_its_key_from_the_root_variable()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(
            ("ToolGen:Provider", "anthropic"), ("ToolGen:Model", "claude-sonnet-4-5"), ("ToolGen:MaxOutputTokens", "2048"), ("ANTHROPIC_API_KEY", "sk-ant")));

        Assert.That(model, Is.TypeOf<AnthropicModel>());
        Assert.That(options, Is.EqualTo(new AnthropicModelOptions { Model = "claude-sonnet-4-5", ApiKey = "sk-ant", MaxOutputTokens = 2048 }));
    }

    [Test]
    public void Gemini_from_another_section()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(
            ("Ai:Chat:Provider", "gemini"), ("Ai:Chat:Model", "gemini-2.5-flash"), ("Ai:Chat:ApiKey", "g-key"), ("Ai:Chat:MaxRetries", "0")), "Ai:Chat");

        Assert.That(model, Is.TypeOf<GeminiModel>());
        Assert.That(options, Is.EqualTo(new GeminiModelOptions { Model = "gemini-2.5-flash", ApiKey = "g-key", MaxRetries = 0 }));
    }

    [Test]
    public void Openai_compatible_needs_no_key_and_offers_only_allowed_tools()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(
            ("ToolGen:Provider", "openai-compatible"), ("ToolGen:Model", "qwen3"), ("ToolGen:BaseUrl", "http://localhost:8000/v1")));

        Assert.That(model, Is.TypeOf<OpenAIChatModel>());
        Assert.That(options, Is.EqualTo(new OpenAIChatModelOptions { Model = "qwen3", BaseUrl = new Uri("http://localhost:8000/v1"), SupportsAllowedTools = false }));
    }

    [Test]
    public void Ollama_defaults_to_the_local_server()
    {
        (IChatModel model, ChatModelOptions options) = Resolve(Configuration(("ToolGen:Provider", "ollama"), ("ToolGen:Model", "qwen3")));

        Assert.That(model, Is.TypeOf<OpenAIChatModel>());
        Assert.That(options, Is.EqualTo(new OpenAIChatModelOptions { Model = "qwen3", BaseUrl = new Uri("http://localhost:11434/v1/"), SupportsAllowedTools = false }));
    }

    [Test]
    public async Task The_key_comes_from_environment_variables_through_the_hosts_configuration()
    {
        Environment.SetEnvironmentVariable("TGHOSTINGTEST_ToolGen__ApiKey", "sk-from-env");
        try
        {
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection([new("ToolGen:Provider", "openai"), new("ToolGen:Model", "gpt-4.1-mini")]);
            builder.Configuration.AddEnvironmentVariables("TGHOSTINGTEST_");
            builder.Services.AddToolGen().AddChatModelFromConfiguration();
            using IHost host = builder.Build();
            await host.StartAsync();

            var options = (OpenAIChatModelOptions)host.Services.GetRequiredService<IOptions<ToolGenModelOptions>>().Value.ToChatModelOptions();
            Assert.That(options.ApiKey, Is.EqualTo("sk-from-env"));
            Assert.That(host.Services.GetRequiredService<IChatModel>(), Is.TypeOf<OpenAIChatModel>());
            await host.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TGHOSTINGTEST_ToolGen__ApiKey", null);
        }
    }

    private static OptionsValidationException StartFails(params (string Key, string? Value)[] values)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Array.ConvertAll(values, v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddToolGen().AddChatModelFromConfiguration();
        using IHost host = builder.Build();
        return Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
    }

    [Test]
    public void Startup_fails_on_a_missing_model_and_key()
    {
        OptionsValidationException error = StartFails(("ToolGen:Provider", "anthropic"));

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "ToolGen:Model is not set. Set it to the model name the provider knows, for example \"claude-sonnet-4-5\".",
            "ToolGen:ApiKey is not set; the anthropic provider needs an API key. Set it with user secrets (dotnet user-secrets set \"ToolGen:ApiKey\" \"<key>\"), " +
            "the environment variable ToolGen__ApiKey or ANTHROPIC_API_KEY, or configuration.",
        }));
    }

    [Test]
    public void Startup_fails_without_a_section()
    {
        OptionsValidationException error = StartFails();

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "ToolGen:Provider is not set. Set it to one of: openai, openai-responses, anthropic, gemini, openai-compatible, ollama.",
            "ToolGen:Model is not set. Set it to the model name the provider knows, for example \"gpt-4.1-mini\".",
        }));
    }

    [Test]
    public void Startup_fails_on_an_unknown_provider()
    {
        OptionsValidationException error = StartFails(("ToolGen:Provider", "mistral"), ("ToolGen:Model", "large"));

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "ToolGen:Provider is \"mistral\", which is not a known provider. Use one of: openai, openai-responses, anthropic, gemini, openai-compatible, ollama.",
        }));
    }

    [Test]
    public void Startup_fails_on_a_bad_url_and_unreadable_numbers()
    {
        OptionsValidationException error = StartFails(
            ("ToolGen:Provider", "openai-compatible"), ("ToolGen:Model", "qwen3"), ("ToolGen:BaseUrl", "localhost:8000"),
            ("ToolGen:Timeout", "soon"), ("ToolGen:MaxRetries", "many"), ("ToolGen:Temperature", "0,2"), ("ToolGen:Strict", "yes"));

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "ToolGen:Timeout is \"soon\", which is not a duration: use seconds (\"30\") or hh:mm:ss (\"00:00:30\").",
            "ToolGen:MaxRetries is \"many\", which is not a whole number.",
            "ToolGen:Temperature is \"0,2\", which is not a number (use a dot for decimals: \"0.2\").",
            "ToolGen:Strict is \"yes\", which is not true or false.",
            "ToolGen:BaseUrl is \"localhost:8000\", which is not an absolute http or https URL (for example \"http://localhost:11434/v1/\").",
        }));
    }

    [Test]
    public void Startup_fails_on_out_of_range_numbers_and_a_compatible_server_without_url()
    {
        OptionsValidationException error = StartFails(
            ("ToolGen:Provider", "openai-compatible"), ("ToolGen:Model", "qwen3"), ("ToolGen:Timeout", "0"), ("ToolGen:MaxRetries", "-1"), ("ToolGen:MaxOutputTokens", "0"));

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "ToolGen:BaseUrl is not set; the openai-compatible provider needs the server's API root, for example \"http://localhost:11434/v1/\".",
            "ToolGen:Timeout must be positive.",
            "ToolGen:MaxRetries is -1; it cannot be negative.",
            "ToolGen:MaxOutputTokens is 0; it must be at least 1.",
        }));
    }

    [Test]
    public void Without_a_host_the_first_resolution_reports_the_same_problems()
    {
        var services = new ServiceCollection();
        services.AddToolGen().AddChatModelFromConfiguration(Configuration(("ToolGen:Provider", "gemini"), ("ToolGen:Model", "gemini-2.5-flash")));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IChatModel>());

        Assert.That(error!.Message, Does.StartWith("ToolGen:ApiKey is not set; the gemini provider needs an API key."));
    }

    [Test]
    public void A_section_read_from_the_services_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(("ToolGen:Provider", "openai"), ("ToolGen:Model", "gpt-4.1-mini"), ("OPENAI_API_KEY", "sk-root")));
        services.AddToolGen().AddChatModelFromConfiguration();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IChatModel>(), Is.TypeOf<OpenAIChatModel>());
        Assert.That(provider.GetRequiredService<IOptions<ToolGenModelOptions>>().Value.ApiKey, Is.EqualTo("sk-root"));
    }

    [Test]
    public void Without_a_registered_configuration_the_error_says_what_to_do()
    {
        var services = new ServiceCollection();
        services.AddToolGen().AddChatModelFromConfiguration();
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChatModel>());

        Assert.That(error!.Message, Does.StartWith("AddChatModelFromConfiguration() reads the host's IConfiguration, and none is registered."));
    }

    [Test]
    public async Task An_offline_model_serves_until_a_provider_is_configured()
    {
        var offline = new ToolGen.Testing.RuleChatModel().Otherwise("offline");
        async Task<IChatModel> ModelFor(params KeyValuePair<string, string?>[] settings)
        {
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddToolGen().AddChatModelFromConfiguration(_ => offline);
            using IHost host = builder.Build();
            await host.StartAsync();
            IChatModel model = host.Services.GetRequiredService<IChatModel>();
            await host.StopAsync();
            return model;
        }

        Assert.That(await ModelFor(), Is.SameAs(offline));
        Assert.That(await ModelFor(new KeyValuePair<string, string?>("ToolGen:Model", "ignored until a provider is set")), Is.SameAs(offline));
        Assert.That(await ModelFor(new KeyValuePair<string, string?>("ToolGen:Provider", "ollama"), new KeyValuePair<string, string?>("ToolGen:Model", "qwen3")), Is.TypeOf<OpenAIChatModel>());

        HostApplicationBuilder invalid = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        invalid.Configuration.AddInMemoryCollection([new("ToolGen:Provider", "gemini"), new("ToolGen:Model", "gemini-2.5-flash")]);
        invalid.Services.AddToolGen().AddChatModelFromConfiguration(_ => offline);
        using IHost host = invalid.Build();
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(System.Linq.Enumerable.Single(error!.Failures), Does.StartWith("ToolGen:ApiKey is not set; the gemini provider needs an API key."));
    }
}
