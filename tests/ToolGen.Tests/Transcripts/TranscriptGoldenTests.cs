using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Transcripts;

/// <summary>
/// Version-1 transcripts committed under Golden/. THESE FILES MUST NEVER CHANGE: they are what ToolGen wrote at format
/// version 1, and every later version of ToolGen must keep reading them to the same content. A later version adds its
/// own golden files beside them. While <see cref="Transcript.CurrentVersion"/> is 1, writing what was read must also
/// give back the identical bytes.
/// </summary>
public sealed class TranscriptGoldenTests
{
    private static readonly string[] s_files = ["run-tool-calls.v1.json", "all-parts.v1.json", "approval-required.v1.json", "stop-tool.v1.json"];

    [TestCaseSource(nameof(s_files))]
    public void EachGoldenFileReadsBackToTheIdenticalBytes(string file)
    {
        byte[] golden = TranscriptAssert.Golden(file);
        Assume.That(Transcript.CurrentVersion, Is.EqualTo(1), "a later version reads these files but writes its own version");
        bool isRun = !file.StartsWith("all-parts", StringComparison.Ordinal);

        byte[] written = isRun
            ? Transcript.SerializeToUtf8Bytes(Transcript.DeserializeRun(golden))
            : Encoding.UTF8.GetBytes(Transcript.Serialize(Transcript.DeserializeMessages(golden)));

        Assert.That(TranscriptAssert.Utf8(written), Is.EqualTo(TranscriptAssert.Utf8(golden)));
        Assert.That(written, Is.EqualTo(golden));
        if (isRun) Assert.That(Transcript.Serialize(Transcript.DeserializeRun(Encoding.UTF8.GetString(golden))), Is.EqualTo(Encoding.UTF8.GetString(golden)), "the string overloads agree");
    }

    [Test]
    public void ARunWithToolCallsErrorsAndJsonResults()
    {
        ToolRunResult run = Transcript.DeserializeRun(TranscriptAssert.Golden("run-tool-calls.v1.json"));

        Assert.That(run.StopReason, Is.EqualTo(ToolRunStopReason.Answered));
        Assert.That(run.Text, Is.EqualTo("Order 42 is on its way. I could not get the weather."));
        Assert.That(run.Usage, Is.EqualTo(new ChatUsage(1234, 567)));
        Assert.That(run.ModelCalls, Is.EqualTo(4));
        Assert.That(run.StopToolResult, Is.Null);
        Assert.That(run.PendingApprovals, Is.Empty);
        Assert.That(run.Messages.Select(m => m.Role), Is.EqualTo(new[]
        {
            ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool,
            ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool, ChatRole.Tool, ChatRole.Tool, ChatRole.Tool, ChatRole.Assistant,
        }));
        Assert.That(run.Messages[0].Text, Is.EqualTo("You are a shop assistant. Be brief."));
        Assert.That(run.Messages[1].Text, Is.EqualTo("Ship Ada's order, then tell me the weather in Paris."));

        ChatMessage first = run.Messages[2];
        Assert.That(first.Parts[0], Is.EqualTo(new TextPart("Let me look that up.")));
        Assert.That(first.ToolCalls, Is.EqualTo(new[]
        {
            new ToolCall("call_1", "get_order_id", """{"customer":"ada"}"""),
            new ToolCall("call_2", "get_weather", """{"city":"Paris","unit":"kelvin"}"""),
        }));
        Assert.That(run.Messages[5].ToolCalls[0].Arguments, Is.EqualTo("""{ "orderId": 42 }"""), "arguments are kept as sent, spaces included");
        Assert.That(run.Messages[8].ToolCalls[0].Arguments, Is.EqualTo(""), "empty arguments stay empty");

        ChatMessage json = run.Messages[3];
        Assert.That((json.ToolCallId, json.ToolName, json.ResultKind, json.IsJson), Is.EqualTo(("call_1", "get_order_id", ToolResultKind.Success, true)));
        Assert.That(json.Text, Is.EqualTo("""{"orderId":42,"status":"open","lines":[{"sku":"A-1","qty":2}]}"""));
        ToolResult jsonResult = json.ToToolResult();
        Assert.That(Encoding.UTF8.GetString(jsonResult.Utf8Json.Span), Is.EqualTo(json.Text));

        Assert.That(run.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => (m.ToolCallId, m.ResultKind, m.IsJson)), Is.EqualTo(new[]
        {
            ("call_1", ToolResultKind.Success, true),
            ("call_2", ToolResultKind.InvalidArguments, false),
            ("call_3", ToolResultKind.Success, false),
            ("call_4", ToolResultKind.UnknownTool, false),
            ("call_5", ToolResultKind.Failed, false),
            ("call_6", ToolResultKind.TimedOut, false),
            ("call_7", ToolResultKind.Retry, false),
            ("call_8", ToolResultKind.Denied, false),
            ("call_9", ToolResultKind.Canceled, false),
        }));
        Assert.That(run.Messages[4].Text, Is.EqualTo("Invalid arguments for get_weather: $.unit: \"kelvin\" is not one of Celsius, Fahrenheit. Fix the arguments and call again."));
        Assert.That(run.Messages[6].Text, Is.EqualTo("shipped 42"));
        Assert.That(run.Messages[7].Text, Is.EqualTo("There is no tool named \"nope\". Available tools: get_order_id, ship_order."));

