using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ToolGen.Chat;

namespace AotService;

/// <summary>
/// A Chat Completions endpoint on 127.0.0.1 that plays a model: it reads the conversation it is sent and answers the
/// way OpenAI documents, so the AOT binary exercises the real adapter (request writing, HTTP, response parsing)
/// without a network. It asks for <c>find_item</c>, then <c>reserve</c>, then answers with the last tool result.
/// Every request it could not accept is counted in <see cref="Problems"/>.
/// </summary>
public sealed class FakeOpenAIServer : IDisposable
{
    private readonly HttpListener _listener = new();

    public FakeOpenAIServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public int Requests { get; private set; }

    public string Problems { get; private set; } = "";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;   // Disposed.
            }
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            byte[] reply = Encoding.UTF8.GetBytes(Answer(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }

    private string Answer(string path, string? authorization, string body)
    {
        Requests++;
        if (path != "/v1/chat/completions") Problems += $"unexpected path {path}; ";
        if (authorization != "Bearer sk-test") Problems += "missing bearer key; ";
        using JsonDocument request = JsonDocument.Parse(body);
        JsonElement root = request.RootElement;
        string[] toolNames = [.. root.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)];
        if (string.Join(",", toolNames) != "find_item,reserve,write_off") Problems += $"tools sent: {string.Join(",", toolNames)}; ";
        JsonElement[] results = [.. root.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "tool")];
        return results.Length switch
        {
            0 => ToolCall("call_1", "find_item", """{\"sku\":\"SKU-1\"}"""),
            1 => ToolCall("call_2", "reserve", """{\"sku\":\"SKU-1\",\"quantity\":3}"""),
            _ => Text($"Reserved 3; {results[^1].GetProperty("content").GetString()} left."),
        };
    }

    private static string ToolCall(string id, string name, string escapedArguments) => $$$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,
        "message":{"role":"assistant","content":null,"tool_calls":[{"id":"{{{id}}}","type":"function",
        "function":{"name":"{{{name}}}","arguments":"{{{escapedArguments}}}"}}]},"finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}
        """;

    private static string Text(string text) => $$$"""
        {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,
        "message":{"role":"assistant","content":"{{{JsonEncodedText.Encode(text)}}}"},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":70,"completion_tokens":8,"total_tokens":78}}
        """;

    public void Dispose() => _listener.Close();
}
