using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.ML.Tokenizers;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;
using ToolGen.Review.Manifest;
using ToolGen.Review.Tests.Tools;
using ToolGen.Review.Tokens;

namespace ToolGen.Review.Tests;

/// <summary>
/// The manifest's token counts are the o200k_base count of exactly what the OpenAI provider sends for each tool,
/// checked against Microsoft.ML.Tokenizers itself.
/// </summary>
public sealed class TokenCountTests
{
    private static readonly Tokenizer s_oracle = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Test]
    public async Task EachToolsCountIsTheTokenizersCountOfTheJsonTheProviderSends()
    {
        // What goes over the wire: the request body of a real call through the OpenAI provider with the generated tools.
        var handler = new CapturingHandler();
        var model = new OpenAIChatModel(new OpenAIChatModelOptions
        {
            Model = "gpt-4o", ApiKey = "sk-test", BaseUrl = new Uri("http://127.0.0.1:9/v1/"), HttpClient = new HttpClient(handler), MaxRetries = 0,
        });
        await model.CompleteAsync(new ChatRequest { Messages = [ChatMessage.User("Where is my order?")], Tools = ShopTools.Tools });
        using JsonDocument body = JsonDocument.Parse(handler.Body!);
        Dictionary<string, int> sent = body.RootElement.GetProperty("tools").EnumerateArray()
            .ToDictionary(t => t.GetProperty("function").GetProperty("name").GetString()!, t => s_oracle.CountTokens(t.GetRawText()));
        Assert.That(sent, Has.Count.EqualTo(3));

        // What the manifest says, from the same source file.
        using var project = new ReviewProject(ReviewProject.ReadSource("Tools/ShopTools.cs"), manifest: null);
        Diagnostic missing = (await project.DiagnoseAsync()).Single(d => d.Id == ReviewDescriptors.ManifestMissingId);
        Dictionary<string, int> listed = ManifestEntry.Read(missing.Properties[ReviewDescriptors.ManifestProperty]!).ToDictionary(e => e.Entry.Name, e => e.Entry.Tokens);

        Assert.That(listed, Is.EqualTo(sent));
        Assert.That(listed.Values, Has.All.GreaterThan(30), "whole definitions were counted, not names");
        Assert.That(missing.Properties[ReviewDescriptors.ManifestProperty], Does.Contain($"{sent.Values.Sum()} tokens"), "the header's total is the sum");
    }

    [Test]
    public void TheCounterAgreesWithTheTokenizerOnTrickyText()
    {
        string[] samples =
        [
            "", " ", "  ", "\n", "\r\n\r\n", "\t\tindent", "hello world", "Hello World", "HELLO world", "don't", "DON'T", "they'll've",
            "I'm here", "12345678", "3.14159", "x=1+2", "a/b/c\n/d", "    four spaces", "trailing   ", "line one\nline two\r\nline three",
            "naïve café", "Zürich São Paulo", "配送 in Japanese", "«livraison» — en français", "emoji 🚚📦 and ☃", "Ελληνικά", "русский текст",
            "עברית", "العربية", "हिन्दी", "한국어", "combining e\u0301", "zero\u200Bwidth", "<|endoftext|>", "a<|endofprompt|>b<|endoftext|>",
            "<|endoftext", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}",
            "snake_case_name camelCaseName PascalCaseName kebab-case-name", "https://example.com/path?q=1&r=2#frag", "C:\\Users\\me\\file.txt",
            "¡¿!?...---***", "tabs\tand\vvertical\fform", new string('a', 500), new string(' ', 100) + "x", "x" + new string('\n', 50),
        ];
        foreach (string sample in samples)
            Assert.That(O200kTokenizer.Instance.Count(sample), Is.EqualTo(s_oracle.CountTokens(sample)), $"count of {JsonSerializer.Serialize(sample)}");
    }

    [Test]
    public void TheCounterAgreesWithTheTokenizerOnRandomText()
    {
        // Text drawn from the pieces tool definitions are made of, plus letters from several scripts and odd whitespace.
        string[] parts = ["{", "}", "\"", ":", ",", "[", "]", " ", "  ", "\n", "\r\n", "\t", "'s", "'LL", "-", "_", "/", ".", "0", "42", "1234567",
            "type", "Object", "description", "The", "customer's", "ID", "é", "ü", "ß", "中", "文", "🚚", "\u0301", "Ω", "я", "ا", "!", "?", "…", "—"];
        var random = new Random(17);
        for (int i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            int length = random.Next(1, 40);
            for (int j = 0; j < length; j++) text.Append(parts[random.Next(parts.Length)]);
            string sample = text.ToString();
            Assert.That(O200kTokenizer.Instance.Count(sample), Is.EqualTo(s_oracle.CountTokens(sample)), $"count of {JsonSerializer.Serialize(sample)}");
        }
    }

    [Test]
    public void DescriptionsAreEscapedAsTheProvidersWriterEscapesThem()
    {
        // Every character of the Basic Multilingual Plane except lone surrogates, and a few pairs outside it.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var mismatches = new List<string>();
        var values = Enumerable.Range(0, 0x10000).Where(c => !char.IsSurrogate((char)c)).Select(c => ((char)c).ToString())
            .Concat(["🚚", "𝒳", "😀 ok", "a\u0000b"]);
        foreach (string value in values)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, options)) writer.WriteStringValue(value);
            string expected = Encoding.UTF8.GetString(buffer.WrittenSpan);
            string actual = ToolDefinitionJson.Quote(value);
            if (actual != expected) mismatches.Add($"U+{(int)value[0]:X4}: {actual} vs {expected}");
        }
        Assert.That(mismatches, Is.Empty);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            const string reply = """
                {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Soon."},
                "finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}
                """;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply, Encoding.UTF8, "application/json") };
        }
    }
}
