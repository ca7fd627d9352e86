using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Transcripts;

/// <summary>Writing, reading and writing again: identical bytes, equal messages, every part kind, hostile text.</summary>
public sealed class TranscriptRoundTripTests
{
    // Text that stresses escaping: quotes, backslashes, every control character, HTML, JavaScript line separators,
    // characters outside the Basic Multilingual Plane, combining marks, right-to-left text, a byte order mark, NUL.
    private static readonly string[] s_hostile =
    [
        "plain",
        "",
        "\"quoted\" and \\back\\slashed\\",
        string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)) + "\u007f",
        "</script><script>alert('x')</script> & <b>",
        "line\u2028separator\u2029paragraph",
        "emoji 😀👩‍👩‍👧 𝄞 and CJK 東京 and Hangul 한국어",
        "e\u0301 combining, \u200b zero width, \u202e right-to-left override",
        "\uFEFFbyte order mark inside",
        "עברית ועربي",
        "{\"looks\":\"like json\"}",
        "\\u0022 not an escape",
        "tab\tnewline\ncarriage\r\n",
    ];

    private static string Hostile(Random random) => s_hostile[random.Next(s_hostile.Length)] + " " + random.Next().ToString(CultureInfo.InvariantCulture);

    /// <summary>A run of about 1,000 messages using every part kind, every result kind and large arguments.</summary>
    private static ToolRunResult LargeRun(int messageCount = 1000)
    {
        var random = new Random(20261129);
        var messages = new List<ChatMessage> { ChatMessage.System("System: " + string.Join(" | ", s_hostile)) };
        var records = new List<ToolCallRecord>();
        ToolResultKind[] kinds = Enum.GetValues<ToolResultKind>();
        int round = 0;
        while (messages.Count < messageCount - 8)
        {
            round++;
            var userParts = new List<ChatPart> { new TextPart(Hostile(random)) };
            if (round % 3 == 0) userParts.Add(ImagePart.FromUrl(new Uri($"https://example.com/images/{round}.png?a=1&b=\"2\"")));
            if (round % 4 == 0)
            {
                byte[] image = new byte[random.Next(1, 300)];
                random.NextBytes(image);
                userParts.Add(ImagePart.FromBytes(image, "image/webp"));
            }
            if (round % 5 == 0) userParts.Add(new UnknownPart($$"""{"type":"audio","seconds":{{round}},"transcript":"ça va? 😀", "raw":[1, 2.50 ,{"k":null}]}"""));
            messages.Add(ChatMessage.User(userParts));

            var calls = new List<ToolCall>();
            int callCount = 1 + random.Next(3);
            for (int c = 0; c < callCount; c++)
            {
                string padding = round % 7 == 0 ? new string('x', 50_000) : "";
                string arguments = round % 11 == 0 && c == 0 ? "" : $$"""{"text":{{System.Text.Json.JsonSerializer.Serialize(Hostile(random), StjOracle.Options)}},"n":{{round}},"pad":"{{padding}}" }""";
                calls.Add(new ToolCall($"call_{round}_{c}", "tool_" + c, arguments) { ProviderData = c == 1 ? "sig-" + round : null });
            }
            var assistantParts = new List<ChatPart>();
            if (round % 2 == 0) assistantParts.Add(new ReasoningPart("openai", "enc-" + round + "==") { Id = "rs_" + round, Summary = Hostile(random) });
            if (round % 3 == 1) assistantParts.Add(new ReasoningPart("anthropic", "sig/" + round + "+"));
            if (round % 4 == 1) assistantParts.Add(new ProviderItemPart("openai", $$$"""{"type":"web_search_call", "id":"ws_{{{round}}}","action":{"query":"café \"{{{round}}}\" 😀"}}"""));
            if (round % 2 == 1) assistantParts.Add(new TextPart(Hostile(random)));
            assistantParts.AddRange(calls);
            if (round % 6 == 0) assistantParts.Add(new UnknownPart($$"""{"type":"citation","n":{{round}}}"""));
            messages.Add(ChatMessage.Assistant(assistantParts));

            foreach (ToolCall call in calls)
            {
                ToolResultKind kind = kinds[random.Next(kinds.Length)];
                ToolResult result = kind != ToolResultKind.Success ? ToolResult.Error(kind, Hostile(random))
                    : random.Next(2) == 0 ? ToolResult.FromText(Hostile(random))
                    : ToolResult.FromJson(Encoding.UTF8.GetBytes($$"""{"value":{{System.Text.Json.JsonSerializer.Serialize(Hostile(random), StjOracle.Options)}},"round":{{round}}}"""));
                messages.Add(ChatMessage.ToolResult(call, result));
                records.Add(new ToolCallRecord(call, result, round, TimeSpan.FromTicks(random.NextInt64(0, 100_000_000))));
            }
        }
        while (messages.Count < messageCount) messages.Add(ChatMessage.Assistant(Hostile(random)));
        return new ToolRunResult
        {
            Text = messages[^1].Text,
            Messages = messages,
            ToolCalls = records,
            Usage = new ChatUsage(long.MaxValue, 0),
            ModelCalls = int.MaxValue,
            StopReason = ToolRunStopReason.MaxRounds,
        };
    }

    [Test]
    public void AThousandMessageRunRoundTripsToIdenticalJsonAndEqualMessages()
    {
        ToolRunResult run = LargeRun();
        Assert.That(run.Messages, Has.Count.EqualTo(1000));

        string json = Transcript.Serialize(run);
        ToolRunResult loaded = Transcript.DeserializeRun(json);
        string again = Transcript.Serialize(loaded);

        Assert.That(again, Is.EqualTo(json));
        Assert.That(Transcript.SerializeToUtf8Bytes(loaded), Is.EqualTo(Encoding.UTF8.GetBytes(json)));
        TranscriptAssert.RunsEqual(loaded, run);
        Assert.That(loaded.ToolCalls.Select(r => r.Call), Is.EqualTo(run.ToolCalls.Select(r => r.Call)));
        Assert.That(json, Does.StartWith("""{"version":1,"""));
        Assert.That(json.Length, Is.GreaterThan(1_000_000), "large arguments included");

        // The messages-only document of the same conversation.
        string messagesOnly = Transcript.Serialize(run.Messages);
        IReadOnlyList<ChatMessage> messages = Transcript.DeserializeMessages(messagesOnly);
        TranscriptAssert.MessagesEqual(messages, run.Messages);
        Assert.That(Transcript.Serialize(messages), Is.EqualTo(messagesOnly));
        TranscriptAssert.MessagesEqual(Transcript.DeserializeMessages(json), run.Messages);
    }

    [Test]
    public void TheOutputIsCompactAndEscapesOnlyWhatJsonNeeds()
    {
        var messages = new[] { ChatMessage.User("a \"b\" \\ c <d> & 'e' é 東京 😀 \n\u0001\u2028") };
        string json = Transcript.Serialize(messages);
        Assert.That(json, Is.EqualTo("""{"version":1,"messages":[{"role":"user","parts":[{"type":"text","text":"a \"b\" \\ c <d> & 'e' é 東京 \uD83D\uDE00 \n\u0001\u2028"}]}]}"""));
    }

    [Test]
    public void SerializingIsDeterministic()
    {
        string first = Transcript.Serialize(LargeRun(200));
        Assert.That(Transcript.Serialize(LargeRun(200)), Is.EqualTo(first), "the same run, built again");
        Assert.That(Encoding.UTF8.GetString(Transcript.SerializeToUtf8Bytes(LargeRun(200))), Is.EqualTo(first));
    }

    [Test]
    public void EmbeddedJsonIsKeptByteForByte()
    {
        const string item = "{ \"b\" : [1,  2.50e0] ,\n \"a\":\"\\u00e9\" }";
        const string unknown = "{\"type\":\"hologram\" ,\"x\": \"\\u00e9 é\"}";
        var message = ChatMessage.Assistant([new ProviderItemPart("openai", "  " + item + "\n"), new UnknownPart(unknown)]);
        string json = Transcript.Serialize([message]);
        Assert.That(json, Does.Contain("\"item\":" + item + "}"), "surrounding whitespace is not part of the value");
        Assert.That(json, Does.Contain("," + unknown + "]"));

        ChatMessage loaded = Transcript.DeserializeMessages(json).Single();
        Assert.That(loaded.Parts, Is.EqualTo(new ChatPart[] { new ProviderItemPart("openai", item), new UnknownPart(unknown) }));
        Assert.That(Transcript.Serialize(Transcript.DeserializeMessages(json)), Is.EqualTo(json));
    }

    [Test]
    public void OptionalMembersAreLeftOut()
    {
        var run = new ToolRunResult { Messages = [ChatMessage.User("hi")], ToolCalls = [], Usage = ChatUsage.Zero, StopReason = ToolRunStopReason.Answered };
        Assert.That(Transcript.Serialize(run), Is.EqualTo("""{"version":1,"stopReason":"answered","messages":[{"role":"user","parts":[{"type":"text","text":"hi"}]}]}"""));
        Assert.That(Transcript.Serialize(Array.Empty<ChatMessage>()), Is.EqualTo("""{"version":1,"messages":[]}"""));

        ToolRunResult loaded = Transcript.DeserializeRun(Transcript.Serialize(run));
        Assert.That((loaded.Usage, loaded.ModelCalls, loaded.Text, loaded.StopToolResult, loaded.ToolCalls.Count, loaded.PendingApprovals.Count),
            Is.EqualTo((ChatUsage.Zero, 0, (string?)null, (ToolResult?)null, 0, 0)));
    }

    [Test]
    public void EveryStopReasonAndHintRoundTrips()
    {
        foreach (ToolRunStopReason reason in Enum.GetValues<ToolRunStopReason>())
        {
            var run = new ToolRunResult { Messages = [], ToolCalls = [], Usage = ChatUsage.Zero, StopReason = reason };
            Assert.That(Transcript.DeserializeRun(Transcript.Serialize(run)).StopReason, Is.EqualTo(reason));
        }
        ToolHints all = ToolHints.ReadOnly | ToolHints.Destructive | ToolHints.Idempotent | ToolHints.RequiresApproval;
        var withHints = new ToolRunResult
        {
            Messages = [],
            ToolCalls = [],
            Usage = ChatUsage.Zero,
            StopReason = ToolRunStopReason.ApprovalRequired,
            PendingApprovals = [new PendingApproval("c1", "t", "{}", ToolApprovalDecision.HashArguments("{}"), all, null), new PendingApproval("c2", "t", "", "h", ToolHints.None, "fp")],
        };
        string json = Transcript.Serialize(withHints);
        Assert.That(json, Does.Contain("\"hints\":[\"readOnly\",\"destructive\",\"idempotent\",\"requiresApproval\"]"));
        Assert.That(Transcript.DeserializeRun(json).PendingApprovals, Is.EqualTo(withHints.PendingApprovals));
    }

    [Test]
    public void ReusedCallIdsLinkEachRecordToItsOwnResult()
    {
        // Some servers number calls per turn, so "call_0" comes back every round.
        ToolCall first = new("call_0", "get_order_id", """{"customer":"a"}""");
        ToolCall second = new("call_0", "get_order_id", """{"customer":"b"}""");
        ToolResult one = ToolResult.FromText("1"), two = ToolResult.FromText("2");
        var run = new ToolRunResult
        {
            Messages = [ChatMessage.User("x"), ChatMessage.Assistant(null, [first]), ChatMessage.ToolResult(first, one), ChatMessage.Assistant(null, [second]), ChatMessage.ToolResult(second, two)],
            ToolCalls = [new(first, one, 1, TimeSpan.Zero), new(second, two, 2, TimeSpan.Zero)],
            Usage = ChatUsage.Zero,
            StopReason = ToolRunStopReason.StopTool,
            StopToolResult = two,
        };
        string json = Transcript.Serialize(run);
        ToolRunResult loaded = Transcript.DeserializeRun(json);
        Assert.That(loaded.ToolCalls.Select(r => (r.Call.Arguments, r.Result.Content, r.Round)), Is.EqualTo(new[] { ("""{"customer":"a"}""", "1", 1), ("""{"customer":"b"}""", "2", 2) }));
        Assert.That(loaded.StopToolResult, Is.SameAs(loaded.ToolCalls[1].Result));
        Assert.That(Transcript.Serialize(loaded), Is.EqualTo(json));
    }

    [Test]
    public void AStopToolResultOutsideTheRecordsIsFoundInTheMessages()
    {
        ToolCall call = new("call_1", "finish", "{}");
        ToolResult result = ToolResult.FromText("done");
        var run = new ToolRunResult
        {
            Messages = [ChatMessage.User("x"), ChatMessage.Assistant(null, [call]), ChatMessage.ToolResult(call, result)],
            ToolCalls = [],
            Usage = ChatUsage.Zero,
            StopReason = ToolRunStopReason.StopTool,
            StopToolResult = ToolResult.FromText("done"),
        };
        string json = Transcript.Serialize(run);
        Assert.That(json, Does.Contain("\"stopToolCallId\":\"call_1\""));
        Assert.That(Transcript.DeserializeRun(json).StopToolResult!.Content, Is.EqualTo("done"));
    }

    [Test]
    public void ALeadingByteOrderMarkIsSkipped()
    {
        byte[] json = Encoding.UTF8.GetBytes(Transcript.Serialize([ChatMessage.User("hi")]));
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. json];
        Assert.That(Transcript.DeserializeMessages(withBom).Single().Text, Is.EqualTo("hi"));
    }

    [Test]
    public void AnIndentedTranscriptReadsTheSame()
    {
        byte[] json = TranscriptAssert.Golden("run-tool-calls.v1.json");
        string indented = System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions(StjOracle.Options) { WriteIndented = true });
        Assert.That(indented, Does.Contain("\n  "));
        ToolRunResult loaded = Transcript.DeserializeRun(indented);
        TranscriptAssert.RunsEqual(loaded, Transcript.DeserializeRun(json));
        Assert.That(Transcript.SerializeToUtf8Bytes(loaded), Is.EqualTo(json), "written compact again");
    }

    [Test]
    public void NullArgumentsAreRefused()
    {
        Assert.That(() => Transcript.Serialize((ToolRunResult)null!), Throws.ArgumentNullException);
        Assert.That(() => Transcript.SerializeToUtf8Bytes(null!), Throws.ArgumentNullException);
        Assert.That(() => Transcript.Serialize((IEnumerable<ChatMessage>)null!), Throws.ArgumentNullException);
        Assert.That(() => Transcript.DeserializeRun((string)null!), Throws.ArgumentNullException);
        Assert.That(() => Transcript.DeserializeMessages((string)null!), Throws.ArgumentNullException);
    }
}
