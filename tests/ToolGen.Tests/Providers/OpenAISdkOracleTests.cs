#pragma warning disable OPENAI001   // Seed, reasoning effort and the Responses client are marked experimental in the SDK.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;
using ToolGen.Chat;
using ToolGen.Providers.OpenAI;
using ToolGen.Tests.Tools;
using ChatMessage = ToolGen.Chat.ChatMessage;

namespace ToolGen.Tests.Providers;

/// <summary>
/// The official OpenAI .NET SDK (2.15, test-only) as an oracle: the same settings and conversation go through ToolGen and
/// through the SDK against the loopback server, and the request bodies must be the same JSON, structurally.
/// </summary>
public sealed class OpenAISdkOracleTests
{
    private LoopbackServer _server = null!;

    [SetUp]
    public void Start() => _server = new LoopbackServer();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private OpenAIClientOptions SdkOptions() => new() { Endpoint = _server.BaseUrl, NetworkTimeout = TimeSpan.FromSeconds(30) };

    private static readonly string s_parameters = System.Text.Encoding.UTF8.GetString(new RunnerTools().Tools["get_order_id"].ParametersSchema.Span);

    private static void AssertSameBody(string toolGen, string sdk, Func<JsonNode, JsonNode>? normalize = null)
    {
        JsonNode ours = JsonNode.Parse(toolGen)!;
        JsonNode theirs = JsonNode.Parse(sdk)!;
        if (normalize is not null)
        {
            ours = normalize(ours);
            theirs = normalize(theirs);
        }
        Assert.That(JsonNode.DeepEquals(ours, theirs), Is.True, "ToolGen: " + ours.ToJsonString() + "\nSDK:     " + theirs.ToJsonString());
    }

    private const string ChatCallResponse = """
        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
         "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_order_id","arguments":"{\"customer\":\"ada\"}"}}]},"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
        """;

