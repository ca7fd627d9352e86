using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using global::ModelContextProtocol.Server;
using ToolGen;

namespace ToolGen.ModelContextProtocol.Tests;

/// <summary>Registration errors and the titles derived from descriptions, without a transport.</summary>
public sealed class RegistrationTests
{
    private static readonly byte[] s_noParameters = """{"type":"object","properties":{}}"""u8.ToArray();

    private static ToolDescriptor Hand(string name, string description, string? title = null) =>
        new(name, description, s_noParameters, static (_, _, _) => ValueTask.FromResult(ToolResult.FromText("ok"))) { Title = title };

    private static McpServerOptions Options(Action<IMcpServerBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddMcpServer());
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
    }

    [Test]
    public void WithoutARegisteredToolSetTheServerSaysWhatToDo()
    {
        InvalidOperationException? error = Assert.Throws<InvalidOperationException>(() => Options(mcp => mcp.WithToolGenTools()));
        Assert.That(error!.Message, Does.Contain("services.AddSingleton(toolSet)"));
    }

    [Test]
    public void AScopedToolSetIsListedFromAScope()
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => TestTools.Tools);
        services.AddMcpServer().WithToolGenTools();
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        McpServerOptions options = provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
        Assert.That(options.ToolCollection!.Select(t => t.ProtocolTool.Name), Is.EqualTo(TestTools.Tools.Select(t => t.Name)));
    }

    [Test]
    public void TwoToolsWithOneNameAreAnError()
    {
        InvalidOperationException? error = Assert.Throws<InvalidOperationException>(() =>
            Options(mcp => mcp.WithToolGenTools(TestTools.Tools).WithToolGenTools(ToolSet.Create(Hand("echo", "Another echo.")))));
        Assert.That(error!.Message, Does.Contain("\"echo\""));
    }

    [Test]
    public void ToolsRegisteredThroughTheSdkComeFirstThenToolGensInOrder()
    {
        McpServerTool sdkTool = McpServerTool.Create((string text) => text.ToUpperInvariant(), new McpServerToolCreateOptions { Name = "shout" });
        McpServerOptions options = Options(mcp => mcp.WithTools([sdkTool]).WithToolGenTools(TestTools.Tools));
        Assert.That(options.ToolCollection!.Select(t => t.ProtocolTool.Name), Is.EqualTo(TestTools.Tools.Select(t => t.Name).Prepend("shout")));
    }

    [Test]
    public void RequestFiltersFindTheDescriptorInTheMetadata()
    {
        McpServerTool tool = TestTools.Tools.AsMcpServerTools().Single(t => t.ProtocolTool.Name == "delete_file");
        Assert.That(tool.Metadata.OfType<ToolDescriptor>().Single(), Is.SameAs(TestTools.Tools["delete_file"]));
    }

    [Test]
    public void AnEmptySetStillServesTools() =>
        Assert.That(Options(mcp => mcp.WithToolGenTools(ToolSet.Empty)).ToolCollection, Is.Not.Null.And.Empty);

    [TestCase("Gets the weather for a city. Returns the temperature.", null, "Gets the weather for a city")]
    [TestCase("Gets the weather for a city", null, "Gets the weather for a city")]
    [TestCase("Is it raining? Returns true or false.", null, "Is it raining?")]
    [TestCase("Converts units (e.g. km to mi). Returns the value.", null, "Converts units (e.g. km to mi)")]
    [TestCase("Sorts names, dates etc. in place. Returns nothing.", null, "Sorts names, dates etc. in place")]
    [TestCase("First line\nSecond line.", null, "First line")]
    [TestCase("Reads version 1.2 of the file. Returns it.", null, "Reads version 1.2 of the file")]
    [TestCase("Anything. More.", "Explicit title", "Explicit title")]
    [TestCase("", null, null)]
    public void TheTitleIsExplicitOrTheDescriptionsFirstSentence(string description, string? title, string? expected)
    {
        McpServerTool tool = ToolSet.Create(Hand("t", description, title)).AsMcpServerTools().Single();
        Assert.That(tool.ProtocolTool.Title, Is.EqualTo(expected));
        Assert.That(tool.ProtocolTool.Annotations?.Title, Is.EqualTo(expected));
    }

    [Test]
    public void ALongFirstSentenceIsCutAtAWord()
    {
        string description = string.Join(' ', Enumerable.Repeat("word", 40)) + ". Second.";
        string title = ToolSet.Create(Hand("t", description)).AsMcpServerTools().Single().ProtocolTool.Title!;
        Assert.That(title.Length, Is.LessThanOrEqualTo(101));
        Assert.That(title, Does.EndWith("word…"));
    }

    [Test]
    public void AStrictDialectAToolCannotUseFallsBackToTheStandardSchema()
    {
        McpServerTool tool = ToolSet.Create(Hand("t", "A tool.")).AsMcpServerTools(new ToolGenMcpOptions { SchemaDialect = ToolSchemaDialect.OpenAIStrict }).Single();
        Assert.That(tool.ProtocolTool.InputSchema.GetRawText(), Is.EqualTo("""{"type":"object","properties":{}}"""));
    }
}
