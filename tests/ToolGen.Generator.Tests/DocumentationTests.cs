using System.Linq;
using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Tests;

/// <summary>Descriptions come from XML docs whether or not the project generates a documentation file.</summary>
public sealed class DocumentationTests
{
    [TestCase(DocumentationMode.None)]
    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.Diagnose)]
    public void EveryDocumentationModeGivesTheSameDescriptions(DocumentationMode mode)
    {
        string generated = GeneratorHarness.Run(TestSources.Weather, mode).Sources.Values.Single();
        Assert.That(generated, Does.Contain("\"get_temperature\", \"Gets the current temperature for a city.\\nReturns: The temperature in unit.\""));
        Assert.That(generated, Does.Contain("\"list_cities\", \"Lists the N cities with a forecast.\""));
        Assert.That(generated, Does.Contain("""
            "description":"City name, for example \"Paris\" or \"São Paulo\"."
            """));
        Assert.That(generated, Does.Contain("Only cities in these countries (ISO codes)."));
        Assert.That(generated, Does.Not.Contain("Not shown to the model"), "runtime-bound parameters are not described");
    }

    [TestCase(DocumentationMode.None)]
    [TestCase(DocumentationMode.Parse)]
    public void AttributesOverrideDocumentation(DocumentationMode mode)
    {
        const string source = """
            using System.ComponentModel;
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
                /// <summary>From the docs.</summary>
                /// <param name="x">From the docs too.</param>
                [Tool(Description = "From the attribute.")]
                public static int A(int x) => x;

                /// <summary>From the docs.</summary>
                /// <param name="x">From the docs too.</param>
                [Tool, Description("From [Description].")]
                public static int B([Description("Parameter from [Description].")] int x) => x;

                /// <summary>From the docs.</summary>
                [Tool(Name = "custom_name")]
                public static int C() => 1;

                [Tool]
                public static int Undocumented(int x) => x;
            }
            """;
        string generated = GeneratorHarness.Run(source, mode).Sources.Values.Single();
        Assert.That(generated, Does.Contain("(\"a\", \"From the attribute.\""));
        Assert.That(generated, Does.Contain("(\"b\", \"From [Description].\""));
        Assert.That(generated, Does.Contain("Parameter from [Description]."));
        Assert.That(generated, Does.Contain("(\"custom_name\", \"From the docs.\""));
        Assert.That(generated, Does.Contain("(\"undocumented\", \"\""));
    }

    [Test]
    public void RichDocumentationIsRenderedAsPlainText()
    {
        const string source = """
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class MyTools
            {
                /// <summary>
                ///   Books a <see cref="T:System.String">room</see> for   <paramref name="nights"/> nights;
                ///   see <see cref="Cancel"/> and <see href="https://example.com/help"/>, or <see langword="null"/>.
                ///   <para>Second paragraph with <c>code</c>.</para>
                ///   <list type="bullet">
                ///     <item><term>Single</term><description>one bed</description></item>
                ///     <item><description>Double</description></item>
                ///   </list>
                /// </summary>
                /// <remarks>Only for hotels in <see cref="System.Collections.Generic.List{T}"/>.</remarks>
                /// <param name="nights">How many nights.</param>
                [Tool]
                public static int Book(int nights) => nights;

                /// <summary>Cancels a booking.</summary>
                [Tool(Name = "cancel_booking")]
                public static void Cancel() { }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, DocumentationMode.Diagnose);
        string generated = run.Sources.Values.Single();
        Assert.That(generated, Does.Contain(
            "(\"book\", \"Books a room for nights nights; see cancel_booking and https://example.com/help, or null.\\nSecond paragraph with code.\\n- Single: one bed\\n- Double\\nOnly for hotels in List.\""));
    }
}
