using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ToolGen.Chat;

/// <summary>
/// One piece of a streamed answer: some text, a fragment of a tool call (identified by its index in the turn; the id
/// and name arrive with the first fragment), a whole part (reasoning, a provider item), or the end with the finish
/// reason and usage.
/// </summary>
public sealed record ChatStreamUpdate
{
    /// <summary>A text fragment.</summary>
    public string? TextDelta { get; init; }

    /// <summary>For a tool-call fragment: which call of the turn it belongs to.</summary>
    public int? ToolCallIndex { get; init; }

    /// <summary>For a tool-call fragment: the call id, when this fragment carries it.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a tool-call fragment: the tool name, when this fragment carries it.</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool-call fragment: more of the arguments' JSON text.</summary>
    public string? ArgumentsDelta { get; init; }

    /// <summary>For a tool-call fragment: opaque provider data for the call.</summary>
    public string? ProviderData { get; init; }

    /// <summary>A whole part that arrives at once (reasoning, a provider item), placed after what came before it.</summary>
    public ChatPart? Part { get; init; }

    /// <summary>Set on the last update: why the model stopped.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Token counts, when the provider reports them (usually on the last update).</summary>
    public ChatUsage? Usage { get; init; }

    /// <summary>The model that answered, when the provider says.</summary>
    public string? ModelId { get; init; }
}

/// <summary>Assembles streamed updates into the <see cref="ChatResponse"/> they add up to.</summary>
public sealed class ChatStreamAssembler
{
    // Text in runs: a run ends when a call or a whole part begins, so text after reasoning or a call keeps its place.
    private readonly List<StringBuilder> _texts = new();
    private readonly Dictionary<int, (string? Id, string? Name, StringBuilder Arguments, string? ProviderData)> _calls = new();
    // The order in which each text run (-1 - its number), each call (by index) and each whole part first appeared.
    private readonly List<(int CallIndex, ChatPart? Part)> _order = new();
    private bool _inText;
    private ChatFinishReason? _finishReason;
    private ChatUsage? _usage;
    private string? _modelId;
    private readonly string _fallbackIdPrefix = "call_" + Guid.NewGuid().ToString("N").Substring(0, 8) + "_";
    private readonly int _maxArgumentLength;

    /// <summary>Creates an assembler that keeps all of every call's arguments.</summary>
    public ChatStreamAssembler() : this(int.MaxValue)
    {
    }

    /// <summary>
    /// Creates an assembler that keeps at most <paramref name="maxArgumentLength"/> + 1 characters of each call's
    /// arguments: a model streaming endless arguments cannot grow memory, and the kept prefix is still over the limit,
    /// so the call is refused as too large rather than run.
    /// </summary>
    public ChatStreamAssembler(int maxArgumentLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxArgumentLength);
        _maxArgumentLength = maxArgumentLength;
    }

    /// <summary>Adds one update.</summary>
    public void Add(ChatStreamUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Part is { } part)
        {
            if (part is ToolCall or ImagePart) throw new ArgumentException($"A streamed {part.GetType().Name} comes as fragments, not as a whole part.", nameof(update));
            _order.Add((-1, part));
            _inText = false;
        }
        if (!string.IsNullOrEmpty(update.TextDelta))
        {
            if (!_inText)
            {
                _texts.Add(new StringBuilder());
                _order.Add((-_texts.Count, null));
                _inText = true;
            }
            _texts[^1].Append(update.TextDelta);
        }
        if (update.ToolCallIndex is int index)
        {
            if (index < 0) throw new ArgumentOutOfRangeException(nameof(update), index, "A tool-call index cannot be negative.");
            if (!_calls.TryGetValue(index, out var call))
            {
                call = (null, null, new StringBuilder(), null);
                _order.Add((index, null));
                _inText = false;
            }
            call.Id ??= update.ToolCallId;
            call.Name ??= update.ToolName;
            call.ProviderData ??= update.ProviderData;
            if (update.ArgumentsDelta is { } delta)
            {
                long room = (long)_maxArgumentLength + 1 - call.Arguments.Length;
                if (room > 0) call.Arguments.Append(delta, 0, (int)Math.Min(room, delta.Length));
            }
            _calls[index] = call;
        }
        if (update.FinishReason is { } reason) _finishReason = reason;
        if (update.Usage is not null) _usage = update.Usage;
        _modelId ??= update.ModelId;
    }

    /// <summary>
    /// The response so far: parts in the order they began, text as one part per run between other parts (so text after
    /// reasoning or a call keeps its place). Calls without arguments get <c>{}</c>; calls without an id get a unique
    /// generated one.
    /// </summary>
    public ChatResponse ToResponse()
    {
        var parts = new List<ChatPart>(_order.Count);
        bool hasCalls = false;
        foreach ((int index, ChatPart? part) in _order)
        {
            if (part is not null)
            {
                parts.Add(part);
            }
            else if (index < 0)
            {
                parts.Add(new TextPart(_texts[-index - 1].ToString()));
            }
            else
            {
                var c = _calls[index];
                parts.Add(new ToolCall(
                    c.Id ?? _fallbackIdPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.Name ?? "",
                    c.Arguments.Length == 0 ? "{}" : c.Arguments.ToString()) { ProviderData = c.ProviderData });
                hasCalls = true;
            }
        }
        return new ChatResponse
        {
            Message = ChatMessage.Assistant(parts),
            FinishReason = _finishReason ?? (hasCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop),
            Usage = _usage,
            ModelId = _modelId,
        };
    }
}
