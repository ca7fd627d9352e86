using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.Tests.Providers;

/// <summary>A request the loopback server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string Query = "");

/// <summary>
/// An HTTP server on 127.0.0.1 that replays scripted responses (JSON bodies, server-sent event streams, errors, delays)
/// and records every request, so provider adapters are tested without a network or an API key.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Func<HttpListenerResponse, CancellationToken, Task>> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Replies with a status, a body and headers, optionally after a delay.</summary>
    public LoopbackServer Respond(int status, string body, IDictionary<string, string>? headers = null, TimeSpan? delay = null)
    {
        _responses.Enqueue(async (response, cancellationToken) =>
        {
            if (delay is { } wait) await Task.Delay(wait, cancellationToken);
            response.StatusCode = status;
            response.ContentType = "application/json";
            foreach (KeyValuePair<string, string> header in headers ?? new Dictionary<string, string>()) response.Headers[header.Key] = header.Value;
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(bytes, cancellationToken);
        });
        return this;
    }

    /// <summary>Replies with a server-sent event stream, flushing each event separately.</summary>
    public LoopbackServer RespondStream(IEnumerable<string> events)
    {
        _responses.Enqueue(async (response, cancellationToken) =>
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            foreach (string item in events)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(item + "\n\n");
                await response.OutputStream.WriteAsync(bytes, cancellationToken);
                await response.OutputStream.FlushAsync(cancellationToken);
            }
        });
        return this;
    }

    /// <summary>Replies however <paramref name="respond"/> says: stall, abort the connection, send part of a body…</summary>
    public LoopbackServer RespondWith(Func<HttpListenerResponse, CancellationToken, Task> respond)
    {
        _responses.Enqueue(respond);
        return this;
    }

    /// <summary>Aborts the response; HttpListener then ends the exchange with an empty 200.</summary>
    public LoopbackServer RespondReset() => RespondWith((response, _) =>
    {
        response.Abort();
        return Task.CompletedTask;
    });

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? key in context.Request.Headers.AllKeys)
        {
            if (key is not null) headers[key] = context.Request.Headers[key] ?? "";
        }
        _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body, context.Request.Url.Query));
        try
        {
            if (_responses.TryDequeue(out var respond)) await respond(context.Response, _stop.Token);
            else context.Response.StatusCode = 599;
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort();   // The client gave up (timeout) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
        }
        _stop.Dispose();
    }
}
