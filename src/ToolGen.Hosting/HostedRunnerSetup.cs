using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Hosting;

/// <summary>What every injected runner shares, made once: the logged model, the tools and the options with the logging hooks.</summary>
internal sealed class HostedRunnerSetup
{
    private readonly IChatModel _model;
    private readonly ToolSet _tools;
    private readonly ToolRunnerOptions _options;

    public HostedRunnerSetup(IServiceProvider services)
    {
        IChatModel model = services.GetService<IChatModel>()
            ?? throw new InvalidOperationException("No IChatModel is registered. Call AddChatModelFromConfiguration(), AddChatModel(model) or AddChatModel(factory) on services.AddToolGen(), or register an IChatModel.");
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger<ToolRunner>() ?? NullLogger<ToolRunner>.Instance;
        ToolGenOptions options = services.GetRequiredService<IOptions<ToolGenOptions>>().Value;
        _tools = services.GetRequiredService<ToolSet>();
        _model = new LoggingChatModel(model, logger);
        _options = WithLogging(options.Runner, logger, options.LogArguments, options.LogResults);
    }

    public ToolRunner CreateRunner(IServiceProvider scope) => new(_model, _tools, _options with { Services = scope });

    private static ToolRunnerOptions WithLogging(ToolRunnerOptions options, ILogger logger, bool logArguments, bool logResults)
    {
        Func<ToolCallEvent, CancellationToken, ValueTask>? calling = options.OnToolCalling;
        Func<ToolCallEvent, ToolResult, CancellationToken, ValueTask>? called = options.OnToolCalled;
        return options with
        {
            OnToolCalling = (call, cancellationToken) =>
            {
                if (logArguments) ToolGenLog.ToolCallStartedWithArguments(logger, call.Call.Name, call.Call.Id, call.Round, call.Call.Arguments);
                else ToolGenLog.ToolCallStarted(logger, call.Call.Name, call.Call.Id, call.Round);
                return calling is null ? ValueTask.CompletedTask : calling(call, cancellationToken);
            },
            OnToolCalled = (call, result, cancellationToken) =>
            {
                double duration = call.Elapsed.TotalMilliseconds;
                if (result.Kind is ToolResultKind.Failed or ToolResultKind.TimedOut)
                    ToolGenLog.ToolCallFailed(logger, call.Call.Name, call.Call.Id, result.Kind, duration, result.Content, result.Exception);
                else if (logResults)
                    ToolGenLog.ToolCallFinishedWithResult(logger, call.Call.Name, call.Call.Id, result.Kind, duration, result.Content);
                else
                    ToolGenLog.ToolCallFinished(logger, call.Call.Name, call.Call.Id, result.Kind, duration);
                return called is null ? ValueTask.CompletedTask : called(call, result, cancellationToken);
            },
        };
    }
}
