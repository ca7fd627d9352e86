using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ToolGen.Review.CodeFixes;

/// <summary>
/// Fix all for the manifest: every reported tool of each project in scope goes into that project's manifest in one
/// edit. (The built-in batch fixer merges text changes per source document; the manifest is an additional document,
/// and each tool's fix rewrites the same header, so the changes must be applied together.)
/// </summary>
internal sealed class ManifestFixAll : FixAllProvider
{
    public static readonly ManifestFixAll Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create("Update the tool manifest with every reported tool", async cancellationToken =>
        {
            Solution solution = fixAllContext.Solution;
            IEnumerable<Project> projects = fixAllContext.Scope == FixAllScope.Solution ? solution.Projects : [fixAllContext.Project];
            foreach (Project project in projects)
            {
                // Manifest diagnostics are project-wide in meaning: a removed tool is reported in the manifest, a
                // changed one at its method, so even a document-scoped fix-all takes all of the project's.
                ImmutableArray<Diagnostic> diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                Diagnostic[] fixable = [.. diagnostics.Where(d => fixAllContext.DiagnosticIds.Contains(d.Id))];
                if (fixable.Length == 0) continue;
                solution = await UpdateManifestCodeFix.ApplyAsync(solution, project.Id, fixable, cancellationToken).ConfigureAwait(false);
            }
            return solution;
        }, nameof(ManifestFixAll)));
}
