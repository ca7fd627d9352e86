using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ToolGen;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;
using WebService.Data;

namespace WebService.Api;

/// <summary>
/// The conversation API. Every endpoint needs an authenticated caller; a conversation is its creator's, and anyone else
/// is told it does not exist. A change is made under the conversation's lease and stored with a conditional UPDATE, so
/// of two requests racing on one conversation one wins and the other gets 409; a refused request stores nothing.
/// </summary>
public static partial class ConversationApi
{
    /// <summary>The instructions every new conversation starts with (read by real models; the offline one follows rules).</summary>
    public const string SystemPrompt =
        "You are the order desk assistant. Look orders up with order_status and cancel them with cancel_order; a " +
        "cancellation runs only after the user approves it. Answer briefly.";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConversationId();

    /// <summary>Maps the endpoints under <c>/conversations</c>, all requiring an authenticated caller.</summary>
    public static RouteGroupBuilder MapConversations(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder group = endpoints.MapGroup("/conversations").RequireAuthorization();
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/messages", PostMessageAsync);
        group.MapPost("/{id}/approvals", PostApprovalsAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http)
    {
        if (!ConversationId().IsMatch(id)) return BadId();
        ConversationStore store = http.RequestServices.GetRequiredService<ConversationStore>();
        StoredConversation? conversation = await store.FindAsync(id, Caller(http), http.RequestAborted);
        if (conversation is null) return NotFound(id);
        if (conversation.Transcript is null)
            return Results.Json(new ConversationResponse { Id = id, Version = conversation.Version, Messages = [], PendingApprovals = [] }, WebJsonContext.Api.ConversationResponse);
        ToolRunResult run = Transcript.DeserializeRun(conversation.Transcript);
        return Results.Json(new ConversationResponse
        {
            Id = id,
            Version = conversation.Version,
            StopReason = StopReasonName(run.StopReason),
            Messages = Messages(run.Messages),
            PendingApprovals = Pending(run.PendingApprovals),
        }, WebJsonContext.Api.ConversationResponse);
    }

    private static async Task<IResult> PostMessageAsync(string id, HttpContext http)
    {
        if (!ConversationId().IsMatch(id)) return BadId();
        (MessageRequest? body, IResult? invalid) = await ReadJsonAsync(http, WebJsonContext.Api.MessageRequest);
        if (invalid is not null) return invalid;
        if (string.IsNullOrWhiteSpace(body!.Text)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "The message needs a non-empty \"text\".");

        ConversationStore store = http.RequestServices.GetRequiredService<ConversationStore>();
        (BeginOutcome outcome, ConversationLease? lease) = store.Begin(id, Caller(http), create: true);
        if (outcome != BeginOutcome.Acquired) return Refused(outcome, id);

        bool stored = false;
        try
        {
            ToolRunResult? previous = lease!.Conversation.Transcript is { } json ? Transcript.DeserializeRun(json) : null;
            if (previous is { StopReason: ToolRunStopReason.ApprovalRequired, PendingApprovals.Count: > 0 })
            {
                return ApiErrors.Result(StatusCodes.Status409Conflict,
                    $"Conversation {id} is waiting for decisions on {previous.PendingApprovals.Count} tool call(s); POST them to /conversations/{id}/approvals first.");
            }
            List<ChatMessage> input = previous is null ? [ChatMessage.System(SystemPrompt)] : [.. previous.Messages];
            input.Add(ChatMessage.User(body.Text));
            return await RunAndStoreAsync(http, store, lease, input.Count, runner => runner.RunAsync(input, RunToken(http)), s => stored = s);
        }
        finally
        {
            if (!stored) store.Abandon(lease!);
        }
    }

    private static async Task<IResult> PostApprovalsAsync(string id, HttpContext http)
    {
        if (!ConversationId().IsMatch(id)) return BadId();
        (ApprovalsRequest? body, IResult? invalid) = await ReadJsonAsync(http, WebJsonContext.Api.ApprovalsRequest);
        if (invalid is not null) return invalid;
        if (body!.Decisions is not { Count: > 0 } decisions) return ApiErrors.Result(StatusCodes.Status400BadRequest, "The body needs \"decisions\": [{\"callId\": \"…\", \"approved\": true}].");
        for (int i = 0; i < decisions.Count; i++)
        {
            if (decisions[i] is not { CallId: { Length: > 0 }, Approved: not null })
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"decisions[{i}] needs a \"callId\" and \"approved\" (true or false).");
        }

        ConversationStore store = http.RequestServices.GetRequiredService<ConversationStore>();
        (BeginOutcome outcome, ConversationLease? lease) = store.Begin(id, Caller(http), create: false);
        if (outcome != BeginOutcome.Acquired) return Refused(outcome, id);

        bool stored = false;
        try
        {
            if (lease!.Conversation.Transcript is not { } json)
                return ApiErrors.Result(StatusCodes.Status409Conflict, $"Conversation {id} has no call waiting for approval.");
            ToolRunResult previous = Transcript.DeserializeRun(json);
            var toolDecisions = new List<ToolApprovalDecision>(decisions.Count);
            foreach (DecisionRequest decision in decisions)
            {
                PendingApproval? pending = previous.PendingApprovals is { Count: > 0 } all ? Find(all, decision.CallId!) : null;
                // The hash binds the decision to the arguments; without one from the client, the stored call's is used.
                // A call that is not pending keeps a placeholder: ToolGen refuses it (unknown, or already answered) anyway.
                string hash = decision.ArgumentsHash is { Length: > 0 } sent ? sent : pending?.ArgumentsHash ?? "sha256:none";
                toolDecisions.Add(new ToolApprovalDecision(decision.CallId!, hash, pending?.ContractFingerprint, decision.Approved!.Value, decision.Reason));
            }
            int inputCount = previous.Messages.Count;
            var named = new HashSet<string>(StringComparer.Ordinal);
            bool duplicates = false;
            foreach (DecisionRequest decision in decisions) duplicates |= !named.Add(decision.CallId!);
            return await RunAndStoreAsync(http, store, lease, inputCount, runner => runner.ResumeAsync(previous, toolDecisions, RunToken(http)), s => stored = s, previous, duplicates);
        }
        finally
        {
            if (!stored) store.Abandon(lease!);
        }
    }

