using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ToolGen;
using ToolGen.Chat;
using ToolGen.Hosting;
using ToolGen.Running;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ToolGen in a host: <c>services.AddToolGen().AddTools&lt;OrderTools&gt;().AddChatModelFromConfiguration()</c>.</summary>
public static class ToolGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers ToolGen: the combined <see cref="ToolSet"/> of every <c>AddTools</c> (a singleton), a scoped
    /// <see cref="ToolRunner"/> over the registered <see cref="IChatModel"/> whose tools take their services from the
    /// scope (each request's, in ASP.NET Core), <see cref="ToolGenOptions"/> validated at startup, and logging of tool and
    /// model calls through <see cref="ILogger{ToolRunner}"/>. Calling it again returns a builder over the same registrations.
    /// </summary>
    public static ToolGenBuilder AddToolGen(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ToolRegistry? registry = null;
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ToolRegistry) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is ToolRegistry existing)
            {
                registry = existing;
                break;
            }
        }
        if (registry is null)
        {
            registry = new ToolRegistry();
            services.AddSingleton(registry);
            services.AddOptions<ToolGenOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ToolGenOptions>>(RunnerOptionsValidator.Instance));
            services.TryAddSingleton(static services => services.GetRequiredService<ToolRegistry>().Tools);
            services.TryAddSingleton(static services => new HostedRunnerSetup(services));
            services.TryAddScoped(static services => services.GetRequiredService<HostedRunnerSetup>().CreateRunner(services));
        }
        return new ToolGenBuilder(services, registry);
    }
}
