using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Review.CodeFixes;

namespace ToolGen.Review.Tests;

/// <summary>
/// A project in an <see cref="AdhocWorkspace"/> as an IDE holds it: C# sources, the MSBuild properties the package's
/// props make visible (as a global analyzer config), and the manifest as an additional document when there is one.
/// </summary>
internal sealed class ReviewProject : IDisposable
{
    public const string ProjectDirectory = "/src/Shop";
    public const string ManifestPath = ProjectDirectory + "/ToolGen.tools.txt";

    /// <summary>The platform's assemblies, without ToolGen.</summary>
    public static readonly MetadataReference[] Platform =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        [.. Platform, MetadataReference.CreateFromFile(typeof(ToolAttribute).Assembly.Location)]);

    private readonly AdhocWorkspace _workspace = new();
    private readonly ProjectId _projectId = ProjectId.CreateNewId();
    private readonly DocumentId _sourceId;

    public ReviewProject(string source, string? manifest, IDictionary<string, string>? properties = null, string manifestPath = ManifestPath)
    {
        var info = ProjectInfo.Create(_projectId, VersionStamp.Default, "Shop", "Shop", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse),
            metadataReferences: s_references.Value, filePath: ProjectDirectory + "/Shop.csproj");
        Solution solution = _workspace.CurrentSolution.AddProject(info);
        _sourceId = DocumentId.CreateNewId(_projectId);
        solution = solution.AddDocument(_sourceId, "Tools.cs", SourceText.From(source), filePath: ProjectDirectory + "/Tools.cs");
        var settings = new Dictionary<string, string> { ["ToolGenManifest"] = "true", ["ToolGenManifestFile"] = ManifestPath };
        foreach (KeyValuePair<string, string> property in properties ?? new Dictionary<string, string>()) settings[property.Key] = property.Value;
        string config = "is_global = true\n" + string.Concat(settings.Where(p => p.Value.Length > 0).Select(p => $"build_property.{p.Key} = {p.Value}\n"));
        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(_projectId), ".globalconfig", SourceText.From(config), filePath: ProjectDirectory + "/.globalconfig");
        if (manifest is not null)
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(_projectId), Path.GetFileName(manifestPath), SourceText.From(manifest), filePath: manifestPath);
        if (!_workspace.TryApplyChanges(solution)) throw new InvalidOperationException("The workspace refused the project.");
    }

    public Project Project => _workspace.CurrentSolution.GetProject(_projectId)!;

    /// <summary>The manifest's text as the workspace has it, or null when the project has none.</summary>
    public string? Manifest => Project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == ManifestPath) is { } document
        ? document.GetTextAsync().GetAwaiter().GetResult().ToString()
        : null;

    /// <summary>Replaces the tools' source, as an edit in the IDE does.</summary>
    public void Edit(Func<string, string> change)
    {
        Document document = _workspace.CurrentSolution.GetDocument(_sourceId)!;
        string text = document.GetTextAsync().GetAwaiter().GetResult().ToString();
        string edited = change(text);
        if (edited == text) throw new InvalidOperationException("The edit changed nothing.");
        Apply(_workspace.CurrentSolution.WithDocumentText(_sourceId, SourceText.From(edited)));
    }

    /// <summary>Every diagnostic the review analyzer reports on the project now.</summary>
    public async Task<Diagnostic[]> DiagnoseAsync()
    {
        Compilation compilation = (await Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new ReviewAnalyzer()], Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(), StringComparer.Ordinal)];
    }

    /// <summary>Applies the one code fix offered for <paramref name="diagnostic"/>; returns its title.</summary>
    public async Task<string> FixAsync(Diagnostic diagnostic)
    {
        var provider = new UpdateManifestCodeFix();
        var actions = new List<CodeAction>();
        TextDocument document = diagnostic.Location.IsInSource
            ? Project.GetDocument(diagnostic.Location.SourceTree)!
            : Project.AdditionalDocuments.First(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.That(actions, Has.Count.EqualTo(1), $"one fix for {diagnostic.Id}");
        await ApplyAsync(actions[0]);
        return actions[0].Title;
    }

    /// <summary>Fix all in the project scope, as "Fix all occurrences in project" does.</summary>
    public Task FixAllAsync(params string[] ids) => FixAllAsync(FixAllScope.Project, ids);

    /// <summary>Fix all in <paramref name="scope"/>, started from the first reported diagnostic's document when it has one.</summary>
    public async Task FixAllAsync(FixAllScope scope, params string[] ids)
    {
        var provider = new UpdateManifestCodeFix();
        Diagnostic[] diagnostics = [.. (await DiagnoseAsync()).Where(d => ids.Contains(d.Id))];
        var getter = new Provider(diagnostics);
        Diagnostic? inSource = diagnostics.FirstOrDefault(d => d.Location.IsInSource);
        FixAllContext context = scope == FixAllScope.Document && inSource is not null
            ? new FixAllContext(Project.GetDocument(inSource.Location.SourceTree)!, provider, scope, "", ids, getter, CancellationToken.None)
            : new FixAllContext(Project, provider, scope, "", ids, getter, CancellationToken.None);
        CodeAction? action = await provider.GetFixAllProvider()!.GetFixAsync(context);
        await ApplyAsync(action!);
    }

    private async Task ApplyAsync(CodeAction action)
    {
        ApplyChangesOperation change = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        Apply(change.ChangedSolution);
    }

    private void Apply(Solution solution)
    {
        if (!_workspace.TryApplyChanges(solution)) throw new InvalidOperationException("The workspace refused the change.");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The source of a file under this test project, read from disk.</summary>
    public static string ReadSource(string relativePath)
    {
        string directory = typeof(ReviewProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "ToolGenTestProjectDirectory").Value!;
        return File.ReadAllText(Path.Combine(directory, relativePath));
    }

    private sealed class Provider(Diagnostic[] diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree == document.GetSyntaxTreeAsync(cancellationToken).Result));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => !d.Location.IsInSource));
    }
}
