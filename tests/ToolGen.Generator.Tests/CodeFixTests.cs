using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ToolGen.CodeFixes;
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Tests;

/// <summary>Each code fix produces the expected source, in a real workspace, with and without parsed doc comments.</summary>
public sealed class CodeFixTests
{
    private static (AdhocWorkspace Workspace, Document Document) Open(string source, DocumentationMode mode, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var info = ProjectInfo.Create(projectId, VersionStamp.Default, "UserTools", "UserTools", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions(mode),
            metadataReferences: GeneratorHarness.References,
            filePath: "/src/UserTools.csproj");
        Solution solution = workspace.CurrentSolution.AddProject(info);
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Tools.cs", SourceText.From(source), filePath: "/src/Tools.cs");
        if (editorConfig is not null)
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(editorConfig), filePath: "/src/.editorconfig");
        workspace.TryApplyChanges(solution);
        return (workspace, workspace.CurrentSolution.GetDocument(documentId)!);
    }

    private static async Task<Diagnostic[]> Diagnose(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new ToolAnalyzer()], document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics];
    }

    private static async Task<string> Fix(string source, string id, CodeFixProvider provider, DocumentationMode mode = DocumentationMode.Parse)
    {
        (AdhocWorkspace workspace, Document document) = Open(source, mode);
        using (workspace)
        {
            Diagnostic diagnostic = (await Diagnose(document)).First(d => d.Id == id);
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            Assert.That(actions, Has.Count.EqualTo(1), $"one fix for {id}");
            ApplyChangesOperation change = (await actions[0].GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
            return (await change.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
        }
    }

    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.None)]
    public async Task MakeTheTypePartial(DocumentationMode mode)
    {
        const string source = """
            using ToolGen;

            /// <summary>Weather tools.</summary>
            public static class WeatherTools
            {
                /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                /// <param name="city">City name, for example "Paris".</param>
                [Tool]
                public static string GetWeather(string city) => city;
            }
            """;
        string result = await Fix(source, "TG0001", new MakePartialCodeFix(), mode);
        Assert.That(result, Is.EqualTo(source.Replace("public static class WeatherTools", "public static partial class WeatherTools")));
        (AdhocWorkspace workspace, Document fixedDocument) = Open(result, mode);
        using (workspace) Assert.That(await Diagnose(fixedDocument), Is.Empty, "the fixed source has no diagnostics left");
    }

    [Test]
    public async Task TakeAServiceFromTheCallsServices()
    {
        const string source = """
            using ToolGen;

            /// <summary>Where orders are kept.</summary>
            public interface IOrderStore { /// <summary>An order's status.</summary>
            string Status(int id); }

            /// <summary>Order tools.</summary>
            public static partial class OrderTools
            {
                /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
                /// <param name="orderId">The order number printed on the receipt.</param>
                /// <param name="store">Where orders are kept.</param>
                [Tool]
                public static string OrderStatus(int orderId, IOrderStore store) => store.Status(orderId);
            }
            """;
        string result = await Fix(source, "TG0009", new AddFromServicesCodeFix());
        Assert.That(result, Is.EqualTo(source.Replace("int orderId, IOrderStore store", "int orderId, [FromServices] IOrderStore store")));
        (AdhocWorkspace workspace, Document fixedDocument) = Open(result, DocumentationMode.Parse);
        using (workspace) Assert.That(await Diagnose(fixedDocument), Is.Empty, "the fixed source has no diagnostics left");
    }

    [Test]
    public async Task NoServiceFixForATypeThatIsNotAService()
    {
        const string source = """
            using System;
            using ToolGen;

            /// <summary>Order tools.</summary>
            public static partial class OrderTools
            {
                /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
                /// <param name="callback">Called back.</param>
                [Tool]
                public static string OrderStatus(Action<int> callback) => "";
            }
            """;
        (AdhocWorkspace workspace, Document document) = Open(source, DocumentationMode.Parse);
        using (workspace)
        {
            Diagnostic diagnostic = (await Diagnose(document)).First(d => d.Id == "TG0009");
            var actions = new List<CodeAction>();
            await new AddFromServicesCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            Assert.That(actions, Is.Empty, "a delegate is not a service: the fix is not offered");
        }
    }

    [Test]
    public async Task MakeTheContainingTypePartial()
    {
        const string source = """
            using ToolGen;

            internal class Outer
            {
                /// <summary>Weather tools.</summary>
                public static partial class WeatherTools
                {
                    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                    /// <param name="city">City name, for example "Paris".</param>
                    [Tool]
                    public static string GetWeather(string city) => city;
                }
            }
            """;
        string result = await Fix(source, "TG0002", new MakePartialCodeFix());
        Assert.That(result, Is.EqualTo(source.Replace("internal class Outer", "internal partial class Outer")));
    }

    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.None)]
    public async Task AddADocSkeletonListingEveryParameter(DocumentationMode mode)
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using ToolGen;

            public static partial class WeatherTools
            {
                [Tool(ReadOnly = true)]
                public static Task<string> GetWeatherAsync(string city, int days, CancellationToken cancellationToken) => Task.FromResult(city);
            }
            """;
        string result = await Fix(source, "TG0004", new DocCommentCodeFix(), mode);
        Assert.That(result, Is.EqualTo(source.Replace("    [Tool(ReadOnly = true)]", """
                /// <summary></summary>
                /// <param name="city"></param>
                /// <param name="days"></param>
                /// <returns></returns>
                [Tool(ReadOnly = true)]
            """)));
    }

    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.None)]
    public async Task AddOnlyTheMissingParamTags(DocumentationMode mode)
    {
        const string source = """
            using ToolGen;

            public static partial class WeatherTools
            {
                /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                /// <param name="city">City name, for example "Paris".</param>
                [Tool]
                public static void Report(string city, int days) { }
            }
            """;
        string result = await Fix(source, "TG0005", new DocCommentCodeFix(), mode);
        Assert.That(result, Is.EqualTo(source.Replace("""
                /// <param name="city">City name, for example "Paris".</param>

            """, """
                /// <param name="city">City name, for example "Paris".</param>
                /// <param name="days"></param>

            """)));
    }

    [TestCase("has space", "has_space")]
    [TestCase("get.weather!", "get_weather")]
    [TestCase("...", "get_weather")]
    public async Task RenameAnInvalidToolName(string name, string expected)
    {
        string source = $$"""
            using ToolGen;

            public static partial class WeatherTools
            {
                /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                /// <param name="city">City name, for example "Paris".</param>
                [Tool(Name = "{{name}}")]
                public static string GetWeather(string city) => city;
            }
            """;
        string result = await Fix(source, "TG0008", new RenameToolCodeFix());
        Assert.That(result, Is.EqualTo(source.Replace($"\"{name}\"", $"\"{expected}\"")));
    }

    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.None)]
    public async Task RemoveAStrayParamTag(DocumentationMode mode)
    {
        const string source = """
            using ToolGen;

            public static partial class WeatherTools
            {
                /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                /// <param name="town">The old name
                /// of the parameter.</param>
                /// <param name="city">City name, for example "Paris".</param>
                /// <param name="country"/>
                [Tool]
                public static string GetWeather(string city) => city;
            }
            """;
        string result = await Fix(source, "TG0013", new RemoveParamTagCodeFix(), mode);
        Assert.That(result, Is.EqualTo(source.Replace("""
                /// <param name="town">The old name
                /// of the parameter.</param>

            """, "")));
        result = await Fix(result, "TG0013", new RemoveParamTagCodeFix(), mode);
        Assert.That(result, Does.Not.Contain("country"));
        Assert.That(result, Does.Contain("/// <param name=\"city\">City name"));
    }

    [Test]
    public async Task EditorConfigCanTurnARuleOff()
    {
        const string source = """
            using ToolGen;

            public static partial class WeatherTools
            {
                [Tool]
                public static string GetWeather([System.ComponentModel.Description("City name, for example Paris.")] string city) => city;
            }
            """;
        (AdhocWorkspace plain, Document withRule) = Open(source, DocumentationMode.Parse);
        using (plain) Assert.That((await Diagnose(withRule)).Select(d => d.Id), Is.EqualTo(new[] { "TG0004" }));

        (AdhocWorkspace configured, Document withoutRule) = Open(source, DocumentationMode.Parse, "root = true\n\n[*.cs]\ndotnet_diagnostic.TG0004.severity = none\n");
        using (configured) Assert.That(await Diagnose(withoutRule), Is.Empty);
    }
}
