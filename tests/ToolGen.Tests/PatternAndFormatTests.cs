using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>
/// Patterns and formats: the schema promises ECMA-262 / RFC 3339 semantics, and the reader must refuse every value the
/// schema refuses, so a method never runs with a value that breaks its declared constraint.
/// </summary>
public sealed class PatternAndFormatTests
{
    [SetUp]
    public void ResetLog() => CallLog.Reset();

    private static async Task<ToolResult> Call(string tool, string json) => await BookingTools.Tools.InvokeAsync(tool, json);

    private static async Task<string> Refused(string tool, string json)
    {
        ToolResult result = await Call(tool, json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), result.Content);
        Assert.That(CallLog.Calls, Is.Empty, "the method must not run");
        return result.Content;
    }

    private static async Task Accepted(string tool, string json)
    {
        ToolResult result = await Call(tool, json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success), result.Content);
        Assert.That(CallLog.Calls, Has.Count.EqualTo(1));
    }

    [TestCase("CDG\\n")]
    [TestCase("CDG\\r\\n")]
    [TestCase("CDG\\r")]
    [TestCase("\\nCDG")]
    [TestCase("CDGX")]
    [TestCase("cdg")]
    public async Task AnAnchoredPatternMatchesTheWholeValueOnly(string from)
    {
        string message = await Refused("book_flight", $$"""{"from":"{{from}}","to":"JFK"}""");
        Assert.That(message, Does.Contain("$.from: the value does not match the pattern ^[A-Z]{3}$"));
    }

    [TestCase("JFK\\n")]
    [TestCase("xJFK")]
    [TestCase("JFKx")]
    public async Task AnUnanchoredPatternAlsoMatchesTheWholeValue(string to)
    {
        string message = await Refused("book_flight", $$"""{"from":"CDG","to":"{{to}}"}""");
        Assert.That(message, Does.Contain("$.to: the value does not match the pattern ^(?:[A-Z]{3})$"));
    }

    [Test]
    public async Task ValuesMatchingThePatternsAreAccepted()
    {
        await Accepted("book_flight", """{"from":"CDG","to":"JFK","flight":"AF1234","seat":"12A"}""");
        Assert.That(CallLog.Calls[0], Is.EqualTo("book(CDG, JFK, AF1234, 12A, -, -)"));
    }

    [TestCase("AF\u0661\u0662", Description = "Arabic-Indic digits: ECMA-262's \\d is [0-9]")]
    [TestCase("AF\uff11", Description = "a fullwidth digit")]
    public async Task DigitsAreAsciiAsInEcma262(string flight)
    {
        string message = await Refused("book_flight", $$"""{"from":"CDG","to":"JFK","flight":"{{flight}}"}""");
        Assert.That(message, Does.Contain("$.flight"));
    }

    [TestCase("\u00e91A", Description = "ECMA-262's \\w is [A-Za-z0-9_]")]
    [TestCase("12\\n", Description = "ECMA-262's . does not match a line terminator")]
    [TestCase("12\\r", Description = ". and \\r")]
    [TestCase("12\u2028", Description = ". and the line separator")]
    public async Task WordCharactersAndDotFollowEcma262(string seat)
    {
        string message = await Refused("book_flight", $$"""{"from":"CDG","to":"JFK","seat":"{{seat}}"}""");
        Assert.That(message, Does.Contain("$.seat"));
    }

    [Test]
    public void TheSchemaPatternIsNotWrappedTwice()
    {
        JsonNode properties = JsonNode.Parse(BookingTools.Tools["book_flight"].ParametersSchema.Span.ToArray())!["properties"]!;
        Assert.That((string?)properties["from"]!["pattern"], Is.EqualTo("^[A-Z]{3}$"));
        Assert.That((string?)properties["to"]!["pattern"], Is.EqualTo("^(?:[A-Z]{3})$"));
        Assert.That((string?)properties["flight"]!["pattern"], Is.EqualTo(@"^[A-Z]{2}\d{1,4}$"));
    }

    [TestCase("a b@example.com")]
    [TestCase("ab@example.com\\n")]
    [TestCase("ab@example.com\\t")]
    [TestCase("a@b@example.com")]
    [TestCase("@example.com")]
    public async Task EmailAddressesWithSpacesOrControlCharactersAreRefused(string email)
    {
        string message = await Refused("book_flight", $$"""{"from":"CDG","to":"JFK","email":"{{email}}"}""");
        Assert.That(message, Does.Contain("$.email: expected an e-mail address"));
    }

    [TestCase("https://example.com/a b")]
    [TestCase("https://example.com/\\n")]
    [TestCase("https://")]
    [TestCase("mailto:x@example.com")]
    public async Task UrlsMustBeAbsoluteWithoutSpaces(string website)
    {
        string message = await Refused("book_flight", $$"""{"from":"CDG","to":"JFK","website":"{{website}}"}""");
        Assert.That(message, Does.Contain("$.website: expected an absolute http, https or ftp URL"));
    }

    [Test]
    public async Task AValidEmailAndUrlAreAccepted()
    {
        await Accepted("book_flight", """{"from":"CDG","to":"JFK","email":"ann@example.com","website":"https://example.com/agent?id=1"}""");
    }

    private const string Id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    [TestCase("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}")]
    [TestCase("3f2504e04f8911d39a0c0305e82c3301")]
    [TestCase(" 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [TestCase("3f2504e0-4f89-11d3-9a0c-0305e82c3301\\n")]
    public async Task UuidsAreRefusedInFormsTheUuidFormatDoesNotHave(string id)
    {
        string message = await Refused("schedule_pickup", $$"""{"id":"{{id}}","at":"2026-11-24T09:30:00+01:00"}""");
        Assert.That(message, Does.Contain("$.id"));
    }

    [TestCase("2026-11-24", Description = "a date alone")]
    [TestCase("2026-11-24T09:30", Description = "no seconds")]
    [TestCase("2026-11-24T09:30:00", Description = "no offset: it would silently take the server's")]
    [TestCase("2026-11-24T09:30:00+01:00\\n")]
    [TestCase("2026-11-24T09:30:00.Z")]
    public async Task DateTimeOffsetsNeedTheFullRfc3339Form(string at)
    {
        string message = await Refused("schedule_pickup", $$"""{"id":"{{Id}}","at":"{{at}}"}""");
        Assert.That(message, Does.Contain("$.at: expected a date and time with an offset"));
    }

    [TestCase("2026-11-24")]
    [TestCase("2026-11-24T09:30")]
    public async Task DateTimesNeedSeconds(string local)
    {
        string message = await Refused("schedule_pickup", $$"""{"id":"{{Id}}","at":"2026-11-24T09:30:00Z","local":"{{local}}"}""");
        Assert.That(message, Does.Contain("$.local"));
    }

    [TestCase("/relative/path")]
    [TestCase("https://example.com/a b")]
    public async Task UrisMustBeAbsolute(string page)
    {
        string message = await Refused("schedule_pickup", $$"""{"id":"{{Id}}","at":"2026-11-24T09:30:00Z","page":"{{page}}"}""");
        Assert.That(message, Does.Contain("$.page: expected an absolute URI"));
    }

    [Test]
    public async Task Rfc3339ValuesAreAccepted()
    {
        await Accepted("schedule_pickup", $$"""{"id":"{{Id.ToUpperInvariant()}}","at":"2026-11-24T09:30:00.125+01:00","local":"2026-11-24T09:30:00","page":"https://example.com/b/1"}""");
        Assert.That(CallLog.Calls[0], Is.EqualTo($"pickup({Id}, 2026-11-24T09:30:00.1250000+01:00, 2026-11-24T09:30:00.0000000, https://example.com/b/1)"));
    }
}
