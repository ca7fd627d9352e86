using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ToolGen.Chat;
using ChatFinishReason = ToolGen.Chat.ChatFinishReason;
using ChatMessage = ToolGen.Chat.ChatMessage;
using ChatResponse = ToolGen.Chat.ChatResponse;
using ChatRole = ToolGen.Chat.ChatRole;
using MEAI = Microsoft.Extensions.AI;

namespace ToolGen.Extensions.AI;

/// <summary>
/// Any Microsoft.Extensions.AI <see cref="IChatClient"/> as a ToolGen <see cref="IChatModel"/>: ToolGen's tools are sent
/// as declarations only (the <see cref="ToolGen.Running.ToolRunner"/> runs them), and the client's function calls come back as
/// <see cref="ToolCall"/>s. Do not wrap the client in a FunctionInvokingChatClient: the runner is the loop.
/// </summary>
public sealed class ChatClientModel : IChatModel
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _options;

    /// <summary>Adapts <paramref name="client"/>; <paramref name="options"/> (model id, temperature…) are sent with every request.</summary>
    public ChatClientModel(IChatClient client, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options;
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        MEAI.ChatResponse response = await _client.GetResponseAsync(Messages(request), Options(request), cancellationToken).ConfigureAwait(false);
        // The answer's text, reasoning and calls as parts, in order. Other contents (images, usage…) are not kept: an
        // assistant message holds no images.
        var parts = new List<ChatPart>();
        bool hasCalls = false;
        foreach (MEAI.ChatMessage message in response.Messages)
        {
            foreach (AIContent content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text when text.Text.Length > 0:
                        parts.Add(new TextPart(text.Text));
                        break;
                    case TextReasoningContent reasoning:
                        parts.Add(Reasoning(reasoning.Text, reasoning.ProtectedData));
                        break;
                    case FunctionCallContent call:
                        parts.Add(Call(call));
                        hasCalls = true;
                        break;
                }
            }
        }
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(parts),
            FinishReason = FinishReason(response.FinishReason, hasCalls),
            Usage = Usage(response.Usage),
            ModelId = response.ModelId,
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int index = 0;
        bool hasCalls = false;
        MEAI.ChatFinishReason? finish = null;
        ChatUsage? usage = null;
        string? modelId = null;
        StringBuilder? reasoningText = null;   // Reasoning streams in pieces; it becomes one part when something else begins.
        string? protectedData = null;
        await foreach (ChatResponseUpdate update in _client.GetStreamingResponseAsync(Messages(request), Options(request), cancellationToken).ConfigureAwait(false))
        {
            modelId ??= update.ModelId;
            finish = update.FinishReason ?? finish;
            foreach (AIContent content in update.Contents)
            {
                if (content is TextReasoningContent reasoning)
                {
                    (reasoningText ??= new StringBuilder()).Append(reasoning.Text);
                    protectedData = reasoning.ProtectedData ?? protectedData;
                    continue;
                }
                if (reasoningText is not null && content is TextContent or FunctionCallContent)
                {
                    yield return new ChatStreamUpdate { Part = Reasoning(reasoningText.ToString(), protectedData), ModelId = modelId };
                    reasoningText = null;
                    protectedData = null;
                }
                switch (content)
                {
                    case TextContent text when text.Text.Length > 0:
                        yield return new ChatStreamUpdate { TextDelta = text.Text, ModelId = modelId };
                        break;
                    case FunctionCallContent call:
                        hasCalls = true;
                        ToolCall toolCall = Call(call);
                        yield return new ChatStreamUpdate { ToolCallIndex = index++, ToolCallId = toolCall.Id, ToolName = toolCall.Name, ArgumentsDelta = toolCall.Arguments, ModelId = modelId };
                        break;
                    case UsageContent counted:
                        usage = Usage(counted.Details);
                        break;
                }
            }
        }
        if (reasoningText is not null) yield return new ChatStreamUpdate { Part = Reasoning(reasoningText.ToString(), protectedData), ModelId = modelId };
        yield return new ChatStreamUpdate { FinishReason = FinishReason(finish, hasCalls), Usage = usage, ModelId = modelId };
    }

    /// <summary>The provider name of reasoning read from an <see cref="IChatClient"/>: it goes back only to an <see cref="IChatClient"/>.</summary>
    public const string ReasoningProvider = "microsoft.extensions.ai";

    // M.E.AI reasoning as a part: its text and protected data (an encrypted or signed payload the client sends back).
    private static ReasoningPart Reasoning(string text, string? protectedData)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            if (protectedData is not null) writer.WriteString("protectedData", protectedData);
            writer.WriteEndObject();
        }
        return new ReasoningPart(ReasoningProvider, Encoding.UTF8.GetString(buffer.WrittenSpan)) { Summary = text.Length == 0 ? null : text };
    }

    private static TextReasoningContent ToContent(ReasoningPart reasoning)
    {
        using JsonDocument payload = JsonDocument.Parse(reasoning.Payload);
        JsonElement root = payload.RootElement;
        string text = root.TryGetProperty("text", out JsonElement t) ? t.GetString() ?? "" : "";
        return new TextReasoningContent(text)
        {
            ProtectedData = root.TryGetProperty("protectedData", out JsonElement p) ? p.GetString() : null,
        };
    }

    private static List<MEAI.ChatMessage> Messages(ChatRequest request)
    {
        var messages = new List<MEAI.ChatMessage>(request.Messages.Count);
        foreach (ChatMessage message in request.Messages)
        {
            switch (message.Role)
            {
                case ChatRole.System:
                    messages.Add(new MEAI.ChatMessage(MEAI.ChatRole.System, message.Text));
                    break;
                case ChatRole.User:
                case ChatRole.Assistant:
                    messages.Add(new MEAI.ChatMessage(message.Role == ChatRole.User ? MEAI.ChatRole.User : MEAI.ChatRole.Assistant, Contents(message)));
                    break;
                case ChatRole.Tool:
                    messages.Add(new MEAI.ChatMessage(MEAI.ChatRole.Tool, [new FunctionResultContent(message.ToolCallId ?? "", message.Text)]));
                    break;
            }
        }
        return messages;
    }

    // A message's parts as contents, in order: text, images (bytes and data: URLs as DataContent, http(s) URLs as
    // UriContent), reasoning an IChatClient produced (as TextReasoningContent with its protected data) and calls. Other
    // providers' reasoning and items belong to their APIs, and unknown parts are never sent.
    private static List<AIContent> Contents(ChatMessage message)
    {
        var contents = new List<AIContent>(message.Parts.Count);
        foreach (ChatPart part in message.Parts)
        {
            switch (part)
            {
                case TextPart text when text.Text.Length > 0 || message.Role == ChatRole.User:
                    contents.Add(new TextContent(text.Text));
                    break;
                case ImagePart image:
                    contents.Add(image.Url is not { } url ? new DataContent(image.Data, image.MediaType)
                        : url.Scheme == "data" ? new DataContent(url.OriginalString, HasOwnMediaType(url) ? null : image.MediaType)
                        : new UriContent(url, image.MediaType));
                    break;
                case ReasoningPart { Provider: ReasoningProvider } reasoning:
                    contents.Add(ToContent(reasoning));
                    break;
                case ToolCall call:
                    contents.Add(new FunctionCallContent(call.Id, call.Name, JsonArguments.Read(call.Arguments)));
                    break;
            }
        }
        return contents;
    }

    // data:image/jpeg;base64,… names its media type, which then wins over the part's (FromUrl defaults it).
    private static bool HasOwnMediaType(Uri dataUrl) =>
        dataUrl.OriginalString.Length > 5 && dataUrl.OriginalString[5] is not (';' or ',');

    private ChatOptions Options(ChatRequest request)
    {
        ChatOptions options = _options?.Clone() ?? new ChatOptions();
        ToolChoice choice = request.ToolChoice ?? ToolChoice.Auto;
        IEnumerable<ToolDescriptor> tools = request.Tools.Where(t => choice.AllowedTools is not { } allowed || allowed.Contains(t.Name, StringComparer.Ordinal));
        // Declarations only: the runner invokes the tools, a FunctionInvokingChatClient must not.
        options.Tools = [.. tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, new ToolGenAIFunction(t).JsonSchema))];
        if (options.Tools.Count == 0)
        {
            options.Tools = null;
            return options;
        }
        if (request.ToolChoice is not null)   // Unset: the client's own default (or the options given at creation).
        {
            options.ToolMode = choice.Mode switch
            {
                ToolChoiceMode.Required => ChatToolMode.RequireAny,
                ToolChoiceMode.Specific => ChatToolMode.RequireSpecific(choice.ToolName!),
                ToolChoiceMode.None => ChatToolMode.None,
                _ => ChatToolMode.Auto,
            };
        }
        if (request.AllowParallelToolCalls is { } parallel) options.AllowMultipleToolCalls = parallel;
        return options;
    }

    private static ToolCall Call(FunctionCallContent call) =>
        new(call.CallId, call.Name, Encoding.UTF8.GetString(JsonArguments.Write(call.Arguments)));

    private static ChatFinishReason FinishReason(MEAI.ChatFinishReason? reason, bool hasCalls)
    {
        if (hasCalls) return ChatFinishReason.ToolCalls;
        if (reason == MEAI.ChatFinishReason.Length) return ChatFinishReason.Length;
        if (reason == MEAI.ChatFinishReason.ContentFilter) return ChatFinishReason.ContentFilter;
        if (reason is null || reason == MEAI.ChatFinishReason.Stop) return ChatFinishReason.Stop;
        return reason == MEAI.ChatFinishReason.ToolCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Other;
    }

    private static ChatUsage? Usage(UsageDetails? usage) =>
        usage is null ? null : new ChatUsage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0)
        {
            CachedInputTokens = usage.CachedInputTokenCount ?? 0,
            ReasoningTokens = usage.ReasoningTokenCount ?? 0,
        };
}
