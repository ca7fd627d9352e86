using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;

namespace ToolGen.Tests.Transcripts;

/// <summary>
/// Everything that is not exactly the format is refused with a <see cref="TranscriptFormatException"/> naming the place;
/// no other exception escapes, nothing is loaded halfway, and the writer refuses what it could not read back.
/// </summary>
public sealed class TranscriptRefusalTests
{
    private const string User = """{"role":"user","parts":[{"type":"text","text":"hi"}]}""";
    private const string Call = """{"role":"assistant","parts":[{"type":"toolCall","id":"c1","name":"t","arguments":"{}"}]}""";
    private const string Result = """{"role":"tool","callId":"c1","toolName":"t","kind":"success","parts":[{"type":"text","text":"r"}]}""";

    // A valid run: everything below changes one thing in it.
    private const string Run = """{"version":1,"stopReason":"answered","text":"ok","usage":{"inputTokens":1,"outputTokens":2},"modelCalls":1,"toolCalls":[{"callId":"c1","round":1,"durationMs":1.5}],"messages":[""" + User + "," + Call + "," + Result + "]}";

    private static string Messages(params string[] messages) => """{"version":1,"messages":[""" + string.Join(",", messages) + "]}";

    private static string Part(string part, string role = "user") => Messages($$"""{"role":"{{role}}","parts":[{{part}}]}""");

