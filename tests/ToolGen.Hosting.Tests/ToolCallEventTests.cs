using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;

namespace ToolGen.Hosting.Tests;

public sealed class ToolCallEventTests
{
    [Test]
    public async Task Elapsed_in_OnToolCalled_is_how_long_the_call_took()
    {
        var slow = new ToolDescriptor("slow", "Waits a little, then answers.", Encoding.UTF8.GetBytes("""{"type":"object"}"""), async (_, _, ct) =>
        {
            await Task.Delay(80, ct);
            return ToolResult.FromText("done");
        });
        var elapsed = new List<TimeSpan>();
        var model = new RuleChatModel().WhenUserSays("go", "slow", "{}").WhenToolResult(r => r);
        var runner = new ToolRunner(model, ToolSet.Create(slow), new ToolRunnerOptions
        {
            OnToolCalling = (call, _) => { elapsed.Add(call.Elapsed); return ValueTask.CompletedTask; },
            OnToolCalled = (call, _, _) => { elapsed.Add(call.Elapsed); return ValueTask.CompletedTask; },
        });

        await runner.RunAsync("go");

        Assert.That(elapsed, Has.Count.EqualTo(2));
        Assert.That(elapsed[0], Is.LessThan(TimeSpan.FromMilliseconds(70)));
        Assert.That(elapsed[1], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(75)));
    }

    [Test]
    public async Task Events_about_the_same_call_are_equal_whenever_they_were_made()
    {
        var call = new ToolCall("c1", "slow", "{}");
        var first = new ToolCallEvent(call, null, 1);
        await Task.Delay(5);
        var second = new ToolCallEvent(call, null, 1);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
        Assert.That(new ToolCallEvent(call, null, 2), Is.Not.EqualTo(first));
    }
}
