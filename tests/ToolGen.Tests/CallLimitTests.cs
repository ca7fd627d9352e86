using System;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary><c>[Tool(TimeoutSeconds, MaxRetries)]</c> reach the generated descriptor; unset, they leave it to the run.</summary>
public sealed class CallLimitTests
{
    [Test]
    public void TheAttributesLimitsAreOnTheGeneratedDescriptor()
    {
        ToolDescriptor tool = LimitTools.Tools["look_up_city"];
        Assert.That(tool.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(tool.Timeout!.Value.Ticks, Is.EqualTo(500 * TimeSpan.TicksPerMillisecond), "exactly, to the tick");
        Assert.That(tool.MaxRetries, Is.EqualTo(1));
        Assert.That(tool.IsReadOnly, Is.True, "the limits sit beside the hints");
    }

    [Test]
    public void AToolWithoutLimitsUsesTheRunsSettings()
    {
        ToolDescriptor tool = LimitTools.Tools["version"];
        Assert.That(tool.Timeout, Is.Null);
        Assert.That(tool.MaxRetries, Is.Null);
    }

    [Test]
    public async Task TheLimitsDoNotChangeTheCallOrTheContract()
    {
        ToolDescriptor tool = LimitTools.Tools["look_up_city"];
        ToolResult result = await tool.InvokeAsync("""{"postalCode":"75001"}""");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success));
        Assert.That(result.Content, Is.EqualTo("Paris"));
        Assert.That(tool.ContractFingerprint, Does.Match("^tg1-[0-9a-f]{24}$"));
    }
}
