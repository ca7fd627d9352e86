using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Generator.Diagnostics;

namespace ToolGen.CodeFixes;

/// <summary>TG0013: removes the lines of a <c>&lt;param&gt;</c> tag that names no parameter.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveParamTagCodeFix)), Shared]
public sealed class RemoveParamTagCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnknownParamTagId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        context.RegisterCodeFix(
            CodeAction.Create("Remove the <param> tag", ct => RemoveAsync(context.Document, context.Span, ct), nameof(RemoveParamTagCodeFix)),
            context.Diagnostics);
        return Task.CompletedTask;
    }

    private static async Task<Document> RemoveAsync(Document document, TextSpan tag, CancellationToken cancellationToken)
    {
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        string rest = text.ToString(TextSpan.FromBounds(tag.Start, text.Length));
        // The tag ends at its closing tag, or at "/>" when it is empty.
        int close = rest.IndexOf("</param>", System.StringComparison.Ordinal);
        int selfClose = rest.IndexOf("/>", System.StringComparison.Ordinal);
        int end = tag.Start + (selfClose >= 0 && (close < 0 || selfClose < rest.IndexOf('>')  + 1) ? selfClose + 2 : close + "</param>".Length);
        TextLine first = text.Lines.GetLineFromPosition(tag.Start);
        TextLine last = text.Lines.GetLineFromPosition(end);
        return document.WithText(text.WithChanges(new TextChange(TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak), "")));
    }
}