    private static string Changed(string from, string to)
    {
        if (!Run.Contains(from, StringComparison.Ordinal)) Assert.Fail($"The run does not contain {from}.");
        return Run.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Asserts that reading <paramref name="json"/> fails at <paramref name="path"/> with "path: <paramref name="problem"/>" (a prefix of it when it ends with "…").</summary>
    private static TranscriptFormatException Refused(string json, string path, string problem) => Refused(Encoding.UTF8.GetBytes(json), path, problem);

    private static TranscriptFormatException Refused(byte[] json, string path, string problem)
    {
        var error = Assert.Throws<TranscriptFormatException>(() => Transcript.DeserializeMessages(json))!;
        Assert.That(error.Path, Is.EqualTo(path));
        if (problem.EndsWith('…')) Assert.That(error.Message, Does.StartWith(path + ": " + problem[..^1]));
        else Assert.That(error.Message, Is.EqualTo(path + ": " + problem));
        var run = Assert.Throws<TranscriptFormatException>(() => Transcript.DeserializeRun(json))!;
        Assert.That(run.Message, Is.EqualTo(error.Message), "both readers refuse it alike");
        return error;
    }

    [Test]
    public void TheValidRunUnderTheseTestsLoads()
    {
        ToolRunResult run = Transcript.DeserializeRun(Run);
        Assert.That((run.Messages.Count, run.ToolCalls.Single().Duration, run.Text), Is.EqualTo((3, TimeSpan.FromTicks(15_000), "ok")));
        Assert.That(Transcript.Serialize(run), Is.EqualTo(Run));
    }

    // ---- Not JSON, not an object ----

    [Test]
    public void MalformedJson()
    {
        Refused("""{"version":1,"messages":[{"role":"user","parts":[{"type":"text","text":"h""", "$.messages[0].parts[0].text", "not valid JSON: …");
        Refused("""{"version":1,"messages":[{"role":"user","parts":[{"type":"text","text":"hi"}]}""", "$.messages[0]", "not valid JSON: …");
        Refused("""{"version":1,"messages":[{"role":"user" "parts":[]}]}""", "$.messages[0].role", "not valid JSON: …");
        Refused("""{"version":1,"messages":[],}""", "$.messages", "not valid JSON: …");
        Refused("""{"version":1,"messages":[] /* comment */}""", "$.messages", "not valid JSON: …");
        Refused(Run + "x", "$", "not valid JSON: …");
        Refused(Run + Run, "$", "not valid JSON: …");
        Refused("", "$", "not valid JSON: …");
        Refused("   ", "$", "not valid JSON: …");
        Refused("{'version':1}", "$", "not valid JSON: …");
    }

    [Test]
    public void EveryTruncationIsRefused()
    {
        byte[] golden = TranscriptAssert.Golden("all-parts.v1.json");
        for (int length = 0; length < golden.Length; length++)
        {
            var error = Assert.Throws<TranscriptFormatException>(() => Transcript.DeserializeMessages(golden.AsSpan(0, length)), $"truncated to {length} bytes")!;
            Assert.That(error.Message, Does.Contain("not valid JSON").Or.Contains("not valid UTF-8"), $"truncated to {length} bytes");
            Assert.That(error.Path, Does.StartWith("$"));
        }
    }

    [TestCase("[]", "an array")]
    [TestCase("null", "null")]
    [TestCase("\"transcript\"", "a string")]
    [TestCase("42", "42")]
    [TestCase("true", "true")]
    public void ATranscriptIsAnObject(string json, string found) => Refused(json, "$", $"a transcript is a JSON object, not {found}.");

    [Test]
    public void DeeplyNestedGarbage()
    {
        Refused("{\"version\":1,\"x\":" + new string('[', 100_000), "$.x" + string.Concat(Enumerable.Repeat("[0]", 126)), "the document nests deeper than 128 levels.");
        Refused(new string('[', 100_000), "$", "a transcript is a JSON object, not an array.");
        Refused("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)), "$" + string.Concat(Enumerable.Repeat(".a", 128)), "the document nests deeper than 128 levels.");
        // Embedded JSON is limited to 64 levels, written or read, even where the document could hold more.
        string deepItem = new string('[', 100) + new string(']', 100);
        Refused(Part($$"""{"type":"providerItem","provider":"openai","item":{{deepItem}}}""", "assistant"), "$.messages[0].parts[0].item",
            "the provider item is not valid JSON nested at most 64 levels deep: …");
        Refused(Part($$"""{"type":"hologram","x":{{deepItem}}}"""), "$.messages[0].parts[0]", "the unknown part is not valid JSON nested at most 64 levels deep: …");
    }

    [Test]
    public void InvalidTextInStrings()
    {
        byte[] json = Encoding.UTF8.GetBytes(Messages(User));
        int at = Array.LastIndexOf(json, (byte)'h');   // "hi"
        json[at] = 0xC3;
        json[at + 1] = 0x28;   // Not a UTF-8 continuation byte.
        Refused(json, "$.messages[0].parts[0].text", "the string is not valid UTF-8, or holds an escaped lone surrogate such as \\uD800.");
        Refused(Messages(User.Replace("\"hi\"", "\"\\ud800\"", StringComparison.Ordinal)), "$.messages[0].parts[0].text", "the string is not valid UTF-8, or holds an escaped lone surrogate such as \\uD800.");
        Refused(Messages(User.Replace("\"role\"", "\"ro\\udc00le\"", StringComparison.Ordinal)), "$.messages[0]", "a member name is not valid UTF-8, or holds an escaped lone surrogate such as \\uD800.");
    }

    // ---- Version ----

    [Test]
    public void TheVersionIsRequired() =>
        Refused("""{"messages":[]}""", "$", "the document has no \"version\"; a ToolGen transcript starts with \"version\": 1.");

    [TestCase("\"1\"", "the version is an integer, not a string.")]
    [TestCase("1.5", "the version is an integer, not 1.5.")]
    [TestCase("1.0", "the version is an integer, not 1.0.")]
    [TestCase("1e400", "the version is an integer, not 1e400.")]
    [TestCase("null", "the version is an integer, not null.")]
    [TestCase("[1]", "the version is an integer, not an array.")]
    [TestCase("0", "0 is not a transcript version; versions start at 1.")]
    [TestCase("-3", "-3 is not a transcript version; versions start at 1.")]
    [TestCase("-99999999999999999999", "-99999999999999999999 is not a transcript version; versions start at 1.")]
    public void TheVersionIsAPositiveInteger(string version, string problem) =>
        Refused(Messages().Replace("\"version\":1", "\"version\":" + version, StringComparison.Ordinal), "$.version", problem);

    [TestCase("2")]
    [TestCase("99999999999999999999")]
    public void ANewerVersionIsRefusedBeforeAnythingElseIsRead(string version)
    {
        // A newer document may have a different shape and members this version does not know.
        string json = $$"""{"messages":{"shape":"new"},"hologram":true,"version":{{version}}}""";
        var error = Refused(json, "$.version", $"this transcript was written by a newer ToolGen (version {version}); this version reads version 1.");
        Assert.That(error.Message, Does.Contain("written by a newer ToolGen (version " + version + "); this version reads version 1"));
    }

    [Test]
    public void AMemberGivenTwiceIsRefused()
    {
        Refused(Run.Replace("\"version\":1,", "\"version\":1,\"version\":1,", StringComparison.Ordinal), "$.version", "the member appears twice.");
        Refused(Changed("\"role\":\"user\",", "\"role\":\"user\",\"role\":\"system\","), "$.messages[0].role", "the member appears twice.");
        Refused(Changed("\"round\":1,", "\"round\":1,\"round\":2,"), "$.toolCalls[0].round", "the member appears twice.");
        Refused(Changed("\"inputTokens\":1,", "\"inputTokens\":1,\"inputTokens\":1,"), "$.usage.inputTokens", "the member appears twice.");
        Refused(Changed("\"text\":\"hi\"", "\"text\":\"hi\",\"text\":\"ho\""), "$.messages[0].parts[0].text", "the member appears twice.");
        Refused(Changed("{\"type\":\"text\",\"text\":\"hi\"}", "{\"type\":\"text\",\"type\":\"image\",\"text\":\"hi\"}"), "$.messages[0].parts[0].type", "the member appears twice.");
    }

    // ---- Unknown members and values ----

    [Test]
    public void UnknownMembersAreRefused()
    {
        Refused(Changed("\"version\":1,", "\"version\":1,\"extra\":1,"), "$.extra",
            "unknown member of a transcript, which has version, stopReason, text, usage, modelCalls, stopToolCallId, pendingApprovals, toolCalls and messages.");
        Refused(Changed("\"version\":1,", "\"version\":1,\"Messages\":[],"), "$.Messages", "unknown member of a transcript, …");
        Refused(Changed("\"version\":1,", "\"version\":1,\"odd name\":[],"), "$['odd name']", "unknown member of a transcript, …");
        Refused(Changed("{\"role\":\"user\",", "{\"role\":\"user\",\"color\":\"red\","), "$.messages[0].color",
            "unknown member of a message, which has role, callId, toolName, kind, json and parts.");
        Refused(Changed("\"round\":1,", "\"round\":1,\"x\":1,"), "$.toolCalls[0].x", "unknown member of a tool call record, which has callId, round and durationMs.");
        Refused(Changed("\"outputTokens\":2", "\"outputTokens\":2,\"cachedTokens\":0"), "$.usage.cachedTokens", "unknown member of usage, which has inputTokens, outputTokens, cachedInputTokens and reasoningTokens.");
        Refused(Part("""{"type":"text","text":"hi","color":"red"}"""), "$.messages[0].parts[0].color", "unknown member of a text part, which has type and text.");
        Refused(Part("""{"type":"image","mediaType":"image/png","url":"https://x.test/a.png","alt":"a"}"""), "$.messages[0].parts[0].alt",
            "unknown member of an image part, which has type, mediaType, url and data.");
    }

    [Test]
    public void UnknownNamesAreRefused()
    {
        Refused(Changed("\"role\":\"user\"", "\"role\":\"robot\""), "$.messages[0].role", "\"robot\" is not a role; expected system, user, assistant or tool.");
        Refused(Changed("\"role\":\"user\"", "\"role\":\"User\""), "$.messages[0].role", "\"User\" is not a role; …");
        Refused(Changed("\"kind\":\"success\"", "\"kind\":\"oops\""), "$.messages[2].kind",
            "\"oops\" is not a result kind; expected success, unknownTool, invalidArguments, failed, denied, timedOut, canceled or retry.");
        Refused(Changed("\"stopReason\":\"answered\"", "\"stopReason\":\"paused\""), "$.stopReason",
            "\"paused\" is not a stop reason; expected answered, stopTool, maxRounds, maxConsecutiveErrors, failed, canceled or approvalRequired.");
    }

    // ---- Messages ----

    [Test]
    public void MessageRules()
    {
        Refused("""{"version":1}""", "$", "the document has no \"messages\".");
        Refused(Messages("null"), "$.messages[0]", "expected a message object, found null.");
        Refused(Messages("""{"parts":[]}"""), "$.messages[0]", "a message needs a \"role\".");
        Refused(Messages("""{"role":"user"}"""), "$.messages[0]", "a message needs \"parts\".");
        Refused(Messages("""{"role":"user","parts":[]}"""), "$.messages[0].parts", "a user message has at least one part.");
        Refused(Messages("""{"role":"user","parts":[null]}"""), "$.messages[0].parts[0]", "expected a part object, found null.");
        Refused(Messages("""{"role":"system","parts":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}"""), "$.messages[0].parts", "a system message holds exactly one text part.");
        Refused(Messages("""{"role":"system","parts":[{"type":"hologram"}]}"""), "$.messages[0].parts", "a system message holds exactly one text part.");
        Refused(Part("""{"type":"image","mediaType":"image/png","url":"https://x.test/a.png"}""", "assistant"), "$.messages[0].parts[0]", "an assistant message cannot hold image parts.");
        Refused(Part("""{"type":"toolCall","id":"c","name":"t","arguments":"{}"}"""), "$.messages[0].parts[0]", "a user message cannot hold toolCall parts.");
        Refused(Part("""{"type":"reasoning","provider":"openai","payload":"p"}"""), "$.messages[0].parts[0]", "a user message cannot hold reasoning parts.");
        Refused(Changed("{\"role\":\"user\",", "{\"role\":\"user\",\"callId\":\"c1\","), "$.messages[0].callId", "only a tool message has \"callId\".");
        Refused(Changed("{\"role\":\"user\",", "{\"role\":\"user\",\"json\":false,"), "$.messages[0].json", "only a tool message has \"json\".");
    }

    [Test]
    public void ToolMessageRules()
    {
        Refused(Changed("\"callId\":\"c1\",\"toolName\"", "\"toolName\""), "$.messages[2]", "a tool message needs a \"callId\".");
        Refused(Changed("\"callId\":\"c1\",\"toolName\"", "\"callId\":\"\",\"toolName\""), "$.messages[2].callId", "the call id cannot be empty.");
        Refused(Changed("\"toolName\":\"t\",", ""), "$.messages[2]", "a tool message needs a \"toolName\".");
        Refused(Changed("\"kind\":\"success\",", ""), "$.messages[2]", "a tool message needs a \"kind\".");
        Refused(Changed("\"parts\":[{\"type\":\"text\",\"text\":\"r\"}]", "\"parts\":[]"), "$.messages[2].parts", "a tool message holds exactly one text part.");
        Refused(Changed("\"parts\":[{\"type\":\"text\",\"text\":\"r\"}]", "\"parts\":[{\"type\":\"text\",\"text\":\"r\"},{\"type\":\"text\",\"text\":\"s\"}]"), "$.messages[2].parts",
            "a tool message holds exactly one text part.");
        Refused(Changed("\"kind\":\"success\",", "\"kind\":\"failed\",\"json\":true,"), "$.messages[2].json", "only a successful result is JSON.");
        Refused(Changed("\"kind\":\"success\",\"parts\":[{\"type\":\"text\",\"text\":\"r\"}]", "\"kind\":\"success\",\"json\":true,\"parts\":[{\"type\":\"text\",\"text\":\"\"}]"),
            "$.messages[2].parts[0].text", "a JSON result cannot be empty.");
    }

    // ---- Parts ----

    [Test]
    public void PartRules()
    {
        Refused(Part("5"), "$.messages[0].parts[0]", "a part is an object, not 5.");
        Refused(Part("[]"), "$.messages[0].parts[0]", "a part is an object, not an array.");
        Refused(Part("""{"text":"hi"}"""), "$.messages[0].parts[0]", "a part needs a \"type\".");
        Refused(Part("""{"type":5,"text":"hi"}"""), "$.messages[0].parts[0].type", "expected a string, found 5.");
        Refused(Part("""{"type":"text"}"""), "$.messages[0].parts[0]", "a text part needs \"text\".");
        Refused(Part("""{"type":"text","text":5}"""), "$.messages[0].parts[0].text", "expected a string, found 5.");
        Refused(Part("""{"type":"text","text":null}"""), "$.messages[0].parts[0].text", "expected a string, found null.");
        Refused(Part("""{"type":"toolCall","id":"c","name":"t","arguments":{}}""", "assistant"), "$.messages[0].parts[0].arguments", "expected a string, found an object.");
        Refused(Part("""{"type":"toolCall","id":"c","arguments":"{}"}""", "assistant"), "$.messages[0].parts[0]", "a toolCall part needs \"name\".");
        Refused(Part("""{"type":"reasoning","provider":"","payload":"p"}""", "assistant"), "$.messages[0].parts[0].provider", "the provider cannot be empty.");
        Refused(Part("""{"type":"reasoning","provider":"openai"}""", "assistant"), "$.messages[0].parts[0]", "a reasoning part needs \"payload\".");
        Refused(Part("""{"type":"providerItem","provider":"openai"}""", "assistant"), "$.messages[0].parts[0]", "a providerItem part needs \"item\".");
    }

    [Test]
    public void ANonJsonProviderItemIsRefused()
    {
        Refused(Part("""{"type":"providerItem","provider":"openai","item":{oops}}""", "assistant"), "$.messages[0].parts[0].item", "not valid JSON: …");
        Refused(Part("""{"type":"providerItem","provider":"openai","item":}""", "assistant"), "$.messages[0].parts[0].item", "not valid JSON: …");
    }

    [Test]
    public void ImageRules()
    {
        Refused(Part("""{"type":"image","mediaType":"image/png","data":"not base64!"}"""), "$.messages[0].parts[0].data", "not valid base64.");
        Refused(Part("""{"type":"image","mediaType":"image/png","data":"QUJD="}"""), "$.messages[0].parts[0].data", "not valid base64.");
        Refused(Part("""{"type":"image","mediaType":"image/png","data":""}"""), "$.messages[0].parts[0].data", "an image has at least one byte.");
        Refused(Part("""{"type":"image","mediaType":"image/png","data":[1,2]}"""), "$.messages[0].parts[0].data", "expected a base64 string, found an array.");
        Refused(Part("""{"type":"image","mediaType":"image/png"}"""), "$.messages[0].parts[0]", "an image needs \"url\" or \"data\".");
        Refused(Part("""{"type":"image","mediaType":"image/png","url":"https://x.test/a.png","data":"QUJD"}"""), "$.messages[0].parts[0]", "an image has \"url\" or \"data\", not both.");
        Refused(Part("""{"type":"image","mediaType":"text/plain","data":"QUJD"}"""), "$.messages[0].parts[0].mediaType", "an image needs an image/* media type, not \"text/plain\".");
        Refused(Part("""{"type":"image","url":"https://x.test/a.png"}"""), "$.messages[0].parts[0]", "an image part needs \"mediaType\".");
        Refused(Part("""{"type":"image","mediaType":"image/png","url":"/relative.png"}"""), "$.messages[0].parts[0].url", "an image URL is an absolute http, https or data URL.");
        Refused(Part("""{"type":"image","mediaType":"image/png","url":"file:///etc/passwd"}"""), "$.messages[0].parts[0].url", "an image URL is an absolute http, https or data URL.");
    }

    // ---- Wrong types and huge numbers ----

    [Test]
    public void WrongValueTypes()
    {
        Refused(Changed("\"kind\":\"success\",", "\"kind\":\"success\",\"json\":\"yes\","), "$.messages[2].json", "expected true or false, found a string.");
        Refused(Changed("\"modelCalls\":1", "\"modelCalls\":\"1\""), "$.modelCalls", "expected an integer from -2147483648 to 2147483647, found a string.");
        Refused(Changed("\"round\":1", "\"round\":1.5"), "$.toolCalls[0].round", "expected an integer from -2147483648 to 2147483647, found 1.5.");
        Refused(Changed("\"text\":\"ok\"", "\"text\":[\"ok\"]"), "$.text", "expected a string, found an array.");
        Refused(Changed("\"role\":\"user\"", "\"role\":5"), "$.messages[0].role", "expected a string, found 5.");
        Refused(Changed("\"usage\":{\"inputTokens\":1,\"outputTokens\":2}", "\"usage\":[1,2]"), "$.usage", "expected an object, found an array.");
        Refused(Changed("\"toolCalls\":[", "\"toolCalls\":[5,"), "$.toolCalls[0]", "expected an object, found 5.");
        Refused(Messages().Replace("[]", "{}", StringComparison.Ordinal), "$.messages", "expected an array, found an object.");
        Refused(Messages("1"), "$.messages[0]", "expected an object, found 1.");
        Refused(Messages("""{"role":"user","parts":{}}"""), "$.messages[0].parts", "expected an array, found an object.");
        Refused(Changed("\"durationMs\":1.5", "\"durationMs\":true"), "$.toolCalls[0].durationMs", "expected a number of milliseconds, found true.");
    }

    [Test]
    public void HugeNumbers()
    {
        Refused(Changed("\"modelCalls\":1", "\"modelCalls\":1e400"), "$.modelCalls", "expected an integer from -2147483648 to 2147483647, found 1e400.");
        Refused(Changed("\"modelCalls\":1", "\"modelCalls\":2147483648"), "$.modelCalls", "expected an integer from -2147483648 to 2147483647, found 2147483648.");
        Refused(Changed("\"inputTokens\":1", "\"inputTokens\":99999999999999999999"), "$.usage.inputTokens",
            "expected an integer from -9223372036854775808 to 9223372036854775807, found 99999999999999999999.");
        Refused(Changed("\"durationMs\":1.5", "\"durationMs\":1e20"), "$.toolCalls[0].durationMs", "the duration is out of range.");
        Refused(Changed("\"durationMs\":1.5", "\"durationMs\":1e400"), "$.toolCalls[0].durationMs", "expected a number of milliseconds, found 1e400.");
        string longNumber = "1" + new string('0', 5000);
        var error = Refused(Changed("\"modelCalls\":1", "\"modelCalls\":" + longNumber), "$.modelCalls", "expected an integer from -2147483648 to 2147483647, found 1000000000…");
        Assert.That(error.Message.Length, Is.LessThan(200), "a huge value is not copied into the message");
        Assert.That(Transcript.DeserializeRun(Changed("\"inputTokens\":1", "\"inputTokens\":9223372036854775807")).Usage.InputTokens, Is.EqualTo(long.MaxValue));
    }

    // ---- Run members ----

    [Test]
    public void RunRules()
    {
        Refused(Changed("\"callId\":\"c1\",\"round\"", "\"callId\":\"c9\",\"round\""), "$.toolCalls[0].callId", "\"c9\" names no tool result.");
        Refused(Changed("\"modelCalls\":1,", "\"modelCalls\":1,\"stopToolCallId\":\"c9\","), "$.stopToolCallId", "\"c9\" names no tool result.");
        Refused(Changed("\"callId\":\"c1\",\"round\":1,\"durationMs\":1.5}", "\"callId\":\"c1\",\"round\":1,\"durationMs\":1.5},{\"callId\":\"c1\",\"round\":1}"), "$.toolCalls[0].callId",
            "the result of \"c1\" comes before the results of the records after this one; records are in the order of their results.");
        Refused(Changed("\"id\":\"c1\"", "\"id\":\"c2\""), "$.toolCalls[0].callId", "no assistant message before the result of \"c1\" calls it.");
        Refused(Changed("\"callId\":\"c1\",\"round\":1,", "\"round\":1,"), "$.toolCalls[0]", "a tool call record needs a \"callId\".");
        Refused(Changed("\"round\":1,", ""), "$.toolCalls[0]", "a tool call record needs a \"round\".");
        Refused(Changed("\"toolCalls\":[", "\"toolCalls\":[null,"), "$.toolCalls[0]", "expected a tool call record object, found null.");
        Refused(Changed(",\"outputTokens\":2", ""), "$.usage", "usage needs \"outputTokens\".");
        Refused(Changed("\"usage\":{\"inputTokens\":1,\"outputTokens\":2}", "\"usage\":{}"), "$.usage", "usage needs \"inputTokens\".");
    }

    [Test]
    public void RunMembersNeedARunTranscript()
    {
        Refused("""{"version":1,"usage":{"inputTokens":1,"outputTokens":2},"messages":[]}""", "$.usage", "only a run transcript has \"usage\", and this one has no \"stopReason\".");
        Refused(Changed("\"stopReason\":\"answered\",", ""), "$.text", "only a run transcript has \"text\", and this one has no \"stopReason\".");

        var error = Assert.Throws<TranscriptFormatException>(() => Transcript.DeserializeRun(Messages(User)))!;
        Assert.That(error.Path, Is.EqualTo("$"));
        Assert.That(error.Message, Is.EqualTo("$: this transcript holds messages only (it has no \"stopReason\"); load it with Transcript.DeserializeMessages."));
        Assert.That(Transcript.DeserializeMessages(Run), Has.Count.EqualTo(3), "the messages of a run load alone");
    }

    [Test]
    public void PendingApprovalRules()
    {
        const string Approval = """{"callId":"c2","toolName":"delete_account","arguments":"{}","argumentsHash":"h","hints":["destructive"]}""";
        string json = Changed("\"toolCalls\":", "\"pendingApprovals\":[" + Approval + "],\"toolCalls\":");
        Assert.That(Transcript.DeserializeRun(json).PendingApprovals.Single().Hints, Is.EqualTo(ToolHints.Destructive));

        Refused(json.Replace(",\"argumentsHash\":\"h\"", "", StringComparison.Ordinal), "$.pendingApprovals[0]", "a pending approval needs \"argumentsHash\".");
        Refused(json.Replace("\"toolName\":\"delete_account\",", "", StringComparison.Ordinal), "$.pendingApprovals[0]", "a pending approval needs \"toolName\".");
        Refused(json.Replace("[\"destructive\"]", "[\"dangerous\"]", StringComparison.Ordinal), "$.pendingApprovals[0].hints[0]",
            "\"dangerous\" is not a hint; expected readOnly, destructive, idempotent or requiresApproval.");
        Refused(json.Replace("[\"destructive\"]", "[\"destructive\",\"destructive\"]", StringComparison.Ordinal), "$.pendingApprovals[0].hints[1]", "the hint \"destructive\" appears twice.");
        Refused(json.Replace("[\"destructive\"]", "[1]", StringComparison.Ordinal), "$.pendingApprovals[0].hints[0]", "expected a string, found 1.");
        Refused(json.Replace("[\"destructive\"]", "[null]", StringComparison.Ordinal), "$.pendingApprovals[0].hints[0]", "expected a string, found null.");
        Refused(json.Replace("[\"destructive\"]", "\"destructive\"", StringComparison.Ordinal), "$.pendingApprovals[0].hints", "expected an array, found a string.");
        Refused(json.Replace(",\"hints\"", ",\"risk\":1,\"hints\"", StringComparison.Ordinal), "$.pendingApprovals[0].risk",
            "unknown member of a pending approval, which has callId, toolName, arguments, argumentsHash, hints and contractFingerprint.");
    }

    // ---- Whatever the bytes, only TranscriptFormatException, and what loads can be written again ----

    [Test]
    public void MutatedTranscriptsFailCleanlyOrLoadAndWriteBack()
    {
        byte[][] seeds = [TranscriptAssert.Golden("all-parts.v1.json"), TranscriptAssert.Golden("run-tool-calls.v1.json"), TranscriptAssert.Golden("approval-required.v1.json")];
        byte[] interesting = "{}[]\":,0 1-.eEtfn\\/a"u8.ToArray().Concat(new byte[] { 0x00, 0x80, 0xC3, 0xFF }).ToArray();
        var random = new Random(14);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] seed = seeds[i % seeds.Length];
            var bytes = new List<byte>(seed);
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = interesting[random.Next(interesting.Length)]; break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, interesting[random.Next(interesting.Length)]); break;
                    default:
                        int length = Math.Min(random.Next(1, 40), bytes.Count - at);
                        bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                        break;
                }
            }
            byte[] mutated = [.. bytes];
            try
            {
                IReadOnlyList<ChatMessage> messages = Transcript.DeserializeMessages(mutated);
                string written = Transcript.Serialize(messages);
                Assert.That(Transcript.Serialize(Transcript.DeserializeMessages(written)), Is.EqualTo(written), Encoding.UTF8.GetString(mutated));
                loaded++;
            }
            catch (TranscriptFormatException error)
            {
                Assert.That(error.Path, Does.StartWith("$"), error.Message);
                Assert.That(error.Message, Does.StartWith(error.Path + ": "));
                refused++;
            }
        }
        Assert.That(loaded, Is.GreaterThan(0), "some mutations still load");
        Assert.That(refused, Is.GreaterThan(1000), "most are refused");
    }

    // ---- The writer refuses what it could not read back ----

    [Test]
    public void TheWriterRefusesWhatItCouldNotReadBack()
    {
        Assert.That(() => Transcript.Serialize([ChatMessage.Assistant([new ProviderItemPart("openai", "{oops")])]),
            Throws.ArgumentException.With.Message.Contains("Part 0 of message 0 cannot be written: the provider item is not valid JSON"));
        Assert.That(() => Transcript.Serialize([ChatMessage.Assistant([new ProviderItemPart("openai", "{} {}")])]), Throws.ArgumentException.With.Message.Contains("not valid JSON"));
        Assert.That(() => Transcript.Serialize([ChatMessage.Assistant([new ProviderItemPart("openai", new string('[', 65) + new string(']', 65))])]),
            Throws.ArgumentException.With.Message.Contains("nested at most 64 levels"));
        Assert.That(() => Transcript.Serialize([ChatMessage.User(new UnknownPart("[1]"))]), Throws.ArgumentException.With.Message.Contains("an unknown part is a JSON object, not an array."));
        Assert.That(() => Transcript.Serialize([ChatMessage.User(new UnknownPart("{\"a\":1}"))]), Throws.ArgumentException.With.Message.Contains("a part needs a \"type\"."));
        Assert.That(() => Transcript.Serialize([ChatMessage.User(new UnknownPart("""{"type":"text","text":"x"}"""))]),
            Throws.ArgumentException.With.Message.Contains("an unknown part cannot have the known type \"text\"."));
        Assert.That(() => Transcript.Serialize(new ChatMessage[] { ChatMessage.User("a"), null! }), Throws.ArgumentException.With.Message.Contains("Message 1 is null."));

        ToolCall call = new("c1", "t", "{}");
        ToolResult result = ToolResult.FromText("r");
        var noResult = new ToolRunResult { Messages = [ChatMessage.Assistant(null, [call])], ToolCalls = [new(call, result, 1, TimeSpan.Zero)], Usage = ChatUsage.Zero };
        Assert.That(() => Transcript.Serialize(noResult), Throws.ArgumentException.With.Message.Contains("Tool call record 0 cannot be written: \"c1\" names no tool result."));
        var noCall = noResult with { Messages = [ChatMessage.ToolResult(call, result)] };
        Assert.That(() => Transcript.Serialize(noCall), Throws.ArgumentException.With.Message.Contains("no assistant message before the result of \"c1\" calls it."));
        var strayStop = noResult with { Messages = [ChatMessage.Assistant(null, [call]), ChatMessage.ToolResult(call, result)], ToolCalls = [], StopToolResult = ToolResult.FromText("other") };
        Assert.That(() => Transcript.Serialize(strayStop), Throws.ArgumentException.With.Message.Contains("StopToolResult is not the result of any of its tool messages."));
        var badHints = noResult with { Messages = [], ToolCalls = [], PendingApprovals = [new PendingApproval("c", "t", "{}", "h", (ToolHints)64, null)] };
        Assert.That(() => Transcript.Serialize(badHints), Throws.ArgumentException.With.Message.Contains("not a known hint"));
        var badReason = noResult with { Messages = [], ToolCalls = [], StopReason = (ToolRunStopReason)99 };
        Assert.That(() => Transcript.Serialize(badReason), Throws.ArgumentException.With.Message.Contains("99 is not a stop reason"));
    }
}
