using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using global::ModelContextProtocol.Client;
using global::ModelContextProtocol.Protocol;
using ToolGen;

namespace ToolGen.ModelContextProtocol.Tests;

/// <summary>RequiresApproval tools: asked through elicitation, run only on accept, refused when the client cannot be asked.</summary>
[TestFixture(Transport.Http)]
[TestFixture(Transport.Stdio)]
public sealed class ApprovalTests(Transport transport)
{
    private readonly ConcurrentQueue<ElicitRequestParams> _asked = new();

    [SetUp]
    public void Reset()
    {
        Observed.Reset();
        _asked.Clear();
    }

    private McpClientOptions Answering(string action, string? protocolVersion = null) => new()
    {
        ProtocolVersion = protocolVersion,
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                _asked.Enqueue(request!);
                return ValueTask.FromResult(new ElicitResult { Action = action });
            },
        },
    };

    private static string Text(CallToolResult result) => ((TextContentBlock)result.Content.Single()).Text;

    private static Dictionary<string, object?> Path(string path) => new() { ["path"] = path };

    [Test]
    [CancelAfter(60_000)]
    public async Task AcceptedCallsRun()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools), clientOptions: Answering("accept"));
        CallToolResult result = await host.Client.CallToolAsync("delete_file", Path("/tmp/a.txt"));

        Assert.That(result.IsError, Is.Not.True, Text(result));
        Assert.That(Text(result), Is.EqualTo("deleted /tmp/a.txt"));
        Assert.That(Observed.Deleted, Is.EqualTo(new[] { "/tmp/a.txt" }), "run once");
        ElicitRequestParams asked = _asked.Single();
        Assert.That(asked.Message, Does.Contain("delete_file").And.Contain("/tmp/a.txt"), "the user sees the tool and its arguments");

        // Each call is asked about: an earlier answer does not approve the next call.
        await host.Client.CallToolAsync("delete_file", Path("/tmp/b.txt"));
        Assert.That(_asked, Has.Count.EqualTo(2));
        Assert.That(Observed.Deleted, Is.EqualTo(new[] { "/tmp/a.txt", "/tmp/b.txt" }));
    }

    [TestCase("decline", "declined")]
    [TestCase("cancel", "dismissed")]
    public async Task DeclinedCallsDoNotRun(string action, string said)
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools), clientOptions: Answering(action));
        CallToolResult result = await host.Client.CallToolAsync("delete_file", Path("/tmp/a.txt"));

        Assert.That(result.IsError, Is.True);
        Assert.That(Text(result), Does.Contain(said).And.Contain("delete_file").And.Contain("did not run"));
        Assert.That(_asked, Has.Count.EqualTo(1));
        Assert.That(Observed.Deleted, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AClientWithoutElicitationIsRefused()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools));
        CallToolResult result = await host.Client.CallToolAsync("delete_file", Path("/tmp/a.txt"));

        Assert.That(result.IsError, Is.True);
        Assert.That(Text(result), Does.StartWith("delete_file needs the user's approval, and this MCP client cannot ask for it"));
        Assert.That(Observed.Deleted, Is.Empty);

        CallToolResult other = await host.Client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "fine" });
        Assert.That(Text(other), Is.EqualTo("fine"), "tools without the hint are not affected");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AClientOnAnOlderProtocolRevision()
    {
        // 2025-11-25: no multi round-trip requests. Over stdio the session is stateful, so the SDK sends elicitation/create
        // itself; stateless HTTP cannot send a request to the client, so the call is refused.
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools),
            clientOptions: Answering("accept", protocolVersion: "2025-11-25"));
        CallToolResult result = await host.Client.CallToolAsync("delete_file", Path("/tmp/a.txt"));

        if (transport == Transport.Stdio)
        {
            Assert.That(result.IsError, Is.Not.True, Text(result));
            Assert.That(_asked, Has.Count.EqualTo(1));
            Assert.That(Observed.Deleted, Is.EqualTo(new[] { "/tmp/a.txt" }));
        }
        else
        {
            Assert.That(result.IsError, Is.True);
            Assert.That(Text(result), Does.StartWith("delete_file needs the user's approval, and this"));
            Assert.That(_asked, Is.Empty);
            Assert.That(Observed.Deleted, Is.Empty);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ApprovalCanBeLeftToTheClient()
    {
        await using McpTestHost host = await McpTestHost.StartAsync(transport, mcp => mcp.WithToolGenTools(TestTools.Tools, o => o.AskForApproval = false));
        CallToolResult result = await host.Client.CallToolAsync("delete_file", Path("/tmp/a.txt"));
        Assert.That(result.IsError, Is.Not.True, Text(result));
        Assert.That(Observed.Deleted, Is.EqualTo(new[] { "/tmp/a.txt" }));
    }
}
