using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Hosting.Tests;

public sealed class DefaultStreamingTests
{
    /// <summary>A custom model that only completes: it relies on <see cref="IChatModel.StreamAsync"/>'s default.</summary>
    private sealed class CompleteOnlyModel(params ChatResponse[] responses) : IChatModel
    {
        private int _next;

        public Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(responses[Interlocked.Increment(ref _next) - 1]);
    }

    private static readonly ChatResponse s_rich = new()
    {
        Message = ChatMessage.Assistant(new ChatPart[]
        {
            new ReasoningPart("anthropic", """{"type":"thinking","thinking":"hmm","signature":"sig"}""") { Id = "r1", Summary = "hmm" },
            new TextPart("Let me check. "),
            new ToolCall("call_a", "get_weather", """{"city":"Oslo"}""") { ProviderData = "thought-signature" },
            new ProviderItemPart("openai", """{"type":"web_search_call","id":"ws_1"}"""),
            new TextPart("And the other one."),
            new ToolCall("call_b", "get_weather", """{"city":"Rome"}"""),
        }),
        FinishReason = ChatFinishReason.ToolCalls,
        Usage = new ChatUsage(50, 20) { CachedInputTokens = 10, ReasoningTokens = 5 },
        ModelId = "custom-1",
    };

    private static async Task<List<ChatStreamUpdate>> StreamAsync(IChatModel model)
    {
        var updates = new List<ChatStreamUpdate>();
        await foreach (ChatStreamUpdate update in model.StreamAsync(new ChatRequest { Messages = [ChatMessage.User("hi")] }))
            updates.Add(update);
        return updates;
    }

    [Test]
    public async Task The_default_yields_each_part_in_order_then_the_end()
    {
        List<ChatStreamUpdate> updates = await StreamAsync(new CompleteOnlyModel(s_rich));

        Assert.That(updates, Has.Count.EqualTo(7));
        Assert.That(updates[0].Part, Is.TypeOf<ReasoningPart>());
        Assert.That(updates[1].TextDelta, Is.EqualTo("Let me check. "));
        Assert.That(updates[2], Is.EqualTo(new ChatStreamUpdate { ToolCallIndex = 0, ToolCallId = "call_a", ToolName = "get_weather", ArgumentsDelta = """{"city":"Oslo"}""", ProviderData = "thought-signature" }));
        Assert.That(updates[3].Part, Is.TypeOf<ProviderItemPart>());
        Assert.That(updates[4].TextDelta, Is.EqualTo("And the other one."));
        Assert.That(updates[5].ToolCallIndex, Is.EqualTo(1));
        Assert.That(updates[6], Is.EqualTo(new ChatStreamUpdate { FinishReason = ChatFinishReason.ToolCalls, Usage = s_rich.Usage, ModelId = "custom-1" }));
    }

    [Test]
    public async Task The_assembler_rebuilds_the_same_response()
    {
        var assembler = new ChatStreamAssembler();
        foreach (ChatStreamUpdate update in await StreamAsync(new CompleteOnlyModel(s_rich))) assembler.Add(update);
        ChatResponse rebuilt = assembler.ToResponse();

        Assert.That(rebuilt.Message, Is.EqualTo(s_rich.Message));
        Assert.That(rebuilt.FinishReason, Is.EqualTo(s_rich.FinishReason));
        Assert.That(rebuilt.Usage, Is.EqualTo(s_rich.Usage));
        Assert.That(rebuilt.ModelId, Is.EqualTo(s_rich.ModelId));
    }

    [Test]
    public async Task A_text_answer_streams_as_one_delta()
    {
        var answer = new ChatResponse { Message = ChatMessage.Assistant("Hello."), FinishReason = ChatFinishReason.Stop };
        var assembler = new ChatStreamAssembler();
        List<ChatStreamUpdate> updates = await StreamAsync(new CompleteOnlyModel(answer));
        updates.ForEach(assembler.Add);

        Assert.That(updates.Select(u => u.TextDelta), Is.EqualTo(new[] { "Hello.", null }));
        Assert.That(assembler.ToResponse().Message, Is.EqualTo(answer.Message));
    }

    [Test]
    public async Task RunStreamingAsync_works_over_a_model_that_only_completes()
    {
        var call = new ToolCall("call_1", "get_weather", """{"city":"Oslo"}""");
        var model = new CompleteOnlyModel(
            new ChatResponse { Message = ChatMessage.Assistant("Checking.", [call]), FinishReason = ChatFinishReason.ToolCalls, Usage = new ChatUsage(10, 5) },
            new ChatResponse { Message = ChatMessage.Assistant("Sunny in Oslo."), FinishReason = ChatFinishReason.Stop, Usage = new ChatUsage(20, 5) });
        var runner = new ToolRunner(model, WeatherTools.Tools);

        var kinds = new List<ToolRunUpdateKind>();
        var text = new List<string>();
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in runner.RunStreamingAsync("weather in Oslo?"))
        {
            kinds.Add(update.Kind);
            if (update.TextDelta is { } delta) text.Add(delta);
            if (update.Kind == ToolRunUpdateKind.Completed) result = update.Result;
        }

        Assert.That(text, Is.EqualTo(new[] { "Checking.", "Sunny in Oslo." }));
        Assert.That(result!.Text, Is.EqualTo("Sunny in Oslo."));
        Assert.That(result.ToolCalls.Single().Result.Content, Is.EqualTo("Sunny, 21 °C in Oslo."));
        Assert.That(result.Usage, Is.EqualTo(new ChatUsage(30, 10)));
        Assert.That(kinds, Does.Contain(ToolRunUpdateKind.ToolCallStarted).And.Contain(ToolRunUpdateKind.ToolCallCompleted));
    }
}
