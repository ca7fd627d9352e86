using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using ToolGen.Benchmarks.Tools;
using ToolGen.Chat;
using ChatFinishReason = ToolGen.Chat.ChatFinishReason;
using ChatMessage = ToolGen.Chat.ChatMessage;
using ChatResponse = ToolGen.Chat.ChatResponse;
using ChatRole = ToolGen.Chat.ChatRole;
using ToolGen.Running;
using AI = Microsoft.Extensions.AI;

namespace ToolGen.Benchmarks;

/// <summary>
/// One tool-loop round: the model asks for get_weather, the tool runs, the model answers. The model is scripted and
/// costs next to nothing, so the numbers are each framework's own overhead: building requests, dispatching, recording
/// the transcript. The baseline calls the scripted model twice with no framework at all.
/// </summary>
public class LoopBenchmarks
{
    private const string Question = "What is the weather in Paris?";
    private const string Arguments = """{"city":"Paris"}""";

    private readonly WeatherTools _target = new();
    private ToolRunner _runner = null!;
    private RoundTripModel _model = null!;
    private IChatClient _functionInvoking = null!;
    private AI.ChatOptions _chatOptions = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _model = new RoundTripModel();
        _runner = new ToolRunner(_model, _target.Tools);
        _functionInvoking = new FunctionInvokingChatClient(new RoundTripChatClient());
        _chatOptions = new AI.ChatOptions { Tools = [Peers.CreateAIFunction(_target, nameof(WeatherTools.GetWeather))] };
        SameResults.CheckText(nameof(LoopBenchmarks), ("model alone", () => ModelAlone().Result), ("ToolGen", () => ToolGenRound().Result),
            ("M.E.AI", () => ExtensionsAIRound().Result));
    }

    [Benchmark(Baseline = true, Description = "Scripted model alone (2 calls)")]
    public async Task<string> ModelAlone()
    {
        var request = new ChatRequest { Messages = [ToolGen.Chat.ChatMessage.User(Question)], Tools = _runner.Tools };
        ChatResponse first = await _model.CompleteAsync(request);
        ToolCall call = first.Message.ToolCalls[0];
        var second = new ChatRequest { Messages = [.. request.Messages, first.Message, ToolGen.Chat.ChatMessage.ToolResult(call, ToolResult.FromText("{}"))] };
        return (await _model.CompleteAsync(second)).Message.Text!;
    }

    [Benchmark(Description = "ToolGen ToolRunner.RunAsync")]
    public async Task<string> ToolGenRound() => (await _runner.RunAsync(Question)).Text!;

    [Benchmark(Description = "M.E.AI FunctionInvokingChatClient")]
    public async Task<string> ExtensionsAIRound() => (await _functionInvoking.GetResponseAsync(Question, _chatOptions)).Text;

    /// <summary>Asks for the tool, then answers once the conversation holds a tool result.</summary>
    private sealed class RoundTripModel : IChatModel
    {
        public Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
        {
            ToolGen.Chat.ChatMessage last = request.Messages[^1];
            ChatResponse response = last.Role == ChatRole.Tool
                ? new ChatResponse { Message = ToolGen.Chat.ChatMessage.Assistant("It is sunny."), FinishReason = ChatFinishReason.Stop }
                : new ChatResponse { Message = ToolGen.Chat.ChatMessage.Assistant(null, [new ToolCall("call_1", "get_weather", Arguments)]), FinishReason = ChatFinishReason.ToolCalls };
            return Task.FromResult(response);
        }

        public IAsyncEnumerable<ChatStreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    /// <summary>The same script as an <see cref="IChatClient"/>, with arguments parsed as M.E.AI's OpenAI client does.</summary>
    private sealed class RoundTripChatClient : IChatClient
    {
        public Task<AI.ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            AI.ChatMessage last = messages.Last();
            AI.ChatMessage reply = last.Role == AI.ChatRole.Tool
                ? new AI.ChatMessage(AI.ChatRole.Assistant, "It is sunny.")
                : new AI.ChatMessage(AI.ChatRole.Assistant, [FunctionCallContent.CreateFromParsedArguments(Arguments, "call_1", "get_weather",
                    static json => (IDictionary<string, object?>?)System.Text.Json.JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))))]);
            return Task.FromResult(new AI.ChatResponse(reply));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AI.ChatMessage> messages, AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
