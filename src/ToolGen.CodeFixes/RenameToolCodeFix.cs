using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolGen.Generator.Diagnostics;

namespace ToolGen.CodeFixes;

/// <summary>TG0008: replaces an invalid tool name with the nearest valid one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameToolCodeFix)), Shared]
public sealed class RenameToolCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidNameId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal) return;
        string fallback = literal.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.Identifier.ValueText ?? "tool";
        string name = ValidName(literal.Token.ValueText, fallback);
        context.RegisterCodeFix(
            CodeAction.Create($"Rename the tool to '{name}'", ct => RenameAsync(context.Document, literal, name, ct), nameof(RenameToolCodeFix)),
            context.Diagnostics);
    }

    /// <summary>Invalid characters become '_', runs of '_' collapse, and the result is cut to 64 characters.</summary>
    internal static string ValidName(string name, string fallback)
    {
        var text = new StringBuilder();
        foreach (char c in name.Trim())
        {
            bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            char next = valid ? c : '_';
            if (next == '_' && text.Length > 0 && text[text.Length - 1] == '_') continue;
            text.Append(next);
        }
        string result = text.ToString().Trim('_');
        if (result.Length == 0) result = ToolGen.Generator.Helpers.NameConverter.ToToolName(fallback);
        return result.Length > 64 ? result.Substring(0, 64) : result;
    }

    private static async Task<Document> RenameAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        LiteralExpressionSyntax updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, updated));
    }
}
