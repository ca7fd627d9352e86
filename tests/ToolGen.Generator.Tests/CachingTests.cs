using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolGen.Generator.Tests;

/// <summary>The incremental pipeline redoes only what an edit requires.</summary>
public sealed class CachingTests
{
    private static readonly string[] s_trackedSteps = [ToolGenStepNames.ToolSchemas, ToolGenStepNames.ToolMethods, ToolGenStepNames.ToolContainers];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(sources);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return (driver, compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation).GetRunResult().Results.Single();

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result) =>
        [.. result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)];

    private static CSharpCompilation Replace(CSharpCompilation compilation, int tree, string from, string to)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(tree);
        string text = old.ToString();
        Assert.That(text, Does.Contain(from));
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to))));
    }

    [Test]
    public void ARerunWithoutChangesLeavesEveryStepCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather, TestSources.Orders);

        GeneratorRunResult result = Rerun(driver, compilation.Clone());

        Assert.That(Reasons(result, ToolGenStepNames.ParsedMethods), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        foreach (string step in s_trackedSteps)
            Assert.That(Reasons(result, step), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached), step);
        Assert.That(OutputReasons(result), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void AnUnrelatedEditLeavesEveryStepCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather);
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { }", GeneratorHarness.ParseOptions()));

        GeneratorRunResult result = Rerun(driver, edited);

        foreach (string step in s_trackedSteps)
            Assert.That(Reasons(result, step), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached), step);
        Assert.That(OutputReasons(result), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void AMethodBodyEditLeavesTheOutputUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather);
        CSharpCompilation edited = Replace(compilation, 0, "=> 21.5;", "=> 22.5 + 1;");

        GeneratorRunResult result = Rerun(driver, edited);

        Assert.That(Reasons(result, ToolGenStepNames.ParsedMethods), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Unchanged), "reparsed to an equal model");
        Assert.That(Reasons(result, ToolGenStepNames.ToolSchemas), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached), "no schema is built again");
        Assert.That(Reasons(result, ToolGenStepNames.ToolMethods), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(Reasons(result, ToolGenStepNames.ToolContainers), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(OutputReasons(result), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void MovingAMethodLeavesTheOutputUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather);
        CSharpCompilation edited = Replace(compilation, 0, "/// <summary>Weather tools.</summary>", "/// <summary>Weather tools.</summary>\n\n\n// moved down");

        GeneratorRunResult result = Rerun(driver, edited);

        Assert.That(Reasons(result, ToolGenStepNames.ToolContainers), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        Assert.That(OutputReasons(result), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void ADocumentationEditRegeneratesTheOutput()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather);
        CSharpCompilation edited = Replace(compilation, 0, "Temperature unit of the reply.", "Unit of the temperature in the reply.");

        GeneratorRunResult result = Rerun(driver, edited);

        Assert.That(Reasons(result, ToolGenStepNames.ParsedMethods), Does.Contain(IncrementalStepRunReason.Modified));
        Assert.That(Reasons(result, ToolGenStepNames.ToolMethods), Does.Contain(IncrementalStepRunReason.Modified));
        Assert.That(Reasons(result, ToolGenStepNames.ToolContainers), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        Assert.That(OutputReasons(result), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        Assert.That(result.GeneratedSources.Single().SourceText.ToString(), Does.Contain("Unit of the temperature in the reply."));
    }

    [Test]
    public void AnEditInOneContainerLeavesTheOtherCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Weather, TestSources.Orders);
        CSharpCompilation edited = Replace(compilation, 1, "Names the store these tools act on.", "Names the store.");

        GeneratorRunResult result = Rerun(driver, edited);

        IncrementalStepRunReason[] containers = Reasons(result, ToolGenStepNames.ToolContainers);
        Assert.That(containers.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        Assert.That(containers.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached), Is.EqualTo(2), "WeatherTools and Inventory");
        Assert.That(OutputReasons(result).Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
    }

    private const string ContactCard = """
        using System.Collections.Generic;
        using ToolGen;

        namespace MyApp.Contacts;

        /// <summary>A contact card extracted from free text.</summary>
        /// <param name="Name">The person's full name.</param>
        /// <param name="Phones">Their phone numbers.</param>
        [ToolSchema]
        public sealed partial record ContactCard(string Name, List<string> Phones)
        {
            /// <summary>How the card reads in a list.</summary>
            public string Display() => Name + " (" + Phones.Count + ")";
        }
        """;

    [Test]
    public void ASchemaTypeMethodEditLeavesItsOutputCachedAndADocEditRegeneratesIt()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(ContactCard);

        GeneratorRunResult bodyEdit = Rerun(driver, Replace(compilation, 0, "\" (\" + Phones.Count + \")\"", "\" [\" + Phones.Count + \"]\""));
        Assert.That(Reasons(bodyEdit, ToolGenStepNames.SchemaTypes), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        Assert.That(OutputReasons(bodyEdit), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));

        GeneratorRunResult docEdit = Rerun(driver, Replace(compilation, 0, "Their phone numbers.", "Their phone numbers, in order."));
        Assert.That(Reasons(docEdit, ToolGenStepNames.SchemaTypes), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        Assert.That(docEdit.GeneratedSources.Single().SourceText.ToString(), Does.Contain("Their phone numbers, in order."));
    }

    [Test]
    public void ReusedObjectModelsGiveTheSameSpecsAsFreshOnes()
    {
        // Two tools of one type share a record; the second reuses the first's model within a compilation. A fresh run
        // on a clone and an incremental run must produce equal specs, so nothing downstream is rebuilt.
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TestSources.Objects);
        GeneratorRunResult result = Rerun(driver, compilation.Clone());
        Assert.That(Reasons(result, ToolGenStepNames.ParsedMethods), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        Assert.That(OutputReasons(result), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.Cached));
        var first = GeneratorHarness.Run(TestSources.Objects).Sources;
        Assert.That(GeneratorHarness.Run(TestSources.Objects).Sources, Is.EqualTo(first));
    }

    [Test]
    public void TheOutputIsDeterministic()
    {
        GeneratorRun first = GeneratorHarness.Run(TestSources.Orders);
        GeneratorRun second = GeneratorHarness.Run(TestSources.Orders);
        Assert.That(second.Sources, Is.EqualTo(first.Sources));
    }
}
