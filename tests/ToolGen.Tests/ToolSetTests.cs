using System;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>ToolSet, providers and descriptors as the generated members expose them.</summary>
public sealed class ToolSetTests
{
    [Test]
    public void StaticToolsAreExposedInDeclarationOrderWithTheirNamesAndHints()
    {
        ToolSet tools = CatalogTools.Tools;
        Assert.That(tools.Select(t => t.Name), Is.EqualTo(new[]
        {
            "search_products", "get_stock", "echo-numbers", "echo_nullables", "sum_lists", "current_priority", "all_priorities",
            "special_numbers", "clear_cache", "clear_cache_later", "nothing", "explode", "wait_forever", "who_calls",
        }));
        Assert.That(tools["search_products"].Hints, Is.EqualTo(ToolHints.ReadOnly));
        Assert.That(tools["get_stock"].IsIdempotent && tools["get_stock"].IsReadOnly, Is.True);
        Assert.That(tools["clear_cache"].IsDestructive && tools["clear_cache"].RequiresApproval, Is.True);
        Assert.That(tools["search_products"].MethodName, Is.EqualTo("ToolGen.Tests.Tools.CatalogTools.SearchProducts"));
        Assert.That(ReferenceEquals(CatalogTools.Tools, tools), Is.True, "the static set is created once");
    }

    [Test]
    public void DescriptionsComeFromXmlDocsEvenWithoutADocumentationFile()
    {
        // This project does not set GenerateDocumentationFile, so the compiler does not parse doc comments.
        ToolDescriptor search = CatalogTools.Tools["search_products"];
        Assert.That(search.Description, Is.EqualTo(
            "Searches the product catalog by free text. Use it when the user asks for a product by name or description; follow up with get_stock for availability.\n" +
            "Returns: The names of matching products, best match first."));
        Assert.That(search.ReturnDescription, Is.EqualTo("The names of matching products, best match first."));
        string schema = System.Text.Encoding.UTF8.GetString(search.ParametersSchema.Span);
        Assert.That(schema, Does.Contain("\"description\":\"Words to look for in product names, for example red shoes.\""));
        Assert.That(schema, Does.Contain("\"description\":\"How urgent the search is; High skips the cache.\""));
    }

    [Test]
    public async Task InstanceToolsBindToTheirInstance()
    {
        var first = new CounterTools(10);
        var second = new CounterTools(100);
        Assert.That((await first.Tools.InvokeAsync("increment", """{"by":5}""")).Content, Is.EqualTo("15"));
        Assert.That((await first.Tools.InvokeAsync("increment", "{}")).Content, Is.EqualTo("16"));
        Assert.That((await second.Tools.InvokeAsync("read", "{}")).Content, Is.EqualTo("100"));
        Assert.That((await first.Tools.InvokeAsync("describe", "{}")).Content, Is.EqualTo("A counter."));
        Assert.That(ReferenceEquals(first.Tools, first.Tools), Is.True, "an instance's set is created once");
        Assert.That(ToolSet.From(first), Is.SameAs(first.Tools));
    }

    [Test]
    public void NonStaticTypesWithOnlyStaticToolsAreStaticProviders()
    {
        ToolSet tools = ToolSet.From<Clock>();
        Assert.That(tools.Single().Name, Is.EqualTo("current_year"));
        Assert.That(typeof(IStaticToolProvider).IsAssignableFrom(typeof(Clock)), Is.True);
        Assert.That(typeof(IToolProvider).IsAssignableFrom(typeof(CounterTools)), Is.True);
    }

    [Test]
    public async Task SetsCombineAndKeepOrder()
    {
        ToolSet combined = Clock.Tools + Outer.Inner.Tools + new CounterTools(1).Tools;
        Assert.That(combined.Select(t => t.Name), Is.EqualTo(new[] { "current_year", "greet", "increment", "read", "describe" }));
        Assert.That((await combined.InvokeAsync("current_year", "{}")).Content, Is.EqualTo("2026"));
        Assert.That(combined + ToolSet.Empty, Is.SameAs(combined));
    }

    [Test]
    public void ADuplicateNameIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = Clock.Tools + Clock.Tools)!;
        Assert.That(error.Message, Does.Contain("\"current_year\" is used twice (ToolGen.Tests.Tools.Clock.CurrentYear and ToolGen.Tests.Tools.Clock.CurrentYear)"));
    }

    [Test]
    public void LookupByNameIsExact()
    {
        Assert.That(CatalogTools.Tools.Contains("get_stock"), Is.True);
        Assert.That(CatalogTools.Tools.TryGetTool("GET_STOCK", out _), Is.False);
        var error = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => _ = Clock.Tools["nope"])!;
        Assert.That(error.Message, Does.Contain("Available tools: current_year"));
    }

    [Test]
    public async Task HandMadeDescriptorsWorkLikeGeneratedOnes()
    {
        var echo = new ToolDescriptor("echo", "Echoes its arguments.", """{"type":"object"}"""u8.ToArray(),
            (arguments, context, cancellationToken) => new ValueTask<ToolResult>(ToolResult.FromJson(arguments.ToArray())));
        ToolSet tools = ToolSet.Create(echo);
        Assert.That((await tools.InvokeAsync("echo", """{"a":1}""")).Content, Is.EqualTo("""{"a":1}"""));
        Assert.That(echo.SupportsStrictSchema, Is.False);
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("dots.are.not.allowed")]
    [TestCase("ünïcode")]
    public void InvalidNamesAreRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => _ = new ToolDescriptor(name, "d", "{}"u8.ToArray(), (a, c, t) => default));
    }

    [Test]
    public void ANameOf64CharactersIsTheLimit()
    {
        Assert.DoesNotThrow(() => _ = new ToolDescriptor(new string('a', 64), "d", "{}"u8.ToArray(), (a, c, t) => default));
        Assert.Throws<ArgumentException>(() => _ = new ToolDescriptor(new string('a', 65), "d", "{}"u8.ToArray(), (a, c, t) => default));
    }

    [Test]
    public async Task AToolThatThrowsSynchronouslyFromItsInvokerFails()
    {
        var broken = new ToolDescriptor("broken", "d", "{}"u8.ToArray(), (a, c, t) => throw new NotSupportedException("boom"));
        ToolResult result = await broken.InvokeAsync("{}");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(result.Exception, Is.InstanceOf<NotSupportedException>());
    }

    [Test]
    public async Task AnAlreadyCanceledTokenDoesNotRunTheTool()
    {
        CallLog.Reset();
        ToolResult result = await CatalogTools.Tools.InvokeAsync("clear_cache", "{}", cancellationToken: new System.Threading.CancellationToken(true));
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Canceled));
        Assert.That(CallLog.Calls, Is.Empty);
    }
}
