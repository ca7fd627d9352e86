using System.Text;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>Calls generated tools with the JSON a model sends, valid and not, and checks what the methods receive.</summary>
public sealed class DispatchTests
{
    [SetUp]
    public void ResetLog() => CallLog.Reset();

    private static async Task<ToolResult> Call(string tool, string json) => await CatalogTools.Tools.InvokeAsync(tool, json);

    private static async Task<string> Invalid(string tool, string json)
    {
        ToolResult result = await Call(tool, json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), result.Content);
        Assert.That(CallLog.Calls, Is.Empty, "the method must not run with invalid arguments");
        Assert.That(result.Content, Does.StartWith($"Invalid arguments for {tool}: "));
        Assert.That(result.Content, Does.EndWith(". Fix the arguments and call again."));
        return result.Content;
    }

    [Test]
    public async Task ValidArgumentsReachTheMethodAndTheResultIsJson()
    {
        ToolResult result = await Call("search_products", """{"query":"shoes","limit":2,"priority":"High","tags":["red","kids"]}""");

        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success));
        Assert.That(result.IsJson, Is.True);
        Assert.That(result.Content, Is.EqualTo("""["shoes #1","shoes #2"]"""));
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "search(shoes, 2, High, [red,kids])" }));
    }

    [Test]
    public async Task OmittedOptionalParametersTakeTheirDefaults()
    {
        await Call("search_products", """{"query":"hats"}""");
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "search(hats, 10, Normal, null)" }));
    }

    [Test]
    public async Task NullForAnOptionalNonNullableParameterMeansTheDefault()
    {
        // What a model sends under the strict schema, where optional parameters are required but nullable.
        await Call("search_products", """{"query":"hats","limit":null,"priority":null,"tags":null}""");
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "search(hats, 10, Normal, null)" }));
    }

    [TestCase("\"high\"")]
    [TestCase("\"HIGH\"")]
    [TestCase("\"High\"")]
    [TestCase("\"h\\u0069gh\"")]
    public async Task EnumNamesAreReadIgnoringCase(string value)
    {
        await Call("search_products", $$"""{"query":"x","priority":{{value}}}""");
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "search(x, 10, High, null)" }));
    }

    [Test]
    public async Task PropertyNamesAreMatchedIgnoringCaseAsAFallback()
    {
        await Call("search_products", """{"Query":"x","LIMIT":1}""");
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "search(x, 1, Normal, null)" }));
    }

    [Test]
    public async Task MissingRequiredPropertyIsNamed()
    {
        string message = await Invalid("search_products", """{"limit":3}""");
        Assert.That(message, Is.EqualTo("Invalid arguments for search_products: $.query: missing; this required property must be a string. Fix the arguments and call again."));
    }

    [Test]
    public async Task WrongTypesAreNamedWithWhatWasExpectedAndWhatCame()
    {
        string message = await Invalid("search_products", """{"query":42,"limit":"ten","priority":"urgent","tags":"red"}""");
        Assert.That(message, Does.Contain("$.query: expected a string, got the number 42"));
        Assert.That(message, Does.Contain("$.limit: expected an integer from -2147483648 to 2147483647, got the string \"ten\""));
        Assert.That(message, Does.Contain("$.priority: expected one of \"Low\", \"Normal\", \"High\", got the string \"urgent\""));
        Assert.That(message, Does.Contain("$.tags: expected an array, got the string \"red\""));
    }

    [Test]
    public async Task ArrayItemsAreCheckedOneByOneWithTheirIndex()
    {
        string message = await Invalid("search_products", """{"query":"x","tags":["ok",7,null,"fine",{}]}""");
        Assert.That(message, Does.Contain("$.tags[1]: expected a string, got the number 7"));
        Assert.That(message, Does.Contain("$.tags[2]: expected a string, got null"));
        Assert.That(message, Does.Contain("$.tags[4]: expected a string, got an object"));
        Assert.That(message, Does.Not.Contain("$.tags[3]"));
    }

    [Test]
    public async Task UnknownPropertiesAreRejectedWithTheAcceptedNames()
    {
        // A misspelled optional argument must not silently fall back to its default.
        string message = await Invalid("search_products", """{"query":"x","limt":5}""");
        Assert.That(message, Does.Contain("$.limt: unknown property; the accepted properties are query, limit, priority, tags"));
    }

    [Test]
    public async Task ADuplicatePropertyIsRejected()
    {
        string message = await Invalid("search_products", """{"query":"x","query":"y"}""");
        Assert.That(message, Does.Contain("$.query: given more than once"));
    }

    [TestCase("""{"query":"x",}""")]
    [TestCase("""{"query":"x" """)]
    [TestCase("""{query:"x"}""")]
    [TestCase("""{"query":'x'}""")]
    [TestCase("""{"query":"x"} trailing""")]
    [TestCase("""{"query":"x"}{"query":"y"}""")]
    [TestCase("""{"query":"x" /* comment */}""")]
    public async Task MalformedJsonIsReportedNotThrown(string json)
    {
        string message = await Invalid("search_products", json);
        Assert.That(message, Does.Contain("$: the arguments are not valid JSON: "));
        Assert.That(message, Does.Not.Contain("missing"), "no noise about properties after a syntax error");
    }

    [TestCase("[]", "an array")]
    [TestCase("\"query\"", "the string \"query\"")]
    [TestCase("42", "the number 42")]
    [TestCase("true", "true")]
    public async Task ArgumentsMustBeAnObject(string json, string got)
    {
        string message = await Invalid("search_products", json);
        Assert.That(message, Does.Contain("$: expected a JSON object holding the arguments, got " + got));
    }

    [TestCase("")]
    [TestCase("  \n")]
    [TestCase("null")]
    [TestCase("{}")]
    public async Task NoArgumentsReadAsAnEmptyObject(string json)
    {
        ToolResult result = await Call("current_priority", json);
        Assert.That(result.Content, Is.EqualTo("\"High\""));
        string message = await Invalid("search_products", json);
        Assert.That(message, Does.Contain("$.query: missing"));
    }

    [Test]
    public async Task NullForARequiredNonNullableParameterIsRejected()
    {
        string message = await Invalid("search_products", """{"query":null}""");
        Assert.That(message, Does.Contain("$.query: expected a string, got null"));
    }

    [Test]
    public async Task NullablesAcceptNullAndValues()
    {
        ToolResult result = await Call("echo_nullables", """{"count":null,"flag":true,"priority":"low","note":null}""");
        Assert.That(result.Content, Is.EqualTo("null True Low null 0.5"));
        result = await Call("echo_nullables", """{"count":3,"flag":null,"priority":null,"note":"hi","ratio":null}""");
        Assert.That(result.Content, Is.EqualTo("3 null null hi null"), "null for a nullable optional parameter is null, not the default");
    }

    [Test]
    public async Task NullableParametersWithoutDefaultsAreStillRequired()
    {
        string message = await Invalid("echo_nullables", "{}");
        Assert.That(message, Does.Contain("$.count: missing; this required property must be an integer or null"));
        Assert.That(message, Does.Contain("$.priority: missing; this required property must be one of \"Low\", \"Normal\", \"High\" or null"));
        Assert.That(message, Does.Not.Contain("$.ratio"));
    }

    [Test]
    public async Task EveryNumericTypeReadsItsFullRange()
    {
        ToolResult result = await Call("echo-numbers",
            """{"i8":-128,"u8":255,"i16":-32768,"u16":65535,"i32":-2147483648,"u32":4294967295,"i64":-9223372036854775808,"u64":18446744073709551615,"f32":1.5,"f64":-2.25e-3,"money":79228162514264337593543950335}""");
        Assert.That(result.Content, Is.EqualTo("-128 255 -32768 65535 -2147483648 4294967295 -9223372036854775808 18446744073709551615 1.5 -0.00225 79228162514264337593543950335"));
    }

    [TestCase("i8", "128", "expected an integer from -128 to 127, got 128")]
    [TestCase("u8", "-1", "expected an integer from 0 to 255, got -1")]
    [TestCase("u8", "300", "expected an integer from 0 to 255, got 300")]
    [TestCase("i16", "40000", "expected an integer from -32768 to 32767, got 40000")]
    [TestCase("u16", "70000", "expected an integer from 0 to 65535, got 70000")]
    [TestCase("i32", "2147483648", "expected an integer from -2147483648 to 2147483647, got 2147483648")]
    [TestCase("u32", "-5", "expected an integer from 0 to 4294967295, got -5")]
    [TestCase("i64", "9223372036854775808", "expected an integer from -9223372036854775808 to 9223372036854775807, got 9223372036854775808")]
    [TestCase("u64", "18446744073709551616", "expected an integer from 0 to 18446744073709551615, got 18446744073709551616")]
    [TestCase("i32", "2.5", "got 2.5, which is not a whole number")]
    [TestCase("i32", "1e40", "got 1E+40")]
    [TestCase("f32", "1e39", "expected a number from -3.4E+38 to 3.4E+38, got 1E+39")]
    [TestCase("f64", "1e400", "expected a number, got the number 1e400, which is out of range")]
    [TestCase("money", "1e30", "expected a number from -7.9E+28 to 7.9E+28, got 1E+30")]
    [TestCase("f64", "\"NaN\"", "expected a number, got the string \"NaN\"")]
    [TestCase("i32", "true", "expected an integer from -2147483648 to 2147483647, got true")]
    public async Task OutOfRangeAndNonNumbersAreRejected(string name, string value, string expected)
    {
        string json = $$"""{"i8":0,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"i64":0,"u64":0,"f32":0,"f64":0,"money":0,"{{name}}":{{value}}}""";
        // The property given twice would be a duplicate: put the bad value first and drop the zero.
        json = json.Replace($"\"{name}\":0,", "");
        string message = await Invalid("echo-numbers", json);
        Assert.That(message, Does.Contain($"$.{name}: "));
        Assert.That(message, Does.Contain(expected));
    }

    [Test]
    public async Task WholeNumbersWrittenWithAFractionOrExponentOrAsStringsAreAccepted()
    {
        ToolResult result = await Call("echo-numbers",
            """{"i8":"-5","u8":5.0,"i16":1e2,"u16":"7","i32":"12","u32":3.000,"i64":"-9","u64":"9","f32":"2.5","f64":"1e-2","money":"0.1"}""");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success), result.Content);
        Assert.That(result.Content, Is.EqualTo("-5 5 100 7 12 3 -9 9 2.5 0.01 0.1"));
    }

    [Test]
    public async Task DecimalsKeepTheirExactValue()
    {
        ToolResult result = await Call("sum_lists", """{"ids":[],"amounts":[0.1,0.2]}""");
        Assert.That(result.Content, Is.EqualTo("0.3"));
    }

    [Test]
    public async Task ListsInterfacesAndNestedArraysAreRead()
    {
        ToolResult result = await Call("sum_lists", """{"ids":[1,2,3],"amounts":[1.5],"matrix":[[1,2],[3]],"priorities":["low",null,"HIGH"]}""");
        Assert.That(result.Content, Is.EqualTo("13.5"));
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "sum([1,2,3], [1.5], 2 rows, Low,null,High)" }));
    }

    [Test]
    public async Task NestedArrayErrorsCarryTheFullPath()
    {
        string message = await Invalid("sum_lists", """{"ids":[1],"amounts":[],"matrix":[[1,2],[3,"x"]]}""");
        Assert.That(message, Does.Contain("$.matrix[1][1]: expected a number, got the string \"x\""));
    }

    [Test]
    public async Task AllProblemsAreReportedTogetherUpToALimit()
    {
        var json = new StringBuilder("""{"ids":[""");
        for (int i = 0; i < 15; i++) json.Append(i == 0 ? "" : ",").Append("\"bad\"");
        json.Append("]}");
        string message = await Invalid("sum_lists", json.ToString());
        Assert.That(message, Does.Contain("$.ids[0]: expected an integer"));
        Assert.That(message, Does.Contain("$.ids[9]: expected an integer"));
        Assert.That(message, Does.Not.Contain("$.ids[10]"));
        Assert.That(message, Does.Contain("and 6 more problems"), "15 bad items plus the missing amounts, 10 listed");
    }

    [Test]
    public async Task DeepNestingIsRejectedAsInvalidJson()
    {
        string deep = new string('[', 200) + new string(']', 200);
        string message = await Invalid("sum_lists", $$"""{"ids":[],"amounts":[],"matrix":{{deep}}}""");
        Assert.That(message, Does.Contain("the arguments are not valid JSON"));
        Assert.That(message, Does.Contain("depth"));
    }

    [Test]
    public async Task InvalidUtf8InAStringIsReportedNotThrown()
    {
        byte[] json = [.. """{"query":" """u8.ToArray()[..10], 0xC3, 0x28, .. "\"}"u8.ToArray()];
        ToolResult result = await CatalogTools.Tools.InvokeAsync("search_products", json);
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), result.Content);
        Assert.That(CallLog.Calls, Is.Empty);
    }

    [Test]
    public async Task LongValuesAreTruncatedInMessages()
    {
        string message = await Invalid("search_products", $$"""{"query":"x","limit":"{{new string('9', 500)}}"}""");
        Assert.That(message.Length, Is.LessThan(300));
    }

    [Test]
    public async Task AsyncToolsAreAwaited()
    {
        ToolResult result = await Call("get_stock", """{"productId":1234}""");
        Assert.That(result.Content, Is.EqualTo("34"));
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "stock(1234)" }));
    }

    [Test]
    public async Task VoidTaskAndValueTaskToolsReturnDone()
    {
        Assert.That((await Call("clear_cache", "{}")).Content, Is.EqualTo("Done."));
        Assert.That((await Call("clear_cache_later", "{}")).Content, Is.EqualTo("Done."));
        Assert.That((await Call("nothing", "{}")).Content, Is.EqualTo("Done."));
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "clear()", "clear-later()" }));
    }

    [Test]
    public async Task ResultsAreWrittenAsJson()
    {
        Assert.That((await Call("all_priorities", "{}")).Content, Is.EqualTo("""["Low",null,"High"]"""));
        Assert.That((await Call("special_numbers", "{}")).Content, Is.EqualTo("""[1.5,"NaN","Infinity"]"""));
        Assert.That((await Call("sum_lists", """{"ids":[2],"amounts":[]}""")).Content, Is.EqualTo("2"));
    }

    [Test]
    public async Task StringResultsPassAsText()
    {
        ToolResult result = await Outer.Inner.Tools.InvokeAsync("greet", """{"name":"Zoë"}""");
        Assert.That(result.IsJson, Is.False);
        Assert.That(result.Content, Is.EqualTo("Hello, Zoë!"));
    }

    [Test]
    public async Task ExceptionsBecomeFailedResultsWithoutDetailsByDefault()
    {
        ToolResult result = await Call("explode", """{"message":"secret connection string"}""");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(result.Content, Does.Not.Contain("secret"));
        Assert.That(result.Content, Does.Contain("explode failed"));
        Assert.That(result.Exception, Is.InstanceOf<System.InvalidOperationException>());
    }

    [Test]
    public async Task ExceptionDetailsReachTheModelOnlyWhenEnabled()
    {
        ToolResult result = await CatalogTools.Tools.InvokeAsync("explode", """{"message":"disk full"}""", new ToolContext { IncludeExceptionDetails = true });
        Assert.That(result.Content, Is.EqualTo("Tool explode failed: InvalidOperationException: disk full"));
    }

    [Test]
    public async Task CancellationEndsTheCallWithACanceledResult()
    {
        using var cancel = new System.Threading.CancellationTokenSource();
        ValueTask<ToolResult> pending = CatalogTools.Tools.InvokeAsync("wait_forever", "{}", new ToolContext { CallId = "call_1" }, cancel.Token);
        Assert.That(pending.IsCompleted, Is.False);
        await cancel.CancelAsync();
        ToolResult result = await pending;
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Canceled));
        Assert.That(CallLog.Calls, Is.EqualTo(new[] { "wait(call_1)" }));
    }

    [Test]
    public async Task ToolContextIsBoundAndCreatedWhenAbsent()
    {
        Assert.That((await CatalogTools.Tools.InvokeAsync("who_calls", "{}", new ToolContext { CallId = "call_9" })).Content, Is.EqualTo("call_9"));
        Assert.That((await CatalogTools.Tools.InvokeAsync("who_calls", "{}")).Content, Is.EqualTo("no id"));
        string message = (await CatalogTools.Tools.InvokeAsync("who_calls", """{"context":{}}""")).Content;
        Assert.That(message, Does.Contain("$.context: unknown property; this takes no properties"), "runtime-bound parameters are not arguments");
    }

    [Test]
    public async Task UnknownToolsListTheAvailableOnes()
    {
        ToolResult result = await Outer.Inner.Tools.InvokeAsync("greeting", "{}");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.UnknownTool));
        Assert.That(result.Content, Is.EqualTo("There is no tool named \"greeting\". Available tools: greet. Call one of these by its exact name."));
    }

    [Test]
    [SetCulture("de-DE")]
    public async Task MessagesAndResultsDoNotDependOnTheCulture()
    {
        string message = await Invalid("echo-numbers", """{"i8":0,"u8":0,"i16":0,"u16":0,"i32":2.5,"u32":0,"i64":0,"u64":0,"f32":1e39,"f64":0,"money":0}""");
        Assert.That(message, Does.Contain("got 2.5, which is not a whole number"));
        Assert.That(message, Does.Contain("got 1E+39"));
        Assert.That((await Call("special_numbers", "{}")).Content, Is.EqualTo("""[1.5,"NaN","Infinity"]"""));
    }
}
