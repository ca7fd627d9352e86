using System.Linq;

namespace ToolGen.Generator.Tests;

/// <summary>The generated source for representative tool classes, compared with reviewed snapshots.</summary>
public sealed class SnapshotTests
{
    [Test]
    public void StaticToolsInAStaticClass()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Weather);
        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "MyApp.Weather.WeatherTools.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources.Values.Single(), "WeatherTools");
    }

    [Test]
    public void InstanceToolsAndARecord()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Orders);
        Assert.That(run.Sources.Keys, Is.EquivalentTo(new[] { "MyApp.Orders.OrderTools.ToolGen.g.cs", "MyApp.Orders.Inventory.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources["MyApp.Orders.OrderTools.ToolGen.g.cs"], "OrderTools");
        Snapshot.Match(run.Sources["MyApp.Orders.Inventory.ToolGen.g.cs"], "Inventory");
    }

    [Test]
    public void EveryShapeInANestedStructInTheGlobalNamespace()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Shapes);
        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "Outer.Inner.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources.Values.Single(), "OuterInner");
    }

    [Test]
    public void ASchemaTypeForExtraction()
    {
        const string source = """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using ToolGen;

            namespace MyApp.Contacts;

            /// <summary>A contact card extracted from free text.</summary>
            /// <param name="Name">The person's full name.</param>
            /// <param name="Email">Their e-mail address, when the text has one.</param>
            /// <param name="Phones">Their phone numbers, in the order they appear.</param>
            [ToolSchema]
            public sealed partial record ContactCard(string Name, [property: EmailAddress] string? Email, List<string> Phones);
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "MyApp.Contacts.ContactCard.ToolGen.Schema.g.cs" }));
        Snapshot.Match(run.Sources.Values.Single(), "ContactCard");
    }

    [Test]
    public void ObjectsRecordsDictionariesAndRecursion()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Objects);
        Snapshot.Match(run.Sources.Values.Single(), "ShopTools");
    }

    [TestCase(Microsoft.CodeAnalysis.NullableContextOptions.Disable)]
    [TestCase(Microsoft.CodeAnalysis.NullableContextOptions.Enable)]
    public void GeneratedCodeCompilesCleanlyWithCSharp11AndEitherNullableContext(Microsoft.CodeAnalysis.NullableContextOptions nullable)
    {
        // C# 11 is the floor: the generated code uses UTF-8 string literals.
        foreach (string source in new[] { TestSources.Weather, TestSources.Orders.Replace("(string store)", "").Replace("store.Length > 0 && ", "").Replace("=> store;", "=> \"main\";"), TestSources.Objects })
        {
            // Without nullable annotations, reference types lose their '?' (value types keep Nullable<T>).
            string adapted = nullable == Microsoft.CodeAnalysis.NullableContextOptions.Disable ? source.Replace("[]?", "[]").Replace(">?", ">").Replace("string?", "string") : source;
            GeneratorHarness.Run(adapted.Replace("[];", "new();"), version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11, nullable: nullable);
        }
    }

    [Test]
    [SetCulture("de-DE")]
    [SetUICulture("de-DE")]
    public void TheOutputDoesNotDependOnTheCulture()
    {
        // Defaults such as 1.5 and -2.5e-8 must not become "1,5" under a culture with a decimal comma.
        GeneratorRun run = GeneratorHarness.Run(TestSources.Shapes);
        Snapshot.Match(run.Sources.Values.Single(), "OuterInner");
    }
}
