using System;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using global::ModelContextProtocol.Client;
using global::ModelContextProtocol.Protocol;

namespace ToolGen.ModelContextProtocol.Tests;

/// <summary>How the client reaches the server.</summary>
public enum Transport
{
    /// <summary>Streamable HTTP, stateless, on a loopback port (Kestrel on 127.0.0.1:0).</summary>
    Http,
    /// <summary>The stdio transport's framing (newline-delimited JSON-RPC) over in-memory pipes: a stateful session.</summary>
    Stdio,
}

/// <summary>An MCP server with ToolGen tools, in this process, and the official SDK's client connected to it.</summary>
public sealed class McpTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Pipe? _toServer;
    private readonly Pipe? _toClient;

    private McpTestHost(IHost host, McpClient client, Pipe? toServer, Pipe? toClient)
    {
        _host = host;
        Client = client;
        _toServer = toServer;
        _toClient = toClient;
    }

    public McpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<McpTestHost> StartAsync(
        Transport transport,
        Action<IMcpServerBuilder> tools,
        Action<IServiceCollection>? services = null,
        McpClientOptions? clientOptions = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        IHost host;
        IClientTransport clientTransport;
        Pipe? toServer = null, toClient = null;
        if (transport == Transport.Http)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
            tools(builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true));
            WebApplication app = builder.Build();
            app.MapMcp("/mcp");
            host = app;
            await StartOrDisposeAsync(host, timeout.Token);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            clientTransport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(address + "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
            });
        }
        else
        {
            toServer = new Pipe();
            toClient = new Pipe();
            HostApplicationBuilder builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
            tools(builder.Services.AddMcpServer().WithStreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()));
            host = builder.Build();
            await StartOrDisposeAsync(host, timeout.Token);
            clientTransport = new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream());
        }

        try
        {
            McpClient client = await McpClient.CreateAsync(clientTransport, clientOptions, cancellationToken: timeout.Token);
            return new McpTestHost(host, client, toServer, toClient);
        }
        catch
        {
            await StopAsync(host, toServer, toClient);
            throw;
        }
    }

    private static async Task StartOrDisposeAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync();
        }
        finally
        {
            await StopAsync(_host, _toServer, _toClient);
        }
    }

    private static async Task StopAsync(IHost host, Pipe? toServer, Pipe? toClient)
    {
        // Ending the server's input ends a stream (stdio) session the way a client closing stdin does.
        if (toServer is not null) await toServer.Writer.CompleteAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            if (toClient is not null) await toClient.Reader.CompleteAsync();
            await DisposeHostAsync(host);
        }
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else host.Dispose();
    }
}
