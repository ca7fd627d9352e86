using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Hosting;

/// <summary>
/// Registers ToolGen's tools, model and runner options on a service collection; returned by
/// <see cref="ToolGenServiceCollectionExtensions.AddToolGen(IServiceCollection)"/>. Every registration is checked when
/// it is made (a tool name registered twice) or when the host starts (the model's settings, the runner's limits).
/// </summary>
public sealed class ToolGenBuilder
{
    private readonly ToolRegistry _registry;

    internal ToolGenBuilder(IServiceCollection services, ToolRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>The service collection ToolGen registers on.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds the tools of <typeparamref name="T"/> (<see cref="IServiceToolProvider.ToolsFromServices"/>): each call of an
    /// instance tool creates a <typeparamref name="T"/> from the call's services — the scope of the injected
    /// <see cref="ToolRunner"/> — without reflection. Adding the same type again does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">A tool of <typeparamref name="T"/> has the name of a tool already added; the message names both.</exception>
    public ToolGenBuilder AddTools<T>() where T : IServiceToolProvider
    {
        _registry.Add(typeof(T), $"AddTools<{typeof(T).Name}>()", T.ToolsFromServices);
        return this;
    }

    /// <summary>Adds a set of tools, for example a static class's generated <c>WeatherTools.Tools</c>. Adding the same set again does nothing.</summary>
    /// <exception cref="InvalidOperationException">A tool has the name of a tool already added; the message names both.</exception>
    public ToolGenBuilder AddTools(ToolSet tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _registry.Add(tools, $"AddTools({tools})", tools);
        return this;
    }

    /// <summary>Uses <paramref name="model"/> (a singleton: it must be thread-safe, as ToolGen's providers are) as the <see cref="IChatModel"/>.</summary>
    public ToolGenBuilder AddChatModel(IChatModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Services.RemoveAll<IChatModel>();
        Services.AddSingleton(model);
        return this;
    }

    /// <summary>Uses the model <paramref name="factory"/> creates, once, from the root services, as the <see cref="IChatModel"/>.</summary>
    public ToolGenBuilder AddChatModel(Func<IServiceProvider, IChatModel> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IChatModel>();
        Services.AddSingleton(factory);
        return this;
    }

    /// <summary>
    /// Creates the <see cref="IChatModel"/> from the section <paramref name="sectionPath"/> of the host's
    /// <see cref="IConfiguration"/> (appsettings, user secrets, environment variables such as <c>ToolGen__ApiKey</c>…),
    /// read into <see cref="ToolGenModelOptions"/> and validated when the host starts; see docs/hosting.md for the keys.
    /// </summary>
    public ToolGenBuilder AddChatModelFromConfiguration(string sectionPath = ToolGenModelOptions.DefaultSectionName) =>
        AddChatModelFromHostConfiguration(sectionPath, whenNotConfigured: null);

    /// <summary>
    /// Like <see cref="AddChatModelFromConfiguration(string)"/>, but while the section sets no <c>Provider</c> the model
    /// <paramref name="whenNotConfigured"/> creates is used instead (for example an offline <c>RuleChatModel</c>) and the
    /// section is not validated: an app that runs offline by default and talks to a real provider once configured.
    /// </summary>
    public ToolGenBuilder AddChatModelFromConfiguration(Func<IServiceProvider, IChatModel> whenNotConfigured, string sectionPath = ToolGenModelOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(whenNotConfigured);
        return AddChatModelFromHostConfiguration(sectionPath, whenNotConfigured);
    }

    private ToolGenBuilder AddChatModelFromHostConfiguration(string sectionPath, Func<IServiceProvider, IChatModel>? whenNotConfigured)
    {
        ArgumentException.ThrowIfNullOrEmpty(sectionPath);
        return AddModelOptions(whenNotConfigured, builder => builder.Configure<IServiceProvider>((options, services) =>
        {
            IConfiguration configuration = services.GetService<IConfiguration>() ?? throw new InvalidOperationException(
                "AddChatModelFromConfiguration() reads the host's IConfiguration, and none is registered. Use a host (Host.CreateApplicationBuilder, " +
                "WebApplication.CreateBuilder), register an IConfiguration, or pass one: AddChatModelFromConfiguration(configuration).");
            options.ReadFrom(configuration.GetSection(sectionPath), configuration);
        }));
    }

    /// <summary>Creates the <see cref="IChatModel"/> from the section <paramref name="sectionPath"/> of <paramref name="configuration"/>; see <see cref="AddChatModelFromConfiguration(string)"/>.</summary>
    public ToolGenBuilder AddChatModelFromConfiguration(IConfiguration configuration, string sectionPath = ToolGenModelOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(sectionPath);
        return AddModelOptions(null, builder => builder.Configure(options => options.ReadFrom(configuration.GetSection(sectionPath), configuration)));
    }

    /// <summary>Changes the options of the injected runners (<see cref="ToolGenOptions.Runner"/>), for example <c>o =&gt; o with { MaxRounds = 5 }</c>.</summary>
    public ToolGenBuilder ConfigureRunner(Func<ToolRunnerOptions, ToolRunnerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<ToolGenOptions>(options => options.Runner = configure(options.Runner) ?? throw new InvalidOperationException("ConfigureRunner returned no options."));
        return this;
    }

    /// <summary>Changes <see cref="ToolGenOptions"/>: the runners' options and what is logged.</summary>
    public ToolGenBuilder Configure(Action<ToolGenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    private ToolGenBuilder AddModelOptions(Func<IServiceProvider, IChatModel>? whenNotConfigured, Action<OptionsBuilder<ToolGenModelOptions>> configure)
    {
        OptionsBuilder<ToolGenModelOptions> builder = Services.AddOptions<ToolGenModelOptions>();
        configure(builder);
        builder.Configure(options => options.NotConfiguredAllowed = whenNotConfigured is not null);
        builder.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ToolGenModelOptions>>(ModelOptionsValidator.Instance));
        return AddChatModel(services =>
        {
            ToolGenModelOptions options = services.GetRequiredService<IOptions<ToolGenModelOptions>>().Value;
            return whenNotConfigured is not null && !options.IsConfigured
                ? whenNotConfigured(services) ?? throw new InvalidOperationException("The model factory for an unconfigured section returned null.")
                : options.CreateModel();
        });
    }
}

/// <summary>Reports every problem of the model settings when the host starts (or the model is first resolved).</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ToolGenModelOptions>
{
    public static ModelOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, ToolGenModelOptions options)
    {
        if (options.NotConfiguredAllowed && !options.IsConfigured) return ValidateOptionsResult.Success;
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Checks the injected runners' limits when the host starts, with the runner's own messages.</summary>
internal sealed class RunnerOptionsValidator : IValidateOptions<ToolGenOptions>
{
    public static RunnerOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, ToolGenOptions options)
    {
        if (options.Runner is null) return ValidateOptionsResult.Fail("ToolGenOptions.Runner is null.");
        try
        {
            _ = new ToolLoop(ToolSet.Empty, options.Runner);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail("ToolGenOptions.Runner: " + FirstSentence(exception.Message));
        }
    }

    // ArgumentException appends " (Parameter 'options')" to its message.
    private static string FirstSentence(string message) =>
        message.IndexOf(" (Parameter", StringComparison.Ordinal) is int at and >= 0 ? message[..at] : message;
}
