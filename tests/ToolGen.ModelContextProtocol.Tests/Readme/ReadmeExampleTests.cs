using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ReadmeApp;

namespace ToolGen.ModelContextProtocol.Tests.Readme;

/// <summary>The README's host examples are this project's code, and they work.</summary>
public sealed class ReadmeExampleTests
{
    private static readonly string s_root = FindRoot();

    [TestCase("aspnetcore")]
    [TestCase("mcp")]
    public void TheReadmeShowsTheCompiledExample(string name)
    {
        string source = File.ReadAllText(Path.Combine(s_root, "tests", "ToolGen.ModelContextProtocol.Tests", "Readme", "ReadmeExamples.cs"));
        int start = source.IndexOf("// README:" + name + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0));
        start = source.IndexOf('\n', start) + 1;
        int end = source.IndexOf("// README:end", start, StringComparison.Ordinal);
        string[] lines = source[start..end].TrimEnd().Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        string example = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\napp.Run();";
        string readme = File.ReadAllText(Path.Combine(s_root, "README.md")).Replace("\r\n", "\n");
        Assert.That(readme, Does.Contain("```csharp\n" + example + "\n```"), "README.md shows the example of ReadmeExamples.cs");
    }

    [Test]
    public async Task TheAspNetCoreExampleAnswersWithItsTools()
    {
        // The model: a Chat Completions server on loopback that asks for order_status, then answers with its result.
        WebApplicationBuilder fakeBuilder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        await using WebApplication fake = fakeBuilder.Build();
        fake.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            using var document = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            var last = document.RootElement.GetProperty("messages").EnumerateArray().Last();
            return last.GetProperty("role").GetString() == "tool"
                ? Results.Text($$"""{"id":"2","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Order 42 is {{last.GetProperty("content").GetString()}}."},"finish_reason":"stop"}]}""", "application/json")
                : Results.Text("""{"id":"1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"order_status","arguments":"{\"orderId\":\"42\"}"}}]},"finish_reason":"tool_calls"}]}""", "application/json");
        });
        await fake.StartAsync();

        await using WebApplication app = ReadmeExamples.AspNetCoreApp(
            ["--urls", "http://127.0.0.1:0", "--ToolGen:Provider=openai-compatible", "--ToolGen:Model=m", $"--ToolGen:BaseUrl={Address(fake)}/v1/"]);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };
            HttpResponseMessage response = await http.PostAsJsonAsync("/ask", new { text = "Where is order 42?" });
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Order 42 is shipped."));
        }
        finally
        {
            await app.StopAsync();
            await fake.StopAsync();
        }
    }

    [Test]
    public async Task TheMcpExampleListsAndCallsItsTools()
    {
        await using WebApplication app = ReadmeExamples.McpServer(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            await using McpClient client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(Address(app) + "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
            }));
            var tools = await client.ListToolsAsync();
            Assert.That(tools.Select(t => t.Name), Is.EqualTo(new[] { "order_status", "get_temperature" }));
            CallToolResult result = await client.CallToolAsync("order_status", new System.Collections.Generic.Dictionary<string, object?> { ["orderId"] = "42" });
            Assert.That(result.IsError, Is.Not.True);
            Assert.That(((TextContentBlock)result.Content[0]).Text, Is.EqualTo("shipped"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static string FindRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "ToolGen.sln"))) return directory;
        }
        throw new InvalidOperationException("The repository root (ToolGen.sln) was not found above " + AppContext.BaseDirectory);
    }
}
