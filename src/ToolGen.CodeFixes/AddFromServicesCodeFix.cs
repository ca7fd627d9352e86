using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ToolGen.Generator.Diagnostics;
using ToolGen.Generator.Parsing;

namespace ToolGen.CodeFixes;

/// <summary>
/// TG0009 on a parameter whose type is clearly a service (an <c>ILogger&lt;T&gt;</c>, an <c>IOrderStore</c>): adds
/// <c>[FromServices]</c>, so the parameter comes from the call's services and leaves the model's schema.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFromServicesCodeFix)), Shared]
public sealed class AddFromServicesCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnsupportedTypeId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault() is not { } parameter) return;
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(parameter, context.CancellationToken) is not IParameterSymbol symbol) return;
        // Only where the type is clearly a service; TG0009 on anything else needs another type, not an attribute.
        if (!ServiceBinding.LooksLikeService(symbol.Type, KnownSymbols.For(model.Compilation))) return;
        context.RegisterCodeFix(
            CodeAction.Create($"Take '{symbol.Name}' from the call's services ([FromServices])", ct => AddAttributeAsync(context.Document, parameter, ct), nameof(AddFromServicesCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> AddAttributeAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        // global::ToolGen.FromServices, simplified to FromServices where 'using ToolGen;' is in scope.
        AttributeSyntax attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::ToolGen.FromServices").WithAdditionalAnnotations(Simplifier.Annotation));
        ParameterSyntax updated = parameter
            .WithoutLeadingTrivia()
            .AddAttributeLists(SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(parameter.GetLeadingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(parameter, updated));
    }
}
