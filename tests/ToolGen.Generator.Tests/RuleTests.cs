using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Tests;

/// <summary>Each ToolGen rule fires where it should and nowhere else.</summary>
public sealed class RuleTests
{
    internal static async Task<Diagnostic[]> Diagnose(params string[] sources)
    {
        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.Compilation(sources)
            .WithAnalyzers([new ToolAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static string InClass(string members, string header = "public static partial class WeatherTools") => $$"""
        using System.ComponentModel;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using ToolGen;

        /// <summary>Weather tools.</summary>
        {{header}}
        {
        {{members}}
        }
        """;

    private const string GoodTool = """
            /// <summary>Gets the current weather for a city, including temperature and sky conditions.</summary>
            /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
            [Tool]
            public static string GetWeather(string city) => city;
        """;

    /// <summary>A realistic, well-described tool class: no rule may fire on it, not even an informational one.</summary>
    public const string CleanTools = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading;
        using System.Threading.Tasks;
        using ToolGen;

        namespace Shop;

        /// <summary>One line of an order.</summary>
        /// <param name="Sku">Stock keeping unit printed on the shelf label, for example "SKU-1042".</param>
        /// <param name="Quantity">How many units to order, from 1 to 100.</param>
        public sealed record OrderLine(string Sku, [property: Range(1, 100)] int Quantity = 1);

        /// <summary>Order tools for the shop's assistant.</summary>
        public sealed partial class OrderTools(IDictionary<string, int> stock)
        {
            /// <summary>
            /// Places an order for the signed-in customer. Use it only after the customer confirmed every line and the total.
            /// </summary>
            /// <param name="lines">The lines to order; at least one.</param>
            /// <param name="note">A note for the courier, such as "leave at the door".</param>
            /// <param name="cancellationToken">Cancels the call.</param>
            /// <returns>The id of the new order.</returns>
            [Tool(Destructive = true, RequiresApproval = true)]
            public Task<Guid> PlaceOrderAsync([MinLength(1)] List<OrderLine> lines, string? note = null, CancellationToken cancellationToken = default)
                => Task.FromResult(Guid.NewGuid());

            /// <summary>Tells how many units of a product are in stock. Use it before promising a delivery date.</summary>
            /// <param name="sku">Stock keeping unit, for example "SKU-1042".</param>
            /// <returns>The number of units in the warehouse, 0 when sold out.</returns>
            [Tool(ReadOnly = true, Strict = true)]
            public int GetStock(string sku) => stock.TryGetValue(sku, out int count) ? count : 0;
        }
        """;

    [Test]
    public async Task ACleanRealisticToolClassReportsNothing()
    {
        Assert.That(await Diagnose(CleanTools), Is.Empty);
    }

    [Test]
    public async Task TG0001_TypeNotPartial()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool, "public static class WeatherTools"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0001" }));
        Assert.That(Message(diagnostics[0]), Is.EqualTo("Type 'WeatherTools' declares tool 'get_weather' but is not partial; make it partial so ToolGen can add its Tools member"));
        Assert.That(diagnostics[0].Location.SourceTree!.ToString().Substring(diagnostics[0].Location.SourceSpan.Start, 12), Is.EqualTo("WeatherTools"));
    }

    [Test]
    public async Task TG0002_NestedInANonPartialType()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass($$"""
                /// <summary>Nested.</summary>
                public static partial class Inner
                {
                {{GoodTool}}
                }
            """, "public static class Outer"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0002" }));
        Assert.That(Message(diagnostics[0]), Does.Contain("nested in 'Outer', which is not partial"));
    }

    [TestCase("public static partial class WeatherTools<T>", "declared in the generic type 'WeatherTools<T>'")]
    public async Task TG0003_GenericContainingType(string header, string expected)
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool, header));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0003" }));
        Assert.That(Message(diagnostics[0]), Does.Contain(expected));
    }

    [Test]
    public async Task TG0003_GenericMethod()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                /// <summary>Echoes any value back to the caller, unchanged, for diagnostics.</summary>
                /// <param name="value">The value to echo back, for example 42.</param>
                [Tool]
                public static string Echo<T>(string value) => value;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0003" }));
        Assert.That(Message(diagnostics[0]), Does.Contain("Tool 'echo' is a generic method"));
    }

    [Test]
    public async Task TG0004_NoDescription()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                [Tool]
                public static string GetWeather([Description("City name, for example Paris.")] string city) => city;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0004" }));
        Assert.That(Message(diagnostics[0]), Does.Contain("a good tool description says what the tool does, when to use it (and when not) and what it returns"));
    }

    [Test]
    public async Task TG0005_ParameterWithoutDescription()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                /// <summary>Gets the current weather for a city, including temperature and sky conditions.</summary>
                [Tool]
                public static string GetWeather(string city, System.Threading.CancellationToken cancellationToken) => city;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0005" }), "the runtime-bound token needs no description");
        Assert.That(Message(diagnostics[0]), Does.StartWith("Parameter 'city' of tool 'get_weather' has no description"));
    }

    [TestCase("TODO", "placeholder text")]
    [TestCase("Does stuff.", "placeholder text")]
    [TestCase("Helper method", "placeholder text")]
    [TestCase("Weather.", "too short")]
    [TestCase("Gets the weather.", "it only restates the name")]
    public async Task TG0006_VagueToolDescription(string description, string reason)
    {
        Diagnostic[] diagnostics = await Diagnose(InClass($$"""
                /// <summary>{{description}}</summary>
                /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
                [Tool]
                public static string GetWeather(string city) => city;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0006" }));
        Assert.That(Message(diagnostics[0]), Is.EqualTo($"The description of tool 'get_weather' is vague ({reason}): '{description}'; say what the tool does, when to use it and what it returns"));
    }

    [TestCase("The city.", "it only restates the name")]
    [TestCase("City", "too short")]
    [TestCase("TBD", "placeholder text")]
    public async Task TG0006_VagueParameterDescription(string description, string reason)
    {
        Diagnostic[] diagnostics = await Diagnose(InClass($$"""
                /// <summary>Gets the current weather for a city, including temperature and sky conditions.</summary>
                /// <param name="city">{{description}}</param>
                [Tool]
                public static string GetWeather(string city) => city;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0006" }));
        Assert.That(Message(diagnostics[0]), Does.StartWith($"The description of parameter 'city' of tool 'get_weather' is vague ({reason})"));
    }

    [Test]
    public async Task TG0007_DescriptionOverTheProviderLimit()
    {
        string longText = string.Join(" ", Enumerable.Repeat("Gets the current weather for a city and explains it.", 25));
        Diagnostic[] diagnostics = await Diagnose(InClass($$"""
                /// <summary>{{longText}}</summary>
                /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
                [Tool]
                public static string GetWeather(string city) => city;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0007" }));
        Assert.That(Message(diagnostics[0]), Does.Contain($"has {longText.Length} characters but OpenAI accepts at most 1024"));
    }

    [TestCase("has space")]
    [TestCase("dotted.name")]
    [TestCase("")]
    public async Task TG0008_InvalidName(string name)
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool.Replace("[Tool]", $"[Tool(Name = \"{name}\")]")));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0008" }));
        Assert.That(diagnostics[0].Location.SourceTree!.ToString().Substring(diagnostics[0].Location.SourceSpan.Start, name.Length + 2), Is.EqualTo($"\"{name}\""));
    }

    [Test]
    public async Task TG0011_DuplicateNameInOneType()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool + GoodTool.Replace("GetWeather(", "FetchWeather(").Replace("[Tool]", "[Tool(Name = \"get_weather\")]")));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0011" }));
        Assert.That(Message(diagnostics[0]), Does.StartWith("Tool name 'get_weather' is already used by WeatherTools.GetWeather in the same type"));
    }

    [Test]
    public async Task TG0019_DuplicateNameInTheAssembly()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool), InClass(GoodTool, "public static partial class OtherTools").Replace("/// <summary>Weather tools.</summary>", "/// <summary>Other tools.</summary>"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0019" }));
        Assert.That(diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(diagnostics[0].Location.SourceTree!.FilePath, Is.EqualTo("Tools1.cs"), "the later declaration is reported");
    }

    [Test]
    public async Task TG0011_SameTypeDuplicateAfterAnotherTypeUsedTheName()
    {
        string other = InClass(GoodTool, "public static partial class OtherTools").Replace("/// <summary>Weather tools.</summary>", "/// <summary>Other tools.</summary>");
        string mine = InClass(GoodTool + GoodTool.Replace("GetWeather(", "FetchWeather(").Replace("[Tool]", "[Tool(Name = \"get_weather\")]"));
        Diagnostic[] diagnostics = await Diagnose(other, mine);
        Assert.That(diagnostics.Select(d => d.Id).OrderBy(id => id), Is.EqualTo(new[] { "TG0011", "TG0019" }));
        Assert.That(Message(diagnostics.Single(d => d.Id == "TG0011")), Does.Contain("already used by WeatherTools.GetWeather in the same type"));
    }

    [Test]
    public async Task TG0015_ATypeNestedInAnInterface()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass($$"""
                /// <summary>Nested.</summary>
                public static partial class Inner
                {
                {{GoodTool}}
                }
            """, "public partial interface IWeather"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0015" }));
        Assert.That(Message(diagnostics[0]), Does.StartWith("[Tool] is on a type nested in interface 'IWeather', the method GetWeather"));
    }

    [Test]
    public async Task TG0012_AsyncVoid()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                /// <summary>Refreshes the weather cache for every city; use it when forecasts look stale.</summary>
                [Tool]
                public static async void RefreshCache() => await Task.Yield();
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0012" }));
    }

    [Test]
    public async Task TG0013_ParamTagForAMissingParameter()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool.Replace("/// <param name=\"city\">", "/// <param name=\"town\">Old name of the parameter, for example Paris.</param>\n    /// <param name=\"city\">")));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0013" }));
        Assert.That(Message(diagnostics[0]), Does.StartWith("The <param name=\"town\"> of tool 'get_weather' names no parameter"));
        Assert.That(diagnostics[0].Location.SourceTree!.ToString().Substring(diagnostics[0].Location.SourceSpan.Start, 18), Is.EqualTo("<param name=\"town\""));
    }

    [Test]
    public async Task TG0014_StrictRequestedButImpossible()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                /// <summary>Counts fruit by kind and returns the total number of pieces.</summary>
                /// <param name="counts">Pieces by fruit name, for example {"apple": 2}.</param>
                [Tool(Strict = true)]
                public static int CountFruit(Dictionary<string, int> counts) => 0;
            """));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0014" }));
        Assert.That(Message(diagnostics[0]), Is.EqualTo("Tool 'count_fruit' is marked Strict, but strict mode cannot express its parameters: $.counts is a dictionary, whose keys strict mode cannot express"));
    }

    [Test]
    public async Task TG0015_ExplicitInterfaceImplementationAndLocalFunction()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
                /// <summary>Formats a temperature for display to the user, in degrees Celsius.</summary>
                /// <param name="other">Another object to compare with, for example a report.</param>
                [Tool]
                int System.IComparable.CompareTo(object? other) => 0;

                /// <summary>Runs a local helper.</summary>
                public void Outer()
                {
                    [Tool] static int Local() => 1;
                    _ = Local();
                }
            """, "public sealed partial class WeatherTools : System.IComparable"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0015", "TG0015" }));
        Assert.That(Message(diagnostics[0]), Does.StartWith("[Tool] is on the explicit interface implementation System.IComparable.CompareTo,"));
        Assert.That(Message(diagnostics[1]), Does.StartWith("[Tool] is on the local function Local,"));
    }

    [Test]
    public async Task TG0016_InstanceToolInAStruct()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool.Replace("public static string", "public string"), "public partial struct WeatherTools"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0016" }));
    }

    [Test]
    public async Task TG0017_ATypeNamedToolsOrWithAToolsMember()
    {
        Assert.That((await Diagnose(InClass(GoodTool, "public static partial class Tools"))).Select(d => d.Id), Is.EqualTo(new[] { "TG0017" }));
        Diagnostic[] diagnostics = await Diagnose(InClass(GoodTool + "\n    /// <summary>Mine.</summary>\n    public static int Tools => 1;"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0017" }));
        Assert.That(Message(diagnostics[0]), Does.Contain("already declares a member named Tools"));

        // A non-static type also gets ToolsFromServices; a static class does not, so it may have its own.
        Diagnostic[] fromServices = await Diagnose(InClass(GoodTool + "\n    /// <summary>Mine.</summary>\n    public static int ToolsFromServices => 1;", "public sealed partial class WeatherTools"));
        Assert.That(fromServices.Select(d => d.Id), Is.EqualTo(new[] { "TG0017" }));
        Assert.That(Message(fromServices[0]), Does.Contain("already declares a member named ToolsFromServices"));
        Assert.That(await Diagnose(InClass(GoodTool + "\n    /// <summary>Mine.</summary>\n    public static int ToolsFromServices => 1;")), Is.Empty);
    }

    [Test]
    public async Task TG0018_UndocumentedMemberOfAnInputType()
    {
        string source = InClass("""
                /// <summary>Books a table at the restaurant for a party; use it after the guest confirmed the time.</summary>
                /// <param name="booking">The booking to make.</param>
                [Tool]
                public static string Book(Booking booking) => booking.Name;
            """) + """

            /// <summary>A booking.</summary>
            public sealed class Booking
            {
                /// <summary>Guest name, for example "Ada Lovelace".</summary>
                public required string Name { get; init; }
                public int Guests { get; init; }
            }
            """;
        Diagnostic[] diagnostics = await Diagnose(source);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0018" }));
        Assert.That(Message(diagnostics[0]), Is.EqualTo("Property 'Guests' (at $.booking.guests) read by tool 'book' has no description; add a <summary> or [Description] saying what the value means"));
        Assert.That(diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Info));
    }

    [Test]
    public async Task PragmaSuppressesARule()
    {
        Diagnostic[] diagnostics = await Diagnose(InClass("""
            #pragma warning disable TG0004
                [Tool]
                public static string GetWeather([Description("City name, for example Paris.")] string city) => city;
            #pragma warning restore TG0004
            """));
        Assert.That(diagnostics.Where(d => !d.IsSuppressed), Is.Empty);
    }

    [Test]
    public async Task GeneratedOutputIsNotAnalyzed()
    {
        // The analyzer runs on the user's code, not on what the generator adds.
        Diagnostic[] diagnostics = await Diagnose(CleanTools, "// <auto-generated/>\nusing ToolGen;\npublic static partial class Generated { [Tool] public static int X() => 1; }");
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public async Task EveryRuleFiresOnTheBadShowcase()
    {
        string directory = typeof(RuleTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "ToolGenTestProjectDirectory").Value!;
        string source = System.IO.File.ReadAllText(System.IO.Path.Combine(directory, "TestData", "BadTools.cs"));
        Diagnostic[] diagnostics = await Diagnose(source);
        string[] expected = [.. Enumerable.Range(1, 24).Select(i => $"TG{i:D4}")];
        Assert.That(diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id), Is.EqualTo(expected),
            string.Join("\n", diagnostics.Select(d => d.ToString())));
    }
}
