using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Testing;
using ToolGen.Tests.Tools;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests;

/// <summary>Structured extraction: a forced tool whose schema is the [ToolSchema] type, read by the generated reader.</summary>
public sealed class ExtractionTests
{
    private const string Valid = """{"name":"Ada Lovelace","email":"ada@engines.example","phones":["+44 20 1234"],"company":{"name":"Analytical Engines Ltd","employees":12}}""";

    [Test]
    public void TheTypeHasAGeneratedSchemaAndStrictVariant()
    {
        string schema = Encoding.UTF8.GetString(Schema<ContactCard>().Span);
        Assert.That(schema, Does.StartWith("""{"type":"object","properties":{"name":{"description":"The person's full name, for example \"Ada Lovelace\".","type":"string"}"""));
        Assert.That(schema, Does.Contain("\"required\":[\"name\",\"email\",\"phones\"]"));
        JsonNode strict = JsonNode.Parse(StrictSchema<ContactCard>().Span)!;
        Assert.That(StrictSchemaRules.Check(strict), Is.Empty, strict.ToJsonString());
        Assert.That(Name<ContactCard>(), Is.EqualTo("contact_card"));
        Assert.That(Description<ContactCard>(), Is.EqualTo("A contact card extracted from free text, such as an e-mail signature."));
    }

    [Test]
    public async Task ExtractionForcesTheSchemaToolAndReturnsATypedValue()
    {
        var model = new ScriptedChatModel().CallTool("contact_card", Valid);
        ContactCard card = await new ToolRunner(model, ToolSet.Empty).ExtractAsync<ContactCard>("Ada Lovelace <ada@engines.example> ...");

        Assert.That(card.Name, Is.EqualTo("Ada Lovelace"));
        Assert.That(card.Phones, Is.EqualTo(new[] { "+44 20 1234" }));
        Assert.That(card.Company, Is.EqualTo(new Company("Analytical Engines Ltd", 12)));
        ChatRequest request = model.Requests.Single();
        Assert.That(request.ToolChoice, Is.EqualTo(ToolChoice.Tool("contact_card")));
        Assert.That(request.Tools.Single().Name, Is.EqualTo("contact_card"));
        Assert.That(request.Tools.Single().SupportsStrictSchema, Is.True);
        Assert.That(request.Tools.Single().Strict, Is.True, "extraction asks for strict mode when the type allows it");
    }

    [Test]
    public async Task InvalidArgumentsAreShownToTheModelOnceForARetry()
    {
        var model = new ScriptedChatModel()
            .CallTool("contact_card", """{"name":"Ada","email":"not-an-address","phones":"+44"}""", "call_1")
            .CallTool("contact_card", Valid, "call_2");
        ContactCard card = await new ToolRunner(model, ToolSet.Empty).ExtractAsync<ContactCard>("...");

        Assert.That(card.Email, Is.EqualTo("ada@engines.example"));
        ChatMessage feedback = model.Requests[1].Messages.Last();
        Assert.That(feedback.Role, Is.EqualTo(ChatRole.Tool));
        Assert.That(feedback.ToolCallId, Is.EqualTo("call_1"));
        Assert.That(feedback.IsError, Is.True);
        Assert.That(feedback.Text, Does.Contain("$.email: expected an e-mail address").And.Contain("$.phones: expected an array, got the string \"+44\""));
    }

    [Test]
    public void TwoInvalidAttemptsThrowWithTheError()
    {
        var model = new ScriptedChatModel().CallTool("contact_card", "{}").CallTool("contact_card", """{"name":1}""");
        var error = Assert.ThrowsAsync<ToolExtractionException>(() => new ToolRunner(model, ToolSet.Empty).ExtractAsync<ContactCard>("..."))!;
        Assert.That(error.Message, Does.StartWith("The model did not produce a valid contact_card: Invalid arguments for contact_card: $.name: expected a string, got the number 1"));
        Assert.That(error.Messages.Count(m => m.Role == ChatRole.Tool), Is.EqualTo(2));
    }

    [Test]
    public void ACallOfAnotherToolThrowsWithAResumableTranscript()
    {
        // A call of another tool is answered with an error and counts as a failed try, like invalid arguments.
        var model = new ScriptedChatModel().CallTool("something_else").CallTool("something_else");
        var error = Assert.ThrowsAsync<ToolExtractionException>(() => new ToolRunner(model, ToolSet.Empty).ExtractAsync<ContactCard>("..."))!;
        Assert.That(error.Message, Does.Contain("something_else"));
        Assert.That(error.Messages.Last().Role, Is.EqualTo(ChatRole.Tool), "every call has a result");
        model.AssertAllConsumed();
    }

    [Test]
    public void AnAnswerInsteadOfACallThrows()
    {
        var model = new ScriptedChatModel().Reply("I can't do that.");
        Assert.That(async () => await new ToolRunner(model, ToolSet.Empty).ExtractAsync<ContactCard>("..."),
            Throws.InstanceOf<ToolExtractionException>().With.Message.Contains("The model did not call contact_card."));
    }

    private static System.ReadOnlyMemory<byte> Schema<T>() where T : IToolSchema<T> => T.JsonSchema;
    private static System.ReadOnlyMemory<byte> StrictSchema<T>() where T : IToolSchema<T> => T.StrictJsonSchema;
    private static string Name<T>() where T : IToolSchema<T> => T.SchemaName;
    private static string Description<T>() where T : IToolSchema<T> => T.SchemaDescription;
}
