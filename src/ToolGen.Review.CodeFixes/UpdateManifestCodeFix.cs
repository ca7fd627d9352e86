using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Review.Manifest;

namespace ToolGen.Review.CodeFixes;

/// <summary>
/// Writes the tool manifest (TG0025) and accepts a tool's change into it (TG0026): the tool's entry is added, replaced
/// or removed and the header's totals recomputed; other tools' entries stay as they are. Fix all (document, project or
/// solution) accepts every reported tool at once, which is how the whole manifest is regenerated.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpdateManifestCodeFix)), Shared]
public sealed class UpdateManifestCodeFix : CodeFixProvider
{
    private const string MissingId = "TG0025";
    private const string DiffersId = "TG0026";
    private const string ToolProperty = "ToolGen.Tool";
    private const string EntryProperty = "ToolGen.Entry";
    private const string PathProperty = "ToolGen.ManifestPath";
    private const string ManifestProperty = "ToolGen.Manifest";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(MissingId, DiffersId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => ManifestFixAll.Instance;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Project project = context.TextDocument.Project;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(PathProperty, out string? path) || path is null) continue;
            string file = ManifestFile.FileName(path);
            if (diagnostic.Id == MissingId && diagnostic.Properties.TryGetValue(ManifestProperty, out string? manifest) && manifest is not null)
            {
                context.RegisterCodeFix(CodeAction.Create("Create " + file + " with the project's tools",
                    ct => ApplyAsync(project.Solution, project.Id, [diagnostic], ct), nameof(UpdateManifestCodeFix) + ".Create"), diagnostic);
            }
            else if (diagnostic.Id == DiffersId && diagnostic.Properties.TryGetValue(ToolProperty, out string? tool) && tool is not null)
            {
                string verb = diagnostic.Properties.ContainsKey(EntryProperty) ? "Update" : "Remove";
                context.RegisterCodeFix(CodeAction.Create(verb + " '" + tool + "' in " + file,
                    ct => ApplyAsync(project.Solution, project.Id, [diagnostic], ct), nameof(UpdateManifestCodeFix) + ".Update"), diagnostic);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The solution with <paramref name="diagnostics"/> (all of one project) applied to that project's manifest.</summary>
    internal static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        Project project = solution.GetProject(projectId)!;
        Diagnostic[] all = [.. diagnostics];
        Diagnostic? missing = all.FirstOrDefault(static d => d.Id == MissingId);
        string? path = (missing ?? all.FirstOrDefault())?.Properties.TryGetValue(PathProperty, out string? p) == true ? p : null;
        if (path is null) return solution;

        TextDocument? document = FindManifest(project, path);
        string current = document is null ? "" : (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        string updated;
        if (missing is not null && missing.Properties.TryGetValue(ManifestProperty, out string? whole) && whole is not null)
        {
            updated = whole;
        }
        else
        {
            var updates = new List<KeyValuePair<string, ManifestEntry?>>();
            foreach (Diagnostic diagnostic in all.Where(static d => d.Id == DiffersId))
            {
                if (!diagnostic.Properties.TryGetValue(ToolProperty, out string? tool) || tool is null) continue;
                ManifestEntry? entry = diagnostic.Properties.TryGetValue(EntryProperty, out string? entryText) && entryText is not null
                    ? ManifestEntry.Read(entryText).Select(static e => e.Entry).FirstOrDefault()
                    : null;
                updates.Add(new KeyValuePair<string, ManifestEntry?>(tool, entry));
            }
            updated = ManifestFile.Update(current, updates);
        }

        // UTF-8 without a byte order mark, like the rest of a repository's text.
        SourceText text = SourceText.From(updated, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (document is not null) return solution.WithAdditionalDocumentText(document.Id, text);
        return solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), ManifestFile.FileName(path), text, filePath: path);
    }

    private static TextDocument? FindManifest(Project project, string path) =>
        project.AdditionalDocuments.FirstOrDefault(d => d.FilePath is { } candidate && ManifestFile.IsAt(candidate, path));
}
