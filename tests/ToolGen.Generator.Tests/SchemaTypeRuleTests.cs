using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Tests;

/// <summary>
/// <c>[ToolSchema]</c> types go through the same parser contract as <c>[Tool]</c> methods: the analyzer reports every
/// problem that keeps the generator from producing their schema and reader, where before they were skipped silently.
/// </summary>
public sealed class SchemaTypeRuleTests
{
    private static string Source(string declaration, string members = "public string Name { get; init; } = \"\";") => $$"""
        using System.Collections.Generic;
        using ToolGen;

        namespace Contacts;

        /// <summary>A contact card extracted from text.</summary>
        {{declaration}}
        {
            /// <summary>The person's full name.</summary>
            {{members}}
        }
        """;

    private static async Task<(string Id, string Message)[]> Diagnose(string source) =>
        [.. (await RuleTests.Diagnose(source)).Select(d => (d.Id, d.GetMessage(CultureInfo.InvariantCulture)))];

    [Test]
    public async Task AWellFormedSchemaTypeHasNoDiagnostics() =>
        Assert.That(await Diagnose(Source("[ToolSchema] public sealed partial record ContactCard")), Is.Empty);

    [Test]
    public async Task TG0001_NotPartial()
    {
        var diagnostics = await Diagnose(Source("[ToolSchema] public sealed record ContactCard"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0001" }));
        Assert.That(diagnostics[0].Message, Does.Contain("ContactCard"));
        Assert.That(GeneratorHarness.Run(Source("[ToolSchema] public sealed record ContactCard")).Sources, Is.Empty, "the generator skips it, as the analyzer says");
    }

    [Test]
    public async Task TG0008_InvalidName() =>
        Assert.That((await Diagnose(Source("[ToolSchema(Name = \"contact card\")] public sealed partial record ContactCard"))).Select(d => d.Id), Is.EqualTo(new[] { "TG0008" }));

    [Test]
    public async Task TG0009_UnsupportedMember()
    {
        var diagnostics = await Diagnose(Source("[ToolSchema] public sealed partial record ContactCard", "public System.IO.Stream Photo { get; init; } = null!;"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0009" }));
        Assert.That(diagnostics[0].Message, Does.Contain("$.photo"));
    }

    [Test]
    public async Task TG0018_MemberWithoutDescription()
    {
        string source = Source("[ToolSchema] public sealed partial record ContactCard", "public string Name { get; init; } = \"\";\n    public string Email { get; init; } = \"\";");
        var diagnostics = await Diagnose(source);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0018" }));
        Assert.That(diagnostics[0].Message, Does.Contain("Email").And.Contain("$.email"));
    }

    [Test]
    public async Task EveryProblemOfAMethodIsReportedNotJustTheFirst()
    {
        // One parse collects all problems: the generic method, the by-ref parameter and the unsupported type together.
        const string source = """
            using ToolGen;

            /// <summary>Tools.</summary>
            public static partial class BrokenTools
            {
                /// <summary>Does several wrong things at once, to show every problem is found.</summary>
                /// <param name="count">A count.</param>
                /// <param name="stream">A stream.</param>
                [Tool]
                public static string Broken<T>(ref int count, System.IO.Stream stream) => "";
            }
            """;
        Diagnostic[] diagnostics = await RuleTests.Diagnose(source);
        Assert.That(diagnostics.Select(d => d.Id).Distinct().Order(), Is.EqualTo(new[] { "TG0003", "TG0009", "TG0010" }));
    }
}
