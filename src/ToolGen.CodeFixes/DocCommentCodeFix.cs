using System;
using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Text;
using ToolGen.Generator.Diagnostics;

namespace ToolGen.CodeFixes;

/// <summary>
/// TG0004 / TG0005: adds an XML doc skeleton listing every parameter the model sees (or, when the method has docs, the missing
/// <c>&lt;param&gt;</c> tags). Works on the text, so it behaves the same whether or not the project parses doc comments.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DocCommentCodeFix)), Shared]
public sealed class DocCommentCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingDescriptionId, DiagnosticDescriptors.MissingParameterDescriptionId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method) return;
        bool hasDocs = DocLines(method).Any();
        context.RegisterCodeFix(
            CodeAction.Create(hasDocs ? "Add the missing <param> tags" : "Add XML documentation", ct => AddDocsAsync(context.Document, method, ct), nameof(DocCommentCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> AddDocsAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        TextLine firstLine = text.Lines.GetLineFromPosition(method.SpanStart);
        string indent = firstLine.ToString().Substring(0, method.SpanStart - firstLine.Start);
        string newLine = firstLine.EndIncludingLineBreak > firstLine.End ? text.ToString(TextSpan.FromBounds(firstLine.End, firstLine.EndIncludingLineBreak)) : "\n";
        List<SyntaxTrivia> docLines = DocLines(method).ToList();
        string existing = string.Concat(docLines.Select(t => t.ToFullString()));

        var lines = new StringBuilder();
        if (docLines.Count == 0) lines.Append(indent).Append("/// <summary></summary>").Append(newLine);
        foreach (ParameterSyntax parameter in method.ParameterList.Parameters)
        {
            // The runtime binds these; the model never sees them, so they need no description.
            if (parameter.Type?.ToString() is "CancellationToken" or "System.Threading.CancellationToken" or "ToolContext" or "ToolGen.ToolContext") continue;
            string name = parameter.Identifier.ValueText;
            if (existing.Contains("name=\"" + name + "\"")) continue;
            lines.Append(indent).Append("/// <param name=\"").Append(name).Append("\"></param>").Append(newLine);
        }
        if (docLines.Count == 0 && ReturnsValue(method)) lines.Append(indent).Append("/// <returns></returns>").Append(newLine);

        // New docs go above the method (and its attributes); missing tags go after the last existing doc line.
        // (A parsed doc comment's span ends after its last line break, so step back one character to stay on that line.)
        SyntaxTrivia last = docLines.Count == 0 ? default : docLines[docLines.Count - 1];
        int position = docLines.Count == 0 ? firstLine.Start : text.Lines.GetLineFromPosition(Math.Max(last.Span.Start, last.Span.End - 1)).EndIncludingLineBreak;
        return document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), lines.ToString())));
    }

    // The /// lines above the method, parsed or not.
    private static IEnumerable<SyntaxTrivia> DocLines(MethodDeclarationSyntax method) =>
        method.GetLeadingTrivia().Where(t => t.ToFullString().TrimStart().StartsWith("///", StringComparison.Ordinal));

    private static bool ReturnsValue(MethodDeclarationSyntax method) => method.ReturnType switch
    {
        PredefinedTypeSyntax predefined => !predefined.Keyword.IsKind(SyntaxKind.VoidKeyword),
        IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } => false,
        QualifiedNameSyntax { Right.Identifier.ValueText: "Task" or "ValueTask" } => false,
        _ => true,
    };
}
