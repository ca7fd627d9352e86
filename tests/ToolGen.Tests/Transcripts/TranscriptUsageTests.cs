using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Transcripts;

/// <summary>Usage details (cached input and reasoning tokens) are stored when there are any, and left out otherwise.</summary>
public sealed class TranscriptUsageTests
{
    private static ToolRunResult Run(ChatUsage usage) => new()
    {
        Messages = [ChatMessage.User("hi"), ChatMessage.Assistant("hello")],
        ToolCalls = [],
        Usage = usage,
        ModelCalls = 1,
        StopReason = ToolRunStopReason.Answered,
        Text = "hello",
    };

    [Test]
    public void CachedAndReasoningTokensRoundTrip()
    {
        string json = Transcript.Serialize(Run(new ChatUsage(1000, 300) { CachedInputTokens = 800, ReasoningTokens = 250 }));
        Assert.That(json, Does.Contain("\"usage\":{\"inputTokens\":1000,\"outputTokens\":300,\"cachedInputTokens\":800,\"reasoningTokens\":250}"));
        ChatUsage loaded = Transcript.DeserializeRun(json).Usage;
        Assert.That((loaded.InputTokens, loaded.OutputTokens, loaded.CachedInputTokens, loaded.ReasoningTokens), Is.EqualTo((1000L, 300L, 800L, 250L)));
        Assert.That(Transcript.Serialize(Transcript.DeserializeRun(json)), Is.EqualTo(json));
    }

    [Test]
    public void ZeroDetailsAreLeftOut()
    {
        string json = Transcript.Serialize(Run(new ChatUsage(10, 2)));
        Assert.That(json, Does.Contain("\"usage\":{\"inputTokens\":10,\"outputTokens\":2}"));
    }

    [Test]
    public void UsageDetailsAddUp()
    {
        ChatUsage sum = new ChatUsage(10, 2) { CachedInputTokens = 4, ReasoningTokens = 1 } + new ChatUsage(20, 3) { CachedInputTokens = 5 };
        Assert.That((sum.InputTokens, sum.OutputTokens, sum.CachedInputTokens, sum.ReasoningTokens), Is.EqualTo((30L, 5L, 9L, 1L)));
    }
}