    // Runs (or resumes) the loop with the request's services and stores the outcome under the lease. A refused decision
    // and a failed model call store nothing new, except the results of tools that did run, so that they never run again.
    private static async Task<IResult> RunAndStoreAsync(HttpContext http, ConversationStore store, ConversationLease lease, int inputCount,
        Func<ToolRunner, Task<ToolRunResult>> run, Action<bool> setStored, ToolRunResult? previous = null, bool duplicates = false)
    {
        string id = lease.Conversation.Id;
        ILogger logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WebService.Conversations");
        // ToolGen.Hosting's runner of this request's scope: its tools (OrderDesk, created per call) get the request's
        // IOrderStore and Caller.
        ToolRunner runner = http.RequestServices.GetRequiredService<ToolRunner>();

        ToolRunResult result;
        try
        {
            result = await run(runner);
        }
        catch (ToolApprovalException exception)
        {
            // 409 when the decision conflicts with the stored state (the call was answered, or has other arguments than the
            // client saw); 400 when it names no call that could wait (unknown, needs no approval) or names one twice.
            bool conflict = previous is not null && exception.CallId is { } callId && !duplicates
                && (HasResult(previous.Messages, callId) || Find(previous.PendingApprovals, callId) is not null);
            return ApiErrors.Result(conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, exception.Message);
        }
        catch (Exception exception) when (exception is ToolRunException or ToolRunCanceledException)
        {
            ToolRunResult partial = exception is ToolRunException failed ? failed.PartialResult : ((ToolRunCanceledException)exception).PartialResult;
            LogRunFailed(logger, id, exception);
            bool toolsRan = RanTools(partial.Messages, inputCount);
            if (toolsRan && store.Complete(lease, Transcript.Serialize(partial)) is not null) setStored(true);
            if (exception is ToolRunCanceledException)
            {
                return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, toolsRan
                    ? "The service is stopping; the results of the tools that ran are stored. Send a message to go on."
                    : "The service is stopping; nothing was stored. Try again.");
            }
            string detail = exception.InnerException?.Message ?? exception.Message;
            return ApiErrors.Result(StatusCodes.Status502BadGateway, toolsRan
                ? $"The model failed after tools ran ({detail}). Their results are stored; send a message to go on."
                : $"The model failed ({detail}). Nothing was stored; the conversation is as it was. Try again.");
        }

