using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ToolGen.Testing;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests.Hardening;

/// <summary>Every limit: its default, its error (an InvalidArguments or Denied result the model can act on), and that it holds memory down.</summary>
public sealed class LimitTests
{
    private static ToolContext With(ToolLimits limits) => new() { Limits = limits };

    private static ToolDescriptor Weather => FuzzTools.Tools["fuzz_weather"];

    private static ToolDescriptor Tags => FuzzTools.Tools["fuzz_tags"];

    [Test]
    public void TheDefaultsAreDocumentedValues()
    {
        Assert.That(ToolLimits.Default, Is.EqualTo(new ToolLimits { MaxArgumentBytes = 1_048_576, MaxDepth = 64, MaxStringLength = 262_144, MaxArrayLength = 10_000 }));
        var options = new ToolRunnerOptions();
        Assert.That((options.MaxToolCallsPerTurn, options.MaxRounds, options.Limits), Is.EqualTo((32, 10, ToolLimits.Default)));
    }

    [Test]
    public void NonsensicalLimitsAreRefused()
    {
        Assert.That(() => new ToolLimits { MaxArgumentBytes = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ToolLimits { MaxDepth = 65 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("from 1 to 64"));
        Assert.That(() => new ToolLimits { MaxStringLength = -1 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ToolLimits { MaxArrayLength = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ToolRunner(new ScriptedChatModel(), FuzzTools.Tools, new ToolRunnerOptions { MaxToolCallsPerTurn = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task ArgumentsLargerThanTheLimitAreRefusedBeforeParsing()
    {
        string arguments = $$"""{"city":"{{new string('x', 2000)}}"}""";

        ToolResult bytes = await Weather.InvokeAsync(Encoding.UTF8.GetBytes(arguments), With(new ToolLimits { MaxArgumentBytes = 1000 }));
        ToolResult text = await Weather.InvokeAsync(arguments, With(new ToolLimits { MaxArgumentBytes = 1000 }));

        Assert.That(bytes.Kind, Is.EqualTo(ToolResultKind.InvalidArguments));
        Assert.That(bytes.Content, Is.EqualTo("Invalid arguments for fuzz_weather: $: the arguments are 2,011 bytes, more than the limit of 1,000 bytes. Send less data in one call."));
        Assert.That(text.Content, Is.EqualTo(bytes.Content));
    }

    [Test]
    public async Task AHugeArgumentStringCostsNoCopy()
    {
        string arguments = "{\"city\":\"" + new string('x', 50_000_000) + "\"}";
        long before = GC.GetAllocatedBytesForCurrentThread();

        ToolResult result = await Weather.InvokeAsync(arguments);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(result.Content, Does.Contain("the arguments are 50,000,011 bytes, more than the limit of 1,048,576 bytes"));
        Assert.That(allocated, Is.LessThan(64 * 1024), "refused without encoding or parsing 50 MB");
    }

    [Test]
    public async Task LongStringsAreRefusedWithTheirLength()
    {
        var limits = With(new ToolLimits { MaxStringLength = 10 });

        ToolResult over = await Weather.InvokeAsync("""{"city":"Saint-Étienne-du-Rouvray"}""", limits);
        ToolResult escapedButShort = await Weather.InvokeAsync("""{"city":"\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9"}""", limits);
        ToolResult longName = await Weather.InvokeAsync("""{"a_very_long_property":1,"city":"x"}""", limits);

        Assert.That(over.Content, Is.EqualTo("Invalid arguments for fuzz_weather: $: a string at byte 8 is 24 characters long, more than the limit of 10. Send shorter text."));
        Assert.That(escapedButShort.Kind, Is.EqualTo(ToolResultKind.Success), "ten characters, however many bytes their escapes take");
        Assert.That(longName.Content, Does.Contain("$: a property name at byte 1 is 20 characters long"));
    }

    [Test]
    public async Task LongArraysAreRefused()
    {
        var limits = With(new ToolLimits { MaxArrayLength = 3 });

        ToolResult four = await Tags.InvokeAsync("""{"tags":["a","b","c","d"],"units":[],"payload":null}""", limits);
        ToolResult nested = await Tags.InvokeAsync("""{"tags":[],"units":[],"payload":[[1,2,3],[4,5,6],[7,8,9,10]]}""", limits);
        ToolResult three = await Tags.InvokeAsync("""{"tags":["a","b","c"],"units":["Metric"],"payload":[1,2,3]}""", limits);

        Assert.That(four.Content, Is.EqualTo("Invalid arguments for fuzz_tags: $: an array at byte 8 has more than 3 items, the limit. Send fewer items per call."));
        Assert.That(nested.Content, Does.Contain("has more than 3 items"));
        Assert.That(three.Kind, Is.EqualTo(ToolResultKind.Success));
    }

    [Test]
    public async Task DeepNestingIsRefused()
    {
        string deep = """{"tags":[],"units":[],"payload":""" + new string('[', 6) + new string(']', 6) + "}";

        ToolResult tight = await Tags.InvokeAsync(deep, With(new ToolLimits { MaxDepth = 5 }));
        ToolResult allowed = await Tags.InvokeAsync(deep, With(new ToolLimits { MaxDepth = 7 }));
        ToolResult pastTheParser = await Tags.InvokeAsync("""{"tags":[],"units":[],"payload":""" + new string('[', 80) + new string(']', 80) + "}");

        Assert.That(tight.Content, Is.EqualTo("Invalid arguments for fuzz_tags: $: the arguments nest deeper than 5 levels at byte 36, the limit. Send flatter data."));
        Assert.That(allowed.Kind, Is.EqualTo(ToolResultKind.Success));
        Assert.That(pastTheParser.Kind, Is.EqualTo(ToolResultKind.InvalidArguments));
        Assert.That(pastTheParser.Content, Does.Contain("$: the arguments are not valid JSON").And.Contain("depth"));
    }

    [Test]
    public async Task TheRunnerPassesItsLimitsToEveryCall()
    {
        var model = new ScriptedChatModel().CallTool("fuzz_weather", """{"city":"Paris, the capital of France"}""").Reply("ok");
        var runner = new ToolRunner(model, FuzzTools.Tools, new ToolRunnerOptions { Limits = new ToolLimits { MaxStringLength = 10 } });

        ToolRunResult result = await runner.RunAsync("weather?");

        Assert.That(result.ToolCalls.Single().Result.Content, Does.Contain("more than the limit of 10"));
    }

    [Test]
    public async Task CallsBeyondThePerTurnLimitAreAnsweredButNotRun()
    {
        var tools = new RunnerTools();
        var model = new ScriptedChatModel()
            .CallTools(("get_order_id", """{"customer":"a"}""", "c1"), ("get_order_id", """{"customer":"b"}""", "c2"), ("get_order_id", """{"customer":"c"}""", "c3"))
            .Reply("done");

        ToolRunResult result = await new ToolRunner(model, tools.Tools, new ToolRunnerOptions { MaxToolCallsPerTurn = 2 }).RunAsync("three orders");

        Assert.That(tools.Log.OrderBy(l => l), Is.EqualTo(new[] { "get_order_id a", "get_order_id b" }));
        Assert.That(result.ToolCalls.Select(c => c.Result.Kind), Is.EqualTo(new[] { ToolResultKind.Success, ToolResultKind.Success, ToolResultKind.Denied }));
        Assert.That(result.ToolCalls[2].Result.Content, Is.EqualTo(
            "Too many tool calls in one turn: 3; at most 2 run per turn, and this one did not run. Make it again after reading these results if it is still needed."));
        Assert.That(result.Messages.Count(m => m.Role == ChatRole.Tool), Is.EqualTo(3), "every call has a result");
    }

    [Test]
    public void StreamedArgumentsStopGrowingPastTheLimit()
    {
        var assembler = new ChatStreamAssembler(maxArgumentLength: 10);
        for (int i = 0; i < 1000; i++) assembler.Add(new ChatStreamUpdate { ToolCallIndex = 0, ToolCallId = "c", ToolName = "t", ArgumentsDelta = "{\"a\":\"xxxxxxxx" });

        ToolCall call = assembler.ToResponse().Message.ToolCalls.Single();

        Assert.That(call.Arguments, Has.Length.EqualTo(11), "one character over the limit, so the call is refused as too large");
    }

    [Test]
    public async Task StreamedOversizedArgumentsAreRefusedAsTooLarge()
    {
        var model = new ScriptedChatModel().CallTool("fuzz_weather", "{\"city\":\"" + new string('x', 200) + "\"}").Reply("ok");
        var runner = new ToolRunner(model, FuzzTools.Tools, new ToolRunnerOptions { Limits = new ToolLimits { MaxArgumentBytes = 100 } });

        var updates = new System.Collections.Generic.List<ToolRunUpdate>();
        await foreach (ToolRunUpdate update in runner.RunStreamingAsync("weather?")) updates.Add(update);

        ToolResult result = updates.Single(u => u.Kind == ToolRunUpdateKind.ToolCallCompleted).ToolResult!;
        Assert.That(result.Content, Does.StartWith("Invalid arguments for fuzz_weather: $: the arguments are 101 bytes, more than the limit of 100 bytes."));
    }

    [Test]
    public async Task AHandWrittenInvokerGetsTheLimitsEvenWhenTextIsInvalid()
    {
        int calls = 0;
        var tool = new ToolDescriptor("count", "Counts items in a list it is given.", """{"type":"object"}"""u8.ToArray(), (_, _, _) =>
        {
            calls++;
            return new ValueTask<ToolResult>(ToolResult.FromText("ran"));
        });
        var limits = With(new ToolLimits { MaxStringLength = 10, MaxArrayLength = 3 });

        // A long string holding a lone surrogate escape must not end the scan before the oversized array is seen.
        ToolResult result = await tool.InvokeAsync("""{"note":"\uD800aaaaaaaaaaaaaaaaaaaa","items":[1,2,3,4,5]}""", limits);

        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments));
        Assert.That(result.Content, Does.Contain("is longer than the limit of 10 characters and is not valid Unicode"));
        Assert.That(calls, Is.Zero);
    }

    [Test]
    public async Task AnInvokerThatReturnsItsArgumentsKeepsThemAfterThePoolReusesTheBuffer()
    {
        var echo = new ToolDescriptor("echo", "Returns its arguments unchanged.", """{"type":"object"}"""u8.ToArray(),
            (arguments, _, _) => new ValueTask<ToolResult>(ToolResult.FromJson(arguments)));

        ToolResult first = await echo.InvokeAsync("""{"tenant":"a","secret":1}""");
        ToolResult second = await echo.InvokeAsync("""{"tenant":"b","secret":2}""");

        Assert.That(first.Content, Is.EqualTo("""{"tenant":"a","secret":1}"""));
        Assert.That(second.Content, Is.EqualTo("""{"tenant":"b","secret":2}"""));
    }
}
