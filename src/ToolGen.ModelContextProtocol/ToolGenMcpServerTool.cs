using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using global::ModelContextProtocol;
using global::ModelContextProtocol.Protocol;
using global::ModelContextProtocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>
/// One ToolGen tool as the MCP SDK's <see cref="McpServerTool"/>: its <see cref="Tool"/> is built once, and each call runs
/// in a DI scope of its own with the request's cancellation token.
/// </summary>
internal sealed class ToolGenMcpServerTool : McpServerTool
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    private readonly ToolDescriptor _descriptor;
    private readonly bool _fromServices;
    private readonly ToolGenMcpOptions _options;
    private readonly object[] _metadata;

    /// <param name="descriptor">The tool, as listed.</param>
    /// <param name="options">How it is served.</param>
    /// <param name="fromServices">
    /// Whether each call takes the tool from the <see cref="ToolSet"/> registered in the call's services (which may be
    /// scoped) rather than from <paramref name="descriptor"/>.
    /// </param>
    public ToolGenMcpServerTool(ToolDescriptor descriptor, ToolGenMcpOptions options, bool fromServices)
    {
        _descriptor = descriptor;
        _options = options;
        _fromServices = fromServices;
        ProtocolTool = ProtocolTools.Create(descriptor, options);
        _metadata = [descriptor];
    }

    /// <inheritdoc/>
    public override Tool ProtocolTool { get; }

    /// <summary>The tool's <see cref="ToolDescriptor"/>, so that request filters can read its hints.</summary>
    public override IReadOnlyList<object> Metadata => _metadata;

    /// <inheritdoc/>
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ILogger? logger = null;
        McpProgress? progress = null;
        try
        {
            logger = Log.For(request.Services);
            ReadOnlyMemory<byte> arguments = WriteArguments(request.Params?.Arguments);
            if (_descriptor.RequiresApproval && _options.AskForApproval)
            {
                // Throws InputRequiredException to ask the user (the SDK turns it into an elicitation round trip).
                ToolResult? refusal = ToolApproval.Check(request, _descriptor, arguments);
                if (refusal is not null)
                {
                    if (logger is not null) Log.CallFailed(logger, _descriptor.Name, refusal.Kind, null);
                    return ToCallToolResult(refusal, _descriptor);
                }
            }

            if (request.Params?.ProgressToken is { } token) progress = new McpProgress(request.Server, token);

            IServiceScopeFactory? scopes = request.Services?.GetService<IServiceScopeFactory>();
            AsyncServiceScope? scope = scopes?.CreateAsyncScope();
            try
            {
                IServiceProvider? services = scope?.ServiceProvider ?? request.Services;
                ToolDescriptor tool = _fromServices ? FromServices(services) : _descriptor;
                var context = new ToolContext
                {
                    Services = services,
                    Progress = progress,
                    IncludeExceptionDetails = _options.IncludeExceptionDetails,
                    Limits = _options.Limits,
                    CallId = request.JsonRpcRequest?.Id.ToString(),
                };

                ToolResult result;
                if (tool.Timeout is { } timeout && timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                {
                    using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeoutSource.CancelAfter(timeout);
                    result = await tool.InvokeAsync(arguments, context, timeoutSource.Token).ConfigureAwait(false);
                    if (result.Kind == ToolResultKind.Canceled && !cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
                    {
                        result = ToolResult.Error(ToolResultKind.TimedOut,
                            $"The call to {tool.Name} did not finish within {timeout.TotalSeconds:0.###} seconds and was stopped. Try smaller input, or tell the user it timed out.");
                    }
                }
                else
                {
                    result = await tool.InvokeAsync(arguments, context, cancellationToken).ConfigureAwait(false);
                }

                // A call the client canceled gets no answer: the SDK drops the response of a canceled request.
                if (result.Kind == ToolResultKind.Canceled) cancellationToken.ThrowIfCancellationRequested();
                if (progress is not null) await progress.CompleteAsync().ConfigureAwait(false);
                if (result.IsError && logger is not null) Log.CallFailed(logger, tool.Name, result.Kind, result.Exception);
                return ToCallToolResult(result, tool);
            }
            finally
            {
                if (scope is { } created) await created.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is McpProtocolException or InputRequiredException)
        {
            throw;   // The protocol's own answers: an unknown tool, a request for the user's approval.
        }
        catch (Exception exception)
        {
            // ToolDescriptor.InvokeAsync never throws: this is the scope, a service's disposal or the host. It is still
            // the tool's failure, not the protocol's, so the client gets an isError result rather than an internal error.
            if (logger is not null) Log.CallFailed(logger, _descriptor.Name, ToolResultKind.Failed, exception);
            string message = _options.IncludeExceptionDetails
                ? $"Tool {_descriptor.Name} failed: {exception.GetType().Name}: {exception.Message}"
                : $"Tool {_descriptor.Name} failed with an internal error (details are not shown). Do not repeat the same call; try other arguments or tell the user it failed.";
            return ToCallToolResult(ToolResult.Error(ToolResultKind.Failed, message, exception), _descriptor);
        }
        finally
        {
            progress?.Stop();
        }
    }

    private ToolDescriptor FromServices(IServiceProvider? services)
    {
        ToolSet? set = services?.GetService<ToolSet>();
        if (set is not null && set.TryGetTool(_descriptor.Name, out ToolDescriptor? tool)) return tool;
        // The ToolSet registered in this scope no longer holds the listed tool: treat it as unknown, as the SDK does.
        throw new McpProtocolException($"Unknown tool: '{_descriptor.Name}'", McpErrorCode.InvalidParams);
    }

    internal static CallToolResult ToCallToolResult(ToolResult result, ToolDescriptor tool)
    {
        var answer = new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.Content }],
            IsError = result.IsError,
        };
        // A tool with a result schema also returns its result as structuredContent, in the object form its outputSchema
        // describes ({"result": …} around a result that is not an object).
        if (!result.IsError && tool.ToObjectOutput(result) is { } structured)
        {
            using JsonDocument document = JsonDocument.Parse(structured);
            answer.StructuredContent = document.RootElement.Clone();
        }
        return answer;
    }

    /// <summary>The arguments object as UTF-8 JSON; <c>{}</c> when the client sent none.</summary>
    internal static ReadOnlyMemory<byte> WriteArguments(IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0) return s_emptyObject;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, JsonElement> argument in arguments)
            {
                writer.WritePropertyName(argument.Key);
                argument.Value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
