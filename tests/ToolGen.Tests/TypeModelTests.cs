using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>Objects, records, structs, collections, dates and free-form JSON, read and written as System.Text.Json would.</summary>
public sealed class TypeModelTests
{
    private static async Task<ToolResult> Call(string tool, string json) => await ShopTools.Tools.InvokeAsync(tool, json);

    private static async Task<string> Invalid(string tool, string json)
    {
        ShopTools.LastReceived = null;
        ToolResult result = await Call(tool, json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), result.Content);
        Assert.That(ShopTools.LastReceived, Is.Null, "the method must not run");
        return result.Content;
    }

    private static string Schema(string tool) => Encoding.UTF8.GetString(ShopTools.Tools[tool].ParametersSchema.Span);

    private const string Order = """
        {"order":{"customer":"ada","lines":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-2","quantity":1}],
         "shipTo":{"street":"1 rue de Rivoli","city":"Paris","zip":"75001"},"deliverOn":"2026-12-24","priority":"High",
         "labels":{"gift":"yes"},"note":"ring twice"}}
        """;

    [Test]
    public async Task ANestedObjectGraphIsReadAndTheResultWrittenLikeSystemTextJson()
    {
        ToolResult result = await Call("place_order", Order);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success), result.Content);

        var received = (OrderRequest)ShopTools.LastReceived!;
        Assert.That(received.Customer, Is.EqualTo("ada"));
        Assert.That(received.Lines, Is.EqualTo(new[] { new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1) }));
        Assert.That(received.ShipTo, Is.EqualTo(new Address("1 rue de Rivoli", "Paris", "75001", "FR")), "the omitted country keeps its default");
        Assert.That(received.DeliverOn, Is.EqualTo(new DateOnly(2026, 12, 24)));
        Assert.That(received.Priority, Is.EqualTo(Priority.High), "an init-only property is set");
        Assert.That(received.Labels, Is.EqualTo(new System.Collections.Generic.Dictionary<string, string> { ["gift"] = "yes" }));

        // The same JSON through System.Text.Json gives the same object, and the same object gives the same JSON.
        OrderRequest expected = StjOracle.Deserialize<JsonObject>(Order)!["order"].Deserialize<OrderRequest>(StjOracle.Options)!;
        Assert.That(StjOracle.Serialize(received), Is.EqualTo(StjOracle.Serialize(expected)));
        Assert.That(result.Content, Is.EqualTo(StjOracle.Serialize((OrderConfirmation)StjOracle.Deserialize<OrderConfirmation>(result.Content)!)));
        Assert.That(result.Content, Is.EqualTo(StjOracle.Serialize(new OrderConfirmation(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), DeliveryStatus.InProgress, received))));
        Assert.That(result.Content, Does.Contain("\"status\":\"in-progress\"").And.Contain("\"totalUnits\":3").And.Not.Contain("secret"));
    }

    [Test]
    public async Task OmittedOptionalMembersKeepTheirInitializers()
    {
        await Call("place_order", """{"order":{"customer":"bo","lines":[{"sku":"A","quantity":1}]}}""");
        var received = (OrderRequest)ShopTools.LastReceived!;
        Assert.That(received.Priority, Is.EqualTo(Priority.Normal));
        Assert.That(received.Labels["source"], Is.EqualTo("default"));
        Assert.That(received.ShipTo, Is.Null);
        Assert.That(received.Secret, Is.EqualTo("hidden"));
    }

    [Test]
    public async Task NullForAnOptionalNonNullableMemberMeansItsDefault()
    {
        await Call("place_order", """{"order":{"customer":"bo","lines":[{"sku":"A","quantity":1}],"priority":null,"labels":null,"shipTo":null,"deliverOn":null,"note":null}}""");
        var received = (OrderRequest)ShopTools.LastReceived!;
        Assert.That(received.Priority, Is.EqualTo(Priority.Normal));
        Assert.That(received.Labels["source"], Is.EqualTo("default"));
    }

    [Test]
    public async Task ProblemsInsideObjectsCarryTheirFullPath()
    {
        string message = await Invalid("place_order",
            """{"order":{"lines":[{"sku":"A","quantity":0},{"quantity":"x"}],"shipTo":{"street":1,"city":"P","zip":"1","planet":"Mars"},"secret":"s","note":"0123456789012345678901234567890123456789X"}}""");
        Assert.That(message, Does.Contain("$.order.lines[0].quantity: expected a value from 1 to 100, got 0"));
        Assert.That(message, Does.Contain("$.order.lines[1].quantity: expected an integer from -2147483648 to 2147483647, got the string \"x\""));
        Assert.That(message, Does.Contain("$.order.lines[1].sku: missing; this required property must be a string"));
        Assert.That(message, Does.Contain("$.order.shipTo.street: expected a string, got the number 1"));
        Assert.That(message, Does.Contain("$.order.shipTo.planet: unknown property; the accepted properties are street, city, zip, country"));
        Assert.That(message, Does.Contain("$.order.secret: unknown property"), "a [JsonIgnore] member cannot be set");
        Assert.That(message, Does.Contain("$.order.note: expected at most 40 characters, got 41"));
        Assert.That(message, Does.Contain("$.order.customer: missing; this required property must be a string"));
    }

    [Test]
    public async Task CollectionConstraintsAreEnforced()
    {
        string message = await Invalid("place_order", """{"order":{"customer":"c","lines":[]}}""");
        Assert.That(message, Does.Contain("$.order.lines: expected at least 1 item, got 0"));
    }

    [Test]
    public async Task StructsAndRecordStructsAreReadAndWritten()
    {
        Assert.That((await Call("locate", """{"point":{"latitude":48.85,"longitude":2.35},"tags":["b","a","b"]}""")).Content, Is.EqualTo("48.85,2.35 [a,b]"));
        string message = await Invalid("locate", """{"point":{"latitude":91,"longitude":-181}}""");
        Assert.That(message, Does.Contain("$.point.latitude: expected a value from -90 to 90, got 91"));
        Assert.That(message, Does.Contain("$.point.longitude: expected a value from -180 to 180, got -181"));

        ToolResult resized = await Call("resize", """{"size":{"width":3,"height":4},"statuses":["in-progress","DELIVERED"]}""");
        Assert.That(resized.Content, Is.EqualTo("""{"width":6,"height":4}"""));
        Assert.That(ShopTools.LastReceived, Is.EqualTo(new Size(3, 4)));
        Assert.That(await Invalid("resize", """{"size":{"width":3}}"""), Does.Contain("$.size.height: missing"), "a constructor parameter without default is required");
    }

    [Test]
    public async Task RecursiveTypesAreReadToAnyDepthWithinTheLimit()
    {
        ToolResult result = await Call("category_depth", """{"root":{"name":"a","children":[{"name":"b","children":[{"name":"c"}]},{"name":"d","mirrorOf":{"name":"a"}}]}}""");
        Assert.That(result.Content, Is.EqualTo("3"));
        string message = await Invalid("category_depth", """{"root":{"name":"a","children":[{"name":"b","children":[{"children":[]}]}]}}""");
        Assert.That(message, Does.Contain("$.root.children[0].children[0].name: missing"));
    }

    [Test]
    public void RecursiveTypesAreDefinedOnceInDefs()
    {
        string schema = Schema("category_depth");
        Assert.That(schema, Does.Contain("\"root\":{\"description\":\"The root category.\",\"$ref\":\"#/$defs/Category\"}"));
        Assert.That(schema, Does.Contain("\"$defs\":{\"Category\":{\"description\":\"A category of a tree of categories.\",\"type\":\"object\""));
        Assert.That(schema, Does.Contain("\"mirrorOf\":{\"description\":\"An optional category this one mirrors.\",\"anyOf\":[{\"$ref\":\"#/$defs/Category\"},{\"type\":\"null\"}]}"));
        string strict = Encoding.UTF8.GetString(ShopTools.Tools["category_depth"].StrictParametersSchema.Span);
        Assert.That(strict, Does.Contain("\"root\":{\"$ref\":\"#/$defs/Category\"}"), "strict mode wants $ref without siblings");
    }

    [Test]
    public async Task DatesTimesAndIdsUseTheirStandardTextForms()
    {
        const string json = """{"appointment":{"start":"2026-11-24T09:30:00","createdAt":"2026-11-20T08:00:00+01:00","reminder":"08:45","length":"PT1H30M","id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","link":"https://meet.example.com/x","room":"B"}}""";
        ToolResult result = await Call("schedule", json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success), result.Content);
        var received = (Appointment)ShopTools.LastReceived!;
        Assert.That(received.Length, Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(received.Reminder, Is.EqualTo(new TimeOnly(8, 45)));
        Assert.That(received.CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(result.Content, Is.EqualTo(StjOracle.Serialize(received)));
        Assert.That(result.Content, Does.Contain("\"length\":\"01:30:00\"").And.Contain("\"room\":\"B\"").And.Contain("\"day\":null"));

        // System.Text.Json's own TimeSpan text reads back too.
        await Call("schedule", json.Replace("PT1H30M", "1.02:03:04"));
        Assert.That(((Appointment)ShopTools.LastReceived!).Length, Is.EqualTo(new TimeSpan(1, 2, 3, 4)));
    }

    [TestCase("start", "\"24/11/2026\"", "expected a date and time such as")]
    [TestCase("reminder", "\"quarter past\"", "expected a time of day such as")]
    [TestCase("length", "\"P1M\"", "expected an ISO 8601 duration such as")]
    [TestCase("id", "\"not-a-guid\"", "expected a UUID such as")]
    [TestCase("room", "\"AB\"", "expected a string of one character, got 2 characters")]
    [TestCase("day", "\"2026-13-01\"", "expected a date such as \"2026-11-24\"")]
    [TestCase("link", "42", "expected an absolute URI such as")]
    public async Task BadDatesAndIdsAreNamed(string member, string value, string expected)
    {
        var values = new System.Collections.Generic.Dictionary<string, string>
        {
            ["start"] = "\"2026-11-24T09:30:00\"", ["createdAt"] = "\"2026-11-20T08:00:00+01:00\"", ["reminder"] = "\"08:45\"",
            ["length"] = "\"PT1H\"", ["id"] = "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", ["link"] = "\"https://x\"", ["room"] = "\"B\"",
        };
        values[member] = value;
        string json = "{\"appointment\":{" + string.Join(",", values.Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}}";
        string message = await Invalid("schedule", json);
        Assert.That(message, Does.Contain($"$.appointment.{member}: {expected}"));
    }

    [Test]
    public async Task DictionariesAreReadKeyByKey()
    {
        Assert.That((await Call("count_fruit", """{"counts":{"apples":2,"pears":3},"groups":{"x":[1,2],"y":[]}}""")).Content, Is.EqualTo("8"));
        string message = await Invalid("count_fruit", """{"counts":{"apples":"two","odd key":1.5,"pears":1,"pears":2}}""");
        Assert.That(message, Does.Contain("$.counts.apples: expected an integer"));
        Assert.That(message, Does.Contain("$.counts['odd key']: expected an integer from -2147483648 to 2147483647, got 1.5, which is not a whole number"));
        Assert.That(message, Does.Contain("$.counts.pears: given more than once"));
    }

    [Test]
    public async Task FreeFormJsonPassesThrough()
    {
        ToolResult result = await Call("echo_json", """{"payload":{"a":[1,{"b":null}],"c":"é"},"extra":[true],"settings":{"x":1}}""");
        Assert.That(result.Content, Is.EqualTo("""{"a":[1,{"b":null}],"c":"é"}"""));
        Assert.That(((JsonNode)ShopTools.LastReceived!).ToJsonString(), Is.EqualTo("[true]"));
        Assert.That((await Call("echo_json", """{"payload":null}""")).Content, Is.EqualTo("null"));
        Assert.That(await Invalid("echo_json", """{"payload":1,"settings":[1]}"""), Does.Contain("$.settings: expected an object, got an array"));
    }

    [Test]
    public async Task DataAnnotationsOnParametersAndMembersAreEnforced()
    {
        Assert.That((await Call("rate", """{"stars":5,"comment":"great","email":"a@b.c"}""")).Content, Is.EqualTo("5: great a@b.c"));
        string message = await Invalid("rate", """{"stars":6,"comment":"ok","email":"nobody"}""");
        Assert.That(message, Does.Contain("$.stars: expected a value from 1 to 5, got 6"));
        Assert.That(message, Does.Contain("$.comment: expected from 3 to 100 characters, got 2"));
        Assert.That(message, Does.Contain("$.email: expected an e-mail address"));

        Assert.That((await Call("add_contact", """{"contact":{"email":"a@b.c","name":"Ada","website":"https://ada.dev","code":"AB1234"}}""")).Content,
            Is.EqualTo("Ada <a@b.c> https://ada.dev AB1234"));
        message = await Invalid("add_contact", """{"contact":{"email":"","website":"ada.dev","code":"ab1234x"}}""");
        Assert.That(message, Does.Contain("$.contact.email: expected at least 1 character, got 0"));
        Assert.That(message, Does.Contain("$.contact.website: expected an absolute http, https or ftp URL"));
        Assert.That(message, Does.Contain("$.contact.code: the value does not match the pattern ^(?:[A-Z]{2}\\d{4})$"));
        Assert.That(message, Does.Contain("$.contact.name: missing"), "[JsonRequired] makes a member required");
        Assert.That(await Invalid("add_contact", """{"contact":{"email":null,"name":"x"}}"""), Does.Contain("$.contact.email: expected a string, got null"), "[Required] rejects null");
    }

    [Test]
    public void ConstraintsAppearInTheStandardSchemaOnly()
    {
        string schema = Schema("rate");
        Assert.That(schema, Does.Contain("\"stars\":{\"description\":\"From 1 to 5 stars.\",\"type\":\"integer\",\"minimum\":1,\"maximum\":5}"));
        Assert.That(schema, Does.Contain("\"comment\":{\"description\":\"Why, in a few words.\",\"type\":\"string\",\"minLength\":3,\"maxLength\":100}"));
        Assert.That(schema, Does.Contain("\"format\":\"email\""));
        string contact = Schema("add_contact");
        Assert.That(contact, Does.Contain("\"pattern\":\"^(?:[A-Z]{2}\\\\d{4})$\""));
        Assert.That(contact, Does.Contain("\"name\":{\"description\":\"Name shown in the address book.\",\"type\":\"string\"}"));
        Assert.That(contact, Does.Contain("\"required\":[\"email\",\"name\"]"));
        string strict = Encoding.UTF8.GetString(ShopTools.Tools["rate"].StrictParametersSchema.Span);
        Assert.That(strict, Does.Not.Contain("minimum").And.Not.Contain("maxLength"));
        Assert.That(strict, Does.Contain("\"format\":\"email\""), "strict mode accepts the email format");
    }

    [Test]
    public void MemberNamesFollowSystemTextJson()
    {
        string schema = Schema("place_order");
        Assert.That(schema, Does.Contain("\"shipTo\":"), "camelCase");
        Assert.That(schema, Does.Contain("\"zip\":{\"description\":\"Postal code as printed on letters.\""), "[JsonPropertyName] and record <param> docs");
        Assert.That(schema, Does.Contain("\"country\":{\"description\":\"ISO 3166 country code.\",\"type\":[\"string\",\"null\"],\"default\":\"FR\"}"));
        Assert.That(schema, Does.Not.Contain("secret").And.Not.Contain("totalUnits"), "ignored and get-only members are not inputs");
        Assert.That(schema, Does.Contain("\"required\":[\"customer\"]"));
        Assert.That(schema, Does.Contain("\"labels\":{\"description\":\"Free-form labels.\",\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"));
        Assert.That(Schema("schedule"), Does.Contain("\"enum\":[\"in-progress\",\"Delivered\"]").Or.Contain("\"format\":\"date-time\""));
        Assert.That(Encoding.UTF8.GetString(ShopTools.Tools["resize"].ParametersSchema.Span), Does.Contain("\"enum\":[\"in-progress\",\"Delivered\"]"));
    }

    [Test]
    public void StrictModeIsAbsentWhereItCannotExpressTheParameters()
    {
        ToolDescriptor order = ShopTools.Tools["place_order"];
        Assert.That(order.SupportsStrictSchema, Is.False);
        Assert.That(order.StrictSchemaUnavailableReason, Is.EqualTo("$.order.labels is a dictionary, whose keys strict mode cannot express"));
        Assert.That(ShopTools.Tools["echo_json"].StrictSchemaUnavailableReason, Is.EqualTo("$.payload accepts any JSON value, which strict mode cannot express"));
        Assert.That(ShopTools.Tools["schedule"].SupportsStrictSchema, Is.True);
        Assert.That(ShopTools.Tools["schedule"].StrictSchemaUnavailableReason, Is.Null);
    }

    [Test]
    public void StrictSchemasOfObjectsCloseEveryObject()
    {
        foreach (ToolDescriptor tool in ShopTools.Tools.Where(t => t.SupportsStrictSchema))
        {
            JsonNode schema = JsonNode.Parse(tool.StrictParametersSchema.Span)!;
            Assert.That(StrictSchemaRules.Check(schema), Is.Empty, tool.Name + ": " + schema.ToJsonString());
        }
    }
}
