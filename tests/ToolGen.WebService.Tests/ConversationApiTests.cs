using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Transcripts;

namespace ToolGen.WebService.Tests;

/// <summary>
/// samples/WebService over real HTTP, as a separate process (the NativeAOT binary in CI): approvals across a restart,
/// every bad input refused with nothing changed, authentication and ownership, and racing requests. Each test stops its
/// service in a finally (await using), and a fixture teardown kills anything left.
/// </summary>
[NonParallelizable]
public sealed class ConversationApiTests
{
    [OneTimeSetUp]
    public void Describe() => TestContext.Progress.WriteLine($"web service under test: {WebServiceProcess.Describe()}");

    [OneTimeTearDown]
    public void KillLeftovers() => WebServiceProcess.KillAll();

    [Test]
    public async Task AnApprovalAfterARestartCompletesTheRunAndTheToolRunsOnce()
    {
        using var db = new ServiceDatabase();
        string callId;
        string[] before;
        await using (WebServiceProcess first = await WebServiceProcess.StartAsync(db.Path))
        {
            Reply asked = await first.PostMessageAsync("order-7", "Please cancel order 7, it was a mistake.");
            Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
            JsonElement run = asked.Json;
            Assert.That(run.GetProperty("stopReason").GetString(), Is.EqualTo("approvalRequired"));
            JsonElement pending = run.GetProperty("pendingApprovals").EnumerateArray().Single();
            Assert.That(pending.GetProperty("toolName").GetString(), Is.EqualTo("cancel_order"));
            Assert.That(pending.GetProperty("arguments").GetString(), Is.EqualTo("""{"orderId":7}"""));
            Assert.That(pending.GetProperty("argumentsHash").GetString(), Is.EqualTo(ToolApprovalDecision.HashArguments("""{"orderId":7}""")));
            Assert.That(pending.GetProperty("hints").EnumerateArray().Select(h => h.GetString()), Is.EqualTo(new[] { "destructive", "requiresApproval" }));
            callId = pending.GetProperty("callId").GetString()!;
            Assert.That(db.Order(7), Is.EqualTo(("open", 0L)), "nothing runs before the approval");
            before = Roles(await first.GetAsync("order-7"));
        }

        // The first process is gone (killed, as a crash would); the run waits in SQLite.
        ToolRunResult stored = Transcript.DeserializeRun(db.Conversation("order-7")!.Value.Transcript!);
        Assert.That(stored.StopReason, Is.EqualTo(ToolRunStopReason.ApprovalRequired));
        Assert.That(stored.PendingApprovals.Single().CallId, Is.EqualTo(callId));

        await using (WebServiceProcess second = await WebServiceProcess.StartAsync(db.Path))
        {
            Reply resumed = await second.PostDecisionAsync("order-7", callId, approved: true);
            Assert.That(resumed.Status, Is.EqualTo(HttpStatusCode.OK), resumed.ToString());
            Assert.That(resumed.Json.GetProperty("stopReason").GetString(), Is.EqualTo("answered"));
            Assert.That(resumed.Json.GetProperty("text").GetString(), Is.EqualTo("Order 7 is now cancelled."));
            Assert.That(resumed.Json.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(db.Order(7), Is.EqualTo(("cancelled", 1L)));
            Assert.That(db.CancelEvents(7), Is.EqualTo($"alice@{callId}"), "one cancellation, by the approving user, for exactly this call");

            // The same decision again: ToolGen's refusal, as 409, and nothing runs or changes.
            var (_, version, transcript) = db.Conversation("order-7")!.Value;
            Reply twice = await second.PostDecisionAsync("order-7", callId, approved: true);
            Assert.That(twice.Status, Is.EqualTo(HttpStatusCode.Conflict), twice.ToString());
            Assert.That(twice.Error, Is.EqualTo($"Call {callId} already has a result; a decision applies once."));
            Assert.That(db.Conversation("order-7")!.Value, Is.EqualTo(("alice", version, transcript)), "the first decision's result stays stored");
            Assert.That(db.Order(7), Is.EqualTo(("cancelled", 1L)), "the tool ran exactly once");

            // The stored transcript is intact: what was stored before the restart, then the result and the answer.
            string[] after = Roles(await second.GetAsync("order-7"));
            Assert.That(after.Take(before.Length), Is.EqualTo(before));
            Assert.That(after.Skip(before.Length), Is.EqualTo(new[] { "tool:success:Order 7 is now cancelled.", "assistant:Order 7 is now cancelled." }));
            ToolRunResult final = Transcript.DeserializeRun(transcript!);
            Assert.That(Transcript.Serialize(final), Is.EqualTo(transcript), "the stored transcript reads and writes back byte for byte");
            Assert.That(final.Messages.Take(stored.Messages.Count), Is.EqualTo(stored.Messages), "the stored messages are unchanged, only extended");
            Assert.That(final.Messages.Count(m => m.Role == ChatRole.Tool && m.ToolCallId == callId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task BadInputGetsAClearErrorAndChangesNothing()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        Reply created = await service.PostMessageAsync("desk", "What is the status of order 3?");
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That(created.Json.GetProperty("text").GetString(), Is.EqualTo("Order 3 (Barbara, 37.50 EUR) is open."));
        var stored = db.Conversation("desk");
        string shown = (await service.GetAsync("desk")).Body;

        async Task Refused(string what, Task<Reply> sending, HttpStatusCode status, string message)
        {
            Reply reply = await sending;
            Assert.That(reply.Status, Is.EqualTo(status), $"{what}: {reply}");
            Assert.That(reply.Error, Does.Contain(message), what);
            Assert.That(db.Conversation("desk"), Is.EqualTo(stored), $"{what}: the stored conversation is unchanged");
            Assert.That((await service.GetAsync("desk")).Body, Is.EqualTo(shown), what);
        }

        string messages = "/conversations/desk/messages", approvals = "/conversations/desk/approvals";
        string alice = WebServiceProcess.AliceToken;
        await Refused("malformed JSON", service.SendAsync(HttpMethod.Post, messages, alice, """{"text": "status of order 4" """), HttpStatusCode.BadRequest, "The body is not valid JSON for this request");
        await Refused("not JSON at all", service.SendAsync(HttpMethod.Post, messages, alice, "status of order 4"), HttpStatusCode.BadRequest, "not valid JSON");
        await Refused("an unknown member", service.SendAsync(HttpMethod.Post, messages, alice, """{"txt":"status of order 4"}"""), HttpStatusCode.BadRequest, "'txt'");
        await Refused("a wrong type", service.SendAsync(HttpMethod.Post, messages, alice, """{"text":4}"""), HttpStatusCode.BadRequest, "$.text");
        await Refused("no text", service.SendAsync(HttpMethod.Post, messages, alice, "{}"), HttpStatusCode.BadRequest, "non-empty \"text\"");
        await Refused("null", service.SendAsync(HttpMethod.Post, messages, alice, "null"), HttpStatusCode.BadRequest, "null");
        await Refused("an empty body", service.SendAsync(HttpMethod.Post, messages, alice, ""), HttpStatusCode.BadRequest, "not valid JSON");
        await Refused("not JSON content", service.SendAsync(HttpMethod.Post, messages, alice, "text=hi", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "application/json");
        string big = "{\"text\":\"status of order 4 " + new string('x', 70 * 1024) + "\"}";
        await Refused("an oversized body", service.SendAsync(HttpMethod.Post, messages, alice, big), HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 65536 bytes");
        await Refused("no decisions", service.SendAsync(HttpMethod.Post, approvals, alice, """{"decisions":[]}"""), HttpStatusCode.BadRequest, "\"decisions\"");
        await Refused("a decision without approved", service.SendAsync(HttpMethod.Post, approvals, alice, """{"decisions":[{"callId":"call_2_0"}]}"""), HttpStatusCode.BadRequest, "decisions[0]");
        await Refused("a decision for an unknown call", service.PostDecisionAsync("desk", "call_99", approved: true), HttpStatusCode.BadRequest, "No call call_99 is waiting for approval in this conversation.");
        await Refused("a decision for a call that needs none", service.PostDecisionAsync("desk", "call_2_0", approved: true), HttpStatusCode.Conflict, "Call call_2_0 already has a result");
        await Refused("a failed model call", service.PostMessageAsync("desk", "status of order 4 (model outage)"), HttpStatusCode.BadGateway, "Nothing was stored");
        await Refused("an id that is not one", service.GetAsync(new string('x', 65)), HttpStatusCode.BadRequest, "A conversation id is");

        foreach (Task<Reply> unknown in (Task<Reply>[])[
            service.GetAsync("no-such"),
            service.PostDecisionAsync("no-such", "call_2_0", approved: true),
            service.SendAsync(HttpMethod.Post, "/conversations/no-such/approvals", alice, """{"decisions":[{"callId":"x","approved":false}]}""")])
        {
            await Refused("an unknown conversation", unknown, HttpStatusCode.NotFound, "There is no conversation no-such.");
        }
        Assert.That(db.ConversationCount(), Is.EqualTo(1), "no request above created a conversation");

        // A first message that fails leaves no conversation behind.
        Reply failedFirst = await service.PostMessageAsync("fresh", "hello (model outage)");
        Assert.That(failedFirst.Status, Is.EqualTo(HttpStatusCode.BadGateway), failedFirst.ToString());
        Assert.That(db.Conversation("fresh"), Is.Null);
        Assert.That((await service.GetAsync("fresh")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        // And the conversation still works.
        Reply next = await service.PostMessageAsync("desk", "and the status of order 5?");
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK), next.ToString());
        Assert.That(next.Json.GetProperty("text").GetString(), Is.EqualTo("Order 5 (Ada, 62.50 EUR) is shipped."));
        Assert.That(db.Conversation("desk")!.Value.Version, Is.EqualTo(stored!.Value.Version + 1));
    }

    [Test]
    public async Task AModelThatFailsAfterAnApprovedToolRanLosesNothingAndTheToolNeverRunsAgain()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        Reply asked = await service.PostMessageAsync("outage", "cancel order 14 (outage after tools)");
        Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
        string callId = asked.Json.GetProperty("pendingApprovals")[0].GetProperty("callId").GetString()!;

        Reply failed = await service.PostDecisionAsync("outage", callId, approved: true);
        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.BadGateway), failed.ToString());
        Assert.That(failed.Error, Does.Contain("Their results are stored"));
        Assert.That(db.Order(14), Is.EqualTo(("cancelled", 1L)));
        var (_, version, transcript) = db.Conversation("outage")!.Value;
        Assert.That(version, Is.EqualTo(2), "the tool's result was stored");
        ToolRunResult partial = Transcript.DeserializeRun(transcript!);
        Assert.That(partial.StopReason, Is.EqualTo(ToolRunStopReason.Failed));
        Assert.That(partial.Messages[^1].ToolCallId, Is.EqualTo(callId));
        Assert.That(partial.Messages[^1].Text, Is.EqualTo("Order 14 is now cancelled."));

        Reply again = await service.PostDecisionAsync("outage", callId, approved: true);
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict), again.ToString());
        Reply next = await service.PostMessageAsync("outage", "status of order 14");
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK), next.ToString());
        Assert.That(next.Json.GetProperty("text").GetString(), Is.EqualTo("Order 14 (Ken, 175.00 EUR) is cancelled."));
        Assert.That(db.Order(14), Is.EqualTo(("cancelled", 1L)), "the tool ran once");
        Assert.That(db.CancelEvents(14), Is.EqualTo($"alice@{callId}"));
    }

    [Test]
    public async Task DecisionsAreCheckedAgainstTheStoredRun()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        Reply asked = await service.PostMessageAsync("c8", "cancel order 8 and cancel order 9");
        Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
        string[] calls = [.. asked.Json.GetProperty("pendingApprovals").EnumerateArray().Select(p => p.GetProperty("callId").GetString()!)];
        Assert.That(calls, Has.Length.EqualTo(2));
        var stored = db.Conversation("c8");

        Reply talking = await service.PostMessageAsync("c8", "status of order 8");
        Assert.That(talking.Status, Is.EqualTo(HttpStatusCode.Conflict), talking.ToString());
        Assert.That(talking.Error, Does.Contain("waiting for decisions on 2 tool call(s)"));

        Reply otherArguments = await service.SendAsync(HttpMethod.Post, "/conversations/c8/approvals", WebServiceProcess.AliceToken,
            $$"""{"decisions":[{"callId":"{{calls[0]}}","approved":true,"argumentsHash":"{{ToolApprovalDecision.HashArguments("""{"orderId":1}""")}}"}]}""");
        Assert.That(otherArguments.Status, Is.EqualTo(HttpStatusCode.Conflict), otherArguments.ToString());
        Assert.That(otherArguments.Error, Does.StartWith($"The decision for call {calls[0]} was made for other arguments"));

        Reply twiceInOne = await service.SendAsync(HttpMethod.Post, "/conversations/c8/approvals", WebServiceProcess.AliceToken,
            $$"""{"decisions":[{"callId":"{{calls[0]}}","approved":true},{"callId":"{{calls[0]}}","approved":false}]}""");
        Assert.That(twiceInOne.Status, Is.EqualTo(HttpStatusCode.BadRequest), twiceInOne.ToString());
        Assert.That(twiceInOne.Error, Is.EqualTo($"Two decisions name call {calls[0]}; a call is decided once."));
        Assert.That(db.Conversation("c8"), Is.EqualTo(stored), "refused decisions change nothing");
        Assert.That(db.Order(8), Is.EqualTo(("open", 0L)));

        // One decision at a time: a denial runs nothing and the run waits for the other call.
        Reply denied = await service.PostDecisionAsync("c8", calls[0], approved: false, reason: "The customer changed their mind.");
        Assert.That(denied.Status, Is.EqualTo(HttpStatusCode.OK), denied.ToString());
        Assert.That(denied.Json.GetProperty("stopReason").GetString(), Is.EqualTo("approvalRequired"));
        Assert.That(denied.Json.GetProperty("pendingApprovals").EnumerateArray().Single().GetProperty("callId").GetString(), Is.EqualTo(calls[1]));
        Reply approved = await service.PostDecisionAsync("c8", calls[1], approved: true);
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.ToString());
        Assert.That(approved.Json.GetProperty("text").GetString(), Does.StartWith("I did not run cancel_order: The user denied this call to cancel_order: The customer changed their mind."));
        Assert.That(approved.Json.GetProperty("text").GetString(), Does.EndWith("Order 9 is now cancelled."));
        Assert.That(db.Order(8), Is.EqualTo(("open", 0L)), "the denied call never ran");
        Assert.That(db.Order(9), Is.EqualTo(("cancelled", 1L)));
    }

    [Test]
    public async Task UnauthenticatedAndCrossCallerRequestsAreRefusedWithoutSideEffects()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        Reply asked = await service.PostMessageAsync("alices", "cancel order 11");
        Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
        string callId = asked.Json.GetProperty("pendingApprovals")[0].GetProperty("callId").GetString()!;
        var stored = db.Conversation("alices");
        string approve = $$"""{"decisions":[{"callId":"{{callId}}","approved":true}]}""";

        foreach ((string who, string? token, string? header) in ((string, string?, string?)[])[
            ("no credentials", null, null), ("an unknown token", "not-a-token-of-anyone-here", null),
            ("another scheme", null, "Basic YWxpY2U6cGFzc3dvcmQ="), ("an empty bearer", null, "Bearer ")])
        {
            foreach ((HttpMethod method, string path, string? body) in ((HttpMethod, string, string?)[])[
                (HttpMethod.Get, "/conversations/alices", null),
                (HttpMethod.Post, "/conversations/alices/messages", """{"text":"cancel order 12"}"""),
                (HttpMethod.Post, "/conversations/alices/approvals", approve),
                (HttpMethod.Post, "/conversations/new-one/messages", """{"text":"cancel order 12"}"""),
                (HttpMethod.Post, "/conversations/alices/messages", """{"text": broken"""),
                (HttpMethod.Get, "/no-such-endpoint", null)])
            {
                Reply reply = await service.SendAsync(method, path, token, body, authorization: header);
                Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Unauthorized), $"{who}: {method} {path}: {reply}");
                Assert.That(reply.Error, Does.Contain("Authorization: Bearer"), $"{who}: {method} {path}");
            }
        }

        // Bob is authenticated, but Alice's conversation does not exist for him.
        string bob = WebServiceProcess.BobToken;
        foreach (Reply reply in (Reply[])[
            await service.GetAsync("alices", bob),
            await service.PostMessageAsync("alices", "cancel order 12", bob),
            await service.PostDecisionAsync("alices", callId, approved: true, bob),
            await service.PostDecisionAsync("alices", callId, approved: false, bob)])
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.NotFound), reply.ToString());
            Assert.That(reply.Error, Is.EqualTo("There is no conversation alices."));
        }

        Assert.That(db.Conversation("alices"), Is.EqualTo(stored), "Alice's conversation is untouched");
        Assert.That(db.ConversationCount(), Is.EqualTo(1), "no conversation was created");
        Assert.That(db.Order(11), Is.EqualTo(("open", 0L)));
        Assert.That(db.Order(12), Is.EqualTo(("open", 0L)));

        // Bob's own conversations are his, and Alice's approval still works.
        Reply bobs = await service.PostMessageAsync("bobs", "status of order 12", bob);
        Assert.That(bobs.Status, Is.EqualTo(HttpStatusCode.OK), bobs.ToString());
        Assert.That((await service.GetAsync("bobs")).Status, Is.EqualTo(HttpStatusCode.NotFound), "Alice cannot see Bob's conversation");
        Assert.That(db.Conversation("bobs")!.Value.Owner, Is.EqualTo("bob"));
        Reply approved = await service.PostDecisionAsync("alices", callId, approved: true);
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.ToString());
        Assert.That(db.CancelEvents(11), Is.EqualTo($"alice@{callId}"));
    }

    [Test]
    public async Task OfTwoRequestsRacingOnAConversationOneWinsAndTheOtherIsToldToRetry()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        Assert.That((await service.PostMessageAsync("race", "status of order 1")).Status, Is.EqualTo(HttpStatusCode.OK));

        // Two messages at once; the model takes two seconds, so they overlap.
        Reply[] messages = await Task.WhenAll(service.PostMessageAsync("race", "(slow) status of order 2"), service.PostMessageAsync("race", "(slow) status of order 3"));
        Assert.That(messages.Select(r => r.Status).OrderBy(s => s), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }), string.Join("\n", messages.Select(r => r.ToString())));
        Reply loser = messages.Single(r => r.Status == HttpStatusCode.Conflict);
        Assert.That(loser.Error, Does.Contain("the conversation changed, retry"));
        string winner = messages.Single(r => r.Status == HttpStatusCode.OK).Json.GetProperty("text").GetString()!;
        string[] users = [.. (await service.GetAsync("race")).Json.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("text").GetString()!)];
        Assert.That(users, Has.Length.EqualTo(2), "the loser's message was not stored");
        Assert.That(winner, Does.Contain(users[1].EndsWith('2') ? "Order 2" : "Order 3"), "the stored message is the winner's");
        Assert.That(db.Conversation("race")!.Value.Version, Is.EqualTo(2));

        // Two approvals of one call at once: the tool runs once.
        Reply asked = await service.PostMessageAsync("race", "(slow) cancel order 13");
        Assert.That(asked.Status, Is.EqualTo(HttpStatusCode.OK), asked.ToString());
        string callId = asked.Json.GetProperty("pendingApprovals")[0].GetProperty("callId").GetString()!;
        Reply[] approvals = await Task.WhenAll(service.PostDecisionAsync("race", callId, approved: true), service.PostDecisionAsync("race", callId, approved: true));
        Assert.That(approvals.Select(r => r.Status).OrderBy(s => s), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }), string.Join("\n", approvals.Select(r => r.ToString())));
        Assert.That(db.Order(13), Is.EqualTo(("cancelled", 1L)), "the tool ran once");
        Assert.That(db.CancelEvents(13), Is.EqualTo($"alice@{callId}"));
    }

    // Each message as role:text (tools as tool:kind:text, calls as name(arguments)), for comparing stored conversations.
    private static string[] Roles(Reply conversation)
    {
        Assert.That(conversation.Status, Is.EqualTo(HttpStatusCode.OK), conversation.ToString());
        var list = new List<string>();
        foreach (JsonElement message in conversation.Json.GetProperty("messages").EnumerateArray())
        {
            string role = message.GetProperty("role").GetString()!;
            string text = message.TryGetProperty("text", out JsonElement t) ? t.GetString()! : "";
            if (message.TryGetProperty("toolCalls", out JsonElement calls))
                text += string.Join(",", calls.EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}({c.GetProperty("arguments").GetString()})"));
            list.Add(role == "tool" ? $"tool:{message.GetProperty("kind").GetString()}:{text}" : $"{role}:{text}");
        }
        return [.. list];
    }
}
