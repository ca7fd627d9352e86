using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpServerSample;

/// <summary>
/// Serves the QuickStart's weather tools over MCP with ToolGen.ModelContextProtocol: on stdio by default, or over streamable
/// HTTP (stateless) with <c>--http [url]</c>, on a loopback address only (the sample has no authentication).
/// </summary>
public static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:5100";

    public static async Task<int> Main(string[] args)
    {
        int http = Array.IndexOf(args, "--http");
        if (http < 0) return await RunStdioAsync(args);
        string url = http + 1 < args.Length && !args[http + 1].StartsWith("--", StringComparison.Ordinal) ? args[http + 1] : DefaultUrl;
        return await RunHttpAsync(url);
    }

    private static Implementation ServerInfo => new() { Name = "toolgen-weather", Version = "0.1.0" };

    private static async Task<int> RunStdioAsync(string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        // stdout carries the protocol: every log line goes to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddMcpServer(o => o.ServerInfo = ServerInfo)
            .WithStdioServerTransport()
            .WithToolGenTools(QuickStart.WeatherTools.Tools);
        await builder.Build().RunAsync();
        return 0;
    }

    private static async Task<int> RunHttpAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp
            || !(uri.IsLoopback && IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) || uri.Host == "localhost"))
        {
            Console.Error.WriteLine($"--http takes a loopback URL such as {DefaultUrl} (port 0 picks a free one); \"{url}\" is not one. " +
                "This sample has no authentication: put a real service behind ASP.NET Core authentication before exposing it.");
            return 2;
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Services.AddMcpServer(o => o.ServerInfo = ServerInfo)
            .WithHttpTransport(o => o.Stateless = true)
            .WithToolGenTools(QuickStart.WeatherTools.Tools);
        WebApplication app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"MCP endpoint: {address}/mcp");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