        long? version = store.Complete(lease, Transcript.Serialize(result));
        if (version is null)
            return ApiErrors.Result(StatusCodes.Status409Conflict, $"Conversation {id} changed while this request ran; the conversation changed, retry.");
        setStored(true);
        return Results.Json(new RunResponse
        {
            ConversationId = id,
            Version = version.Value,
            StopReason = StopReasonName(result.StopReason),
            Text = result.Text,
            PendingApprovals = Pending(result.PendingApprovals),
        }, WebJsonContext.Api.RunResponse);
    }

    // The run is not tied to the client's connection: a client that goes away must not interrupt a tool half-way.
    private static CancellationToken RunToken(HttpContext http) =>
        http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type) where T : class
    {
        if (!http.Request.HasJsonContentType())
            return (null, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType, "Send a JSON body with Content-Type: application/json."));
        try
        {
            T? value = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
            return value is null ? (null, ApiErrors.Result(StatusCodes.Status400BadRequest, "The body is null; send a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, $"The body is not valid JSON for this request: {exception.Message}"));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            long limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
            return (null, ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"The body is larger than the limit of {limit} bytes."));
        }
        catch (BadHttpRequestException exception)
        {
            return (null, ApiErrors.Result(exception.StatusCode, $"The body could not be read: {exception.Message}"));
        }
    }

    private static string Caller(HttpContext http) =>
        http.User.Identity?.Name is { Length: > 0 } name ? name : throw new InvalidOperationException("An endpoint ran without an authenticated caller.");

    private static IResult Refused(BeginOutcome outcome, string id) => outcome == BeginOutcome.Busy
        ? ApiErrors.Result(StatusCodes.Status409Conflict, $"Another request is working on conversation {id}; the conversation changed, retry.")
        : NotFound(id);

    private static IResult NotFound(string id) => ApiErrors.Result(StatusCodes.Status404NotFound, $"There is no conversation {id}.");

    private static IResult BadId() =>
        ApiErrors.Result(StatusCodes.Status400BadRequest, "A conversation id is 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit.");

    private static PendingApproval? Find(IReadOnlyList<PendingApproval> pending, string callId)
    {
        foreach (PendingApproval p in pending)
        {
            if (p.CallId == callId) return p;
        }
        return null;
    }

    private static bool HasResult(IReadOnlyList<ChatMessage> messages, string callId)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.Tool && message.ToolCallId == callId) return true;
        }
        return false;
    }

    private static bool RanTools(IReadOnlyList<ChatMessage> messages, int inputCount)
    {
        for (int i = inputCount; i < messages.Count; i++)
        {
            if (messages[i].Role == ChatRole.Tool) return true;
        }
        return false;
    }

    private static List<PendingApprovalResponse> Pending(IReadOnlyList<PendingApproval> pending)
    {
        var list = new List<PendingApprovalResponse>(pending.Count);
        foreach (PendingApproval p in pending)
            list.Add(new PendingApprovalResponse { CallId = p.CallId, ToolName = p.ToolName, Arguments = p.Arguments, ArgumentsHash = p.ArgumentsHash, Hints = Hints(p.Hints) });
        return list;
    }

    private static List<string> Hints(ToolHints hints)
    {
        var list = new List<string>(4);
        if ((hints & ToolHints.ReadOnly) != 0) list.Add("readOnly");
        if ((hints & ToolHints.Destructive) != 0) list.Add("destructive");
        if ((hints & ToolHints.Idempotent) != 0) list.Add("idempotent");
        if ((hints & ToolHints.RequiresApproval) != 0) list.Add("requiresApproval");
        return list;
    }

    private static List<MessageResponse> Messages(IReadOnlyList<ChatMessage> messages)
    {
        var list = new List<MessageResponse>(messages.Count);
        foreach (ChatMessage message in messages)
        {
            List<ToolCallResponse>? calls = null;
            foreach (ToolCall call in message.ToolCalls) (calls ??= []).Add(new ToolCallResponse { Id = call.Id, Name = call.Name, Arguments = call.Arguments });
            bool tool = message.Role == ChatRole.Tool;
            list.Add(new MessageResponse
            {
                Role = message.Role switch { ChatRole.System => "system", ChatRole.User => "user", ChatRole.Assistant => "assistant", _ => "tool" },
                Text = message.Text,
                ToolCalls = calls,
                CallId = tool ? message.ToolCallId : null,
                ToolName = tool ? message.ToolName : null,
                Kind = tool ? KindName(message.ResultKind) : null,
            });
        }
        return list;
    }

    private static string KindName(ToolResultKind kind) => kind switch
    {
        ToolResultKind.Success => "success",
        ToolResultKind.UnknownTool => "unknownTool",
        ToolResultKind.InvalidArguments => "invalidArguments",
        ToolResultKind.Failed => "failed",
        ToolResultKind.Denied => "denied",
        ToolResultKind.TimedOut => "timedOut",
        ToolResultKind.Canceled => "canceled",
        ToolResultKind.Retry => "retry",
        _ => "other",
    };

    private static string StopReasonName(ToolRunStopReason reason) => reason switch
    {
        ToolRunStopReason.Answered => "answered",
        ToolRunStopReason.StopTool => "stopTool",
        ToolRunStopReason.MaxRounds => "maxRounds",
        ToolRunStopReason.MaxConsecutiveErrors => "maxConsecutiveErrors",
        ToolRunStopReason.Failed => "failed",
        ToolRunStopReason.Canceled => "canceled",
        ToolRunStopReason.ApprovalRequired => "approvalRequired",
        _ => "other",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run of conversation {Id} failed")]
    private static partial void LogRunFailed(ILogger logger, string id, Exception exception);
}
