using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using ToolGen.Benchmarks.Tools;
using ToolGen.Providers.OpenAI;
using ToolGen.Running;
using AI = Microsoft.Extensions.AI;

namespace ToolGen.Benchmarks;

/// <summary>
/// One whole conversation over HTTP — two Chat Completions calls and one tool call — against an in-memory
/// <see cref="HttpMessageHandler"/> that returns canned bytes, streaming and not: a raw <see cref="HttpClient"/> +
/// <see cref="Utf8JsonReader"/> floor, ToolGen (<see cref="ToolRunner"/> over <see cref="OpenAIChatModel"/>), and the
/// official stack (OpenAI SDK 2.15 <c>ChatClient</c> → Microsoft.Extensions.AI.OpenAI → <see cref="FunctionInvokingChatClient"/>).
/// Every path must give the same answer, which the server only gives when the tool result reached it.
/// </summary>
[MemoryDiagnoser]
public class HttpStackBenchmarks
{
    private const string Question = "What is the weather in Paris?";

    private readonly WeatherTools _target = new();
    private HttpClient _http = null!;
    private ToolRunner _toolGen = null!;
    private IChatClient _official = null!;
    private AI.ChatOptions _officialOptions = null!;

    [Params(false, true)]
    public bool Streaming { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _http = new HttpClient(new CannedOpenAIHandler());
        _toolGen = new ToolRunner(new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-test", ApiKey = "sk-test", BaseUrl = new Uri("http://model.test/v1/"), HttpClient = _http, MaxRetries = 0 }), _target.Tools);
        var client = new OpenAI.Chat.ChatClient("gpt-test", new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = new Uri("http://model.test/v1/"), Transport = new HttpClientPipelineTransport(_http), RetryPolicy = new ClientRetryPolicy(0) });
        _official = new FunctionInvokingChatClient(client.AsIChatClient());
        _officialOptions = new AI.ChatOptions
        {
            Tools = [AIFunctionFactory.Create((Func<string, TemperatureUnit, int, Forecast>)_target.GetWeather, new AIFunctionFactoryOptions { Name = "get_weather" })],
        };
        bool measured = Streaming;   // Set by BenchmarkDotNet for this run; both modes are checked, then it is put back.
        foreach (bool streaming in new[] { false, true })
        {
            Streaming = streaming;
            SameResults.CheckText(nameof(HttpStackBenchmarks) + (streaming ? " (streaming)" : ""),
                ("floor", () => Floor().Result), ("ToolGen", () => ToolGen().Result), ("official", () => Official().Result));
        }
        Streaming = measured;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _http.Dispose();

    [Benchmark(Baseline = true, Description = "HttpClient + Utf8JsonReader (floor)")]
    public async Task<string> Floor()
    {
        // What a hand-written client must do at least: UTF-8 bodies, responses read into a pooled buffer and parsed with
        // Utf8JsonReader, the tool called directly, its result written with Utf8JsonWriter.
        byte[] first = Streaming ? s_firstStreaming : s_first;
        (byte[] buffer, int length) = await PostAsync(first);
        string city;
        try
        {
            city = CityOf(Streaming ? Concatenate(buffer, length, "arguments"u8) : Find(buffer, length, "arguments"u8));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        Forecast forecast = _target.GetWeather(city);
        (buffer, length) = await PostAsync(SecondRequest(forecast));
        try
        {
            return Streaming ? Concatenate(buffer, length, "content"u8) : Find(buffer, length, "content"u8);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Benchmark(Description = "ToolGen ToolRunner + OpenAIChatModel")]
    public async Task<string> ToolGen()
    {
        if (!Streaming) return (await _toolGen.RunAsync(Question)).Text!;
        ToolRunResult? result = null;
        await foreach (ToolRunUpdate update in _toolGen.RunStreamingAsync(Question)) result = update.Result ?? result;
        return result!.Text!;
    }

    [Benchmark(Description = "OpenAI SDK + M.E.AI FunctionInvokingChatClient")]
    public async Task<string> Official()
    {
        if (!Streaming) return (await _official.GetResponseAsync(Question, _officialOptions)).Text;
        var text = new StringBuilder();
        await foreach (ChatResponseUpdate update in _official.GetStreamingResponseAsync(Question, _officialOptions)) text.Append(update.Text);
        return text.ToString();
    }

    private static string ForecastJson(Forecast forecast)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("city", forecast.City);
            writer.WriteNumber("temperature", forecast.Temperature);
            writer.WriteString("unit", forecast.Unit.ToString());
            writer.WriteNumber("days", forecast.Days);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly byte[] s_first = Encoding.UTF8.GetBytes(
        $$$"""{"model":"gpt-test","messages":[{"role":"user","content":"{{{Question}}}"}],"tools":[{{{CannedOpenAIHandler.ToolJson}}}]}""");
    private static readonly byte[] s_firstStreaming = Encoding.UTF8.GetBytes(
        $$$"""{"model":"gpt-test","messages":[{"role":"user","content":"{{{Question}}}"}],"tools":[{{{CannedOpenAIHandler.ToolJson}}}],"stream":true}""");
    private static readonly JsonEncodedText s_tool = JsonEncodedText.Encode(CannedOpenAIHandler.ToolJson);

    private byte[] SecondRequest(Forecast forecast)
    {
        var result = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(result))
        {
            writer.WriteStartObject();
            writer.WriteString("city", forecast.City);
            writer.WriteNumber("temperature", forecast.Temperature);
            writer.WriteString("unit", forecast.Unit == TemperatureUnit.Celsius ? "Celsius" : "Fahrenheit");
            writer.WriteNumber("days", forecast.Days);
            writer.WriteEndObject();
        }
        var body = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("model", "gpt-test");
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteString("content", Question);
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString("role", "assistant");
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteString("id", "call_1");
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", "get_weather");
            writer.WriteString("arguments", """{"city":"Paris"}""");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("tool_call_id", "call_1");
            writer.WriteString("content", result.WrittenSpan);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WritePropertyName("tools");
            writer.WriteStartArray();
            writer.WriteRawValue(CannedOpenAIHandler.ToolJson);
            writer.WriteEndArray();
            if (Streaming) writer.WriteBoolean("stream", true);
            writer.WriteEndObject();
        }
        return body.WrittenSpan.ToArray();
    }

    // Posts the body and reads the whole response into a pooled buffer (returned by the caller).
    private async Task<(byte[] Buffer, int Length)> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = s_json;
        using HttpResponseMessage response = await _http.PostAsync(s_endpoint, content);
        using System.IO.Stream stream = await response.Content.ReadAsStreamAsync();
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                byte[] larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            int read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0) return (buffer, length);
            length += read;
        }
    }

    private static readonly Uri s_endpoint = new("http://model.test/v1/chat/completions");
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private static string CityOf(string arguments)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(arguments));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("city"u8) && reader.Read()) return reader.GetString()!;
        }
        throw new InvalidOperationException("No city in " + arguments);
    }

    // The first string value of `name` in a JSON document.
    private static string Find(byte[] json, int length, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json.AsSpan(0, length));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read() && reader.TokenType == JsonTokenType.String)
                return reader.GetString()!;
        }
        throw new InvalidOperationException("Not found: " + Encoding.UTF8.GetString(name));
    }

    // The string values of `name` in every `data:` event of a stream, joined.
    private static string Concatenate(byte[] sse, int length, ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder();
        ReadOnlySpan<byte> rest = sse.AsSpan(0, length);
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? default : rest[(newline + 1)..];
            if (!line.StartsWith("data: {"u8)) continue;
            var reader = new Utf8JsonReader(line[6..]);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read() && reader.TokenType == JsonTokenType.String)
                    text.Append(reader.GetString());
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// Plays a Chat Completions server from canned bytes: a get_weather call first, then — only once the request carries
/// the tool's result — the answer; as JSON or as a stream of small events, like the real one.
/// </summary>
internal sealed class CannedOpenAIHandler : HttpMessageHandler
{
    public const string ToolJson = """{"type":"function","function":{"name":"get_weather","description":"Gets the weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";
    private const string Answer = "It is 21.5 degrees and sunny in Paris, a fine day for a walk along the Seine; take a light jacket for the evening.";

    private static readonly byte[] s_call = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":60,"completion_tokens":12,"total_tokens":72}}""");
    private static readonly byte[] s_answer = Encoding.UTF8.GetBytes($$$"""{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":"{{{Answer}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":90,"completion_tokens":30,"total_tokens":120}}""");
    private static readonly byte[] s_missing = Encoding.UTF8.GetBytes("""{"error":{"message":"the tool result is missing"}}""");
    private static readonly byte[] s_callStream = Stream(
        """{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
        ["""{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}""", """{"tool_calls":[{"index":0,"function":{"arguments":"ty\": "}}]}""", """{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"""],
        "tool_calls");
    private static readonly byte[] s_answerStream = Stream("""{"role":"assistant","content":""}""",
        [.. Answer.Split(' ').Select((word, i) => $$"""{"content":"{{(i == 0 ? "" : " ") + word}}"}""")], "stop");

    private static byte[] Stream(string first, string[] deltas, string finish)
    {
        var sse = new StringBuilder();
        void Event(string delta, string? reason) => sse.Append("data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":")
            .Append(delta).Append(",\"finish_reason\":").Append(reason is null ? "null" : "\"" + reason + "\"").Append("}]}\n\n");
        Event(first, null);
        foreach (string delta in deltas) Event(delta, null);
        Event("{}", finish);
        sse.Append("data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":12,\"total_tokens\":72}}\n\n");
        sse.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The request is read as UTF-8 into a pooled buffer and searched there: the fake server's own allocations stay
        // small and the same whatever the client sends, so the numbers are the client's.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int length = 0;
            using (System.IO.Stream body = await request.Content!.ReadAsStreamAsync(cancellationToken))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
                {
                    length += read;
                    if (length == buffer.Length) throw new InvalidOperationException("The request is larger than the fake server reads.");
                }
            }
            ReadOnlySpan<byte> json = buffer.AsSpan(0, length);
            bool streaming = json.IndexOf("\"stream\":true"u8) >= 0;
            bool answered = json.IndexOf("\"role\":\"tool\""u8) >= 0;
            byte[] bytes = answered
                ? json.IndexOf("21.5"u8) >= 0 ? streaming ? s_answerStream : s_answer : s_missing
                : streaming ? s_callStream : s_call;
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = streaming ? s_eventStream : s_json;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeHeaderValue s_eventStream = new("text/event-stream");
}
