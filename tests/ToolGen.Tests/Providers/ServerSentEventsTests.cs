using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Tests.Providers;

/// <summary>The event-stream reader over raw bytes: any chunking, line endings, comments, long lines, split characters.</summary>
public sealed class ServerSentEventsTests
{
    /// <summary>Serves one body, handing out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TricklingHandler(byte[] body, int chunk) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new TricklingStream(body, chunk)) });
    }

    private sealed class TricklingStream(byte[] body, int chunk) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    private static string Chunk(string contentJson, string? finish = null) =>
        $$"""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":{{contentJson}}},"finish_reason":{{(finish is null ? "null" : "\"" + finish + "\"")}}}]}""";

    private static async Task<string> StreamTextAsync(string sse, int chunk)
    {
        var model = new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "m",
            BaseUrl = new Uri("http://model.test/v1/"),
            HttpClient = new HttpClient(new TricklingHandler(Encoding.UTF8.GetBytes(sse), chunk)),
            MaxRetries = 0,
        });
        var text = new StringBuilder();
        await foreach (ChatStreamUpdate update in model.StreamAsync(new ChatRequest { Messages = [ChatMessage.User("hi")] })) text.Append(update.TextDelta);
        return text.ToString();
    }

    [Test]
    public async Task EventsReadTheSameWhateverTheChunking([Values(1, 2, 3, 7, 64, 100_000)] int chunk)
    {
        string longText = new string('x', 40_000);   // One line longer than the reader's first buffer.
        string sse =
            ": keep-alive\r\n\r\n" +
            "event: message\r\n" +
            "data: " + Chunk("\"Grüße, \"") + "\r\n\r\n" +
            "data: " + Chunk("\"😀 \"") + "\n\n" +
            "data: " + Chunk($"\"{longText}\"") + "\n\n" +
            "data: " + Chunk("\"!\"", "stop") + "\n\n" +
            "data: [DONE]\n\n" +
            "data: " + Chunk("\"never read\"") + "\n\n";
        Assert.That(await StreamTextAsync(sse, chunk), Is.EqualTo("Grüße, 😀 " + longText + "!"));
    }

    [Test]
    public async Task TheLastEventNeedsNoBlankLine()
    {
        string sse = "data: " + Chunk("\"a\"") + "\n\ndata: " + Chunk("\"b\"", "stop");
        Assert.That(await StreamTextAsync(sse, 5), Is.EqualTo("ab"));
    }
}