    [TestCase(false)]
    [TestCase(true)]
    public async Task ChatCompletionsBodiesMatchTheSdk(bool stream)
    {
        const string sse = """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}""";
        for (int i = 0; i < 2; i++)
        {
            if (stream) _server.RespondStream([sse, "data: [DONE]"]);
            else _server.Respond(200, ChatCallResponse);
        }

        // ToolGen: a two-round conversation with every option set.
        ToolDescriptor tool = new RunnerTools().Tools["get_order_id"];
        var call = new ToolCall("call_1", "get_order_id", """{"customer":"ada"}""");
        var request = new ChatRequest
        {
            Messages = [ChatMessage.System("Be brief."), ChatMessage.User("Which order?"), ChatMessage.Assistant(null, [call]), ChatMessage.ToolResult(call, ToolResult.FromText("42"))],
            Tools = [tool],
            ToolChoice = ToolGen.Chat.ToolChoice.Required,
            AllowParallelToolCalls = false,
            Options = new ChatRequestOptions { MaxOutputTokens = 100, Temperature = 0.5, TopP = 0.25, Stop = ["END"], Seed = 7, ReasoningEffort = ReasoningEffort.Low },
        };
        var model = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-test", ApiKey = "k", BaseUrl = _server.BaseUrl, Strict = false });
        if (stream) await foreach (ChatStreamUpdate _ in model.StreamAsync(request)) { }
        else await model.CompleteAsync(request);

        // The SDK: the same.
        var client = new ChatClient("gpt-test", new ApiKeyCredential("k"), SdkOptions());
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_order_id", tool.Description, BinaryData.FromString(s_parameters), functionSchemaIsStrict: false) },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            AllowParallelToolCalls = false,
            MaxOutputTokenCount = 100,
            Temperature = 0.5f,
            TopP = 0.25f,
            StopSequences = { "END" },
            Seed = 7,
            ReasoningEffortLevel = ChatReasoningEffortLevel.Low,
        };
        List<OpenAI.Chat.ChatMessage> messages =
        [
            new SystemChatMessage("Be brief."),
            new UserChatMessage("Which order?"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "get_order_id", BinaryData.FromString("""{"customer":"ada"}"""))]),
            new ToolChatMessage("call_1", "42"),
        ];
        if (stream) await foreach (StreamingChatCompletionUpdate _ in client.CompleteChatStreamingAsync(messages, options)) { }
        else await client.CompleteChatAsync(messages, options);

        AssertSameBody(_server.Requests[0].Body, _server.Requests[1].Body, body =>
        {
            // An assistant message with calls and no text: ToolGen sends "content": null, the SDK no content. The spec
            // makes them the same (content is optional when tool_calls is present), and some compatible servers
            // require the key, so ToolGen keeps it.
            foreach (JsonNode? message in body["messages"]!.AsArray())
            {
                if (message!["content"] is null && message.AsObject().ContainsKey("content")) message.AsObject().Remove("content");
            }
            return body;
        });
    }

    private const string Reasoning = """{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Find the order."}],"encrypted_content":"gAAAAB_one=="}""";
    private const string Call = """{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_order_id","arguments":"{\"customer\":\"ada\"}","status":"completed"}""";
    private static readonly string FirstResponse = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"model\":\"o-test\",\"status\":\"completed\",\"output\":[" + (Reasoning) + "," + (Call) + "],\"usage\":{\"input_tokens\":5,\"output_tokens\":5,\"total_tokens\":10}}";
    private const string SecondResponse = """{"id":"resp_2","object":"response","created_at":1,"model":"o-test","status":"completed","output":[{"type":"message","id":"msg_2","status":"completed","role":"assistant","content":[{"type":"output_text","text":"42.","annotations":[]}]}]}""";

    [Test]
    public async Task ResponsesBodiesWithReasoningMatchTheSdk()
    {
        _server.Respond(200, FirstResponse).Respond(200, SecondResponse).Respond(200, FirstResponse).Respond(200, SecondResponse);

        // ToolGen: round 1, then round 2 with the reasoning item and the call sent back.
        ToolDescriptor tool = new RunnerTools().Tools["get_order_id"];
        var model = new OpenAIResponsesModel(new OpenAIResponsesModelOptions
        {
            Model = "o-test", ApiKey = "k", BaseUrl = _server.BaseUrl, ReasoningSummary = OpenAIReasoningSummary.Auto, Store = false, MaxOutputTokens = 300,
        });
        var options = new ChatRequestOptions { ReasoningEffort = ReasoningEffort.Low, Instructions = "Be brief.", Temperature = 0.5, TopP = 0.25 };
        List<ToolGen.Chat.ChatMessage> conversation = [ToolGen.Chat.ChatMessage.User("Which order?")];
        ChatResponse first = await model.CompleteAsync(new ChatRequest { Messages = conversation, Tools = [tool], ToolChoice = ToolGen.Chat.ToolChoice.Auto, AllowParallelToolCalls = false, Options = options });
        conversation.Add(first.Message);
        conversation.Add(ToolGen.Chat.ChatMessage.ToolResult(first.Message.ToolCalls.Single(), ToolResult.FromText("42")));
        await model.CompleteAsync(new ChatRequest { Messages = conversation, Tools = [tool], ToolChoice = ToolGen.Chat.ToolChoice.Auto, AllowParallelToolCalls = false, Options = options });

        // The SDK: the same, appending the parsed output items to the input as its documentation does.
        var client = new ResponsesClient(new ApiKeyCredential("k"), new ResponsesClientOptions { Endpoint = _server.BaseUrl });
        var create = new CreateResponseOptions
        {
            Model = "o-test",
            Instructions = "Be brief.",
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Low, ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Auto },
            StoredOutputEnabled = false,
            IncludedProperties = { IncludedResponseProperty.ReasoningEncryptedContent },
            MaxOutputTokenCount = 300,
            Temperature = 0.5f,
            TopP = 0.25f,
            ParallelToolCallsEnabled = false,
            ToolChoice = ResponseToolChoice.CreateAutoChoice(),
            Tools = { ResponseTool.CreateFunctionTool("get_order_id", BinaryData.FromString(s_parameters), strictModeEnabled: false, tool.Description) },
            InputItems = { ResponseItem.CreateUserMessageItem("Which order?") },
        };
        ResponseResult answer = await client.CreateResponseAsync(create);
        foreach (ResponseItem item in answer.OutputItems) create.InputItems.Add(item);
        create.InputItems.Add(ResponseItem.CreateFunctionCallOutputItem("call_1", "42"));
        await client.CreateResponseAsync(create);

        for (int round = 0; round < 2; round++)
        {
            AssertSameBody(_server.Requests[round].Body, _server.Requests[2 + round].Body, body =>
            {
                // A user message: ToolGen sends the documented shorthand {"role":"user","content":"text"}, the SDK the
                // long form {"type":"message","role":"user","content":[{"type":"input_text","text":"text"}]}. The API
                // reads both the same (EasyInputMessage); ToolGen keeps the shorthand, which compatible servers
                // (Ollama, vLLM) accept too.
                foreach (JsonNode? item in body["input"]!.AsArray())
                {
                    if (item!["role"]?.GetValue<string>() != "user") continue;
                    item.AsObject().Remove("type");
                    if (item["content"] is JsonValue text)
                        item["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text.GetValue<string>() });
                }
                return body;
            });
        }
        JsonArray input = JsonNode.Parse(_server.Requests[1].Body)!["input"]!.AsArray();
        Assert.That(JsonNode.DeepEquals(input[1], JsonNode.Parse(Reasoning)) && JsonNode.DeepEquals(input[2], JsonNode.Parse(Call)), Is.True, input.ToJsonString());
    }
}
