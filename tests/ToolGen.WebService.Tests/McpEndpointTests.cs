using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ToolGen.WebService.Tests;

/// <summary>
/// The service's MCP endpoint (streamable HTTP, stateless) through the official MCP C# SDK client: listing and calling
/// the order desk's tools (valid, invalid, unknown), an approval-required tool refused for a client that cannot ask, and
/// no access without credentials.
/// </summary>
[NonParallelizable]
public sealed class McpEndpointTests
{
    [OneTimeTearDown]
    public void KillLeftovers() => WebServiceProcess.KillAll();

    private static async Task<McpClient> ConnectAsync(WebServiceProcess service, string? token, McpClientOptions? clientOptions = null)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(service.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            ConnectionTimeout = TimeSpan.FromSeconds(30),
        };
        if (token is not null) options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await McpClient.CreateAsync(new HttpClientTransport(options), clientOptions, cancellationToken: timeout.Token);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    [Test]
    [CancelAfter(120_000)]
    public async Task AnMcpClientListsAndCallsTheToolsAsTheCaller()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        await using McpClient client = await ConnectAsync(service, WebServiceProcess.AliceToken);

        Dictionary<string, Tool> tools = (await client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
        Assert.That(tools.Keys, Is.EqualTo(new[] { "order_status", "cancel_order" }));
        Tool status = tools["order_status"], cancel = tools["cancel_order"];
        Assert.That(status.Title, Is.EqualTo("Order status"));
        Assert.That(status.Annotations?.ReadOnlyHint, Is.True);
        Assert.That(cancel.Annotations?.DestructiveHint, Is.True);
        Assert.That(status.InputSchema.GetProperty("properties").GetProperty("orderId").GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(status.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "orderId" }));
        Assert.That(cancel.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "orderId", "reason" }),
            "the ToolContext and the services are not in the schema");

        CallToolResult valid = await client.CallToolAsync("order_status", new Dictionary<string, object?> { ["orderId"] = 3 });
        Assert.That(valid.IsError, Is.Not.True, Text(valid));
        Assert.That(Text(valid), Is.EqualTo("Order 3 (Barbara, 37.50 EUR) is open."), "the tool read the service's SQLite store");

        CallToolResult invalid = await client.CallToolAsync("order_status", new Dictionary<string, object?> { ["orderId"] = "three" });
        Assert.That(invalid.IsError, Is.True);
        Assert.That(Text(invalid), Does.StartWith("Invalid arguments for order_status: $.orderId"));

        CallToolResult missing = await client.CallToolAsync("order_status", new Dictionary<string, object?>());
        Assert.That(missing.IsError, Is.True);
        Assert.That(Text(missing), Does.Contain("$.orderId: missing"));

        McpProtocolException? unknown = Assert.ThrowsAsync<McpProtocolException>(async () =>
            await client.CallToolAsync("delete_everything", new Dictionary<string, object?>()));
        Assert.That((int)unknown!.ErrorCode, Is.EqualTo(-32602));

        // cancel_order needs approval; this client cannot be asked (no elicitation), so it does not run.
        CallToolResult refused = await client.CallToolAsync("cancel_order", new Dictionary<string, object?> { ["orderId"] = 16 });
        Assert.That(refused.IsError, Is.True);
        Assert.That(Text(refused), Does.Contain("needs the user's approval"));
        Assert.That(db.Order(16), Is.EqualTo(("open", 0L)));
        Assert.That(db.CancelEvents(16), Is.Empty);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AnApprovalRequiredToolRunsWhenTheUserAcceptsAndAsTheAuthenticatedCaller()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);
        var asked = new List<string>();
        string answer = "decline";
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    lock (asked) asked.Add(request?.Message ?? "");
                    return ValueTask.FromResult(new ElicitResult { Action = answer });
                },
            },
        };
        await using McpClient bob = await ConnectAsync(service, WebServiceProcess.BobToken, options);

        CallToolResult declined = await bob.CallToolAsync("cancel_order", new Dictionary<string, object?> { ["orderId"] = 18 });
        Assert.That(declined.IsError, Is.True, Text(declined));
        Assert.That(db.Order(18), Is.EqualTo(("open", 0L)), "declined: not run");

        answer = "accept";
        CallToolResult accepted = await bob.CallToolAsync("cancel_order", new Dictionary<string, object?> { ["orderId"] = 18, ["reason"] = "duplicate" });
        Assert.That(accepted.IsError, Is.Not.True, Text(accepted));
        Assert.That(Text(accepted), Is.EqualTo("Order 18 is now cancelled."));
        Assert.That(db.Order(18), Is.EqualTo(("cancelled", 1L)));
        Assert.That(db.CancelEvents(18), Does.StartWith("bob@"), "the tool's scoped Caller is the MCP request's authenticated user");
        Assert.That(asked, Has.Count.EqualTo(2));
        Assert.That(asked[1], Does.Contain("cancel_order"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task WithoutCredentialsTheMcpEndpointRefusesEverything()
    {
        using var db = new ServiceDatabase();
        await using WebServiceProcess service = await WebServiceProcess.StartAsync(db.Path);

        Assert.CatchAsync<Exception>(async () => await (await ConnectAsync(service, null)).DisposeAsync(), "no token");
        Assert.CatchAsync<Exception>(async () => await (await ConnectAsync(service, "not-a-token-of-anyone-here")).DisposeAsync(), "an unknown token");

        // The raw protocol: a tools/call without credentials is 401 before it reaches a tool.
        const string call = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"cancel_order","arguments":{"orderId":17}}}""";
        foreach ((string who, string? token) in ((string, string?)[])[("no token", null), ("an unknown token", "not-a-token-of-anyone-here")])
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(call, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await service.Http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), who);
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"), who);
        }
        Assert.That(db.Order(17), Is.EqualTo(("open", 0L)));
        Assert.That(db.CancelEvents(17), Is.Empty);

        // Bob, authenticated, gets in.
        await using McpClient bob = await ConnectAsync(service, WebServiceProcess.BobToken);
        Assert.That((await bob.ListToolsAsync()).Select(t => t.Name), Does.Contain("order_status"));
    }
}