        // Records: the call and the result come from the messages; round and duration from the record.
        Assert.That(run.ToolCalls.Select(r => (r.Call.Id, r.Round, r.Duration)), Is.EqualTo(new[]
        {
            ("call_1", 1, TimeSpan.FromTicks(125_000)),
            ("call_2", 1, TimeSpan.FromTicks(3_000)),
            ("call_3", 2, TimeSpan.FromMilliseconds(250)),
            ("call_4", 2, TimeSpan.Zero),
            ("call_5", 3, TimeSpan.FromTicks(12_345)),
            ("call_6", 3, TimeSpan.FromMilliseconds(100)),
            ("call_7", 3, TimeSpan.FromTicks(1)),
            ("call_8", 3, TimeSpan.Zero),
            ("call_9", 3, TimeSpan.FromSeconds(2)),
        }));
        ToolCallRecord record = run.ToolCalls[0];
        Assert.That(record.Call, Is.SameAs(first.ToolCalls[0]));
        Assert.That((record.Result.Kind, record.Result.IsJson, record.Result.Content), Is.EqualTo((ToolResultKind.Success, true, json.Text)));
        Assert.That(run.ToolCalls[6].Result.Kind, Is.EqualTo(ToolResultKind.Retry));
        Assert.That(run.ToolCalls[6].Result.Content, Is.EqualTo("The date must be in the future."));
        Assert.That(run.ToolCalls.Select(r => r.Result.Exception), Is.All.Null, "exceptions are never stored");
    }

    [Test]
    public void EveryPartKindIncludingAnUnknownOne()
    {
        byte[] golden = TranscriptAssert.Golden("all-parts.v1.json");
        var messages = Transcript.DeserializeMessages(golden);

        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant }));
        Assert.That(messages[0].Text, Is.EqualTo("Answer in French. \u00C9vitez le jargon."));

        var user = messages[1].Parts;
        Assert.That(user[0], Is.EqualTo(new TextPart("What is in these pictures? <b>&amp;</b>")));
        var url = (ImagePart)user[1];
        Assert.That((url.MediaType, url.Url!.OriginalString, url.Data.IsEmpty), Is.EqualTo(("image/png", "https://example.com/cat.png?size=large&v=2", true)));
        var bytes = (ImagePart)user[2];
        Assert.That((bytes.MediaType, bytes.Url), Is.EqualTo(("image/png", (Uri?)null)));
        Assert.That(bytes.Data.ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF }));
        // A part type this version does not know: its exact JSON, spaces and raw UTF-8 included.
        Assert.That(user[3], Is.EqualTo(new UnknownPart("""{"type":"audio", "format":"wav","data":"UklGRg==","transcript":"héllo 😀","extra":{"nested":[1,2.50,true,null]}}""")));

        var assistant = messages[2].Parts;
        Assert.That(assistant[0], Is.EqualTo(new ReasoningPart("openai", "gAAAAB-encrypted-content==") { Id = "rs_1", Summary = "Looking at the images…" }));
        Assert.That(assistant[1], Is.EqualTo(new ProviderItemPart("openai", """{"type":"web_search_call","id":"ws_1", "status":"completed","action":{"query":"météo São Paulo"}}""")));
        Assert.That(assistant[2], Is.EqualTo(new TextPart("Let me check the weather.")));
        Assert.That(assistant[3], Is.EqualTo(new ToolCall("call_g1", "get_weather", """{"city":"São Paulo","note":"line1\nline2 \"quoted\" \\ </script>"}""") { ProviderData = "sig-QUJD" }));
        Assert.That(assistant[4], Is.EqualTo(new UnknownPart("""{"type":"citation","url":"https://example.com/weather","title":"Météo"}""")));
        Assert.That(messages[2].Text, Is.EqualTo("Let me check the weather."), "unknown parts are not text");

        Assert.That((messages[3].ToolCallId, messages[3].ToolName, messages[3].IsJson), Is.EqualTo(("call_g1", "get_weather", true)));
        Assert.That(messages[3].Text, Is.EqualTo("""{"temperature":21.5,"conditions":"sunny","city":"São Paulo"}"""));

        Assert.That(messages[4].Parts, Is.EqualTo(new ChatPart[]
        {
            new ReasoningPart("anthropic", "EqQBCkYIBxgCKkD-signature") { Summary = "The user wants the weather." },
            new ReasoningPart("gemini", "c2lnbmF0dXJl"),
            new TextPart("Tschüß — 東京 😀 <b>&amp;</b> \"quoted\" \\ \u0000\u001f\u007f\u2028\u2029\r\n\t"),
        }));
        Assert.That(messages[5].Text, Is.EqualTo("Merci !"));
        Assert.That(messages[6].Parts, Is.Empty);

        // Embedded JSON (the provider item and the unknown parts) is written back byte for byte, unescaped.
        string text = Encoding.UTF8.GetString(golden);
        Assert.That(text, Does.Contain("""{"type":"audio", "format":"wav","data":"UklGRg==","transcript":"héllo 😀","extra":{"nested":[1,2.50,true,null]}}"""));
        Assert.That(text, Does.Contain("""
            "item":{"type":"web_search_call","id":"ws_1", "status":"completed","action":{"query":"météo São Paulo"}}
            """));
    }

    [Test]
    public void ARunStoppedForApproval()
    {
        ToolRunResult run = Transcript.DeserializeRun(TranscriptAssert.Golden("approval-required.v1.json"));

        Assert.That(run.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));
        Assert.That(run.Text, Is.Null);
        Assert.That((run.Usage, run.ModelCalls), Is.EqualTo((new ChatUsage(310, 42), 1)));
        PendingApproval pending = run.PendingApprovals.Single();
        Assert.That(pending, Is.EqualTo(new PendingApproval("call_b", "delete_account", """{"user":"ada"}""",
            "sha256:7365928bef40934f72ecb14a9686542c5c353365e40a26850b140814e671e65b", ToolHints.Destructive | ToolHints.RequiresApproval, "tg1-02a2db324d965425820bdf50")));
        Assert.That(pending.ArgumentsHash, Is.EqualTo(ToolApprovalDecision.HashArguments(pending.Arguments)));
        ToolApprovalDecision decision = pending.Approve();
        Assert.That((decision.CallId, decision.ArgumentsHash, decision.ContractFingerprint), Is.EqualTo((pending.CallId, pending.ArgumentsHash, pending.ContractFingerprint)));

        Assert.That(run.Messages[1].ToolCalls.Select(c => c.Id), Is.EqualTo(new[] { "call_a", "call_b" }));
        Assert.That(run.Messages.Count(m => m.Role == ChatRole.Tool), Is.EqualTo(1), "the pending call has no result yet");
        ToolCallRecord record = run.ToolCalls.Single();
        Assert.That((record.Call.Id, record.Result.Content, record.Result.IsJson, record.Round, record.Duration), Is.EqualTo(("call_a", "42", true, 1, TimeSpan.FromMilliseconds(3))));
    }

    [Test]
    public void TheDocumentedExampleLoads()
    {
        string root = typeof(TranscriptGoldenTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ToolGenRepositoryRoot").Value!;
        string doc = File.ReadAllText(Path.Combine(root, "docs", "transcripts.md"));
        int start = doc.IndexOf("```json\n{", StringComparison.Ordinal) + "```json\n".Length;
        string example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        ToolRunResult run = Transcript.DeserializeRun(example);

        Assert.That((run.StopReason, run.Text, run.ModelCalls, run.Messages.Count, run.ToolCalls.Count), Is.EqualTo((ToolRunStopReason.Answered, "Order 42 is on its way.", 3, 8, 3)));
        Assert.That(run.Messages[5].Parts[^1], Is.TypeOf<UnknownPart>());
        Assert.That(((ProviderItemPart)run.Messages[5].Parts[0]).Json, Is.EqualTo("""{"type":"web_search_call","id":"ws_1","status":"completed"}"""));
        ToolRunResult compact = Transcript.DeserializeRun(Transcript.Serialize(run));
        TranscriptAssert.RunsEqual(compact, run);
    }

    [Test]
    public void ARunEndedByAStopTool()
    {
        ToolRunResult run = Transcript.DeserializeRun(TranscriptAssert.Golden("stop-tool.v1.json"));

        Assert.That(run.StopReason, Is.EqualTo(ToolRunStopReason.StopTool));
        Assert.That(run.StopToolResult!.Content, Is.EqualTo("Order 42 shipped"));
        Assert.That(run.StopToolResult, Is.SameAs(run.ToolCalls[1].Result), "the stop tool's result is its record's");
        Assert.That(run.ToolCalls.Select(r => (r.Call.Name, r.Duration)), Is.EqualTo(new[] { ("ship_order", TimeSpan.FromMilliseconds(5)), ("finish", TimeSpan.FromTicks(4_200)) }));
        Assert.That(run.Text, Is.Null);
    }
}
